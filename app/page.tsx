import Link from 'next/link';
import { connection } from 'next/server';
import { listEncounters } from '@/db/encounters';
import { facilityScopeOf, isEmptyScope, NO_FACILITY_MESSAGE } from '@/lib/facility-scope';
import { encounterStatusLabel, SETTING_LABEL } from '@/lib/format';
import { formatDateTime, zoneAbbreviation } from '@/lib/time';
import { patientName } from '@/lib/types';
import { PatientSearch } from '@/components/patient-search';
import { QueryBadge } from '@/components/query-badge';
import { requireUser } from '@/server/session';
import { secondaryButtonClass } from '@/components/field';

export default async function HomePage() {
  await connection();
  const user = await requireUser();
  // Only encounters at her facilities (an admin's: every facility).
  const scope = facilityScopeOf(user);
  const encounters = listEncounters(scope);
  return (
    <div>
      <section aria-label="Find or register a patient" className="mb-8 flex flex-wrap items-end gap-4">
        <div className="min-w-72 flex-1">
          <PatientSearch />
        </div>
        {user.role === 'nurse' && !isEmptyScope(scope) ? (
          <Link href="/patients/new" className={secondaryButtonClass}>
            Register a new patient
          </Link>
        ) : null}
      </section>
      <h1 className="mb-4 text-2xl font-semibold">Encounters</h1>
      {isEmptyScope(scope) ? (
        <p role="status" className="mb-4 rounded border-2 border-amber-700 bg-amber-50 p-3 font-semibold" data-testid="no-facility">
          {NO_FACILITY_MESSAGE}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full border-collapse text-left text-sm">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Patient</th>
              <th scope="col" className="px-3 py-2">MRN</th>
              <th scope="col" className="px-3 py-2">Facility</th>
              <th scope="col" className="px-3 py-2">Opened</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2 text-right">Administrations</th>
            </tr>
          </thead>
          <tbody>
            {encounters.map((e) => (
              <tr key={e.id} className="border-t border-slate-200" data-testid="encounter-row">
                <td className="px-3 py-2">
                  <Link href={`/encounters/${e.id}`} className="inline-block min-h-11 py-2 font-semibold text-blue-800 underline">
                    {patientName(e.patient)}
                  </Link>
                  {/* Open coder queries wait for the nurse (issue 12 item 11). */}
                  <span className="block">
                    <QueryBadge count={e.openQueryCount} href={`/encounters/${e.id}#query-heading`} />
                  </span>
                </td>
                <td className="px-3 py-2 font-mono">{e.patient.mrn}</td>
                <td className="px-3 py-2">
                  {e.facility.name}
                  <span className="block text-xs text-slate-600">{SETTING_LABEL[e.setting]}</span>
                </td>
                <td className="px-3 py-2">
                  {formatDateTime(e.openedAt, e.facility.timeZone)} {zoneAbbreviation(e.openedAt, e.facility.timeZone)}
                </td>
                <td className="px-3 py-2" data-testid="encounter-status">{encounterStatusLabel(e)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{e.administrationCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
