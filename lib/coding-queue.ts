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

/**
 * Longest search text kept, in characters. An MRN or a name fits easily; the
 * form's field stops there (maxLength) and a longer `q` in a hand-made URL is
 * cut to it with a notice. (A URL past Node's 16 KB header limit never reaches
 * the app: the form keeps the browser from sending one.)
 */
export const QUEUE_SEARCH_MAX = 60;
/** Highest page number read from the URL (7 digits: 500 million rows at 50 a page). */
const PAGE_PATTERN = /^[1-9]\d{0,6}$/;
const FACILITY_PATTERN = /^[1-9]\d{0,8}$/;

const QUEUE_STATUSES = ['ready-for-coding', 'coded', 'open', 'any'] as const;
const STATUS_NAME: Record<(typeof QUEUE_STATUSES)[number], string> = {
  'ready-for-coding': 'Ready for coding',
  coded: 'Coded',
  open: 'Open (being charted)',
  any: 'Any',
};

/**
 * The queue view as URL parameters: `q` (MRN or name), `status`, `facility`
 * (id), `from`/`to` (date of service, YYYY-MM-DD in the facility's zone),
 * `warnings=1`, `query` (QueueQueryFilter; `1` = not closed, the old checkbox),
 * `returned=1` (came back after coding), `sort`, `page`.
 */
export const queueViewSchema = z.object({
  q: z.string().max(QUEUE_SEARCH_MAX).optional(),
  status: z.enum(QUEUE_STATUSES),
  facility: z.number().int().positive().optional(),
  from: z.string().refine(isCalendarDate).optional(),
  to: z.string().refine(isCalendarDate).optional(),
  warnings: z.literal('1').optional(),
  query: z.enum(QUEUE_QUERY_FILTERS).optional(),
  returned: z.literal('1').optional(),
  sort: z.enum(QUEUE_SORTS),
  page: z.number().int().min(1),
});
export type QueueView = z.infer<typeof queueViewSchema>;

export const DEFAULT_QUEUE_VIEW: QueueView = { status: 'ready-for-coding', sort: 'opened-desc', page: 1 };

/** A URL parameter the queue did not take as given, and what it shows instead (shown above the queue). */
export interface QueueNotice {
  param: keyof QueueView;
  message: string;
}

/** Each URL parameter as a notice names it. */
const PARAM_LABEL: Record<keyof QueueView, string> = {
  q: 'Search',
  status: 'Status',
  facility: 'Facility',
  from: 'Service from',
  to: 'Service to',
  warnings: 'Has warnings',
  query: 'Query filter',
  returned: 'Returned after coding',
  sort: 'Sort',
  page: 'Page',
};

/** A typed value shown back in a notice: quoted, and cut so a tampered URL cannot fill the page. */
function shown(v: string): string {
  return `“${v.length > 24 ? `${v.slice(0, 24)}…` : v}”`;
}

/**
 * Next's searchParams (a value may repeat: the first counts, with a notice) → the queue view,
 * read strictly: a value that is not one the form could have sent is not
 * applied, and a notice says so and what is shown instead (issue 15 fresh-coder
 * review: `?page=1e3`, `?page=-1`, `?status=bogus` were taken silently). The
 * facility is checked against the coder's facilities by checkQueueFacility, the
 * page against the last page by clampQueuePage (both need the database).
 * Never throws: a coder's bookmark keeps working.
 */
