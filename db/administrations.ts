import 'server-only';
import { and, eq } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import type { AdministrationInput, AmendmentInput } from '@/lib/administration-schema';
import { administeredTimes, checkTiming } from '@/lib/charting-rules';
import type { SessionUser } from '@/lib/types';
import { creationChanges, recordAudit } from './audit';
import { getDb } from './client';
import { refreshCodingSummary } from './coding';
import { administrations, encounters, facilities, formularyDrugs, users } from './schema';

/**
 * Charts one administration after the server-only rules of coding-rules.md §9:
 * encounter open, drug in the formulary, performer a clinician, times valid in
 * the facility's zone, not in the future, late entries explained. The row and
 * its audit event are written in one transaction; on any error nothing is written.
 */
export function chartAdministration(input: AdministrationInput, actor: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction(
    (tx): ActionResult<{ id: number }> => {
      const encounter = tx
        .select({ id: encounters.id, status: encounters.status, timeZone: facilities.timeZone, threshold: facilities.lateEntryThresholdMinutes })
        .from(encounters)
        .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
        .where(eq(encounters.id, input.encounterId))
        .get();
      if (!encounter) return fail({}, 'This encounter does not exist');
      if (encounter.status !== 'open') {
        return fail({}, `This encounter is ${encounter.status === 'coded' ? 'coded' : 'signed and sent to coding'}: it is closed to new charting`);
      }

      const errors: Record<string, string> = {};
      const drug = tx
        .select({ id: formularyDrugs.id })
        .from(formularyDrugs)
        .where(and(eq(formularyDrugs.id, input.drugId), eq(formularyDrugs.active, true)))
        .get();
      if (!drug) errors.drugId = 'Unknown drug: only formulary drugs can be charted (an admin adds new ones)';

      // The signer is always the signed-in clinician: nobody charts under another's name.
      const performer = tx
        .select({ id: users.id, name: users.name, credentials: users.credentials, role: users.role, active: users.active })
        .from(users)
        .where(eq(users.id, actor.id))
        .get();
      if (!performer || !performer.active || performer.role !== 'nurse') return fail({}, 'Only a signed-in clinician can chart a dose');

      const { start, stop, errors: timeErrors } = administeredTimes(input, encounter.timeZone);
      Object.assign(errors, timeErrors);
      if (start) {
        Object.assign(
          errors,
          checkTiming({ start, stop, chartedAt: now, lateEntryThresholdMinutes: encounter.threshold, lateEntryReason: input.lateEntryReason }),
        );
      }
      if (Object.keys(errors).length > 0 || !start) {
        return fail(errors, 'Nothing was saved: correct the marked fields');
      }

      const values = {
        encounterId: encounter.id,
        drugId: input.drugId,
        ...clinicalValues(input, start, stop),
        performerId: performer.id,
        performerName: performer.name,
        performerCredentials: performer.credentials,
        chartedAt: now,
        lateEntryReason: input.lateEntryReason ?? null,
      };
      const row = tx.insert(administrations).values(values).returning({ id: administrations.id }).get();
      recordAudit(tx, {
        event: 'administration.charted',
        actorId: actor.id,
        at: now,
        entityType: 'administration',
        entityId: row.id,
        encounterId: encounter.id,
        changes: creationChanges(values),
      });
      refreshCodingSummary(encounter.id);
      return { ok: true, data: { id: row.id } };
    },
    { behavior: 'immediate' },
  );
}

/** The clinical facts of a dose as stored, shared by a new entry and an amendment. */
export function clinicalValues(input: AdministrationInput | AmendmentInput, start: Date, stop: Date | null) {
  return {
    doseValue: input.doseValue,
    doseUnit: input.doseUnit,
    kind: input.kind,
    startAt: start,
    stopAt: stop,
    stopMissingReason: stop ? null : (input.stopMissingReason ?? null),
    site: input.site,
    rationale: input.rationale,
    ndc: input.ndc ?? null,
    lot: input.lot ?? null,
    expiry: input.expiry ?? null,
    wastedValue: input.wastedValue ?? null,
    wastedUnit: input.wastedValue ? input.doseUnit : null,
  };
}
