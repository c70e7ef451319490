// The print's "Since previous same drug" column (issue 15 review): the same
// reading as the review timeline (lib/timeline.ts timelineFacts), where only
// current entries count — an amended or entered-in-error row is never "the
// previous dose", and never a dose of its own to measure.
import type { FinalLine } from '@/lib/claim-lines';
import { repeatPushInterval, repeatPushReferences, type PushDose } from '@/lib/repeat-push-reference';
import { formatElapsed, type TimelineFacts } from '@/lib/timeline';

/**
 * The text per dose id: for a current dose a 96376 reports, the interval from
 * the last *reported* push ("35 min after the reported 14:27 push",
 * lib/repeat-push-reference.ts); for another current dose with an earlier
 * current dose of the drug, the elapsed time ("1 h 5 min"); otherwise "—"
 * (first of its drug, or an amended / entered-in-error row). Only
 * administration (CPT) lines report a push: a drug supply line is never read
 * as one, whatever code a coder put on it. `time` formats the reference instant.
 */
export function sincePreviousTexts(
  doses: readonly PushDose[],
  lines: readonly Pick<FinalLine, 'kind' | 'code' | 'administrationIds'>[],
  facts: ReadonlyMap<number, Pick<TimelineFacts, 'previousSameDrugAt'>>,
  time: (instant: Date) => string,
): Map<number, string> {
  const refs = repeatPushReferences(
    doses,
    lines.filter((l) => l.kind === 'cpt'),
  );
  return new Map(
    doses.map((d) => {
      if (d.status !== 'active') return [d.id, '—'];
      if (refs.has(d.id)) return [d.id, repeatPushInterval(d.startAt, refs.get(d.id)!, time)];
      const previous = facts.get(d.id)?.previousSameDrugAt;
      return [d.id, previous ? formatElapsed(previous, d.startAt) : '—'];
    }),
  );
}
