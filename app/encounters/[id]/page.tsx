import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getEncounter } from '@/db/encounters';
import { EncounterHeader } from '@/components/encounter-header';
import { EncounterTimeline } from '@/components/encounter-timeline';

export default async function EncounterPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const encounterId = Number(id);
  const encounter = Number.isSafeInteger(encounterId) && encounterId > 0 ? getEncounter(encounterId) : null;
  if (!encounter) notFound();
  return (
    <div className="space-y-6">
      <EncounterHeader encounter={encounter} />
      <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          Timeline <span className="text-sm font-normal text-slate-600">(times in {encounter.facility.timeZone})</span>
        </h2>
        <EncounterTimeline
          administrations={encounter.administrations}
          timeZone={encounter.facility.timeZone}
          lateEntryThresholdMinutes={encounter.lateEntryThresholdMinutes}
        />
      </section>
    </div>
  );
}
