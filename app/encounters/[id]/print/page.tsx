import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { headers } from 'next/headers';
import { codeStoredEncounter, codingHistory, listQueries } from '@/db/coding';
import { encounterAuditHistory, encounterAuditNames } from '@/db/audit-history';
import { listAddenda } from '@/db/encounters';
import { NoncedStyle } from '@/components/nonced-style';
import { PrintButtons } from '@/components/print-buttons';
import { doseContextNotes } from '@/components/encounter-timeline';
import type { FinalLine } from '@/lib/claim-lines';
import { CODE_LABELS } from '@/lib/coding/rules';
import { ORDER_TYPE_LABEL } from '@/lib/administration-schema';
import { encounterStatusLabel, formatDose, SETTING_LABEL } from '@/lib/format';
import { requireUser } from '@/server/session';
import { inScope } from '@/server/action';
import { parseRouteId } from '@/lib/ids';
import { formatDateTime, zoneAbbreviation } from '@/lib/time';
import { encounterInstants, formatElapsed, queriedDoseLabel, spansCalendarDays, timelineFacts, timelineTime } from '@/lib/timeline';
import { patientName, type AdministrationView } from '@/lib/types';
import { describeAuditHistory } from '@/lib/audit-display';
import { encounterDoseLabels } from '@/lib/dose-label';
import { chartedNdcDisplay, ndc11Display } from '@/lib/coding-confirmations';
import { firstChartedAt } from '@/lib/engine-input';
import { eventsAfterSigning } from './after-signing';
import { sincePreviousTexts } from './since-previous';
import { codeBasis } from './code-basis';
import { pageMarginCss } from './page-margins';

/** Corrections and notes that change a chart someone has signed (listed in the signature block with who and when). */
const AFTER_SIGNING_EVENTS = new Set([
  'administration.amended',
  'administration.amended-addendum',
  'administration.entered-in-error',
  'encounter.addendum',
  'encounter.unlocked',
  'encounter.signed',
]);

/**
 * No typographic ligatures on the summary: a PDF's text layer keeps "fi" as
 * one glyph, so copying or searching the printout read "Whit fi eld" for
 * Whitfield. Screen and print alike.
 */
const NO_LIGATURES = '[aria-label="Encounter summary"] { font-variant-ligatures: none; font-feature-settings: "liga" 0, "clig" 0, "dlig" 0; }';

const KIND: Record<AdministrationView['kind'], string> = { push: 'IV push', infusion: 'IV infusion', hydration: 'IV hydration', injection: 'IM/SC injection' };

/** Read once per request: the "printed at" time on every page. */
function printedAt(): Date {
  return new Date();
}

