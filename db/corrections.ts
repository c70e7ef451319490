import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import type { AmendmentInput } from '@/lib/administration-schema';
import { documentedAtForAmendment } from '@/lib/charting-rules';
import { CHART_CHANGED_MESSAGE, chartVersion } from '@/lib/chart-version';
import type { EncounterDetail, SessionUser } from '@/lib/types';
import { recordAudit, type ChangeSet } from './audit';
import {
  checkDose,
  clinicalValues,
  entryOf,
  findByIdempotencyKey,
  loadEncounterFacts,
  NOT_SAVED,
  orderValues,
  witnessErrors,
  witnessValues,
  type ChartedEntry,
  type ChartingPlan,
  type DoseCheck,
  type EncounterFacts,
  type WitnessSignature,
} from './administrations';
import { getDb, type Tx } from './client';
import { refreshCodingSummary } from './coding';
import { getEncounter } from './encounters';
import { administrations, administrationVoids, encounterAddenda, encounters, facilities } from './schema';

type Administration = typeof administrations.$inferSelect;

interface Target {
  row: Administration;
  encounter: { id: number; status: 'open' | 'ready-for-coding' | 'coded'; timeZone: string; threshold: number };
}

function loadTarget(tx: Tx, administrationId: number): Target | null {
  const row = tx.select().from(administrations).where(eq(administrations.id, administrationId)).get();
  if (!row) return null;
  const encounter = tx
    .select({ id: encounters.id, status: encounters.status, timeZone: facilities.timeZone, threshold: facilities.lateEntryThresholdMinutes })
    .from(encounters)
    .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
    .where(eq(encounters.id, row.encounterId))
    .get();
  return encounter ? { row, encounter } : null;
}

/** Why this version cannot be corrected, or null when it is the current one. */
function supersededBy(tx: Tx, administrationId: number): string | null {
  const amendment = tx
    .select({ performerName: administrations.performerName, chartedAt: administrations.chartedAt })
    .from(administrations)
    .where(eq(administrations.amendsId, administrationId))
    .get();
  if (amendment) return `This entry was already amended by ${amendment.performerName} at ${amendment.chartedAt.toISOString()}: review the current version and amend that one`;
  const voided = tx.select({ actorName: administrationVoids.actorName }).from(administrationVoids).where(eq(administrationVoids.administrationId, administrationId)).get();
  if (voided) return `This entry was already marked entered in error by ${voided.actorName}`;
  return null;
}

/**
 * Charge follows chart: correcting an entry of a coded encounter sends it back
 * to the coder; the earlier coded result stays in the history.
 */
function reopenCodingIfCoded(tx: Tx, encounter: Target['encounter'], actor: SessionUser, now: Date, reason: string): void {
  if (encounter.status !== 'coded') return;
  tx.update(encounters).set({ status: 'ready-for-coding' }).where(and(eq(encounters.id, encounter.id), eq(encounters.status, 'coded'))).run();
  recordAudit(tx, {
    event: 'encounter.returned-to-coding',
    actorId: actor.id,
    at: now,
    entityType: 'encounter',
    entityId: encounter.id,
    encounterId: encounter.id,
    changes: { status: { old: 'coded', new: 'ready-for-coding' } },
    reason,
  });
}

function refuseAndAudit(event: 'administration.amend-refused' | 'administration.in-error-refused', actor: SessionUser, administrationId: number, encounterId: number | null, now: Date, message: string, reason: string) {
  // The refused attempt is itself part of the record, written outside the rolled-back change.
  getDb().transaction(
    (tx) =>
      recordAudit(tx, { event, actorId: actor.id, at: now, entityType: 'administration', entityId: administrationId, encounterId, changes: {}, reason: `${message} (attempted reason: ${reason})` }),
    { behavior: 'immediate' },
  );
  return fail({ form: message }, message);
}

