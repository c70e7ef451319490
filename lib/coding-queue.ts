// The coder queue's view (search, filters, sort) as it travels in the URL, and
// the numbers a coding manager reads off it. Pure: no database here.
import { differenceInCalendarDays, parse } from 'date-fns';
import { z } from 'zod';
import { formatInZone, isCalendarDate } from './time';
import type { EncounterStatus } from './types';

export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_SORTS = ['opened-desc', 'opened-asc', 'warnings-desc'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_SORT_LABEL: Record<QueueSort, string> = {
  'opened-desc': 'Newest first',
  'opened-asc': 'Waiting longest first',
  'warnings-desc': 'Most warnings first',
};

/** Query state filter: one state, or "open or answered" (a query not yet closed). */
export const QUEUE_QUERY_FILTERS = ['open', 'answered', 'open-or-answered', 'none'] as const;
export type QueueQueryFilter = (typeof QUEUE_QUERY_FILTERS)[number];
export const QUEUE_QUERY_LABEL: Record<QueueQueryFilter, string> = {
  open: 'Query open',
  answered: 'Query answered',
  'open-or-answered': 'Query not closed',
  none: 'No query',
};

/** Longest search text kept (an MRN or a name fits easily; the rest is ignored). */
export const QUEUE_SEARCH_MAX = 60;

const calendarDate = z
  .string()
  .refine(isCalendarDate)
  .optional()
  .catch(undefined);

/**
 * The queue view as URL parameters: `q` (MRN or name), `status`, `facility`
 * (id), `from`/`to` (date of service, YYYY-MM-DD in the facility's zone),
 * `warnings=1`, `query` (QueueQueryFilter; `1` = not closed, the old checkbox),
 * `returned=1` (came back after coding), `sort`, `page`. Anything malformed
 * falls back to the default, never an error: a coder's bookmark keeps working.
 */
export const queueViewSchema = z.object({
  q: z
    .string()
    .transform((s) => s.trim().slice(0, QUEUE_SEARCH_MAX))
    .optional()
    .catch(undefined)
    .transform((s) => (s ? s : undefined)),
  status: z.enum(['ready-for-coding', 'coded', 'open', 'any']).catch('ready-for-coding'),
  facility: z.coerce.number().int().positive().optional().catch(undefined),
  from: calendarDate,
  to: calendarDate,
  warnings: z.literal('1').optional().catch(undefined),
  query: z
    .preprocess((v) => (v === '1' ? 'open-or-answered' : v), z.enum(QUEUE_QUERY_FILTERS).optional())
    .catch(undefined),
  returned: z.literal('1').optional().catch(undefined),
  sort: z.enum(QUEUE_SORTS).catch('opened-desc'),
  page: z.coerce.number().int().min(1).catch(1),
});
export type QueueView = z.infer<typeof queueViewSchema>;

/** Next's searchParams (a value may repeat) → the queue view; the first of a repeated value counts. */
export function parseQueueView(raw: Record<string, string | string[] | undefined>): QueueView {
  return queueViewSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}

/**
 * The view as a query string without its defaults (so `/coding` stays short),
 * e.g. "q=alv&sort=opened-asc". `page` is left out when `withPage` is false:
 * the review's links carry the view, not the page it was on.
 */
export function queueViewQuery(view: QueueView, withPage = true): string {
  const q = new URLSearchParams();
  if (view.q) q.set('q', view.q);
  if (view.status !== 'ready-for-coding') q.set('status', view.status);
  if (view.facility) q.set('facility', String(view.facility));
  if (view.from) q.set('from', view.from);
  if (view.to) q.set('to', view.to);
  if (view.warnings) q.set('warnings', '1');
  if (view.query) q.set('query', view.query);
  if (view.returned) q.set('returned', '1');
  if (view.sort !== 'opened-desc') q.set('sort', view.sort);
  if (withPage && view.page > 1) q.set('page', String(view.page));
  return q.toString();
}

/** "/coding?…" or "/coding/12?…" for this view. */
export function queueHref(view: QueueView, encounterId?: number, withPage = encounterId === undefined): string {
  const path = encounterId === undefined ? '/coding' : `/coding/${encounterId}`;
  const query = queueViewQuery(view, withPage);
  return query ? `${path}?${query}` : path;
}

/** What the search text looks for: an MRN part (has a digit) and/or name words (have a letter). */
export interface QueueSearch {
  /** Part of an MRN, anywhere in it ("100234" finds ED-100234, as does "ed-1002"). */
  mrn: string | null;
  /** Each word starts the family or the given name ("alv", "alvarez, ma", "maria alv"); at most 3. */
  words: string[];
}

export function parseQueueSearch(text: string | undefined): QueueSearch | null {
  const q = (text ?? '').trim().slice(0, QUEUE_SEARCH_MAX);
  if (!q) return null;
  const hasDigit = /\p{N}/u.test(q);
  const hasLetter = /\p{L}/u.test(q);
  // A name holds no LIKE wildcard: dropping them lets the name match go without ESCAPE, which an index on the name can serve.
  const words = hasLetter ? q.replace(/[%_\\]/g, '').split(/[\s,]+/).filter(Boolean).slice(0, 3) : [];
  return { mrn: hasDigit ? q : null, words };
}

/** Escapes LIKE's wildcards so a typed % or _ matches itself (used with ESCAPE '\'). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Days an encounter has waited to be billed: calendar days from its date of
 * service to today, both in the facility's zone (the unbilled-days measure of
 * coding managers, counted from the day of service / discharge). 0 on the day
 * of service; never negative. Without a date of service (no dose yet) the day
 * it was opened counts.
 */
export function daysWaiting(dateOfService: string | null, openedAt: Date, timeZone: string, now: Date): number {
  const service = dateOfService ?? formatInZone(openedAt, timeZone, 'yyyy-MM-dd');
  const today = formatInZone(now, timeZone, 'yyyy-MM-dd');
  const ref = new Date(0);
  const days = differenceInCalendarDays(parse(today, 'yyyy-MM-dd', ref), parse(service, 'yyyy-MM-dd', ref));
  return Number.isFinite(days) ? Math.max(0, days) : 0;
}

/** Why an encounter is back in the queue after it was coded (null: never coded). */
export type ReturnedReason = 'chart-corrected' | 'returned-by-coder';
export const RETURNED_LABEL: Record<ReturnedReason, string> = {
  'chart-corrected': 'Returned: chart corrected',
  'returned-by-coder': 'Returned by coding',
};

/** Counts a manager reads at the top of the queue. */
export interface QueueOverview {
  /** Encounters per status over the whole scope. */
  byStatus: Record<EncounterStatus, number>;
  /** Per facility of the scope: encounters per status, and days waiting of those ready for coding. */
  facilities: Array<{
    id: number;
    name: string;
    byStatus: Record<EncounterStatus, number>;
    oldestDays: number | null;
    medianDays: number | null;
  }>;
  /** Days waiting of everything ready for coding (null when nothing is). */
  oldestDays: number | null;
  medianDays: number | null;
}
