import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { changesSinceCoded, codeStoredEncounter, codingHistory, listQueries } from '@/db/coding';
import { AddLineForm, CloseQueryButton, ConfirmationList, InitialChoiceForm, LapsedDecisionNotes, LineControls, RaiseQueryForm, ReturnToQueueForm, RestoreLineControl, ReviewActions } from '@/components/coder-review';
import { EncounterHeader } from '@/components/encounter-header';
import { EncounterTimeline } from '@/components/encounter-timeline';
import type { FinalLine } from '@/lib/claim-lines';
import { decisionsInForce, isEmptyDiff, lineControlNames } from '@/lib/coding-review';
import { ndc11Display } from '@/lib/coding-confirmations';
import { requireUser } from '@/server/session';
import { QueueNavigation } from '@/components/queue-navigation';
import { facilityScopeOf } from '@/lib/facility-scope';
import { inScope } from '@/server/action';
import { parseRouteId } from '@/lib/ids';
import { doseOptions, encounterDoseLabels } from '@/lib/dose-label';
import { formatDateTime, zoneAbbreviation } from '@/lib/time';
import { encounterInstants, queriedDoseLabel, spansCalendarDays } from '@/lib/timeline';

function lineLabel(l: Pick<FinalLine, 'code' | 'modifiers' | 'units'>): string {
  return `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} × ${l.units}`;
}

