import { memo, type ReactNode } from 'react';
import { ORDER_TYPE_LABEL } from '@/lib/administration-schema';
import { formatDose } from '@/lib/format';
import { formatDateTime } from '@/lib/time';
import { formatElapsed, spansCalendarDays, timelineFacts, timelineTime } from '@/lib/timeline';
import type { AdministrationView } from '@/lib/types';

/** Orders taken by voice wait for the provider to sign them (issue 12 item 5). */
export function awaitsCoSignature(a: Pick<AdministrationView, 'orderType'>): boolean {
  return a.orderType === 'verbal' || a.orderType === 'telephone';
}

/** "Dr. Amara Osei, MD · Verbal order", or null on a dose charted without an order. */
export function orderText(a: Pick<AdministrationView, 'orderingProviderName' | 'orderType'>): string | null {
  if (!a.orderingProviderName && !a.orderType) return null;
  return [a.orderingProviderName ?? 'provider not recorded', a.orderType ? ORDER_TYPE_LABEL[a.orderType] : 'order type not recorded'].join(' · ');
}

/**
 * What the dose was given with or as part of (issue 14): "on a portable pump"
 * (R-CHEMO-PUMP) and "part of blood transfusion — no administration code"
 * (R-INTEGRAL), in that order; empty when neither is charted.
 */
export function doseContextNotes(a: Pick<AdministrationView, 'pump' | 'integralTo'>): { pump: string | null; integral: string | null } {
  return {
    pump: a.pump ? `on ${a.pump === 'implantable' ? 'an implantable' : 'a portable'} pump` : null,
    integral: a.integralTo ? `part of ${a.integralTo} — no administration code` : null,
  };
}

/** "Witnessed by Tomás Reyes, RN at 14:07" for a witnessed waste, else null. */
export function witnessText(a: Pick<AdministrationView, 'witnessName' | 'witnessCredentials' | 'witnessedAt'>, timeZone: string, withDate: boolean): string | null {
  if (!a.witnessName) return null;
  const who = a.witnessCredentials ? `${a.witnessName}, ${a.witnessCredentials}` : a.witnessName;
  return `Witnessed by ${who}${a.witnessedAt ? ` at ${timelineTime(a.witnessedAt, timeZone, withDate)}` : ''}`;
}

const KIND_LABEL: Record<AdministrationView['kind'], string> = {
  push: 'IV push',
  infusion: 'IV infusion',
  hydration: 'Hydration',
  injection: 'IM/SC injection',
};

/** An entry's texts in the facility's zone: formatted once per entry (and zone, dates shown or not), not on every render. */
interface EntryTexts {
  start: string;
  stop: string | null;
  charted: string;
  duration: string;
  witness: string | null;
  amendedAt: string | null;
  voidedAt: string | null;
}

// Keyed by the entry object: a row the server or a merge replaces is a new object and is formatted again.
const entryTextCache = new WeakMap<AdministrationView, { key: string; texts: EntryTexts }>();

function entryTexts(a: AdministrationView, replacedBy: AdministrationView | undefined, timeZone: string, withDate: boolean): EntryTexts {
  const key = `${timeZone}|${withDate}|${replacedBy?.id ?? ''}`;
  const cached = entryTextCache.get(a);
  if (cached && cached.key === key) return cached.texts;
  const texts: EntryTexts = {
    start: timelineTime(a.startAt, timeZone, withDate),
    stop: a.stopAt ? timelineTime(a.stopAt, timeZone, withDate) : null,
    charted: formatDateTime(a.chartedAt, timeZone),
    duration: a.stopAt ? formatElapsed(a.startAt, a.stopAt) : '—',
    witness: witnessText(a, timeZone, withDate),
    amendedAt: replacedBy ? formatDateTime(replacedBy.chartedAt, timeZone) : null,
    voidedAt: a.voidedAt ? formatDateTime(a.voidedAt, timeZone) : null,
  };
  entryTextCache.set(a, { key, texts });
  return texts;
}

