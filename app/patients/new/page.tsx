import { connection } from 'next/server';
import { listFacilities } from '@/db/patients';
import { RegisterPatientForm } from '@/components/register-patient-form';

export default async function NewPatientPage() {
  await connection();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Register a patient</h1>
      <RegisterPatientForm facilities={listFacilities()} />
    </div>
  );
}