export function readQueueView(raw: Record<string, string | string[] | undefined>): { view: QueueView; notices: QueueNotice[] } {
  const get = (k: string): string | undefined => {
    const v = raw[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const notices: QueueNotice[] = [];
  const view: QueueView = { ...DEFAULT_QUEUE_VIEW };
  // The form sends each parameter once: a repeated one (?facility=1&facility=2) is a hand-made address, and the coder is told which value counts.
  for (const [param, label] of Object.entries(PARAM_LABEL) as Array<[keyof QueueView, string]>) {
    const v = raw[param];
    if (!Array.isArray(v) || v.length < 2) continue;
    const values = v.map((x) => shown(x)).join(', ');
    notices.push({ param, message: `${label} is given ${v.length} times (${values.length > 80 ? `${values.slice(0, 80)}…` : values}) — only the first is read` });
  }

  const q = get('q')?.trim();
  if (q) {
    view.q = q.slice(0, QUEUE_SEARCH_MAX).trim();
    if (q.length > QUEUE_SEARCH_MAX) notices.push({ param: 'q', message: `Search shortened to its first ${QUEUE_SEARCH_MAX} characters (${q.length.toLocaleString('en-US')} were given)` });
  }

  const status = get('status');
  if (status !== undefined && status !== '') {
    const r = queueViewSchema.shape.status.safeParse(status);
    if (r.success) view.status = r.data;
    else notices.push({ param: 'status', message: `Status ${shown(status)} is not one of the queue's — showing ${STATUS_NAME['ready-for-coding']}` });
  }

  const facility = get('facility');
  if (facility !== undefined && facility !== '') {
    if (FACILITY_PATTERN.test(facility)) view.facility = Number(facility);
    else notices.push({ param: 'facility', message: `Facility ${shown(facility)} is not a facility number — showing all your facilities` });
  }

  for (const [param, label] of [
    ['from', 'Service from'],
    ['to', 'Service to'],
  ] as const) {
    const v = get(param);
    if (v === undefined || v === '') continue;
    if (isCalendarDate(v)) view[param] = v;
    else notices.push({ param, message: `${label} ${shown(v)} is not a date (YYYY-MM-DD) — not applied` });
  }
  if (view.from && view.to && view.from > view.to) notices.push({ param: 'to', message: `Service from ${view.from} is after service to ${view.to}: no date of service is in between` });

  for (const [param, label] of [
    ['warnings', 'Has warnings'],
    ['returned', 'Returned after coding'],
  ] as const) {
    const v = get(param);
    if (v === undefined || v === '') continue;
    if (v === '1') view[param] = '1';
    else notices.push({ param, message: `${label} ${shown(v)} is not 1 — not applied` });
  }

  const query = get('query');
  if (query !== undefined && query !== '') {
    const r = queueViewSchema.shape.query.safeParse(query === '1' ? 'open-or-answered' : query);
    if (r.success) view.query = r.data;
    else notices.push({ param: 'query', message: `Query filter ${shown(query)} is not one of the queue's — showing any query state` });
  }

  const sort = get('sort');
  if (sort !== undefined && sort !== '') {
    const r = queueViewSchema.shape.sort.safeParse(sort);
    if (r.success) view.sort = r.data;
    else notices.push({ param: 'sort', message: `Sort ${shown(sort)} is not one of the queue's — showing ${QUEUE_SORT_LABEL['opened-desc'].toLowerCase()}` });
  }

  const page = get('page');
  if (page !== undefined && page !== '') {
    if (PAGE_PATTERN.test(page)) view.page = Number(page);
    else notices.push({ param: 'page', message: `Page ${shown(page)} is not a page number — showing page 1` });
  }
  return { view, notices };
}

/** readQueueView without the notices (the review's links carry a view the queue page already read). */
export function parseQueueView(raw: Record<string, string | string[] | undefined>): QueueView {
  return readQueueView(raw).view;
}

/**
 * The view's facility if it is one of the coder's (`mine`: the facilities he
 * may see), else the view without it and a notice: rows of a facility outside
 * his scope are never shown, and he is told why the filter is not applied.
 */
export function checkQueueFacility(view: QueueView, mine: ReadonlyArray<{ id: number }>): { view: QueueView; notice: QueueNotice | null } {
  if (view.facility === undefined || mine.some((f) => f.id === view.facility)) return { view, notice: null };
  return {
    view: { ...view, facility: undefined },
    notice: { param: 'facility', message: `Facility ${view.facility} is not one of yours — showing all your facilities` },
  };
}

/** Pages of `total` rows (at least 1: an empty queue has one, empty, page). */
export function queuePageCount(total: number): number {
  return Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
}

/** The view's page if it exists for `total` rows, else the last page and a notice. */
export function clampQueuePage(view: QueueView, total: number): { view: QueueView; notice: QueueNotice | null } {
  const last = queuePageCount(total);
  if (view.page <= last) return { view, notice: null };
  return {
    view: { ...view, page: last },
    notice: { param: 'page', message: `Page ${view.page.toLocaleString('en-US')} does not exist — showing the last page (${last.toLocaleString('en-US')})` },
  };
}

/**
 * The view as a query string without its defaults (so `/coding` stays short),
 * e.g. "q=alv&sort=opened-asc&page=3". `page` is left out when `withPage` is
 * false (a link that changes the filters starts again at page 1).
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

/**
 * "/coding?…" or "/coding/12?…" for this view. The review's links carry the
 * page too, so "Back to the queue" returns to the page the coder left.
 */
export function queueHref(view: QueueView, encounterId?: number, withPage = true): string {
  const path = encounterId === undefined ? '/coding' : `/coding/${encounterId}`;
  const query = queueViewQuery(view, withPage);
  return query ? `${path}?${query}` : path;
}

// --- Search ---
// A coder types a name as he hears it and an MRN as it is printed: case,
// accents, apostrophes and hyphens must not decide whether a patient is found
// ("ÉLODIE" finds Élodie, "obrien" and "O’Brien" find O'Brien, "ED100234"
// finds ED-100234). Both sides are compared folded (foldSearchText).

/** Letters with no Unicode decomposition, written as a coder on a plain keyboard would type them. */
const LETTER_FOLDS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ĸ: 'k', ŋ: 'n' };
const ASCII_ALNUM = /^[a-z0-9]*$/;

/**
 * Text as search compares it: lower case, accents dropped (Unicode NFKD, then
 * the combining marks removed; ø, æ, ß, ł… spelt out, see LETTER_FOLDS), and
 * everything but letters and digits removed (spaces, apostrophes ' and ’,
 * hyphens, dots). "Østergaard" → "ostergaard", "O’Brien" → "obrien",
 * "ED-100234" → "ed100234". Letters of other scripts are kept, lower-cased.
 */
export function foldSearchText(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII_ALNUM.test(lower)) return lower; // the common case, without the Unicode passes
  return lower
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœßđðłþıħŧĸŋ]/g, (c) => LETTER_FOLDS[c]!)
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * What the search text looks for. The text is cut into tokens at spaces and
 * commas; a token with a digit is part of an MRN, any other a name word.
 * A patient matches when every name word starts a word of his family or
 * given name (nameWordStarts) and
 * every MRN part is in his MRN (both folded) — so "quinn 1002" narrows by
 * both — or, with several name words, when they run together start a name
 * ("o brien" finds O'Brien), or when the whole text is in his MRN ("ED 100234").
 */
export interface QueueSearch {
  /** Folded name words, at most 3 ("alvarez, ma" → ["alvarez", "ma"]). */
  words: string[];
  /** Folded MRN parts, at most 3 ("ed-1002" → ["ed1002"]). */
  mrnParts: string[];
  /** The name words run together when there are several ("o brien" → "obrien"), else null. */
  joined: string | null;
  /** The whole text folded when it has a digit and more than one token ("ED 100234" → "ed100234"), else null. */
  whole: string | null;
}

/** The message shown for a search with neither letters nor digits ("--", "'"): it matches nothing, not everything. */
export const QUEUE_SEARCH_NOTHING = 'Type letters or digits to search';

/**
 * The search text (cut to QUEUE_SEARCH_MAX) → what it looks for; null when
 * empty (no search: every row). A text with no letter or digit gives a search
 * with no words and no MRN part, which matches nothing (isNothingToSearch).
 */
export function parseQueueSearch(text: string | undefined): QueueSearch | null {
  const q = (text ?? '').trim().slice(0, QUEUE_SEARCH_MAX);
  if (!q) return null;
  const tokens = q
    .split(/[\s,;]+/)
    .map(foldSearchText)
    .filter(Boolean);
  const words = tokens.filter((t) => !/\p{N}/u.test(t)).slice(0, 3);
  const mrnParts = tokens.filter((t) => /\p{N}/u.test(t)).slice(0, 3);
  const all = foldSearchText(q);
  return {
    words,
    mrnParts,
    joined: words.length > 1 ? words.join('') : null,
    whole: tokens.length > 1 && mrnParts.length > 0 ? all : null,
  };
}

/** True for a search that has no letter or digit to look for (it shows nothing and QUEUE_SEARCH_NOTHING). */
export function isNothingToSearch(search: QueueSearch | null): boolean {
  return search !== null && search.words.length === 0 && search.mrnParts.length === 0;
}

/** Does a patient (family and given name, MRN) match the search? The rule the SQL of db/coding-queue.ts applies. */
export function matchesQueueSearch(search: QueueSearch | null, p: { familyName: string; givenName: string; mrn: string }): boolean {
  if (search === null) return true;
  if (isNothingToSearch(search)) return false;
  const mrn = foldSearchText(p.mrn);
  const starts = [...nameWordStarts(p.familyName), ...nameWordStarts(p.givenName)];
  const startsAName = (w: string) => starts.some((s) => s.startsWith(w));
  const names = search.words.length === 0 || search.words.every(startsAName) || (search.joined !== null && startsAName(search.joined));
  const mrns = search.mrnParts.every((m) => mrn.includes(m));
  return (names && mrns) || (search.whole !== null && mrn.includes(search.whole));
}

/**
 * Characters that part a name into words: spaces, hyphens, apostrophes
 * (' ’ ʼ) and dots ("Núñez-O'Connor" → Núñez, O, Connor; "van der Berg";
 * "José Luis"). NAME_SEPARATOR_GLOB is the same set as an SQLite GLOB, so
 * the SQL reads only the names that have one (a few hundred in 100,000).
 */
const NAME_SEPARATORS = /[\s\-'’ʼ.]+/u;
export const NAME_SEPARATOR_GLOB = "*[- '’ʼ.]*";

/**
 * Each word of a name to the name's end, folded: the texts a search word may
 * start (issue 15 fresh coder: "connor", "oconnor" and "o connor" find
 * Núñez-O'Connor, "berg" and "der berg" find van der Berg, "luis" finds José
 * Luis). "Núñez-O'Connor" → ["nunezoconnor", "oconnor", "connor"]. Words of
 * one letter count too (O'Neil starts at "o" as well as at "neil").
 */
export function nameWordStarts(name: string): string[] {
  const parts = name.split(NAME_SEPARATORS).filter(Boolean);
  return parts.map((_, i) => foldSearchText(parts.slice(i).join(''))).filter(Boolean);
}

/** Does a folded search word start any word of the name (nameWordStarts)? The SQL's check on names with a separator. */
export function startsANameWord(name: string, word: string): boolean {
  return word !== '' && nameWordStarts(name).some((s) => s.startsWith(word));
}

/** Above every character in SQLite's text order (NOCASE compares UTF-8 bytes, ASCII letters folded). */
const TOP = '\u{10FFFF}';

/**
 * Key ranges [from, to) of a NOCASE name index that hold every name whose
 * folded form starts with `word` (folded) but not its plain prefix: names
 * where, after k letters typed as they are, comes a character folding would
 * change — a space, apostrophe, hyphen or other ASCII sign, or any non-ASCII
 * character (É, Ø, ’, Cyrillic…). The names in the plain prefix range
 * [word, word+1) match as they are; these ranges hold candidates only, each
 * checked with the folded name. Ranges: 3 per typed letter up to the first
 * non-ASCII one, so an index probe each, never a scan of the patients.
 */
export function foldedNameRanges(word: string): Array<[string, string]> {
  const ascii = /^[a-z0-9]*/.exec(word)![0];
  const ranges: Array<[string, string]> = [];
  for (let k = 0; k <= Math.min(ascii.length, word.length - 1); k++) {
    const typed = word.slice(0, k);
    // NOCASE order: ' '..'/' below the digits; ':'..'@' and '['..'`' between the digits and the (folded) letters; '{' and above after them.
    ranges.push([`${typed} `, `${typed}0`], [`${typed}:`, `${typed}a`], [`${typed}{`, `${typed}${TOP}`]);
  }
  return ranges;
}

/**
 * The NOCASE index range [word, next) of the names starting with `word` as
 * typed: `next` is the word with its last character moved one up
 * ("obrien" → "obrieo").
 */
export function prefixRange(word: string): [string, string] {
  const chars = Array.from(word);
  const last = chars.pop() ?? '';
  return [word, chars.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1)];
}

/**
 * Separators an MRN is printed with (ED-2024-0042, L-0-0000203, "MS 2001",
 * ED.100/234): the SQL removes them from the stored MRN with replace() before
 * a plain LIKE '%part%' against the folded part, so a part typed with or
 * without them, across any of them, finds the MRN; the candidates are then
 * checked with the folded MRN. An MRN holding another sign (#, _) is not
 * found across it.
 */
export const MRN_SEPARATORS = ['-', ' ', '.', '/'] as const;

/**
 * A LIKE pattern over the MRNs as stored that every MRN holding the folded
 * part, across any separators, also matches: its characters in order with
 * anything between ("ed2024" → "%e%d%2%0%2%4%"). A cheap first pass (no
 * replace() per MRN) before the separators are removed from the few it keeps.
 */
export function mrnSpreadPattern(part: string): string {
  return `%${Array.from(part, escapeLike).join('%')}%`;
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
