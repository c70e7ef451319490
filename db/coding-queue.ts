import 'server-only';
import { and, asc, count, desc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isEmptyScope, type FacilityScope } from '@/lib/facility-scope';
import {
  daysWaiting,
  escapeLike,
  foldedNameRanges,
  foldSearchText,
  prefixRange,
  isNothingToSearch,
  MRN_SEPARATORS,
  NAME_SEPARATOR_GLOB,
  startsANameWord,
  mrnSpreadPattern,
  parseQueueSearch,
  QUEUE_PAGE_SIZE,
  type QueueOverview,
  type QueueQueryFilter,
  type QueueSearch,
  type QueueSort,
  type QueueView,
  type ReturnedReason,
} from '@/lib/coding-queue';
import { ENCOUNTER_STATUSES } from './schema';
import type { EncounterStatus, Setting } from '@/lib/types';
import { getDb, type Db } from './client';
import { coderQueries, codingResults, encounters, facilities, patients } from './schema';

export { QUEUE_PAGE_SIZE, QUEUE_SORTS } from '@/lib/coding-queue';

export interface QueueFilters {
  /** Whose queue: the coder's facilities ('all' for an admin); every row is at one of them. */
  scope: FacilityScope;
  status: EncounterStatus | 'any';
  /** Narrows to one facility of the scope (a facility outside it gives an empty queue). */
  facilityId?: number | undefined;
  /** Date of service (YYYY-MM-DD, the facility's zone), inclusive bounds. */
  from?: string | undefined;
  to?: string | undefined;
  hasWarnings?: boolean | undefined;
  /** Same as queryState 'open-or-answered' (kept for older callers). */
  hasOpenQuery?: boolean | undefined;
  queryState?: QueueQueryFilter | undefined;
  /** Only encounters coded before and back in the queue since (not coded now). */
  returned?: boolean | undefined;
  /** Name words and/or MRN parts, compared folded: case, accents, apostrophes and hyphens aside (lib/coding-queue.ts parseQueueSearch). */
  search?: string | undefined;
  sort: QueueSort;
  page: number;
}

export interface QueueRow {
  id: number;
  mrn: string;
  patient: string;
  facilityId: number;
  facility: string;
  timeZone: string;
  setting: Setting;
  openedAt: Date;
  dateOfService: string | null;
  status: EncounterStatus;
  /** 'closed': no query open or answered, and one was raised and closed (the stored state says 'none'; the Query filter's "No query" holds these too). */
  queryState: 'none' | 'open' | 'answered' | 'closed';
  administrationCount: number;
  warningCount: number;
  gapCount: number;
  /** Why it is back after coding; null if it was never coded or is coded now. */
  returned: ReturnedReason | null;
}

/** The queue view of the URL (lib/coding-queue.ts) as the query takes it, over the user's scope. */
export function queueFiltersOf(view: QueueView, scope: FacilityScope): QueueFilters {
  return {
    scope,
    status: view.status,
    facilityId: view.facility,
    from: view.from,
    to: view.to,
    hasWarnings: view.warnings === '1',
    queryState: view.query,
    returned: view.returned === '1',
    search: view.q,
    sort: view.sort,
    page: view.page,
  };
}

// --- Prepared statements ---
// Drizzle rebuilds and recompiles a statement on every call of the query
// builder (issue 16: the whole excess of the queue over bare SQL). Each shape
// of the queue (which filters are set, how many facilities, the sort) is
// built once with placeholders for every value and kept per database handle;
// the shapes are few (a few dozen in practice), and each keeps the plain
// conditions SQLite's planner needs to use the encounter indexes.

interface Shape {
  status: boolean;
  /** 'one': a facility chosen; a number: the scope's facility count; 'all': an admin's queue. */
  facility: 'one' | 'all' | number;
  from: boolean;
  to: boolean;
  warnings: boolean;
  query: QueueQueryFilter | null;
  returned: boolean;
  words: number;
  joined: boolean;
  mrnParts: number;
  whole: boolean;
  sort: QueueSort;
}

