'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { idSchema } from '@/lib/ids';
import { chartAdministration, NOT_SAVED, planCharting, WITNESS_REQUIRED, type ChartedEntry, type ChartingPlan, type WitnessSignature } from '@/db/administrations';
import { addAddendum, amendAdministration, markEnteredInError, planAmendment, signAndSend, unlockEncounter } from '@/db/corrections';
import { answerQuery, refreshCodingSummaryAfterCommit } from '@/db/coding';
import { closeEncounter } from '@/db/encounters';
import { loadFormulary } from '@/db/formulary';
import { fail, type ActionResult } from '@/lib/action-result';
import { addendumSchema, administrationSchema, amendmentSchema, enteredInErrorSchema } from '@/lib/administration-schema';
import { answerQuerySchema } from '@/lib/coder-schema';
import { codeEncounter } from '@/lib/coding';
import { engineInput } from '@/lib/engine-input';
import { adminAction, byAdministration, byEncounter, byQuery, clinicianAction } from '@/server/action';
import { afterCommit } from '@/server/after-commit';
import { reauthenticate, verifyWitness } from '@/server/session';
import type { SessionUser } from '@/lib/types';

const encounterIdSchema = z.object({ encounterId: idSchema() });

/**
 * A dose just written: the coding queue's derived columns of its encounter
 * (counts, date of service) are refreshed after the answer is sent (issue 16
 * item 1: they do not decide it); server/start-up.ts repairs them if the
 * process dies first.
 */
function withSummaryAfter(encounterId: number, result: ActionResult<ChartedEntry>): ActionResult<ChartedEntry> {
  if (result.ok && !result.data.replayed) {
    afterCommit('coding-summary', () => refreshCodingSummaryAfterCommit(encounterId), `coding-summary:${encounterId}`);
  }
  return result;
}

function refresh(encounterId: number) {
  revalidatePath(`/encounters/${encounterId}`);
}

/**
 * Witness a controlled-substance waste when the plan says one must sign: the
 * second clinician's password is checked (async) between the read-only plan
 * and the one-transaction write. Returns the witness, null (none needed) or a
 * refusal for the form.
 */
async function witnessFor(
  plan: ChartingPlan,
  input: { witnessEmail?: string | undefined; witnessPassword?: string | undefined },
  user: SessionUser,
  now: Date,
): Promise<{ ok: true; witness: WitnessSignature | null } | { ok: false; result: ActionResult<never> }> {
  if (plan.kind !== 'write' || !plan.needsWitness || plan.facilityId === null) return { ok: true, witness: null };
  if (!input.witnessEmail) return { ok: false, result: fail({ witnessEmail: WITNESS_REQUIRED }, NOT_SAVED) };
  if (!input.witnessPassword) return { ok: false, result: fail({ witnessPassword: 'The witness enters their own password' }, NOT_SAVED) };
  const outcome = await verifyWitness({ email: input.witnessEmail, password: input.witnessPassword, chartedBy: user, facilityId: plan.facilityId }, now);
  if (!outcome.ok) return { ok: false, result: fail({ [outcome.field]: outcome.message }, `Not saved: ${outcome.message}`) };
  return { ok: true, witness: outcome.witness };
}

/**
 * Chart a dose (issue 12): "now" times are stamped with this action's clock;
 * the answer is the stored entry (id, startAt, stopAt, chartedAt as UTC ISO,
 * and `view`, the row as the timeline shows it) so the form can say "Saved: …
 * at 14:07" and the workspace merges the dose into its state; a retry with
 * the same idempotency key answers with the first result. The page is not
 * re-rendered into the answer (issue 16 item 1: that was a quarter of a
 * round trip and 69 KB): the sidebar's coding is the engine over the merged
 * rows in the browser, and other viewers see the dose on their next
 * navigation or refresh.
 */
export const chartAdministrationAction = clinicianAction(administrationSchema, async (input, { now, user }) => {
  // No witness offered: one write transaction checks and writes (nothing read twice); a waste that
  // needs a witness is refused there with the same field error the plan would give.
  if (!input.witnessEmail && !input.witnessPassword) return withSummaryAfter(input.encounterId, chartAdministration(input, user, now, null));
  const plan = planCharting(input, user, now);
  if (!plan.ok) return plan;
  if (plan.data.kind === 'replay') return { ok: true, data: plan.data.entry };
  const signed = await witnessFor(plan.data, input, user, now);
  if (!signed.ok) return signed.result;
  return withSummaryAfter(input.encounterId, chartAdministration(input, user, now, signed.witness));
}, byEncounter);

