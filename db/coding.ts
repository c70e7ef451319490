import 'server-only';
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import { serviceDayOf, type FinalLine } from '@/lib/claim-lines';
import { codeEncounter, ENGINE_VERSION, type EncounterCodingResult } from '@/lib/coding';
import { blockingItems, confirmationsBeforeCoding, itemsNeedingReason, type ConfirmationItem } from '@/lib/coding-confirmations';
import { chosenInitial, diffLines, followCorrections, suggestedLines, workingLines, type LineDiff, type OverrideOp, type RecordedOverride, type WorkingLines } from '@/lib/coding-review';
import { chainRoots, currentVersions, engineInput } from '@/lib/engine-input';
import { formatInZone } from '@/lib/time';
import { encounterInstants, spansCalendarDays } from '@/lib/timeline';
import type { EncounterDetail, EncounterStatus, SessionUser, Setting } from '@/lib/types';
import { recordAudit } from './audit';
import { getDb } from './client';
import { getEncounter } from './encounters';
import { loadFormulary } from './formulary';
import { preparedOnce } from './prepared';
import { administrations, coderQueries, codingOverrides, codingResults, encounters, users } from './schema';

/** The coder's decisions on an encounter, oldest first: read by the review and after every charting (prepared once per connection). */
const overrideStatements = preparedOnce((db) => ({
  ofEncounter: db
    .select({ o: codingOverrides, credentials: users.credentials })
    .from(codingOverrides)
    .leftJoin(users, eq(users.id, codingOverrides.coderId))
    .where(eq(codingOverrides.encounterId, sql.placeholder('encounterId')))
    .orderBy(asc(codingOverrides.id))
    .prepare(),
}));

function loadOverrides(encounterId: number): RecordedOverride[] {
  // The coder is named with credentials ("Casey Morgan, CPC") as everywhere else on the review.
  return overrideStatements()
    .ofEncounter.all({ encounterId })
    .map(({ o, credentials }) => ({
      id: o.id,
      coderName: credentials ? `${o.coderName}, ${credentials}` : o.coderName,
      at: o.at,
      op: (o.op === 'accept-all' ? { op: 'accept-all' } : { op: o.op, lineKey: o.lineKey ?? undefined, value: o.value ?? undefined, reason: o.reason ?? '' }) as OverrideOp,
    }));
}

export interface EncounterCoding {
  encounter: EncounterDetail;
  result: EncounterCodingResult;
  dateOfService: string;
  suggested: FinalLine[];
  overrides: RecordedOverride[];
  working: WorkingLines;
  initial: { administrationId: string; reason: string } | null;
  /** What the coder must confirm before "Mark coded" (lib/coding-confirmations.ts), over the working lines. */
  confirmations: ConfirmationItem[];
  /** Dose id → its amendment chain's original entry id (lib/engine-input.ts chainRoots), as lines name doses. */
  roots: ReadonlyMap<string, string>;
}

/** The engine over an encounter's current entries, with the coder's decisions applied. */
export function codeStoredEncounter(encounterId: number): EncounterCoding | null {
  const encounter = getEncounter(encounterId);
  if (!encounter) return null;
  // Decisions citing a dose follow it to its current version (a correction is a new row).
  const overrides = followCorrections(loadOverrides(encounterId), currentVersions(encounter.administrations));
  // coding-rules.md §3: the coder's choice of initial service counts only in an office.
  const initial = encounter.setting === 'non-facility' ? chosenInitial(overrides) : null;
  const formulary = loadFormulary();
  const input = engineInput(
    { setting: encounter.setting, timeZone: encounter.facility.timeZone, formulary, jwJz: encounter.jwJzPolicy, lateEntryThresholdMinutes: encounter.lateEntryThresholdMinutes },
    encounter.administrations,
  );
  if (initial) input.options = { ...input.options, initialAdministrationId: initial.administrationId };
  const result = codeEncounter(input);
  const firstDose = encounter.administrations.find((a) => a.status === 'active');
  const dateOfService = formatInZone(firstDose?.startAt ?? encounter.openedAt, encounter.facility.timeZone, 'yyyy-MM-dd');
  // Lines and decisions name doses by their amendment chain's original entry, so a correction keeps them (issue 15).
  const roots = chainRoots(encounter.administrations);
  // Each line dated by its own first dose's local day (a cross-midnight encounter's lines differ).
  const dayOf = serviceDayOf(encounter.administrations, encounter.facility.timeZone);
  const suggested = suggestedLines(result, dateOfService, roots, dayOf);
  const working = workingLines(suggested, overrides, roots, dayOf);
  const zone = encounter.facility.timeZone;
  const confirmations = confirmationsBeforeCoding({
    lines: working.lines,
    administrations: encounter.administrations,
    warnings: result.warnings,
    problems: working.problems,
    lapsed: working.lapsed,
    formulary,
    timeZone: zone,
    withDate: spansCalendarDays(encounterInstants(encounter, encounter.administrations), zone),
    lateEntryThresholdMinutes: encounter.lateEntryThresholdMinutes,
  });
  return { encounter, result, dateOfService, suggested, overrides, working, initial, confirmations, roots };
}