function shapeOf(f: QueueFilters, search: QueueSearch | null): Shape {
  return {
    status: f.status !== 'any',
    facility: f.facilityId ? 'one' : f.scope === 'all' ? 'all' : f.scope.length,
    from: Boolean(f.from),
    to: Boolean(f.to),
    warnings: Boolean(f.hasWarnings),
    query: f.queryState ?? (f.hasOpenQuery ? 'open-or-answered' : null),
    returned: Boolean(f.returned),
    words: search?.words.length ?? 0,
    joined: Boolean(search?.joined),
    mrnParts: search?.mrnParts.length ?? 0,
    whole: Boolean(search?.whole),
    sort: f.sort,
  };
}

/** The search's placeholder values (index ranges, LIKE patterns): the same text gives the same values. */
function searchValues(search: QueueSearch | null): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const name = (key: string, word: string) => {
    values[key] = `${word}%`;
    [values[`${key}lo`], values[`${key}hi`]] = prefixRange(word);
    values[`${key}r`] = JSON.stringify(foldedNameRanges(word));
    values[`${key}w`] = word;
  };
  const mrn = (key: string, part: string) => {
    values[`${key}s`] = mrnSpreadPattern(part);
    values[key] = `%${escapeLike(part)}%`;
    values[`${key}v`] = `%${part}%`;
  };
  search?.words.forEach((w, i) => name(`w${i}`, w));
  if (search?.joined) name('j', search.joined);
  search?.mrnParts.forEach((m, i) => mrn(`m${i}`, m));
  if (search?.whole) mrn('wh', search.whole);
  return values;
}

/**
 * The last searches, parsed with their placeholder values: "Next encounter"
 * and paging repeat the same text, and parsing and the ranges' JSON were a
 * quarter of a sub-millisecond query's time. Bounded: the oldest goes first.
 */
const parsedSearches = new Map<string, { search: QueueSearch | null; values: Record<string, unknown> }>();
const PARSED_SEARCHES_KEPT = 200;

function parsedSearch(text: string | undefined): { search: QueueSearch | null; values: Record<string, unknown> } {
  const key = text ?? '';
  let hit = parsedSearches.get(key);
  if (!hit) {
    const search = parseQueueSearch(text);
    hit = { search, values: searchValues(search) };
    if (parsedSearches.size >= PARSED_SEARCHES_KEPT) parsedSearches.delete(parsedSearches.keys().next().value!);
    parsedSearches.set(key, hit);
  }
  return hit;
}

function placeholderValues(f: QueueFilters, searchPart: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = { ...searchPart, status: f.status, facility: f.facilityId, from: f.from, to: f.to };
  if (!f.facilityId && f.scope !== 'all') f.scope.forEach((id, i) => (values[`f${i}`] = id));
  return values;
}

const warningWeight = sql<number>`(${encounters.warningCount} + ${encounters.gapCount})`;

/** The SQLite function folding text as search compares it (lib/coding-queue.ts foldSearchText); registered on each connection the queue reads. */
const FOLD = 'pushchart_search_fold';
const fold = sql.raw(FOLD);
/** The SQLite function telling whether a folded word starts a word of a name (lib/coding-queue.ts startsANameWord): 1 or 0. */
const WORD_FN = 'pushchart_name_word';
const wordFn = sql.raw(WORD_FN);

/**
 * Patients one folded name word finds (placeholders `key`: "word%";
 * `key`lo/`key`hi: the plain prefix range [word, word+1); `key`r: the
 * word's foldedNameRanges as JSON): family or given names starting with the
 * word as typed (ASCII case aside), and names in the ranges where a sign or a
 * non-ASCII letter follows the typed letters, kept when their folded form
 * starts with the word. Each part reads a NOCASE name index; the fold runs on
 * those few candidates, never on every patient.
 * Ranges, not LIKE 'word%': a LIKE against a bound value makes SQLite prepare
 * the statement again at every call. CROSS JOIN keeps the ranges outside:
 * inside the UNION, SQLite otherwise scanned every patient per range (1.7 s
 * instead of 90 ms at 100,000). UNION ALL: the IN list drops repeats itself.
 */
