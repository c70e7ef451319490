import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getEncounter } from '@/db/encounters';
import { listClinicians, loadFormulary } from '@/db/formulary';
import { CloseEncounterButton } from '@/components/close-encounter-button';
import { EncounterHeader } from '@/components/encounter-header';
import { EncounterWorkspace } from '@/components/encounter-workspace';

/** Read once per request: the first paint of the form's clocks matches on server and client. */
function requestTime(): number {
  return Date.now();
}

export default async function EncounterPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const encounterId = Number(id);
  const encounter = Number.isSafeInteger(encounterId) && encounterId > 0 ? getEncounter(encounterId) : null;
  if (!encounter) notFound();
  const canChart = encounter.status === 'open';
  return (
    <div className="space-y-6">
      <EncounterHeader encounter={encounter} />
      {canChart && !encounter.closedAt ? <CloseEncounterButton encounterId={encounter.id} /> : null}
      {!canChart ? (
        <p className="rounded border border-slate-400 bg-white p-3 font-semibold" role="status">
          This encounter has been signed and sent to coding: it is closed to new charting.
        </p>
      ) : null}
      <EncounterWorkspace
        encounterId={encounter.id}
        setting={encounter.setting}
        timeZone={encounter.facility.timeZone}
        lateEntryThresholdMinutes={encounter.lateEntryThresholdMinutes}
        jwJz={encounter.jwJzPolicy}
        administrations={encounter.administrations}
        formulary={loadFormulary()}
        clinicians={listClinicians()}
        serverNow={requestTime()}
        canChart={canChart}
      />
    </div>
  );
}