const AMENDABLE: (keyof Administration & keyof AmendmentInput)[] = [
  'doseValue',
  'doseUnit',
  'kind',
  'site',
  'rationale',
  'ndc',
  'lot',
  'expiry',
  'wastedValue',
  'stopMissingReason',
  'lateEntryReason',
  'orderingProviderId',
  'orderType',
  'expiredProductReason',
  'doseConfirmationReason',
  'ndcConfirmationReason',
  // Issue 14: changing the pump or the procedure a drug was part of is an amendment like any field.
  'pump',
  'integralTo',
];
/** Stored facts of the amendment compared for the audit event, beyond AMENDABLE. */
const SNAPSHOTS = ['orderingProviderName', 'witnessName', 'witnessCredentials'] as const;

/** Charting times of every version of a dose up to `row` (the first version's is the earliest). */
function versionChartingTimes(tx: Tx, row: Administration): Date[] {
  const times = [row.chartedAt];
  let amendsId = row.amendsId;
  for (let guard = 0; amendsId !== null && guard < 1000; guard++) {
    const previous = tx.select({ chartedAt: administrations.chartedAt, amendsId: administrations.amendsId }).from(administrations).where(eq(administrations.id, amendsId)).get();
    if (!previous) break;
    times.push(previous.chartedAt);
    amendsId = previous.amendsId;
  }
  return times;
}

/** The witness an amendment carries: the one who signed for exactly this waste, when the waste did not change. */
function keptWitness(row: Administration, input: AmendmentInput): WitnessSignature | null {
  const sameWaste = row.wastedValue === (input.wastedValue ?? null) && row.wastedUnit === (input.wastedValue ? input.doseUnit : null);
  return sameWaste && row.witnessId && row.witnessName && row.witnessCredentials && row.witnessedAt
    ? { id: row.witnessId, name: row.witnessName, credentials: row.witnessCredentials, at: row.witnessedAt }
    : null;
}

/**
 * The bedside confirmations an amendment carries over when it does not touch
 * what they confirm: the expired-product reason while the expiry is the same,
 * the dose reason while dose, unit and kind are the same, the NDC reason
 * while the NDC is the same. A reason typed in the amendment wins.
 */
function keptReasons(row: Administration, input: AmendmentInput) {
  const sameExpiry = (input.expiry ?? null) === row.expiry;
  const sameDose = input.doseValue === row.doseValue && input.doseUnit === row.doseUnit && input.kind === row.kind;
  const sameNdc = (input.ndc ?? null) === row.ndc;
  return {
    expiredProductReason: input.expiredProductReason ?? (sameExpiry ? (row.expiredProductReason ?? undefined) : undefined),
    doseConfirmationReason: input.doseConfirmationReason ?? (sameDose ? (row.doseConfirmationReason ?? undefined) : undefined),
    ndcConfirmationReason: input.ndcConfirmationReason ?? (sameNdc ? (row.ndcConfirmationReason ?? undefined) : undefined),
  };
}

type AmendAttempt =
  | { kind: 'replay'; entry: ChartedEntry }
  | { kind: 'refused'; result: ActionResult<never>; auditRefusal?: { message: string; encounterId: number } }
  | { kind: 'ready'; target: Target; facts: EncounterFacts; check: DoseCheck; kept: WitnessSignature | null; documentedAt: Date };