/**
 * The queue's counts, as the review shows them to the coder (issue 15 fresh
 * coder: Warnings 0 in the queue, "⚠ Placeholder NDC" on the review):
 * warningCount = the review's "Warnings" list less its documentation gaps
 * (every warning but R-DOC-* info) + its "To confirm" items
 * (confirmationsBeforeCoding, as EncounterCoding.confirmations); gapCount =
 * the R-DOC-* warnings above info.
 */
export function summaryCounts(result: EncounterCodingResult, confirmations: readonly ConfirmationItem[] = []): { warningCount: number; gapCount: number } {
  const gapCount = result.warnings.filter((w) => w.severity !== 'info' && w.rule.startsWith('R-DOC-')).length;
  return { gapCount, warningCount: result.warnings.filter((w) => !w.rule.startsWith('R-DOC-')).length + confirmations.length };
}

/**
 * Keeps the queue's derived columns in step with the chart; call it inside
 * the transaction that changed the chart.
 */
export function refreshCodingSummary(encounterId: number): void {
  const coded = codeStoredEncounter(encounterId);
  if (!coded) return;
  const { warningCount, gapCount } = summaryCounts(coded.result, coded.confirmations);
  summaryStatements().update.run({
    encounterId,
    administrationCount: coded.encounter.administrations.filter((a) => a.status === 'active').length,
    warningCount,
    gapCount,
    dateOfService: coded.dateOfService,
  });
}

/**
 * refreshCodingSummary for the work after a charting's commit
 * (server/after-commit.ts): the same write, committed without waiting for the
 * disk (`synchronous = NORMAL` for this one statement, then the connection's
 * setting again). The charting itself was committed with a sync before its
 * answer; these columns are derived, not clinical data. In WAL mode a NORMAL
 * commit keeps the database consistent but may be rolled back by a power loss
 * before the next synced commit (sqlite.org/pragma.html#pragma_synchronous):
 * the summary is then older than the doses, and start-up repairs it
 * (db/administrations.ts encountersWithStaleSummary: the dose count
 * disagrees). Saves one of the two disk syncs of every charting (issue 16
 * profile: 6 % of the server's time). Inside a transaction it is the plain
 * refresh (the transaction's own commit decides).
 */
export function refreshCodingSummaryAfterCommit(encounterId: number): void {
  const sqlite = getDb().$client;
  if (sqlite.inTransaction) return refreshCodingSummary(encounterId);
  const previous = sqlite.pragma('synchronous', { simple: true }) as number;
  sqlite.pragma('synchronous = NORMAL');
  try {
    refreshCodingSummary(encounterId);
  } finally {
    sqlite.pragma(`synchronous = ${Number(previous)}`);
  }
}

