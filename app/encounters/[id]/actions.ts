'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { idSchema } from '@/lib/ids';
import { chartAdministration } from '@/db/administrations';
import { addAddendum, amendAdministration, markEnteredInError, signAndSend, unlockEncounter } from '@/db/corrections';
import { answerQuery } from '@/db/coding';
import { closeEncounter } from '@/db/encounters';
import { loadFormulary } from '@/db/formulary';
import { fail } from '@/lib/action-result';
import { addendumSchema, administrationSchema, amendmentSchema, enteredInErrorSchema } from '@/lib/administration-schema';
import { answerQuerySchema } from '@/lib/coder-schema';
import { codeEncounter } from '@/lib/coding';
import { engineInput } from '@/lib/engine-input';
import { adminAction, byAdministration, byEncounter, byQuery, clinicianAction } from '@/server/action';
import { reauthenticate } from '@/server/session';

const encounterIdSchema = z.object({ encounterId: idSchema() });

function refresh(encounterId: number) {
  revalidatePath(`/encounters/${encounterId}`);
}

export const chartAdministrationAction = clinicianAction(administrationSchema, (input, { now, user }) => {
  const result = chartAdministration(input, user, now);
  if (result.ok) refresh(input.encounterId);
  return result;
}, byEncounter);

export const closeEncounterAction = clinicianAction(encounterIdSchema, ({ encounterId }, { now, user }) => {
  const result = closeEncounter(encounterId, user.id, now);
  if (result.ok) refresh(encounterId);
  return result;
}, byEncounter);

export const amendAdministrationAction = clinicianAction(amendmentSchema, (input, { now, user }) => {
  const result = amendAdministration(input, user, now);
  if (result.ok) revalidatePath('/encounters/[id]', 'page');
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
        const coding = codeEncounter(engineInput({ setting: encounter.setting, timeZone: encounter.facility.timeZone, formulary, jwJz: encounter.jwJzPolicy }, encounter.administrations));
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