function namePatients(key: string): SQL {
  const word = sql.placeholder(key);
  const lo = sql.placeholder(`${key}lo`);
  const hi = sql.placeholder(`${key}hi`);
  const ranges = sql.placeholder(`${key}r`);
  const plain = (column: string) => sql`select p.id from patients p where p.${sql.raw(column)} collate nocase >= ${lo} and p.${sql.raw(column)} collate nocase < ${hi}`;
  const inRange = (column: string) =>
    sql`select p.id from json_each(${ranges}) r cross join patients p on p.${sql.raw(column)} collate nocase >= r.value ->> 0 and p.${sql.raw(column)} collate nocase < r.value ->> 1 where ${fold}(p.${sql.raw(column)}) like ${word}`;
  // A later word of a name ("connor" in Núñez-O'Connor): only names holding a separator (GLOB, in SQLite's C) reach the JS check.
  const inner = (column: string) =>
    sql`select p.id from patients p where p.${sql.raw(column)} glob ${sql.raw(`'${NAME_SEPARATOR_GLOB.replace(/'/g, "''")}'`)} and ${wordFn}(p.${sql.raw(column)}, ${sql.placeholder(`${key}w`)})`;
  return sql`${plain('family_name')}
    union all ${plain('given_name')}
    union all ${inRange('family_name')}
    union all ${inRange('given_name')}
    union all ${inner('family_name')}
    union all ${inner('given_name')}`;
}

/**
 * Patients whose folded MRN holds a folded MRN part (placeholders `key`s:
 * mrnSpreadPattern, a first pass over the MRNs as stored; `key`: "%part%", LIKE over the MRNs without their separators — STRIPPED_MRN_SQL,
 * so "ed20240042", "20240042" and "00000203" find ED-2024-0042 and
 * L-0-0000203; `key`v: "%part%" over the folded MRN, on the candidates only).
 */
function mrnPatients(key: string): SQL {
  return sql`select ${patients.id} from ${patients} where ${patients.mrn} like ${sql.placeholder(`${key}s`)} escape '\\' and ${strippedMrn} like ${sql.placeholder(key)} escape '\\' and ${fold}(${patients.mrn}) like ${sql.placeholder(`${key}v`)}`;
}

/** The stored MRN without its separators (MRN_SEPARATORS), in SQL: "ED-2024-0042" → "ED20240042". */
export const STRIPPED_MRN_SQL = MRN_SEPARATORS.reduce((expr, sep) => `replace(${expr}, '${sep}', '')`, 'mrn');
const strippedMrn = sql.raw(STRIPPED_MRN_SQL.replace(/\bmrn\b/, 'patients.mrn'));

/**
 * The search as a condition on encounters (lib/coding-queue.ts
 * matchesQueueSearch): (every name word, or the words run together) and every
 * MRN part, or the whole text in the MRN. Patients first: their ids, then
 * their encounters by index (joined the other way, SQLite walks every
 * encounter of the status).
 */
function searchOf(s: Shape): SQL | undefined {
  const of = (patientIds: SQL) => sql`${encounters.patientId} in (${patientIds})`;
  const words = s.words > 0 ? and(...Array.from({ length: s.words }, (_, i) => of(namePatients(`w${i}`)))) : undefined;
  const names = words && s.joined ? or(words, of(namePatients('j'))) : words;
  const mrns = s.mrnParts > 0 ? and(...Array.from({ length: s.mrnParts }, (_, i) => of(mrnPatients(`m${i}`)))) : undefined;
  const both = names && mrns ? and(names, mrns) : (names ?? mrns);
  return both && s.whole ? or(both, of(mrnPatients('wh'))) : both;
}

