import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { listQueries } from '@/db/coding';
import { getEncounter, listAddenda } from '@/db/encounters';
import { loadFormulary } from '@/db/formulary';
import { listActiveProviders } from '@/db/providers';
import { CloseEncounterButton } from '@/components/close-encounter-button';
import { EncounterHeader } from '@/components/encounter-header';
import { AddendumForm, UnlockForm } from '@/components/encounter-signing';
import { EncounterWorkspace } from '@/components/encounter-workspace';
import { QueryAnswerForm } from '@/components/query-answer';
import { requireUser } from '@/server/session';
import { inScope } from '@/server/action';
import { parseRouteId } from '@/lib/ids';
import { formatDateTime } from '@/lib/time';
import { encounterInstants, queriedDoseLabel, spansCalendarDays } from '@/lib/timeline';
// Registers every action of this page's actions module for the page, pingAction
// too: no form calls it (only the load benchmark, scripts/bench-load.ts), and an
// action no client component imports is left out of the build's manifest.
import './actions';

/** Read once per request: the first paint of the form's clocks matches on server and client. */
function requestTime(): number {
  return Date.now();
}

export default async function EncounterPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requireUser();
  const { id } = await params;
  const encounterId = parseRouteId(id);
  // Another facility's encounter answers exactly like one that does not exist.
  const encounter = encounterId !== null && inScope(user, { encounterId }) ? getEncounter(encounterId) : null;
  if (!encounter) notFound();
  const zone = encounter.facility.timeZone;
  const locked = encounter.status !== 'open';
  const clinician = user.role === 'nurse';
  const addenda = listAddenda(encounter.id);
  const queries = listQueries(encounter.id).filter((q) => q.status !== 'closed');
  // Queries name the dose as the nurse charted it, never by an internal number (issue 12 item 11).
  const withDate = spansCalendarDays(encounterInstants(encounter, encounter.administrations), zone);
  const queryAbout = (administrationId: number | null) => queriedDoseLabel(administrationId, encounter.administrations, zone, withDate);
  return (
    <div className="space-y-6">
      <EncounterHeader encounter={encounter} />
      <div className="flex flex-wrap gap-3">
        {clinician && !locked && !encounter.closedAt ? <CloseEncounterButton encounterId={encounter.id} /> : null}
        <Link href={`/encounters/${encounter.id}/print`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
          Print
        </Link>
        {user.role !== 'nurse' ? (
          <Link href={`/encounters/${encounter.id}/audit`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
            Audit history
          </Link>
        ) : null}
      </div>
      {queries.length > 0 ? (
        <section aria-labelledby="query-heading" className="rounded-lg border-4 border-amber-700 bg-amber-50 p-4" data-testid="query-banner">
          <h2 id="query-heading" className="text-lg font-semibold">
            Query open from coding
          </h2>
          <ul className="space-y-3">
            {queries.map((q) => (
              <li key={q.id}>
                <p>
                  <strong>{q.askedByName}</strong> asks{queryAbout(q.administrationId) ? ` about ${queryAbout(q.administrationId)}` : ''}: {q.question}
                </p>
                {q.answer ? (
                  <p className="mt-1">
                    Answered by {q.answeredByName}: {q.answer}
                  </p>
                ) : clinician ? (
                  <QueryAnswerForm queryId={q.id} about={queryAbout(q.administrationId)} />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {locked ? (
        <p className="rounded border-2 border-slate-500 bg-white p-3 font-semibold" role="status" data-testid="locked-banner">
          Locked: signed by {encounter.signedBy ?? 'unknown'}
          {encounter.signedAt ? ` at ${formatDateTime(encounter.signedAt, zone)}` : ''} and sent to coding. Corrections are addenda.
        </p>
      ) : null}
      <EncounterWorkspace
        encounterId={encounter.id}
        setting={encounter.setting}
        timeZone={zone}
        lateEntryThresholdMinutes={encounter.lateEntryThresholdMinutes}
        closedAt={encounter.closedAt?.getTime() ?? null}
        jwJz={encounter.jwJzPolicy}
        administrations={encounter.administrations}
        formulary={loadFormulary()}
        providers={clinician && !locked ? listActiveProviders() : []}
        signer={clinician ? { id: user.id, name: user.name, credentials: user.credentials } : null}
        serverNow={requestTime()}
        canChart={clinician && !locked}
        locked={locked}
        signerLabel={clinician && !locked ? `${user.name}, ${user.credentials}` : null}
      >
        {addenda.length > 0 ? (
          <section aria-labelledby="addenda-heading" className="rounded-lg border border-slate-300 bg-white p-4">
            <h2 id="addenda-heading" className="mb-2 text-lg font-semibold">
              Addenda
            </h2>
            <ul className="space-y-2" data-testid="addenda">
              {addenda.map((a) => (
                <li key={a.id}>
                  <span className="font-semibold">
                    {formatDateTime(a.at, zone)} · {a.authorName}, {a.authorCredentials}:
                  </span>{' '}
                  {a.text}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </EncounterWorkspace>
      {clinician && locked ? <AddendumForm encounterId={encounter.id} /> : null}
      {user.role === 'admin' && locked ? <UnlockForm encounterId={encounter.id} /> : null}
    </div>
  );
}
