import { connection } from 'next/server';
import { listFacilities } from '@/db/patients';
import { facilityScopeOf, NO_FACILITY_MESSAGE } from '@/lib/facility-scope';
import { RegisterPatientForm } from '@/components/register-patient-form';
import { requireUser } from '@/server/session';

export default async function NewPatientPage() {
  await connection();
  const user = await requireUser(['nurse']);
  // She registers only at her facilities (the action refuses any other).
  const facilities = listFacilities(facilityScopeOf(user));
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Register a patient</h1>
      {facilities.length === 0 ? (
        <p role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3 font-semibold" data-testid="no-facility">
          {NO_FACILITY_MESSAGE}
        </p>
      ) : (
        <RegisterPatientForm facilities={facilities} />
      )}
    </div>
  );
}