function whereOf(s: Shape): SQL | undefined {
  const c: SQL[] = [];
  if (s.status) c.push(eq(encounters.status, sql.placeholder('status')));
  if (s.facility === 'one') c.push(eq(encounters.facilityId, sql.placeholder('facility')));
  else if (typeof s.facility === 'number') {
    c.push(inArray(encounters.facilityId, Array.from({ length: s.facility }, (_, i) => sql.placeholder(`f${i}`))));
  }
  if (s.from) c.push(sql`${encounters.dateOfService} >= ${sql.placeholder('from')}`);
  if (s.to) c.push(sql`${encounters.dateOfService} <= ${sql.placeholder('to')}`);
  if (s.warnings) c.push(gt(warningWeight, 0));
  if (s.query === 'open-or-answered') c.push(inArray(encounters.queryState, ['open', 'answered']));
  else if (s.query) c.push(eq(encounters.queryState, s.query));
  if (s.returned) {
    c.push(sql`${encounters.status} <> 'coded'`);
    c.push(sql`exists (select 1 from ${codingResults} where ${codingResults.encounterId} = ${encounters.id})`);
  }
  const patientMatch = searchOf(s);
  if (patientMatch) c.push(patientMatch);
  return c.length > 0 ? and(...c) : undefined;
}

/** Sort keys, most significant first; every order ends with the id so pages and "next" never tie. */
function orderOf(sort: QueueSort): SQL[] {
  if (sort === 'opened-asc') return [asc(encounters.openedAt), asc(encounters.id)];
  if (sort === 'warnings-desc') return [desc(warningWeight), desc(encounters.openedAt), desc(encounters.id)];
  return [desc(encounters.openedAt), desc(encounters.id)];
}

/** "Rows after this one" in the sort's order, against placeholders k0 (weight), k1 (opened ms), k2 (id). */
function afterOf(sort: QueueSort): SQL {
  const k0 = sql.placeholder('k0');
  const k1 = sql.placeholder('k1');
  const k2 = sql.placeholder('k2');
  if (sort === 'opened-asc') return sql`(${encounters.openedAt}, ${encounters.id}) > (${k1}, ${k2})`;
  if (sort === 'warnings-desc') return sql`(${warningWeight}, ${encounters.openedAt}, ${encounters.id}) < (${k0}, ${k1}, ${k2})`;
  return sql`(${encounters.openedAt}, ${encounters.id}) < (${k1}, ${k2})`;
}

const rowColumns = {
  id: encounters.id,
  mrn: patients.mrn,
  patient: sql<string>`${patients.familyName} || ', ' || ${patients.givenName}`,
  facilityId: encounters.facilityId,
  facility: facilities.name,
  timeZone: facilities.timeZone,
  setting: encounters.setting,
  openedAt: encounters.openedAt,
  dateOfService: encounters.dateOfService,
  status: encounters.status,
  queryState: encounters.queryState,
  administrationCount: encounters.administrationCount,
  warningCount: encounters.warningCount,
  gapCount: encounters.gapCount,
};

function buildPage(db: Db, s: Shape, next: boolean) {
  const where = next ? and(whereOf(s), afterOf(s.sort)) : whereOf(s);
  return db
    .select(rowColumns)
    .from(encounters)
    .innerJoin(patients, eq(patients.id, encounters.patientId))
    .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
    .where(where)
    .orderBy(...orderOf(s.sort))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare();
}

/** Rows of the view before the row with sort key k0/k1/k2 (the reverse of afterOf): its place, for the page it is on. */
function buildCountBefore(db: Db, s: Shape) {
  const k0 = sql.placeholder('k0');
  const k1 = sql.placeholder('k1');
  const k2 = sql.placeholder('k2');
  const before =
    s.sort === 'opened-asc'
      ? sql`(${encounters.openedAt}, ${encounters.id}) < (${k1}, ${k2})`
      : s.sort === 'warnings-desc'
        ? sql`(${warningWeight}, ${encounters.openedAt}, ${encounters.id}) > (${k0}, ${k1}, ${k2})`
        : sql`(${encounters.openedAt}, ${encounters.id}) > (${k1}, ${k2})`;
  return db.select({ n: count() }).from(encounters).where(and(whereOf(s), before)).prepare();
}

function buildCount(db: Db, s: Shape) {
  return db.select({ n: count() }).from(encounters).where(whereOf(s)).prepare();
}

