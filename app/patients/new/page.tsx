import { connection } from 'next/server';
import { listFacilities } from '@/db/patients';
import { RegisterPatientForm } from '@/components/register-patient-form';
import { requireUser } from '@/server/session';

export default async function NewPatientPage() {
  await connection();
  await requireUser(['nurse']);
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Register a patient</h1>
      <RegisterPatientForm facilities={listFacilities()} />
    </div>
  );
}