export default async function CodingReviewPage({ params, searchParams }: { params: Promise<{ encounterId: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const user = await requireUser(['coder', 'admin']);
  const id = parseRouteId((await params).encounterId);
  // Another facility's encounter answers exactly like one that does not exist.
  const coded = id !== null && inScope(user, { encounterId: id }) ? codeStoredEncounter(id) : null;
  if (id === null || !coded) notFound();
  const { encounter, result, working, overrides, initial, confirmations } = coded;
  const zone = encounter.facility.timeZone;
  const canCode = user.role === 'coder' && encounter.status === 'ready-for-coding';
  const history = codingHistory(id);
  const queries = listQueries(id);
  const changes = encounter.status === 'ready-for-coding' ? changesSinceCoded(id, working.lines, coded.roots) : null;
  const current = encounter.administrations.filter((a) => a.status === 'active');
  // Doses are named as everywhere (lib/dose-label.ts): drug, dose, time (date when the visit spans days), performer; never an internal number.
  const withDate = spansCalendarDays(encounterInstants(encounter, encounter.administrations), zone);
  const adminOptions = doseOptions(current, { timeZone: zone, withDate });
  const doseNames = encounterDoseLabels(encounter.administrations, { timeZone: zone, withDate });
  const adminLabel = new Map([...doseNames].map(([doseId, label]) => [String(doseId), label]));
  // Each line's controls are named apart (code + its doses), even when two lines share a code.
  const controlNames = lineControlNames([...working.lines, ...working.removed.map((r) => r.line)], adminLabel);
  // Times a coder reads on this page carry the facility zone, as the audit history does.
  const at = (d: Date) => `${formatDateTime(d, zone)} ${zoneAbbreviation(d, zone)}`;
  const openQueries = queries.filter((q) => q.status !== 'closed');
  const blocking = confirmations.filter((i) => i.level === 'block' && i.kind === 'engine-error');
  const blocked =
    working.problems.length > 0
      ? working.problems.map((p) => p.message).join(' ')
      : openQueries.some((q) => q.status === 'open')
        ? 'a documentation query is still open: wait for the clinician\'s answer'
        : openQueries.length > 0
          ? 'a documentation query was answered: read the answer and close it first'
        : blocking.length > 0
          ? `fix ${blocking.length === 1 ? 'this error' : 'these errors'} first (query the clinician or correct the lines): ${blocking.map((i) => i.message).join(' ')}`
          : null;
  // Flags shown beside each line; items tied to no line (a dose without a drug line) only in the list below.
  const flagsOf = (key: string) => confirmations.filter((i) => i.lineKeys.includes(key));
  const changedKeys = new Set([...(changes?.added ?? []), ...(changes?.changed.map((c) => c.after) ?? [])].map((l) => l.key));
  const warnings = result.warnings.filter((w) => w.severity !== 'info' || !w.rule.startsWith('R-DOC-'));

  return (
    <div className="space-y-6">
      <EncounterHeader encounter={encounter} />
      <nav aria-label="Encounter documents" className="flex flex-wrap gap-4">
        {/* The queue view this review was opened from travels in the URL: back to it, or on to its next row. */}
        <QueueNavigation encounterId={id} searchParams={(await searchParams) ?? {}} scope={facilityScopeOf(user)} />
        <a href={`/coding/export?encounterId=${id}`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
          Claim lines (CSV)
        </a>
        <a href={`/coding/${id}/fhir`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
          FHIR R4 bundle
        </a>
        <Link href={`/encounters/${id}/audit`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
          Audit history
        </Link>
        <Link href={`/encounters/${id}/print`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
          Print
        </Link>
      </nav>

      {changes && !isEmptyDiff(changes) ? (
        <section className="rounded-lg border-4 border-amber-700 bg-amber-50 p-4" aria-labelledby="changed-heading" data-testid="changed-lines">
          <h2 id="changed-heading" className="text-lg font-semibold">
            The chart changed after it was coded
          </h2>
          <p className="text-sm">Previous final lines (coded {history[0] ? at(history[0].codedAt) : ''}) compared with the new suggestion:</p>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {changes.removed.map((l) => (
              <li key={`r-${l.key}`}>
                <strong>No longer supported:</strong> {lineLabel(l)}
              </li>
            ))}
            {changes.added.map((l) => (
              <li key={`a-${l.key}`}>
                <strong>New:</strong> {lineLabel(l)}
              </li>
            ))}
            {changes.changed.map((c) => (
              <li key={`c-${c.after.key}`}>
                <strong>Changed:</strong> {lineLabel(c.before)} → {lineLabel(c.after)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="lines-heading" className="rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="lines-heading" className="mb-3 text-lg font-semibold">
          Claim lines {encounter.status === 'coded' ? '(coded)' : '(engine suggestion with your decisions)'}
        </h2>
        <table className="w-full border-collapse text-left text-sm" aria-label="Claim lines">
          <thead>
            <tr className="border-b-2 border-slate-300">
              <th scope="col" className="p-2">Code</th>
              <th scope="col" className="p-2">Units</th>
              <th scope="col" className="p-2">NDC</th>
              <th scope="col" className="p-2">Why (rule and doses)</th>
              <th scope="col" className="p-2">Coder</th>
            </tr>
          </thead>
          <tbody>
            {working.lines.map((l) => (
              <tr key={l.key} className={`border-b border-slate-200 align-top ${changedKeys.has(l.key) ? 'bg-amber-50' : ''}`} data-testid="claim-line" data-code={l.code} data-changed={changedKeys.has(l.key) || undefined}>
                <td className="p-2 font-mono font-bold">
                  {l.code}
                  {l.modifiers.length ? `-${l.modifiers.join('-')}` : ''}
                  {changedKeys.has(l.key) ? <span className="ml-1 font-sans text-xs font-bold">CHANGED</span> : null}
                </td>
                <td className="p-2 tabular-nums">{l.units}</td>
                <td className="p-2 font-mono">{l.ndc11 ? ndc11Display(l.ndc11) : '—'}</td>
                <td className="p-2">
                  <span className="font-mono text-xs">{l.rule}</span> {l.explanation}
                  <span className="block text-xs text-slate-700">From: {l.administrationIds.map((a) => adminLabel.get(a) ?? a).join(', ') || '—'}</span>
                  {flagsOf(l.key).length > 0 ? (
                    <div className="mt-1 rounded border border-amber-700 bg-amber-50 p-1">
                      <ConfirmationList items={flagsOf(l.key)} testId="line-flags" />
                    </div>
                  ) : null}
                </td>
                <td className="p-2">
                  <LapsedDecisionNotes items={working.lapsed.filter((d) => d.lineKey === l.key)} timeZone={zone} />
                  {l.source !== 'engine' ? (
                    <p className="mb-1 text-xs" data-testid="override-note">
                      <strong>{l.source === 'added' ? 'Added by coder' : 'Overridden'}</strong>
                      {l.engine ? ` (engine: ${lineLabel(l.engine)})` : ''}: {l.overrideReason}
                    </p>
                  ) : null}
                  {canCode ? <LineControls encounterId={id} line={l} name={controlNames.get(l.key)} /> : null}
                </td>
              </tr>
            ))}
            {working.removed.map(({ line: l, override: o }) => (
              <tr key={`removed-${l.key}`} className="border-b border-slate-200 bg-slate-50 align-top text-slate-700" data-testid="removed-line" data-code={l.code}>
                <td className="p-2 font-mono">
                  <s>
                    {l.code}
                    {l.modifiers.length ? `-${l.modifiers.join('-')}` : ''}
                  </s>
                  <span className="ml-1 font-sans text-xs font-bold">REMOVED</span>
                </td>
                <td className="p-2 tabular-nums">
                  <s>{l.units}</s>
                </td>
                <td className="p-2 font-mono">{l.ndc11 ? ndc11Display(l.ndc11) : '—'}</td>
                <td className="p-2">
                  <span className="font-mono text-xs">{l.rule}</span> {l.explanation}
                  <span className="block text-xs">From: {l.administrationIds.map((a) => adminLabel.get(a) ?? a).join(', ') || '—'}</span>
                </td>
                <td className="p-2">
                  <p className="mb-1 text-xs" data-testid="removal-note">
                    <strong>Removed</strong> by {o.coderName} at {at(o.at)}: {'reason' in o.op ? o.op.reason : ''}
                  </p>
                  {canCode ? <RestoreLineControl encounterId={id} lineKey={l.key} name={controlNames.get(l.key) ?? l.code} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {working.problems.length > 0 ? (
          <div role="alert" className="mt-3 rounded border-2 border-red-800 p-2 text-sm font-semibold text-red-900" data-testid="integrity-problems">
            {working.problems.map((p) => (
              <p key={p.index}>R-ADDON-NEEDS-PRIMARY: {p.message}</p>
            ))}
          </div>
        ) : null}
        {confirmations.length > 0 ? (
          <div className="mt-3 rounded border-2 border-amber-700 bg-amber-50 p-2" data-testid="to-confirm">
            <h3 className="font-semibold">{encounter.status === 'coded' ? 'Flags on these lines (coded with the reason in the audit history)' : 'To confirm before marking coded'}</h3>
            <p className="text-xs">Errors block; the other items need your reason when you mark coded.</p>
            <ConfirmationList items={confirmations} />
          </div>
        ) : null}
        {working.lapsed.some((d) => d.lineKey === null) ? (
          <div className="mt-2">
            <LapsedDecisionNotes items={working.lapsed.filter((d) => d.lineKey === null)} timeZone={zone} />
          </div>
        ) : null}
        {canCode ? (
          <div className="mt-4 space-y-4 border-t border-slate-200 pt-4">
            {encounter.setting === 'non-facility' ? <InitialChoiceForm encounterId={id} administrations={adminOptions} current={initial?.administrationId ?? null} /> : null}
            <details>
              <summary className="min-h-11 cursor-pointer py-2 font-semibold">Add a line</summary>
              <AddLineForm encounterId={id} administrations={adminOptions} />
            </details>
            <ReviewActions encounterId={id} blocked={blocked} confirmations={confirmations} decisions={decisionsInForce(working, initial !== null)} />
          </div>
        ) : null}
        <p className="mt-2 text-xs text-slate-700">
          Engine {result.engineVersion} · {overrides.length} coder decision(s) recorded
        </p>
      </section>

      {warnings.length > 0 ? (
        <section aria-labelledby="warnings-heading" className="rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="warnings-heading" className="mb-2 text-lg font-semibold">
            Warnings and documentation gaps
          </h2>
          <ul className="space-y-1 text-sm" data-testid="review-warnings">
            {warnings.map((w, i) => (
              <li key={`${w.rule}-${i}`} data-rule={w.rule}>
                <strong>{w.severity.toUpperCase()}</strong> <span className="font-mono text-xs">{w.rule}</span> {w.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="queries-heading" className="rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="queries-heading" className="mb-2 text-lg font-semibold">
          Documentation queries
        </h2>
        {queries.length === 0 ? <p className="text-sm">No queries.</p> : null}
        <ul className="space-y-3" data-testid="queries">
          {queries.map((q) => (
            <li key={q.id} className="rounded border border-slate-300 p-2 text-sm" data-status={q.status}>
              <p>
                <strong>{q.status === 'open' ? 'Open' : q.status === 'answered' ? 'Answered' : 'Closed'}</strong> · {q.askedByName}, {at(q.askedAt)}
                {q.administrationId ? ` · about ${queriedDoseLabel(q.administrationId, encounter.administrations, zone, withDate) ?? ''}` : ''}
              </p>
              <p className="mt-1">Q: {q.question}</p>
              {q.answer ? (
                <p className="mt-1" data-testid="query-answer">
                  A ({q.answeredByName}, {q.answeredAt ? at(q.answeredAt) : ''}): {q.answer}
                </p>
              ) : null}
              {user.role === 'coder' && q.status === 'answered' ? <CloseQueryButton queryId={q.id} /> : null}
            </li>
          ))}
        </ul>
        {user.role === 'coder' && encounter.status !== 'coded' ? (
          <div className="mt-3">
            <RaiseQueryForm encounterId={id} administrations={adminOptions} />
          </div>
        ) : null}
        {user.role === 'coder' && encounter.status === 'coded' ? (
          <div className="mt-3">
            <ReturnToQueueForm encounterId={id} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          Timeline <span className="text-sm font-normal">(times in {zone})</span>
        </h2>
        <EncounterTimeline administrations={encounter.administrations} timeZone={zone} lateEntryThresholdMinutes={encounter.lateEntryThresholdMinutes} />
      </section>

      {history.length > 0 ? (
        <section aria-labelledby="history-heading" className="rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="history-heading" className="mb-2 text-lg font-semibold">
            Coding history
          </h2>
          <ul className="space-y-1 text-sm" data-testid="coding-history">
            {history.map((h) => (
              <li key={h.id}>
                {at(h.codedAt)} · {h.coderName}, {h.coderCredentials} · engine {h.engineVersion}: {h.lines.map(lineLabel).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