/** Of these encounter ids (a JSON array): when each was last coded (null: never), and whether the chart changed since. */
function buildReturned(db: Db) {
  // Written with table aliases: drizzle leaves the columns of a one-table
  // select unqualified, which these correlated subqueries would make ambiguous.
  const lastCoded = sql`(select max(c.coded_at) from coding_results c where c.encounter_id = e.id)`;
  // Charge follows chart: a dose charted or amended, a dose marked in error, or an addendum after the last coding.
  const corrected = sql<number>`(exists (select 1 from administrations a where a.encounter_id = e.id and a.charted_at > ${lastCoded})
    or exists (select 1 from administration_voids v join administrations a on a.id = v.administration_id where a.encounter_id = e.id and v.at > ${lastCoded})
    or exists (select 1 from encounter_addenda d where d.encounter_id = e.id and d.at > ${lastCoded}))`;
  return db
    .select({ id: sql<number>`e.id`, lastCoded: sql<number | null>`${lastCoded}`, corrected })
    .from(sql`encounters e`)
    .where(sql`e.id in (select value from json_each(${sql.placeholder('ids')}))`)
    .prepare();
}

/** Of these encounter ids (a JSON array): those with a closed coder query. */
function buildClosedQueries(db: Db) {
  return db
    .selectDistinct({ id: coderQueries.encounterId })
    .from(coderQueries)
    .where(and(sql`${coderQueries.encounterId} in (select value from json_each(${sql.placeholder('ids')}))`, eq(coderQueries.status, 'closed')))
    .prepare();
}

function buildCurrentKey(db: Db) {
  return db
    .select({ weight: warningWeight, openedAt: sql<number>`${encounters.openedAt}`, id: encounters.id })
    .from(encounters)
    .where(eq(encounters.id, sql.placeholder('id')))
    .prepare();
}

/** Encounters per facility and status; 'all' scans the covering (status, facility, opened) index whole. */
function buildStatusCounts(db: Db, facilityCount: number | 'all') {
  const q = db.select({ facilityId: encounters.facilityId, status: encounters.status, n: count() }).from(encounters);
  // Naming every status lets SQLite read the covering index instead of the table.
  const scoped =
    facilityCount === 'all'
      ? q
      : q.where(
          and(
            inArray(encounters.status, [...ENCOUNTER_STATUSES]),
            inArray(encounters.facilityId, Array.from({ length: facilityCount }, (_, i) => sql.placeholder(`f${i}`))),
          ),
        );
  return scoped.groupBy(encounters.status, encounters.facilityId).prepare();
}

/**
 * The ready-for-coding encounter at `offset` in the order they were opened
 * (index order: oldest first), at one facility or at every facility.
 */
function buildReadyAt(db: Db, variant: 'one' | 'all' | number) {
  const facility =
    variant === 'one'
      ? eq(encounters.facilityId, sql.placeholder('facility'))
      : variant === 'all'
        ? undefined
        : inArray(encounters.facilityId, Array.from({ length: variant }, (_, i) => sql.placeholder(`f${i}`)));
  return db
    .select({ dateOfService: encounters.dateOfService, openedAt: encounters.openedAt, timeZone: facilities.timeZone })
    .from(encounters)
    .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
    .where(and(eq(encounters.status, 'ready-for-coding'), facility))
    .orderBy(asc(encounters.openedAt), asc(encounters.id))
    .limit(1)
    .offset(sql.placeholder('offset'))
    .prepare();
}

type Statements = {
  page: Map<string, ReturnType<typeof buildPage>>;
  count: Map<string, ReturnType<typeof buildCount>>;
  before: Map<string, ReturnType<typeof buildCountBefore>>;
  counts: Map<string, ReturnType<typeof buildStatusCounts>>;
  returned?: ReturnType<typeof buildReturned>;
  closedQueries?: ReturnType<typeof buildClosedQueries>;
  currentKey?: ReturnType<typeof buildCurrentKey>;
  readyAt: Map<string, ReturnType<typeof buildReadyAt>>;
};
const statementsByDb = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = statementsByDb.get(db);
  if (!s) {
    // Deterministic: SQLite may call it once per distinct value. Folding as lib/coding-queue.ts does, so SQL and the rule agree.
    db.$client.function(FOLD, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldSearchText(text) : null));
    db.$client.function(WORD_FN, { deterministic: true }, (name: unknown, word: unknown) => (typeof name === 'string' && typeof word === 'string' && startsANameWord(name, word) ? 1 : 0));
    s = { page: new Map(), count: new Map(), before: new Map(), counts: new Map(), readyAt: new Map() };
    statementsByDb.set(db, s);
  }
  return s;
}