export default async function PrintEncounterPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requireUser();
  const id = parseRouteId((await params).id);
  // Another facility's encounter answers exactly like one that does not exist.
  const coded = id !== null && inScope(user, { encounterId: id }) ? codeStoredEncounter(id) : null;
  if (id === null || !coded) notFound();
  const { encounter, result, working } = coded;
  const zone = encounter.facility.timeZone;
  const at = (d: Date) => `${formatDateTime(d, zone)} ${zoneAbbreviation(d, zone)}`;
  // Late entry is measured from when the chain's original entry was charted: an amendment is a correction, not a late charting.
  const originalCharting = firstChartedAt(encounter.administrations);
  const facts = timelineFacts(
    encounter.administrations.map((a) => ({ ...a, chartedAt: originalCharting.get(a.id) ?? a.chartedAt })),
    encounter.lateEntryThresholdMinutes,
  );
  const replacedBy = new Map(encounter.administrations.filter((a) => a.amendsId !== null).map((a) => [a.amendsId, a]));
  const history = codingHistory(id);
  const final = encounter.status === 'coded' ? history[0] : undefined;
  const lines: FinalLine[] = final ? final.lines : working.lines;
  const addenda = listAddenda(id);
  const queries = listQueries(id);
  const withDate = spansCalendarDays(encounterInstants(encounter, encounter.administrations), zone);
  const openWarnings = result.warnings.filter((w) => w.severity !== 'info');
  const now = printedAt();
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // The interval a 96376 was measured from: the last *reported* push of the drug (lib/repeat-push-reference.ts).
  // Only current rows count, as on the review timeline; only administration lines report a push.
  const sincePrevious = sincePreviousTexts(encounter.administrations, lines, facts, (d) => timelineTime(d, zone, withDate));
  // A chart is signed while it is locked for coding; unlocked by an admin, it is unsigned again until re-signed.
  const signed = encounter.status !== 'open' && encounter.signedBy !== null && encounter.signedAt !== null;
  const auditRows = encounterAuditHistory(id);
  // Signed without a signing event (the demo's charts), the encounter's own signedAt is the signing instant.
  const changedAfterSigning = eventsAfterSigning(auditRows, encounter.signedAt, AFTER_SIGNING_EVENTS);
  const afterSigning = changedAfterSigning.length > 0 ? describeAuditHistory(changedAfterSigning, encounterAuditNames(encounter, auditRows), withDate) : [];
  // As the pickers and the review name them (current doses among current ones).
  const names = encounterDoseLabels(encounter.administrations, { timeZone: zone, withDate });
  const awaitingCosign = encounter.administrations.filter((a) => a.status === 'active' && (a.orderType === 'verbal' || a.orderType === 'telephone'));
  const unsignedHeader = signed
    ? null
    : `UNSIGNED${encounter.signedAt ? ` (unlocked after signing ${at(encounter.signedAt)}; not signed again)` : ' (documentation not signed)'} · ${patientName(encounter.patient)} · MRN ${encounter.patient.mrn}`;
  const footer = `${patientName(encounter.patient)} · MRN ${encounter.patient.mrn} · printed ${at(now)} by ${user.name}, ${user.credentials}`;

  return (
    <article className="mx-auto max-w-5xl bg-white p-6 text-black print:max-w-none print:p-0" aria-label="Encounter summary">
      {/* Inline, so it needs the CSP nonce (the policy allows no other inline style element). */}
      <NoncedStyle nonce={nonce} css={`${NO_LIGATURES} ${pageMarginCss({ header: unsignedHeader, footer, strongHeader: true })}`} />
      <div className="mb-4 flex justify-between print:hidden">
        <PrintButtons />
      </div>

      <header className="border-b-2 border-black pb-2" data-testid="print-header">
        {unsignedHeader ? (
          // On screen (and the first page); every printed page repeats it in the @page top margin above.
          <p className="mb-2 border-2 border-black p-1 text-center text-base font-bold tracking-wide" data-testid="print-unsigned">
            UNSIGNED: this documentation has not been signed{encounter.signedAt ? ` again since it was unlocked (first signed ${at(encounter.signedAt)})` : ''}.
          </p>
        ) : null}
        <h1 className="text-xl font-bold">IV medication administration record — encounter summary</h1>
        <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          <div>
            <dt className="inline font-semibold">Patient: </dt>
            <dd className="inline">{patientName(encounter.patient)}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">MRN: </dt>
            <dd className="inline font-mono">{encounter.patient.mrn}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">Date of birth: </dt>
            <dd className="inline">{encounter.patient.birthDate}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">Facility: </dt>
            <dd className="inline">{encounter.facility.name}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">Setting: </dt>
            <dd className="inline">{SETTING_LABEL[encounter.setting]}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">Encounter: </dt>
            <dd className="inline">
              #{encounter.id}, <span data-testid="print-status">{encounterStatusLabel(encounter)}</span>
            </dd>
          </div>
          <div>
            <dt className="inline font-semibold">Opened: </dt>
            <dd className="inline">{at(encounter.openedAt)}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">Closed: </dt>
            <dd className="inline">{encounter.closedAt ? at(encounter.closedAt) : 'not closed'}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">Times shown in: </dt>
            <dd className="inline">{zone}</dd>
          </div>
        </dl>
      </header>

      <section className="mt-4" aria-labelledby="print-admin-heading">
        <h2 id="print-admin-heading" className="text-base font-bold">
          Administrations
        </h2>
        <table className="mt-1 w-full border-collapse text-left text-[9.5pt]" data-testid="print-administrations">
          <thead>
            <tr className="border-b border-black">
              <th scope="col" className="p-1">Drug, dose, route</th>
              <th scope="col" className="p-1">Start – stop (duration)</th>
              <th scope="col" className="p-1">Since previous same drug</th>
              <th scope="col" className="p-1">Site</th>
              <th scope="col" className="p-1">Rationale</th>
              <th scope="col" className="p-1">Performer; order; charted at</th>
              <th scope="col" className="p-1">NDC / lot / waste / witness</th>
            </tr>
          </thead>
          <tbody>
            {encounter.administrations.map((a) => {
              const f = facts.get(a.id);
              const struck = a.status !== 'active';
              const replacement = replacedBy.get(a.id);
              const cls = struck ? 'line-through' : '';
              return (
                <tr key={a.id} className="border-b border-gray-400 align-top" data-testid="print-row" data-status={a.status}>
                  <td className="p-1">
                    <span className={cls}>
                      <strong>{a.drugName}</strong> {formatDose(a.doseValue, a.doseUnit)}, {KIND[a.kind]}
                    </span>
                    {[doseContextNotes(a).pump, doseContextNotes(a).integral].filter(Boolean).map((note) => (
                      <span key={note} className="block text-[8.5pt]" data-testid="print-dose-context">
                        {note}
                      </span>
                    ))}
                    {a.doseConfirmationReason ? (
                      <span className="block text-[8.5pt] font-semibold" data-testid="print-dose-confirmation">
                        DOSE OUTSIDE THE USUAL RANGE, confirmed: {a.doseConfirmationReason}
                      </span>
                    ) : null}
                    {a.status === 'amended' ? (
                      <span className="block text-[8.5pt] font-semibold" data-testid="print-correction">
                        [AMENDED{replacement ? ` by ${replacement.performerName}, ${replacement.performerCredentials} at ${at(replacement.chartedAt)}. Reason: ${replacement.correctionReason ?? ''}` : ''}]
                      </span>
                    ) : null}
                    {a.status === 'entered-in-error' ? (
                      <span className="block text-[8.5pt] font-semibold" data-testid="print-correction">
                        [ENTERED IN ERROR by {a.voidedBy} at {a.voidedAt ? at(a.voidedAt) : ''}. Reason: {a.voidReason}]
                      </span>
                    ) : null}
                    {a.amendsId !== null ? (
                      <span className="block text-[8.5pt] font-semibold">
                        [{a.isAddendum ? 'ADDENDUM, replaces' : 'Replaces'} an earlier entry. Reason: {a.correctionReason}]
                      </span>
                    ) : null}
                  </td>
                  <td className={`p-1 font-mono ${cls}`}>
                    {formatDateTime(a.startAt, zone)} – {a.stopAt ? formatDateTime(a.stopAt, zone).slice(11) : `no stop${a.stopMissingReason ? ` (${a.stopMissingReason})` : ''}`}
                    {a.stopAt ? ` (${formatElapsed(a.startAt, a.stopAt)})` : ''}
                  </td>
                  <td className={`p-1 ${cls}`} data-testid="print-interval">
                    {sincePrevious.get(a.id) ?? '—'}
                  </td>
                  <td className={`p-1 ${cls}`}>{a.site}</td>
                  <td className={`p-1 ${cls}`}>{a.rationale}</td>
                  <td className="p-1">
                    {a.performerName}, {a.performerCredentials}
                    <span className="block" data-testid="print-order">
                      Ordered by {a.orderingProviderName ?? 'NOT RECORDED'} · {a.orderType ? ORDER_TYPE_LABEL[a.orderType] : 'order type NOT RECORDED'}
                    </span>
                    {a.orderType === 'verbal' || a.orderType === 'telephone' ? (
                      <span className="block font-semibold" data-testid="print-cosign">
                        AWAITING PROVIDER CO-SIGNATURE ({ORDER_TYPE_LABEL[a.orderType].toLowerCase()})
                      </span>
                    ) : null}
                    <span className="block">charted {formatDateTime(a.chartedAt, zone)}</span>
                    {f?.lateEntry ? (
                      <span className="block font-semibold" data-testid="print-late-entry">
                        LATE ENTRY (charted {formatElapsed(a.startAt, originalCharting.get(a.id) ?? a.chartedAt)} after it was given): {a.lateEntryReason ?? 'no reason recorded'}
                      </span>
                    ) : null}
                  </td>
                  <td className="p-1 text-[8.5pt]">
                    {[a.ndc ? `NDC ${chartedNdcDisplay(a.ndc, [])}` : null, a.lot ? `lot ${a.lot}` : null, a.expiry ? `exp ${a.expiry}` : null, a.wastedValue ? `wasted ${a.wastedValue} ${a.wastedUnit ?? ''}` : null]
                      .filter(Boolean)
                      .join('; ') || '—'}
                    {a.witnessName ? (
                      <span className="block font-semibold" data-testid="print-witness">
                        Witnessed by {a.witnessName}
                        {a.witnessCredentials ? `, ${a.witnessCredentials}` : ''}
                        {a.witnessedAt ? ` at ${timelineTime(a.witnessedAt, zone, withDate)}` : ''}
                      </span>
                    ) : null}
                    {a.expiredProductReason ? (
                      <span className="block font-semibold" data-testid="print-expired">
                        EXPIRED PRODUCT given: {a.expiredProductReason}
                      </span>
                    ) : null}
                    {a.ndcConfirmationReason ? (
                      <span className="block font-semibold" data-testid="print-ndc-confirmation">
                        NDC NOT IN THE FORMULARY, confirmed: {a.ndcConfirmationReason}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {queries.length > 0 ? (
        <section className="print-keep mt-4" aria-labelledby="print-queries-heading" data-testid="print-queries">
          <h2 id="print-queries-heading" className="text-base font-bold">
            Documentation queries from coding
          </h2>
          <ul className="text-sm">
            {queries.map((q) => {
              const dose = queriedDoseLabel(q.administrationId, encounter.administrations, zone, withDate);
              return (
                <li key={q.id}>
                  {at(q.askedAt)} · {q.askedByName} asked{dose ? ` about ${dose}` : ''}: {q.question}
                  {q.answer ? ` — answered by ${q.answeredByName ?? ''}${q.answeredAt ? ` at ${at(q.answeredAt)}` : ''}: ${q.answer}` : ' — not yet answered'}
                  {q.status === 'closed' ? ' (closed)' : ''}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {addenda.length > 0 ? (
        <section className="print-keep mt-4" aria-labelledby="print-addenda-heading">
          <h2 id="print-addenda-heading" className="text-base font-bold">
            Addenda after signing
          </h2>
          <ul className="text-sm">
            {addenda.map((a) => (
              <li key={a.id}>
                {at(a.at)} · {a.authorName}, {a.authorCredentials}: {a.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="print-keep mt-4" aria-labelledby="print-codes-heading" data-testid="print-codes">
        <h2 id="print-codes-heading" className="text-base font-bold">
          {final ? `Codes (final, coded ${at(final.codedAt)})` : 'Codes: suggested, not yet coded'}
        </h2>
        <table className="mt-1 w-full border-collapse text-left text-[9.5pt]">
          <thead>
            <tr className="border-b border-black">
              <th scope="col" className="p-1">Code</th>
              <th scope="col" className="p-1">Modifiers</th>
              <th scope="col" className="p-1">Units</th>
              <th scope="col" className="p-1">Description</th>
              <th scope="col" className="p-1">Basis</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key} className="border-b border-gray-400 align-top">
                <td className="p-1 font-mono font-bold">{l.code}</td>
                <td className="p-1 font-mono">{l.modifiers.join(' ') || '—'}</td>
                <td className="p-1">{l.units}</td>
                <td className="p-1">{CODE_LABELS[l.code] ?? (l.kind === 'hcpcs' ? `Drug supply${l.ndc11 ? `, NDC ${ndc11Display(l.ndc11)}` : ''}` : '')}</td>
                <td className="p-1 text-[8.5pt]">
                  {codeBasis(l).decision ? (
                    <strong className="block" data-testid="print-code-decision">
                      {codeBasis(l).decision}
                    </strong>
                  ) : null}
                  {codeBasis(l).basis}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {openWarnings.length > 0 ? (
          <div className="mt-2 text-[9pt]">
            <h3 className="font-bold">Warnings and documentation gaps</h3>
            <ul className="list-disc pl-5">
              {openWarnings.map((w, i) => (
                <li key={`${w.rule}-${i}`}>
                  {w.severity.toUpperCase()} {w.rule}: {w.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section className="print-keep mt-4 border-t-2 border-black pt-2 text-sm" aria-labelledby="print-signature-heading" data-testid="print-signature">
        <h2 id="print-signature-heading" className="text-base font-bold">
          Signatures
        </h2>
        {encounter.signedBy && encounter.signedAt ? (
          <p>
            Documentation electronically signed by <strong>{encounter.signedBy}</strong> on {at(encounter.signedAt)}. The signer
            authenticated with their password at signing; each dose above carries the name and credentials of the clinician who gave
            and charted it, captured at charting time.
          </p>
        ) : (
          <p className="font-bold">
            UNSIGNED: documentation not {encounter.signedAt ? 'signed again since it was unlocked' : 'yet signed'}.
          </p>
        )}
        {afterSigning.length > 0 ? (
          <div className="mt-1" data-testid="print-after-signing">
            <h3 className="font-semibold">Changes after signing</h3>
            <ul className="list-disc pl-5">
              {afterSigning.map((e) => (
                <li key={e.id}>
                  {e.at} · {e.actor}: {e.title}
                  {e.subject !== 'This encounter' ? ` — ${e.subject}` : ''}
                  {e.event === 'encounter.addendum' && e.changes[0] ? `: ${e.changes[0].new}` : ''}
                  {e.reason ? `. Reason: ${e.reason}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="mt-1" data-testid="print-cosign-list">
          <h3 className="font-semibold">Verbal and telephone orders awaiting provider co-signature</h3>
          {awaitingCosign.length > 0 ? (
            <ul className="list-disc pl-5">
              {awaitingCosign.map((a) => (
                <li key={a.id}>
                  {ORDER_TYPE_LABEL[a.orderType!]} from {a.orderingProviderName ?? 'a provider NOT RECORDED'} for {names.get(a.id)}: awaiting co-signature
                </li>
              ))}
            </ul>
          ) : (
            <p>None.</p>
          )}
        </div>
        {final ? (
          <p>
            Coded by <strong>
              {final.coderName}, {final.coderCredentials}
            </strong>{' '}
            on {at(final.codedAt)} (coding engine {final.engineVersion}).
          </p>
        ) : null}
        <p className="mt-1 text-[8.5pt]">Printed {at(now)} by {user.name}, {user.credentials}. Corrections are shown struck through with who, when and why; nothing charted is ever deleted.</p>
      </section>
    </article>
  );
}
