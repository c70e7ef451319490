import { encounterStatusLabel, SETTING_LABEL } from '@/lib/format';
import { QueryBadge } from './query-badge';
import { formatDateTime, zoneAbbreviation } from '@/lib/time';
import { patientName, type EncounterDetail } from '@/lib/types';

/** Who and where, always visible above a chart so nobody charts on the wrong patient. */
export function EncounterHeader({ encounter }: { encounter: EncounterDetail }) {
  const { patient, facility } = encounter;
  const zone = facility.timeZone;
  return (
    <section aria-label="Patient and encounter" className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold" data-testid="patient-name">
          {patientName(patient)}
        </h1>
        <span className="flex flex-wrap items-center gap-2">
          <QueryBadge count={encounter.openQueryCount} href="#query-heading" />
          <span className="rounded border border-slate-400 px-2 py-0.5 text-sm font-medium" data-testid="encounter-status">
            {encounterStatusLabel(encounter)}
          </span>
        </span>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <div>
          <dt className="text-slate-600">MRN</dt>
          <dd className="font-mono font-semibold" data-testid="patient-mrn">{patient.mrn}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Date of birth</dt>
          <dd className="font-semibold" data-testid="patient-dob">{patient.birthDate}</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-slate-600">Facility</dt>
          <dd className="font-semibold">{facility.name}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Setting</dt>
          <dd className="font-semibold" data-testid="encounter-setting">{SETTING_LABEL[encounter.setting]}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Time zone</dt>
          <dd className="font-semibold" data-testid="encounter-zone">
            {zone} ({zoneAbbreviation(encounter.openedAt, zone)})
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Opened</dt>
          <dd>{formatDateTime(encounter.openedAt, zone)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Closed</dt>
          <dd>{encounter.closedAt ? formatDateTime(encounter.closedAt, zone) : '—'}</dd>
        </div>
      </dl>
    </section>
  );
}
