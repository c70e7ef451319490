import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import type { AmendmentInput } from '@/lib/administration-schema';
import { administeredTimes, checkTiming } from '@/lib/charting-rules';
import { CHART_CHANGED_MESSAGE, chartVersion } from '@/lib/chart-version';
import type { EncounterDetail, SessionUser } from '@/lib/types';
import { recordAudit, type ChangeSet } from './audit';
import { clinicalValues } from './administrations';
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

const AMENDABLE: (keyof Administration & keyof AmendmentInput)[] = ['doseValue', 'doseUnit', 'kind', 'site', 'rationale', 'ndc', 'lot', 'expiry', 'wastedValue', 'stopMissingReason', 'lateEntryReason'];

/**
 * Amends one version of a dose: a new row linked to it, with the reason. Only
 * the clinician who charted it may amend; after signing it is an addendum.
 */
export function amendAdministration(input: AmendmentInput, actor: SessionUser, now: Date): ActionResult<{ id: number }> {
  const db = getDb();
  let refusal: { message: string; encounterId: number | null } | null = null;
  const result = db.transaction(
    (tx): ActionResult<{ id: number }> => {
      const target = loadTarget(tx, input.administrationId);
      if (!target) return fail({}, 'This entry does not exist');
      const { row, encounter } = target;
      if (row.performerId !== actor.id) return fail({}, `Only ${row.performerName} can amend this entry (it is theirs)`);
      const superseded = supersededBy(tx, row.id);
      if (superseded) {
        refusal = { message: superseded, encounterId: encounter.id };
        return fail({ form: superseded }, superseded);
      }
      const { start, stop, errors } = administeredTimes(input, encounter.timeZone);
      // The late-entry rule compares with the original charting time: an amendment is not a late entry.
      if (start) Object.assign(errors, checkTiming({ start, stop, chartedAt: now, lateEntryThresholdMinutes: Number.MAX_SAFE_INTEGER, lateEntryReason: undefined }));
      if (Object.keys(errors).length > 0 || !start) return fail(errors, 'Nothing was saved: correct the marked fields');

      const next = {
        ...row,
        id: undefined,
        ...clinicalValues(input, start, stop),
        lateEntryReason: input.lateEntryReason ?? row.lateEntryReason,
        // Charting facts of the correction itself.
        chartedAt: now,
        amendsId: row.id,
        correctionReason: input.reason,
        isAddendum: encounter.status !== 'open',
      };
      const inserted = tx.insert(administrations).values(next).returning({ id: administrations.id }).get();

      const changes: ChangeSet = {};
      for (const key of AMENDABLE) {
        if ((row[key] ?? null) !== (next[key] ?? null)) changes[key] = { old: row[key] ?? null, new: next[key] ?? null };
      }
      if (row.startAt.getTime() !== start.getTime()) changes.startAt = { old: row.startAt.toISOString(), new: start.toISOString() };
      if ((row.stopAt?.getTime() ?? null) !== (stop?.getTime() ?? null)) changes.stopAt = { old: row.stopAt?.toISOString() ?? null, new: stop?.toISOString() ?? null };
      changes.version = { old: row.id, new: inserted.id };
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
      return { ok: true, data: { id: inserted.id } };
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