function attemptAmendment(tx: Tx, input: AmendmentInput, actor: SessionUser, now: Date): AmendAttempt {
  const target = loadTarget(tx, input.administrationId);
  if (!target) return { kind: 'refused', result: fail({}, 'This entry does not exist') };
  const { row, encounter } = target;
  // Issue 12 item 8: a repeated submission answers with the first result (before "already amended").
  const earlier = findByIdempotencyKey(tx, encounter.id, input.idempotencyKey);
  if (earlier) {
    if (earlier.performerId !== actor.id || earlier.amendsId !== row.id) {
      const used = 'This submission was already used for another entry: reload the page and try again';
      return { kind: 'refused', result: { ...fail({ form: used }, used), status: 409 } };
    }
    return { kind: 'replay', entry: entryOf(earlier, true) };
  }
  if (row.performerId !== actor.id) return { kind: 'refused', result: fail({}, `Only ${row.performerName} can amend this entry (it is theirs)`) };
  const superseded = supersededBy(tx, row.id);
  if (superseded) return { kind: 'refused', result: fail({ form: superseded }, superseded), auditRefusal: { message: superseded, encounterId: encounter.id } };
  const facts = loadEncounterFacts(tx, encounter.id)!;
  // The same rules as a new entry. The late-entry rules measure from the FIRST
  // charting of this dose, not from now (lib/charting-rules.ts documentedAtForAmendment).
  const documentedAt = documentedAtForAmendment(versionChartingTimes(tx, row));
  const check = checkDose(
    tx,
    {
      ...input,
      drugId: row.drugId,
      lateEntryReason: input.lateEntryReason ?? row.lateEntryReason ?? undefined,
      ...keptReasons(row, input),
    },
    facts,
    now,
    documentedAt,
    { orderingProviderId: row.orderingProviderId, orderingProviderName: row.orderingProviderName },
  );
  if (Object.keys(check.errors).length > 0 || !check.start) return { kind: 'refused', result: fail(check.errors, NOT_SAVED) };
  return { kind: 'ready', target, facts, check, kept: check.needsWitness ? keptWitness(row, input) : null, documentedAt };
}

/** What the amend action must know before a witness signs: a retry's first result, or whether a new witness is needed. */
export function planAmendment(input: AmendmentInput, actor: SessionUser, now: Date): ActionResult<ChartingPlan> {
  return getDb().transaction((tx): ActionResult<ChartingPlan> => {
    const a = attemptAmendment(tx, input, actor, now);
    if (a.kind === 'replay') return { ok: true, data: { kind: 'replay', entry: a.entry } };
    // A refusal that is audited (already amended or in error) is written by amendAdministration: let the action call it.
    if (a.kind === 'refused') return a.auditRefusal ? { ok: true, data: { kind: 'write', needsWitness: false, facilityId: null } } : a.result;
    return { ok: true, data: { kind: 'write', needsWitness: a.check.needsWitness && !a.kept, facilityId: a.facts.facilityId } };
  });
}

/**
 * Amends one version of a dose: a new row linked to it, with the reason. Only
 * the clinician who charted it may amend; after signing it is an addendum.
 * The corrected dose obeys every rule of a new entry (checkDose), with the
 * late-entry rules measured from the first charting of the dose. A waste of a
 * controlled substance keeps its witness when the waste is unchanged, else
 * needs `witness` (verified by the caller). The amendment carries its own
 * idempotency key (never the original's); a repeated submission returns the
 * first result and writes nothing.
 */