function cached<T>(map: Map<string, T>, key: string, build: () => T): T {
  let v = map.get(key);
  if (!v) {
    v = build();
    map.set(key, v);
  }
  return v;
}

function outOfScope(f: Pick<QueueFilters, 'scope' | 'facilityId'>): boolean {
  return isEmptyScope(f.scope) || Boolean(f.facilityId && f.scope !== 'all' && !f.scope.includes(f.facilityId));
}

type RawRow = Omit<QueueRow, 'returned'>;

function withReturned(db: Db, rows: RawRow[]): QueueRow[] {
  const candidates = rows.filter((r) => r.status !== 'coded').map((r) => r.id);
  const returned = new Map<number, ReturnedReason>();
  if (candidates.length > 0) {
    const st = statements(db);
    st.returned ??= buildReturned(db);
    for (const r of st.returned.all({ ids: JSON.stringify(candidates) })) {
      if (r.lastCoded !== null) returned.set(r.id, r.corrected ? 'chart-corrected' : 'returned-by-coder');
    }
  }
  // "—" in the Query column would read as "never queried" (issue 15 fresh coder): say when the query was closed.
  const noQuery = rows.filter((r) => r.queryState === 'none').map((r) => r.id);
  const closed = new Set<number>();
  if (noQuery.length > 0) {
    const st = statements(db);
    st.closedQueries ??= buildClosedQueries(db);
    for (const r of st.closedQueries.all({ ids: JSON.stringify(noQuery) })) closed.add(r.id);
  }
  return rows.map((r) => ({ ...r, queryState: closed.has(r.id) ? 'closed' : r.queryState, returned: returned.get(r.id) ?? null }));
}

/**
 * One page (QUEUE_PAGE_SIZE rows) of the coder queue, only encounters at the
 * scope's facilities, with the total matching the filters. Search
 * (lib/coding-queue.ts matchesQueueSearch): name words each starting the
 * family or given name and MRN parts anywhere in the MRN, compared folded
 * (case, accents, apostrophes, hyphens aside); a search with no letter or
 * digit finds nothing. Orders: newest opened
 * first, waiting longest first (opened earliest), most warnings + gaps first;
 * ties by id. Status, facility and open-time order are served by the
 * encounter indexes; the search reads patients by primary key.
 */
export function codingQueue(f: QueueFilters): { rows: QueueRow[]; total: number } {
  const { search, values: searchPart } = parsedSearch(f.search);
  if (outOfScope(f) || isNothingToSearch(search)) return { rows: [], total: 0 };
  const db = getDb();
  const shape = shapeOf(f, search);
  const key = JSON.stringify(shape);
  const st = statements(db);
  const values = placeholderValues(f, searchPart);
  const page = cached(st.page, key, () => buildPage(db, shape, false));
  const rows = page.all({ ...values, limit: QUEUE_PAGE_SIZE, offset: (Math.max(1, f.page) - 1) * QUEUE_PAGE_SIZE });
  const total = cached(st.count, key, () => buildCount(db, shape)).get(values)?.n ?? 0;
  return { rows: withReturned(db, rows), total };
}

/**
 * The row after encounter `currentId` in this queue view (same search,
 * filters and sort) with the page it is on (1-based, QUEUE_PAGE_SIZE rows a
 * page), or null at the end. The current encounter need not match
 * the view any more (just coded, it has left the ready queue): its sort key
 * still says where it stood.
 */