/** The summary's write, prepared once per connection (it runs after every charting: issue 16 item 1). */
const summaryStatements = preparedOnce((db) => ({
  update: db
    .update(encounters)
    .set({
      administrationCount: sql`${sql.placeholder('administrationCount')}`,
      warningCount: sql`${sql.placeholder('warningCount')}`,
      gapCount: sql`${sql.placeholder('gapCount')}`,
      dateOfService: sql`${sql.placeholder('dateOfService')}`,
    })
    .where(eq(encounters.id, sql.placeholder('encounterId')))
    .prepare(),
}));

// --- Queue ---
// The queue's query lives in ./coding-queue (prepared statements per view shape).
export { codingQueue, nextInQueue, queueFiltersOf, queueOverview, QUEUE_PAGE_SIZE, QUEUE_SORTS, type QueueFilters, type QueueRow } from './coding-queue';

// --- Review ---

export interface CodingHistoryEntry {
  id: number;
  coderName: string;
  coderCredentials: string;
  codedAt: Date;
  engineVersion: string;
  lines: FinalLine[];
}

export interface QueryView {
  id: number;
  administrationId: number | null;
  question: string;
  askedByName: string;
  askedAt: Date;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  status: 'open' | 'answered' | 'closed';
}

export function codingHistory(encounterId: number): CodingHistoryEntry[] {
  return getDb()
    .select({
      id: codingResults.id,
      coderName: codingResults.coderName,
      coderCredentials: codingResults.coderCredentials,
      codedAt: codingResults.codedAt,
      engineVersion: codingResults.engineVersion,
      lines: codingResults.lines,
    })
    .from(codingResults)
    .where(eq(codingResults.encounterId, encounterId))
    .orderBy(desc(codingResults.id))
    .all();
}

export function listQueries(encounterId: number): QueryView[] {
  return getDb()
    .select({
      id: coderQueries.id,
      administrationId: coderQueries.administrationId,
      question: coderQueries.question,
      askedByName: coderQueries.askedByName,
      askedAt: coderQueries.askedAt,
      answer: coderQueries.answer,
      answeredByName: coderQueries.answeredByName,
      answeredAt: coderQueries.answeredAt,
      status: coderQueries.status,
    })
    .from(coderQueries)
    .where(eq(coderQueries.encounterId, encounterId))
    .orderBy(asc(coderQueries.id))
    .all();
}

/** The last coded lines vs the current working lines, when the chart changed after coding. */
export function changesSinceCoded(encounterId: number, current: FinalLine[], roots?: ReadonlyMap<string, string>): LineDiff | null {
  const last = codingHistory(encounterId)[0];
  return last ? diffLines(last.lines, current, roots) : null;
}

// --- Coder actions (each with its audit event in the same transaction) ---

/** Whether `administrationId` (engine id text or number) names a charted entry of this encounter. */
function administrationOfEncounter(administrationId: string, encounterId: number): boolean {
  if (!/^[1-9][0-9]{0,15}$/.test(administrationId)) return false;
  const row = getDb()
    .select({ id: administrations.id })
    .from(administrations)
    .where(and(eq(administrations.id, Number(administrationId)), eq(administrations.encounterId, encounterId)))
    .get();
  return row !== undefined;
}

/**
 * A coder sends a coded encounter back to the queue (to query the clinician or
 * re-code), with the reason; audited as encounter.returned-to-coding. The coded
 * result stays in the history. Errors: not found, not coded.
 */
export function returnToQueue(encounterId: number, reason: string, coder: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const encounter = reviewable(encounterId);
      if (!encounter) return fail({}, 'This encounter does not exist');
      if (encounter.status !== 'coded') return fail({}, 'This encounter is not coded: it is already in the queue');
      tx.update(encounters).set({ status: 'ready-for-coding' }).where(and(eq(encounters.id, encounterId), eq(encounters.status, 'coded'))).run();
      recordAudit(tx, {
        event: 'encounter.returned-to-coding',
        actorId: coder.id,
        at: now,
        entityType: 'encounter',
        entityId: encounterId,
        encounterId,
        changes: { status: { old: 'coded', new: 'ready-for-coding' } },
        reason,
      });
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}