export function amendAdministration(input: AmendmentInput, actor: SessionUser, now: Date, witness: WitnessSignature | null = null): ActionResult<ChartedEntry> {
  const db = getDb();
  let refusal: { message: string; encounterId: number | null } | null = null;
  const result = db.transaction(
    (tx): ActionResult<ChartedEntry> => {
      const a = attemptAmendment(tx, input, actor, now);
      if (a.kind === 'replay') return { ok: true, data: a.entry };
      if (a.kind === 'refused') {
        if (a.auditRefusal) refusal = a.auditRefusal;
        return a.result;
      }
      const { target, check, kept } = a;
      const { row, encounter } = target;
      const signedWitness = check.needsWitness ? (kept ?? witness) : null;
      const missingWitness = witnessErrors(check.needsWitness, signedWitness, input);
      if (Object.keys(missingWitness).length > 0) return fail(missingWitness, NOT_SAVED);
      const start = check.start!;
      const stop = check.stop;

      const next = {
        ...row,
        id: undefined,
        ...clinicalValues(input, start, stop),
        lateEntryReason: input.lateEntryReason ?? row.lateEntryReason,
        ...orderValues({ ...input, ...keptReasons(row, input) }, check),
        ...witnessValues(signedWitness),
        // Its own key: the original's would collide with the unique (encounter, key) index.
        idempotencyKey: input.idempotencyKey,
        // Charting facts of the correction itself.
        chartedAt: now,
        amendsId: row.id,
        correctionReason: input.reason,
        isAddendum: encounter.status !== 'open',
      };
      const inserted = tx.insert(administrations).values(next).returning().get();

      const changes: ChangeSet = {};
      for (const key of [...AMENDABLE, ...SNAPSHOTS]) {
        if ((row[key] ?? null) !== (next[key] ?? null)) changes[key] = { old: row[key] ?? null, new: next[key] ?? null };
      }
      if (row.startAt.getTime() !== start.getTime()) changes.startAt = { old: row.startAt.toISOString(), new: start.toISOString() };
      if ((row.stopAt?.getTime() ?? null) !== (stop?.getTime() ?? null)) changes.stopAt = { old: row.stopAt?.toISOString() ?? null, new: stop?.toISOString() ?? null };
      if ((row.witnessedAt?.getTime() ?? null) !== (next.witnessedAt?.getTime() ?? null)) {
        changes.witnessedAt = { old: row.witnessedAt?.toISOString() ?? null, new: next.witnessedAt?.toISOString() ?? null };
      }
      changes.version = { old: row.id, new: inserted.id };
      changes.idempotencyKey = { old: null, new: input.idempotencyKey };
      recordAudit(tx, {
        event: next.isAddendum ? 'administration.amended-addendum' : 'administration.amended',
        actorId: actor.id,
        at: now,
        entityType: 'administration',
        entityId: row.id,
        encounterId: encounter.id,
        changes,
        reason: input.reason,
      });
      reopenCodingIfCoded(tx, encounter, actor, now, `Entry ${row.id} amended: ${input.reason}`);
      refreshCodingSummary(encounter.id);
      return { ok: true, data: entryOf(inserted, false) };
    },
    { behavior: 'immediate' },
  );
  if (refusal) {
    const { message, encounterId } = refusal;
    return refuseAndAudit('administration.amend-refused', actor, input.administrationId, encounterId, now, message, input.reason);
  }
  return result;
}