export function nextInQueue(f: Omit<QueueFilters, 'page'>, currentId: number): (QueueRow & { page: number }) | null {
  const { search, values: searchPart } = parsedSearch(f.search);
  if (outOfScope(f) || isNothingToSearch(search)) return null;
  const db = getDb();
  const st = statements(db);
  st.currentKey ??= buildCurrentKey(db);
  const current = st.currentKey.get({ id: currentId });
  if (!current) return null;
  const shape = shapeOf({ ...f, page: 1 }, search);
  const next = cached(st.page, `next:${JSON.stringify(shape)}`, () => buildPage(db, shape, true));
  const rows = next.all({ ...placeholderValues({ ...f, page: 1 }, searchPart), k0: current.weight, k1: current.openedAt, k2: current.id, limit: 1, offset: 0 });
  if (!rows[0]) return null;
  // The page it is on, so "Back to the queue" from it returns there (issue 15 fresh coder: page 3's first row carried page=2).
  const n = rows[0];
  const weight = n.warningCount + n.gapCount;
  const before = cached(st.before, JSON.stringify(shape), () => buildCountBefore(db, shape)).get({ ...placeholderValues({ ...f, page: 1 }, searchPart), k0: weight, k1: n.openedAt.getTime(), k2: n.id })?.n ?? 0;
  return { ...withReturned(db, rows)[0]!, page: Math.floor(before / QUEUE_PAGE_SIZE) + 1 };
}

const zeroCounts = (): Record<EncounterStatus, number> => Object.fromEntries(ENCOUNTER_STATUSES.map((s) => [s, 0])) as Record<EncounterStatus, number>;

/**
 * What a coding manager tracks at the top of the queue, over the scope's
 * facilities (not the filters): encounters per status, per facility, and the
 * days waiting (lib/coding-queue.ts daysWaiting) of the oldest and the median
 * ready-for-coding encounter, per facility and over the whole scope. Oldest
 * and median are taken in the order encounters were opened (the index order,
 * so 100,000 encounters cost an index step, not a sort); a visit whose first
 * dose came after midnight can make them differ by a day from a sort by date
 * of service. The median of an even count is the mean of the two middle ones.
 * `now` is the instant "today" is taken at, in each facility's zone.
 */
export function queueOverview(scope: FacilityScope, now: Date): QueueOverview {
  const empty: QueueOverview = { byStatus: zeroCounts(), facilities: [], oldestDays: null, medianDays: null };
  if (isEmptyScope(scope)) return empty;
  const db = getDb();
  const st = statements(db);
  const every = db.select({ id: facilities.id, name: facilities.name }).from(facilities).orderBy(asc(facilities.name)).all();
  const mine = scope === 'all' ? every : every.filter((f) => scope.includes(f.id));
  // A scope holding every facility reads like an admin's: no facility condition, the index alone.
  const whole = mine.length === every.length;
  const values: Record<string, unknown> = {};
  if (!whole) mine.forEach((f, i) => (values[`f${i}`] = f.id));
  const countsKey = whole ? 'all' : mine.length;
  const counts = cached(st.counts, String(countsKey), () => buildStatusCounts(db, countsKey)).all(values);
  const daysAt = (facility: number | null, offset: number): number => {
    const variant = facility !== null ? 'one' : countsKey;
    const stmt = cached(st.readyAt, String(variant), () => buildReadyAt(db, variant));
    const r = stmt.get({ ...values, facility, offset });
    return r ? daysWaiting(r.dateOfService, r.openedAt, r.timeZone, now) : 0;
  };
  const oldestAndMedian = (facility: number | null, ready: number): { oldestDays: number | null; medianDays: number | null } => {
    if (ready === 0) return { oldestDays: null, medianDays: null };
    const lo = daysAt(facility, Math.floor((ready - 1) / 2));
    const hi = ready % 2 === 0 ? daysAt(facility, ready / 2) : lo;
    return { oldestDays: daysAt(facility, 0), medianDays: (lo + hi) / 2 };
  };
  const perFacility = mine.map((fac) => {
    const byStatus = zeroCounts();
    for (const c of counts) if (c.facilityId === fac.id) byStatus[c.status] = c.n;
    return { id: fac.id, name: fac.name, byStatus, ...oldestAndMedian(fac.id, byStatus['ready-for-coding']) };
  });
  const byStatus = zeroCounts();
  for (const fac of perFacility) for (const s of ENCOUNTER_STATUSES) byStatus[s] += fac.byStatus[s];
  if (perFacility.length === 1) return { byStatus, facilities: perFacility, oldestDays: perFacility[0]!.oldestDays, medianDays: perFacility[0]!.medianDays };
  return { byStatus, facilities: perFacility, ...oldestAndMedian(null, byStatus['ready-for-coding']) };
}