/**
 * The encounter's administrations in administered-time order, in the
 * facility's zone. Memoized (issue 16 item 4): while the nurse types in the
 * push form the workspace re-renders for the sidebar, and the timeline's
 * props (rows, pending ids, the actions renderer) are the same objects, so it
 * is skipped.
 */
export const EncounterTimeline = memo(function EncounterTimeline({
  administrations,
  timeZone,
  lateEntryThresholdMinutes,
  pendingIds,
  renderActions,
  alsoShown = [],
}: {
  administrations: AdministrationView[];
  timeZone: string;
  /** Other instants of the encounter (opened, closed): dates are shown when anything spans local days. */
  alsoShown?: ReadonlyArray<Date | null>;
  lateEntryThresholdMinutes: number;
  /** Rows shown before the server confirmed them. */
  pendingIds?: Set<number>;
  /** Correction controls for a row (amend, mark in error), where the viewer may use them. */
  renderActions?: (a: AdministrationView) => ReactNode;
}) {
  const amendmentOf = new Map(administrations.filter((a) => a.amendsId !== null).map((a) => [a.amendsId, a]));
  const facts = timelineFacts(administrations, lateEntryThresholdMinutes);
  // An ED visit crossing midnight shows dates on every time (issue 12 item 4).
  const withDate = spansCalendarDays([...alsoShown, ...administrations.flatMap((a) => [a.startAt, a.stopAt])], timeZone);
  if (administrations.length === 0) {
    return <p className="text-slate-600">Nothing charted yet.</p>;
  }
  return (
    // Focusable, so answering a coder's query can bring the nurse back to the chart.
    <div className="overflow-x-auto focus:outline-4 focus:outline-blue-700" id="encounter-timeline" tabIndex={-1}>
      <table className="w-full border-collapse text-left text-sm" aria-label="Administrations timeline">
        <thead>
          <tr className="border-b-2 border-slate-300 text-slate-700">
            <th scope="col" className="px-2 py-2">Given at</th>
            <th scope="col" className="px-2 py-2">Drug and dose</th>
            <th scope="col" className="px-2 py-2">Kind</th>
            <th scope="col" className="px-2 py-2">Duration</th>
            <th scope="col" className="px-2 py-2">Since previous same drug</th>
            <th scope="col" className="px-2 py-2">Site</th>
            <th scope="col" className="px-2 py-2">Rationale</th>
            <th scope="col" className="px-2 py-2">Performer and order</th>
            <th scope="col" className="px-2 py-2">Charted at</th>
          </tr>
        </thead>
        <tbody>
          {administrations.map((a) => {
            const f = facts.get(a.id);
            const replacedBy = amendmentOf.get(a.id);
            const struck = a.status !== 'active';
            const actions = a.status === 'active' && a.id > 0 ? renderActions?.(a) : null;
            const texts = entryTexts(a, replacedBy, timeZone, withDate);
            const context = doseContextNotes(a);
            return (
              <tr
                key={a.id}
                className={`border-b border-slate-200 align-top ${struck ? 'bg-slate-100 text-slate-600 [&_.clinical]:line-through' : ''}`}
                data-testid="timeline-row"
                data-administration-id={a.id}
                data-status={a.status}
              >
                <td className="clinical px-2 py-2 font-mono font-semibold">
                  <time dateTime={a.startAt.toISOString()}>{texts.start}</time>
                  {a.stopAt ? (
                    <span className="block text-xs font-normal text-slate-600">
                      to <time dateTime={a.stopAt.toISOString()}>{texts.stop}</time>
                    </span>
                  ) : (
                    <span className="block text-xs font-normal">no stop time{a.stopMissingReason ? `: ${a.stopMissingReason}` : ''}</span>
                  )}
                </td>
                <td className="px-2 py-2">
                  <span className="clinical">
                    <span className="font-semibold">{a.drugName}</span> {formatDose(a.doseValue, a.doseUnit)}
                    {context.pump ? (
                      <span className="font-semibold" data-testid="pump">
                        {' '}
                        {context.pump}
                      </span>
                    ) : null}
                  </span>
                  {context.integral ? (
                    <span className="mt-1 block rounded border border-slate-500 px-1 text-xs font-semibold" data-testid="integral-to">
                      {context.integral}
                    </span>
                  ) : null}
                  {a.doseConfirmationReason ? (
                    <span className="mt-1 block rounded border-2 border-amber-700 px-1 text-xs font-semibold" data-testid="dose-confirmation">
                      Dose outside the usual range, confirmed: {a.doseConfirmationReason}
                    </span>
                  ) : null}
                  {a.wastedValue ? (
                    <span className="block text-xs" data-testid="waste">
                      Wasted {formatDose(a.wastedValue, a.wastedUnit ?? a.doseUnit)}
                    </span>
                  ) : null}
                  {texts.witness ? (
                    <span className="block text-xs font-semibold" data-testid="witness">
                      {texts.witness}
                    </span>
                  ) : null}
                  {a.expiredProductReason ? (
                    <span className="mt-1 block rounded border-2 border-amber-700 px-1 text-xs font-semibold" data-testid="expired-product">
                      EXPIRED PRODUCT{a.expiry ? ` (expiry ${a.expiry})` : ''}: {a.expiredProductReason}
                    </span>
                  ) : null}
                  {a.ndcConfirmationReason ? (
                    <span className="mt-1 block rounded border-2 border-amber-700 px-1 text-xs font-semibold" data-testid="ndc-confirmation">
                      NDC {a.ndc ?? ''} not in the formulary, confirmed: {a.ndcConfirmationReason}
                    </span>
                  ) : null}
                  {pendingIds?.has(a.id) ? <span className="block text-xs font-semibold" role="status">Saving…</span> : null}
                  {a.status === 'amended' ? (
                    <span className="mt-1 block text-xs font-semibold text-slate-900" data-testid="correction-note">
                      AMENDED{replacedBy ? ` by ${replacedBy.performerName}, ${replacedBy.performerCredentials} at ${texts.amendedAt}: ${replacedBy.correctionReason ?? ''}` : ''}
                    </span>
                  ) : null}
                  {a.status === 'entered-in-error' ? (
                    <span className="mt-1 block text-xs font-semibold text-slate-900" data-testid="correction-note">
                      ENTERED IN ERROR by {a.voidedBy} at {texts.voidedAt ?? ''}: {a.voidReason}
                    </span>
                  ) : null}
                  {a.amendsId !== null ? (
                    <span className="mt-1 block text-xs font-semibold" data-testid="amendment-note">
                      {a.isAddendum ? 'Addendum amending' : 'Amends'} an earlier entry: {a.correctionReason}
                    </span>
                  ) : null}
                  {actions ? <div className="mt-2">{actions}</div> : null}
                </td>
                <td className="clinical px-2 py-2">{KIND_LABEL[a.kind]}</td>
                <td className="clinical px-2 py-2">{texts.duration}</td>
                <td className="px-2 py-2" data-testid="interval">
                  {f?.previousSameDrugAt ? formatElapsed(f.previousSameDrugAt, a.startAt) : '—'}
                </td>
                <td className="clinical px-2 py-2">{a.site}</td>
                <td className="clinical px-2 py-2">{a.rationale}</td>
                <td className="px-2 py-2">
                  {a.performerName}, {a.performerCredentials}
                  <span className="mt-1 block text-xs" data-testid="order">
                    {orderText(a) ? (
                      <>
                        Ordered by {orderText(a)}
                        {awaitsCoSignature(a) ? <span className="block font-semibold">Awaiting provider co-signature</span> : null}
                      </>
                    ) : (
                      'Order not recorded'
                    )}
                  </span>
                </td>
                <td className="px-2 py-2 text-xs">
                  {texts.charted}
                  {f?.lateEntry ? (
                    <span className="mt-1 block font-semibold">
                      Late entry{a.lateEntryReason ? `: ${a.lateEntryReason}` : ''}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