/** Marks one version entered in error, with the reason; it stays visible and drops out of coding. */
export function markEnteredInError(administrationId: number, reason: string, actor: SessionUser, now: Date): ActionResult<null> {
  let refusal: { message: string; encounterId: number | null } | null = null;
  const result = getDb().transaction(
    (tx): ActionResult<null> => {
      const target = loadTarget(tx, administrationId);
      if (!target) return fail({}, 'This entry does not exist');
      const { row, encounter } = target;
      if (row.performerId !== actor.id) return fail({}, `Only ${row.performerName} can mark this entry in error (it is theirs)`);
      const superseded = supersededBy(tx, row.id);
      if (superseded) {
        refusal = { message: superseded, encounterId: encounter.id };
        return fail({ form: superseded }, superseded);
      }
      const isAddendum = encounter.status !== 'open';
      tx.insert(administrationVoids)
        .values({ administrationId: row.id, reason, actorId: actor.id, actorName: actor.name, actorCredentials: actor.credentials, at: now, isAddendum })
        .run();
      recordAudit(tx, {
        event: 'administration.entered-in-error',
        actorId: actor.id,
        at: now,
        entityType: 'administration',
        entityId: row.id,
        encounterId: encounter.id,
        changes: { status: { old: 'active', new: 'entered-in-error' } },
        reason,
      });
      reopenCodingIfCoded(tx, encounter, actor, now, `Entry ${row.id} entered in error: ${reason}`);
      refreshCodingSummary(encounter.id);
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
  if (refusal) {
    const { message, encounterId } = refusal;
    return refuseAndAudit('administration.in-error-refused', actor, administrationId, encounterId, now, message, reason);
  }
  return result;
}

/** A free-text addendum to a signed encounter. */
export function addAddendum(encounterId: number, text: string, actor: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction(
    (tx): ActionResult<{ id: number }> => {
      const encounter = tx.select({ status: encounters.status }).from(encounters).where(eq(encounters.id, encounterId)).get();
      if (!encounter) return fail({}, 'This encounter does not exist');
      if (encounter.status === 'open') return fail({}, 'This encounter is not signed yet: chart or amend directly');
      const values = { encounterId, authorId: actor.id, authorName: actor.name, authorCredentials: actor.credentials, text, at: now };
      const row = tx.insert(encounterAddenda).values(values).returning({ id: encounterAddenda.id }).get();
      recordAudit(tx, { event: 'encounter.addendum', actorId: actor.id, at: now, entityType: 'encounter', entityId: encounterId, encounterId, changes: { addendum: { old: null, new: text } } });
      return { ok: true, data: { id: row.id } };
    },
    { behavior: 'immediate' },
  );
}

/** What the sign action needs to decide, read inside its transaction: the chart as it is now. */
export interface SigningCheck {
  /** The chart version the signer was shown (lib/chart-version.ts). */
  shownVersion: string;
  /** Documentation gaps of the chart as it is now (coding-rules.md §9); any one blocks signing. */
  gapsOf: (encounter: EncounterDetail) => string[];
  /** The signing time, read inside the transaction after the password check (UTC). */
  clock: () => Date;
}

/**
 * "Sign and send to coding" (the caller has re-verified the password). In one
 * IMMEDIATE transaction: re-read the chart, refuse if it is not the version the
 * signer was shown or has documentation gaps, then lock it with a snapshot of
 * the signer's name and credentials and the signing time taken now. So a dose a
 * colleague charts meanwhile either lands first (and the signature is refused)
 * or is refused itself (the chart is locked). Errors: not found, not open,
 * chart changed, gaps.
 */
export function signAndSend(encounterId: number, actor: SessionUser, check: SigningCheck): ActionResult<{ signedAt: Date }> {
  return getDb().transaction(
    (tx): ActionResult<{ signedAt: Date }> => {
      const encounter = getEncounter(encounterId);
      if (!encounter) return fail({}, 'This encounter does not exist');
      if (encounter.status !== 'open') return fail({}, 'This encounter is already signed and sent to coding');
      if (chartVersion(encounter.administrations) !== check.shownVersion) return fail({ form: CHART_CHANGED_MESSAGE }, CHART_CHANGED_MESSAGE);
      const gaps = check.gapsOf(encounter);
      if (gaps.length > 0) return fail({}, `Documentation is incomplete: ${gaps.join('; ')}`);
      const signedAt = check.clock();
      const updated = tx
        .update(encounters)
        .set({ status: 'ready-for-coding', signedById: actor.id, signedByName: actor.name, signedByCredentials: actor.credentials, signedAt })
        .where(and(eq(encounters.id, encounterId), eq(encounters.status, 'open')))
        .run();
      if (updated.changes !== 1) return fail({}, 'This encounter changed meanwhile: reload');
      recordAudit(tx, {
        event: 'encounter.signed',
        actorId: actor.id,
        at: signedAt,
        entityType: 'encounter',
        entityId: encounterId,
        encounterId,
        changes: {
          status: { old: 'open', new: 'ready-for-coding' },
          signedBy: { old: null, new: `${actor.name}, ${actor.credentials}` },
          signedAt: { old: null, new: signedAt.toISOString() },
          chartVersion: { old: null, new: check.shownVersion },
        },
      });
      return { ok: true, data: { signedAt } };
    },
    { behavior: 'immediate' },
  );
}

/** Admin only: reopen a signed encounter for charting, with the reason. */
export function unlockEncounter(encounterId: number, reason: string, actor: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const encounter = tx.select({ status: encounters.status }).from(encounters).where(eq(encounters.id, encounterId)).get();
      if (!encounter) return fail({}, 'This encounter does not exist');
      if (encounter.status === 'open') return fail({}, 'This encounter is not locked');
      tx.update(encounters).set({ status: 'open' }).where(and(eq(encounters.id, encounterId), ne(encounters.status, 'open'))).run();
      recordAudit(tx, { event: 'encounter.unlocked', actorId: actor.id, at: now, entityType: 'encounter', entityId: encounterId, encounterId, changes: { status: { old: encounter.status, new: 'open' } }, reason });
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}
