import type { ReactNode } from 'react';
import { formatDose, formatMinutes } from '@/lib/format';
import { formatDateTime, formatTime } from '@/lib/time';
import { timelineFacts } from '@/lib/timeline';
import type { AdministrationView } from '@/lib/types';

const KIND_LABEL: Record<AdministrationView['kind'], string> = {
  push: 'IV push',
  infusion: 'IV infusion',
  hydration: 'Hydration',
  injection: 'IM/SC injection',
};

/** The encounter's administrations in administered-time order, in the facility's zone. */
export function EncounterTimeline({
  administrations,
  timeZone,
  lateEntryThresholdMinutes,
  pendingIds,
  renderActions,
}: {
  administrations: AdministrationView[];
  timeZone: string;
  lateEntryThresholdMinutes: number;
  /** Rows shown before the server confirmed them. */
  pendingIds?: Set<number>;
  /** Correction controls for a row (amend, mark in error), where the viewer may use them. */
  renderActions?: (a: AdministrationView) => ReactNode;
}) {
  const amendmentOf = new Map(administrations.filter((a) => a.amendsId !== null).map((a) => [a.amendsId, a]));
  const facts = timelineFacts(administrations, lateEntryThresholdMinutes);
  if (administrations.length === 0) {
    return <p className="text-slate-600">Nothing charted yet.</p>;
  }
  return (
    <div className="overflow-x-auto">
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
            <th scope="col" className="px-2 py-2">Performer</th>
            <th scope="col" className="px-2 py-2">Charted at</th>
          </tr>
        </thead>
        <tbody>
          {administrations.map((a) => {
            const f = facts.get(a.id);
            const replacedBy = amendmentOf.get(a.id);
            const struck = a.status !== 'active';
            const actions = a.status === 'active' && a.id > 0 ? renderActions?.(a) : null;
            return (
              <tr
                key={a.id}
                className={`border-b border-slate-200 align-top ${struck ? 'bg-slate-100 text-slate-600 [&_.clinical]:line-through' : ''}`}
                data-testid="timeline-row"
                data-administration-id={a.id}
                data-status={a.status}
              >
                <td className="clinical px-2 py-2 font-mono font-semibold">
                  <time dateTime={a.startAt.toISOString()}>{formatTime(a.startAt, timeZone)}</time>
                  {a.stopAt ? (
                    <span className="block text-xs font-normal text-slate-600">
                      to <time dateTime={a.stopAt.toISOString()}>{formatTime(a.stopAt, timeZone)}</time>
                    </span>
                  ) : (
                    <span className="block text-xs font-normal">no stop time{a.stopMissingReason ? `: ${a.stopMissingReason}` : ''}</span>
                  )}
                </td>
                <td className="px-2 py-2">
                  <span className="clinical">
                    <span className="font-semibold">{a.drugName}</span> {formatDose(a.doseValue, a.doseUnit)}
                  </span>
                  {pendingIds?.has(a.id) ? <span className="block text-xs font-semibold" role="status">Saving…</span> : null}
                  {a.status === 'amended' ? (
                    <span className="mt-1 block text-xs font-semibold text-slate-900" data-testid="correction-note">
                      AMENDED{replacedBy ? ` by ${replacedBy.performerName}, ${replacedBy.performerCredentials} at ${formatDateTime(replacedBy.chartedAt, timeZone)}: ${replacedBy.correctionReason ?? ''}` : ''}
                    </span>
                  ) : null}
                  {a.status === 'entered-in-error' ? (
                    <span className="mt-1 block text-xs font-semibold text-slate-900" data-testid="correction-note">
                      ENTERED IN ERROR by {a.voidedBy} at {a.voidedAt ? formatDateTime(a.voidedAt, timeZone) : ''}: {a.voidReason}
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
                <td className="clinical px-2 py-2">{f?.durationMinutes != null ? formatMinutes(f.durationMinutes) : '—'}</td>
                <td className="px-2 py-2" data-testid="interval">
                  {f?.minutesSincePreviousSameDrug != null ? formatMinutes(f.minutesSincePreviousSameDrug) : '—'}
                </td>
                <td className="clinical px-2 py-2">{a.site}</td>
                <td className="clinical px-2 py-2">{a.rationale}</td>
                <td className="px-2 py-2">
                  {a.performerName}, {a.performerCredentials}
                </td>
                <td className="px-2 py-2 text-xs">
                  {formatDateTime(a.chartedAt, timeZone)}
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
}
