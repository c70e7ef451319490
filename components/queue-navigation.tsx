import Link from 'next/link';
import { nextInQueue, queueFiltersOf } from '@/db/coding';
import { parseQueueView, queueHref } from '@/lib/coding-queue';
import type { FacilityScope } from '@/lib/facility-scope';

const linkClass = 'inline-flex min-h-11 items-center font-semibold text-blue-800 underline';

/**
 * "Back to the queue" and "Next encounter" on the review: the queue view
 * (search, filters, sort and page) travels in the review's URL, so "Back"
 * returns to the page the coder opened it from, with this encounter's row
 * focused (#encounter-<id>, components/coder-queue.tsx); the next encounter
 * is the row after this one in the same view, and its link carries the view
 * on with the page that row is on (page 3's first row after page 2's last). After "Mark coded" the encounter leaves a ready-for-coding view, yet its
 * place in the order still gives the next one.
 */
export function QueueNavigation({ encounterId, searchParams, scope }: { encounterId: number; searchParams: Record<string, string | string[] | undefined>; scope: FacilityScope }) {
  const view = parseQueueView(searchParams);
  const next = nextInQueue(queueFiltersOf(view, scope), encounterId);
  return (
    <>
      <Link href={`${queueHref(view)}#encounter-${encounterId}`} className={linkClass} data-testid="back-to-queue">
        Back to the queue
      </Link>
      {next ? (
        <Link href={queueHref({ ...view, page: next.page }, next.id)} className={linkClass} data-testid="next-encounter">
          Next encounter: {next.patient} ({next.mrn}) →
        </Link>
      ) : (
        <span className="inline-flex min-h-11 items-center text-sm" data-testid="next-encounter-none">
          Last encounter of this queue view
        </span>
      )}
    </>
  );
}