export const closeEncounterAction = clinicianAction(encounterIdSchema, ({ encounterId }, { now, user }) => {
  const result = closeEncounter(encounterId, user.id, now);
  if (result.ok) refresh(encounterId);
  return result;
}, byEncounter);

/** Amend a dose: the same rules as charting (and the same answer and idempotency); a changed controlled waste needs a new witness. */
export const amendAdministrationAction = clinicianAction(amendmentSchema, async (input, { now, user }) => {
  const plan = planAmendment(input, user, now);
  if (!plan.ok) return plan;
  if (plan.data.kind === 'replay') return { ok: true, data: plan.data.entry };
  const signed = await witnessFor(plan.data, input, user, now);
  if (!signed.ok) return signed.result;
  const result = amendAdministration(input, user, now, signed.witness);
  if (result.ok && !result.data.replayed) revalidatePath('/encounters/[id]', 'page');
  return result;
}, byAdministration);

export const markEnteredInErrorAction = clinicianAction(enteredInErrorSchema, ({ administrationId, reason }, { now, user }) => {
  const result = markEnteredInError(administrationId, reason, user, now);
  if (result.ok) revalidatePath('/encounters/[id]', 'page');
  return result;
}, byAdministration);

export const addAddendumAction = clinicianAction(addendumSchema, ({ encounterId, text }, { now, user }) => {
  const result = addAddendum(encounterId, text, user, now);
  if (result.ok) refresh(encounterId);
  return result;
}, byEncounter);

const signSchema = encounterIdSchema.extend({
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password to sign').max(1024),
  chartVersion: z.string({ error: 'Reload the chart before signing' }).regex(/^\d{1,9}:\d{1,16}:\d{1,9}$/, 'Reload the chart before signing'),
});

export const signAndSendAction = clinicianAction(
  signSchema,
  async ({ encounterId, password, chartVersion }, { now, user }) => {
    // The e-signature: the signer proves it is them again, not just their open session.
    const reauth = await reauthenticate(user, password, 'e-signature', now);
    if (!reauth.ok) return { ...fail({ password: reauth.message }, `Not signed: ${reauth.message}`), ...(reauth.sessionEnded ? { status: 401 as const } : {}) };
    const formulary = loadFormulary();
    const result = signAndSend(encounterId, user, {
      shownVersion: chartVersion,
      // coding-rules.md §9: a missing documentation element blocks "ready for coding".
      gapsOf: (encounter) => {
        const coding = codeEncounter(engineInput({ setting: encounter.setting, timeZone: encounter.facility.timeZone, formulary, jwJz: encounter.jwJzPolicy, lateEntryThresholdMinutes: encounter.lateEntryThresholdMinutes }, encounter.administrations));
        const gaps = coding.warnings.filter((w) => w.rule.startsWith('R-DOC-') && w.severity !== 'info').map((w) => w.message);
        if (encounter.administrations.length === 0) gaps.push('nothing has been charted');
        return gaps;
      },
      // Signed when the signature is applied, not when the request arrived (before the password check).
      clock: () => new Date(),
    });
    if (result.ok) refresh(encounterId);
    return result;
  },
  byEncounter,
);

const unlockSchema = encounterIdSchema.extend({ reason: z.string().trim().min(3, 'Enter the reason for unlocking').max(500) });

export const unlockEncounterAction = adminAction(unlockSchema, ({ encounterId, reason }, { now, user }) => {
  const result = unlockEncounter(encounterId, reason, user, now);
  if (result.ok) refresh(encounterId);
  return result;
}, byEncounter);

export const answerQueryAction = clinicianAction(answerQuerySchema, ({ queryId, answer }, { now, user }) => {
  const result = answerQuery(queryId, answer, user, now);
  if (result.ok) revalidatePath('/encounters/[id]', 'page');
  return result;
}, byQuery);

/**
 * Does nothing, through the same boundary as charting (session, role, payload,
 * facility scope): the floor the load benchmark (scripts/bench-load.ts)
 * compares a charting round trip with (issue 16 item 1). Writes nothing and
 * audits nothing; answers `{ ok: true, data: null }`.
 */
export const pingAction = clinicianAction(encounterIdSchema, () => ({ ok: true as const, data: null }), byEncounter);
