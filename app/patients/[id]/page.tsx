import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getPatient, listFacilities } from '@/db/patients';
import { OpenEncounterForm } from '@/components/open-encounter-form';
import { facilityScopeOf } from '@/lib/facility-scope';
import { encounterStatusLabel, SETTING_LABEL } from '@/lib/format';
import { parseRouteId } from '@/lib/ids';
import { formatDateTime, zoneAbbreviation } from '@/lib/time';
import { patientName } from '@/lib/types';
import { requireUser } from '@/server/session';

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requireUser();
  const id = parseRouteId((await params).id);
  // Another facility's patient answers exactly like a patient that does not exist.
  const scope = facilityScopeOf(user);
  const patient = id === null ? null : getPatient(id, scope);
  if (!patient) notFound();
  const choices = listFacilities(scope);
  // Her facilities, the patient's registering one first.
  const facilities = [...choices.filter((f) => f.id === patient.facility.id), ...choices.filter((f) => f.id !== patient.facility.id)];
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-300 bg-white p-4">
        <h1 className="text-2xl font-semibold">{patientName(patient)}</h1>
        <p className="mt-1">
          MRN <span className="font-mono font-semibold">{patient.mrn}</span> · DOB {patient.birthDate} · {patient.facility.name}
        </p>
      </section>
      {user.role === 'nurse' ? (
        <section className="rounded-lg border border-slate-300 bg-white p-4">
          <h2 className="mb-3 text-lg font-semibold">Open a new encounter</h2>
          <OpenEncounterForm
            patientId={patient.id}
            facilities={facilities}
            defaultFacilityId={patient.facility.id}
            openEncounters={patient.encounters
              .filter((e) => e.status === 'open' && !e.closedAt)
              .map((e) => ({ id: e.id, label: `${formatDateTime(e.openedAt, e.facility.timeZone)} ${zoneAbbreviation(e.openedAt, e.facility.timeZone)} · ${e.facility.name}` }))}
          />
        </section>
      ) : null}
      <section className="rounded-lg border border-slate-300 bg-white p-4">
        <h2 className="mb-3 text-lg font-semibold">Encounters (open first)</h2>
        {patient.encounters.length === 0 ? (
          <p>No encounters yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {patient.encounters.map((e) => (
              <li key={e.id} className="py-2">
                <Link href={`/encounters/${e.id}`} className="inline-block min-h-11 py-2 font-semibold text-blue-800 underline">
                  {formatDateTime(e.openedAt, e.facility.timeZone)} {zoneAbbreviation(e.openedAt, e.facility.timeZone)} · {e.facility.name}
                </Link>{' '}
                <span className="text-sm">
                  {SETTING_LABEL[e.facility.setting]} · <span data-testid="encounter-status">{encounterStatusLabel(e)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