function reviewable(encounterId: number): { status: EncounterStatus; setting: Setting } | null {
  return getDb().select({ status: encounters.status, setting: encounters.setting }).from(encounters).where(eq(encounters.id, encounterId)).get() ?? null;
}

export function recordOverride(encounterId: number, op: OverrideOp, coder: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const encounter = reviewable(encounterId);
      if (!encounter) return fail({}, 'This encounter does not exist');
      if (encounter.status !== 'ready-for-coding') return fail({}, 'Only an encounter that is ready for coding can be reviewed');
      if (op.op === 'initial' && encounter.setting !== 'non-facility') {
        return fail({}, 'In the facility setting the initial service follows the hierarchy (coding-rules.md §3)');
      }
      // Every dose a decision cites must be a dose of this encounter (issue 11: ids are what they claim).
      const cited = op.op === 'add' ? op.value.administrationIds : op.op === 'initial' ? [op.value.administrationId] : [];
      const foreign = cited.find((id) => !administrationOfEncounter(id, encounterId));
      if (foreign !== undefined) {
        return fail({ administrationId: 'That dose is not part of this encounter' }, 'Nothing was saved: a cited dose is not part of this encounter');
      }
      const before = codeStoredEncounter(encounterId);
      // Restoring puts back the engine's line the coder removed (its numbers, not the client's).
      const restoring = op.op === 'change' && op.value.restored === true;
      const removedLine = restoring ? before?.working.removed.find((r) => r.line.key === op.lineKey)?.line : undefined;
      if (restoring && !removedLine) return fail({}, 'That line is not removed: reload the review');
      if (!restoring && (op.op === 'change' || op.op === 'remove') && !before?.working.lines.some((l) => l.key === op.lineKey)) {
        return fail({}, 'That line is no longer suggested: reload the review');
      }
      // Remember which engine numbers the decision was made against (charge follows chart).
      const engineLine = 'lineKey' in op ? before?.suggested.find((l) => l.key === op.lineKey) : undefined;
      const basis = engineLine ? { code: engineLine.code, units: engineLine.units, modifiers: engineLine.modifiers } : undefined;
      const value = removedLine
        ? { code: removedLine.code, units: removedLine.units, modifiers: removedLine.modifiers, restored: true, basis }
        : op.op === 'change' ? { ...op.value, basis } : op.op === 'remove' ? { basis } : 'value' in op ? op.value : null;
      tx.insert(codingOverrides)
        .values({
          encounterId,
          op: op.op,
          lineKey: 'lineKey' in op ? op.lineKey : null,
          value: value as Record<string, unknown> | null,
          reason: 'reason' in op ? op.reason : null,
          coderId: coder.id,
          coderName: coder.name,
          at: now,
        })
        .run();
      const old = 'lineKey' in op ? before?.working.lines.find((l) => l.key === op.lineKey) : undefined;
      const subject = old ?? removedLine ?? (op.op === 'add' ? { dateOfService: null, administrationIds: op.value.administrationIds } : undefined);
      recordAudit(tx, {
        event: `coding.${op.op}` as 'coding.change',
        actorId: coder.id,
        at: now,
        entityType: 'encounter',
        entityId: encounterId,
        encounterId,
        changes: {
          line: { old: old ? { code: old.code, units: old.units, modifiers: old.modifiers } : null, new: removedLine ? value : 'value' in op ? op.value : op.op === 'remove' ? null : 'engine suggestion' },
          // Which line: its date of service and the doses it derives from (named in the audit history).
          ...(subject ? { dateOfService: { old: null, new: subject.dateOfService }, lineDoses: { old: null, new: subject.administrationIds } } : {}),
        },
        reason: 'reason' in op ? op.reason : null,
      });
      // A decision can settle a "to confirm" item (a JW/JZ choice, a lapsed line): the queue's Warnings follows.
      refreshCodingSummary(encounterId);
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Puts back a line the coder removed (the engine's line as suggested), a
 * decision with its reason audited as coding.change (value.restored = true).
 * Fails when the line is not among the removed ones.
 */
export function restoreLine(encounterId: number, lineKey: string, reason: string, coder: SessionUser, now: Date): ActionResult<null> {
  return recordOverride(encounterId, { op: 'change', lineKey, value: { code: '', units: 0, modifiers: [], restored: true }, reason }, coder, now);
}

/**
 * Freezes the working lines as the encounter's final lines (status → coded),
 * audited as coding.marked-coded in the same transaction.
 *
 * Before that the server re-derives what must be confirmed
 * (confirmationsBeforeCoding over the current chart; the client's list is never
 * taken): an error-level item refuses with its message; any other item needs
 * `reason` (field error `reason`, nothing changes), which is stored on the
 * audit event with the confirmed items' messages. `seenKeys`, when given, are
 * the item keys the coder was shown: an item outside them (the chart changed
 * since) refuses, so a reason never covers something the coder did not see.
 *
 * Errors: not found; not ready for coding; add-on integrity; open query;
 * blocking items; missing reason; items not seen.
 */
export function markCoded(
  encounterId: number,
  coder: SessionUser,
  now: Date,
  confirm: { reason?: string | undefined; seenKeys?: readonly string[] | undefined } = {},
): ActionResult<{ id: number }> {
  return getDb().transaction(
    (tx): ActionResult<{ id: number }> => {
      const coded = codeStoredEncounter(encounterId);
      if (!coded) return fail({}, 'This encounter does not exist');
      if (coded.encounter.status !== 'ready-for-coding') return fail({}, 'Only an encounter that is ready for coding can be marked coded');
      if (coded.working.problems.length > 0) {
        return fail({}, `Add-on integrity: ${coded.working.problems.map((p) => p.message).join(' ')}`);
      }
      const open = listQueries(encounterId).filter((q) => q.status !== 'closed');
      if (open.length > 0) return fail({}, 'Close the open documentation queries first');
      const blocking = blockingItems(coded.confirmations);
      if (blocking.length > 0) {
        return fail({}, `Not coded: fix ${blocking.length === 1 ? 'this error' : 'these errors'} first (query the clinician or correct the lines). ${blocking.map((i) => i.message).join(' ')}`);
      }
      const toConfirm = itemsNeedingReason(coded.confirmations);
      if (confirm.seenKeys) {
        const seen = new Set(confirm.seenKeys);
        const unseen = toConfirm.filter((i) => !seen.has(i.key));
        if (unseen.length > 0) {
          return fail({ reason: 'The chart changed since you opened this: review the new items and confirm again' }, `Not coded: new item(s) to confirm: ${unseen.map((i) => i.message).join(' ')}`);
        }
      }
      const reason = confirm.reason?.trim() || null;
      if (toConfirm.length > 0 && !reason) {
        return fail(
          { reason: `Give the reason for coding with ${toConfirm.length === 1 ? 'this item' : `these ${toConfirm.length} items`} unresolved` },
          `Not coded: ${toConfirm.length} item(s) need your reason. ${toConfirm.map((i) => i.message).join(' ')}`,
        );
      }
      const row = tx
        .insert(codingResults)
        .values({ encounterId, engineVersion: ENGINE_VERSION, lines: coded.working.lines, coderId: coder.id, coderName: coder.name, coderCredentials: coder.credentials, codedAt: now })
        .returning({ id: codingResults.id })
        .get();
      tx.update(encounters).set({ status: 'coded' }).where(and(eq(encounters.id, encounterId), eq(encounters.status, 'ready-for-coding'))).run();
      recordAudit(tx, {
        event: 'coding.marked-coded',
        actorId: coder.id,
        at: now,
        entityType: 'encounter',
        entityId: encounterId,
        encounterId,
        changes: {
          status: { old: 'ready-for-coding', new: 'coded' },
          lines: { old: null, new: coded.working.lines.map((l) => `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} x${l.units}`) },
          engineVersion: { old: null, new: ENGINE_VERSION },
          ...(toConfirm.length > 0 ? { confirmed: { old: null, new: toConfirm.map((i) => i.message) } } : {}),
        },
        reason: toConfirm.length > 0 ? reason : null,
      });
      refreshCodingSummary(encounterId);
      return { ok: true, data: { id: row.id } };
    },
    { behavior: 'immediate' },
  );
}

function setQueryState(encounterId: number): void {
  const states = listQueries(encounterId).map((q) => q.status);
  const state = states.includes('open') ? 'open' : states.includes('answered') ? 'answered' : 'none';
  getDb().update(encounters).set({ queryState: state }).where(eq(encounters.id, encounterId)).run();
}

export function raiseQuery(encounterId: number, administrationId: number | null, question: string, coder: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction(
    (tx): ActionResult<{ id: number }> => {
      const encounter = reviewable(encounterId);
      if (!encounter) return fail({}, 'This encounter does not exist');
      // A coded claim is final: a new question re-opens coding, so it first goes back to the queue (audited).
      if (encounter.status === 'coded') {
        return fail({ question: 'This encounter is coded: return it to the coding queue first' }, 'Not sent: return the encounter to the coding queue first');
      }
      if (administrationId !== null && !administrationOfEncounter(String(administrationId), encounterId)) {
        return fail({ administrationId: 'That dose is not part of this encounter' }, 'Not sent: the dose is not part of this encounter');
      }
      const values = { encounterId, administrationId, question, askedById: coder.id, askedByName: `${coder.name}, ${coder.credentials}`, askedAt: now };
      const row = tx.insert(coderQueries).values(values).returning({ id: coderQueries.id }).get();
      setQueryState(encounterId);
      recordAudit(tx, { event: 'query.raised', actorId: coder.id, at: now, entityType: 'encounter', entityId: encounterId, encounterId, changes: { query: { old: null, new: question } } });
      return { ok: true, data: { id: row.id } };
    },
    { behavior: 'immediate' },
  );
}

export function answerQuery(queryId: number, answer: string, clinician: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const q = tx.select().from(coderQueries).where(eq(coderQueries.id, queryId)).get();
      if (!q) return fail({}, 'This query does not exist');
      if (q.status !== 'open') return fail({}, 'This query was already answered');
      tx.update(coderQueries)
        .set({ answer, answeredByName: `${clinician.name}, ${clinician.credentials}`, answeredAt: now, status: 'answered' })
        .where(and(eq(coderQueries.id, queryId), eq(coderQueries.status, 'open')))
        .run();
      setQueryState(q.encounterId);
      recordAudit(tx, { event: 'query.answered', actorId: clinician.id, at: now, entityType: 'encounter', entityId: q.encounterId, encounterId: q.encounterId, changes: { answer: { old: null, new: answer } } });
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}

export function closeQuery(queryId: number, coder: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const q = tx.select().from(coderQueries).where(eq(coderQueries.id, queryId)).get();
      if (!q) return fail({}, 'This query does not exist');
      if (q.status !== 'answered') return fail({}, q.status === 'open' ? 'The clinician has not answered yet' : 'This query is already closed');
      tx.update(coderQueries).set({ status: 'closed', closedAt: now }).where(eq(coderQueries.id, queryId)).run();
      setQueryState(q.encounterId);
      recordAudit(tx, { event: 'query.closed', actorId: coder.id, at: now, entityType: 'encounter', entityId: q.encounterId, encounterId: q.encounterId, changes: { status: { old: 'answered', new: 'closed' } } });
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}

/** Coded encounters whose date of service falls in the range, each with its latest final lines. */
export function codedInRange(from: string | undefined, to: string | undefined): { encounterId: number; result: CodingHistoryEntry }[] {
  const conditions: SQL[] = [eq(encounters.status, 'coded')];
  if (from) conditions.push(gte(encounters.dateOfService, from));
  if (to) conditions.push(lte(encounters.dateOfService, to));
  const ids = getDb().select({ id: encounters.id }).from(encounters).where(and(...conditions)).orderBy(asc(encounters.dateOfService), asc(encounters.id)).all();
  return ids.flatMap(({ id }) => {
    const result = codingHistory(id)[0];
    return result ? [{ encounterId: id, result }] : [];
  });
}
