'use server';
import { revalidatePath } from 'next/cache';
import { closeQuery, markCoded, raiseQuery, recordOverride, restoreLine, returnToQueue } from '@/db/coding';
import {
  addLineSchema,
  changeLineSchema,
  closeQuerySchema,
  encounterOnlySchema,
  initialChoiceSchema,
  markCodedSchema,
  raiseQuerySchema,
  removeLineSchema,
  restoreLineSchema,
  returnToQueueSchema,
} from '@/lib/coder-schema';
import { byEncounter, byQuery, coderAction } from '@/server/action';
import type { ActionResult } from '@/lib/action-result';

function after<T>(encounterId: number, result: ActionResult<T>): ActionResult<T> {
  if (result.ok) {
    revalidatePath(`/coding/${encounterId}`);
    revalidatePath('/coding');
  }
  return result;
}

export const changeLineAction = coderAction(changeLineSchema, ({ encounterId, lineKey, code, units, modifiers, reason }, { now, user }) =>
  after(encounterId, recordOverride(encounterId, { op: 'change', lineKey, value: { code, units, modifiers }, reason }, user, now)),
  byEncounter,
);

export const removeLineAction = coderAction(removeLineSchema, ({ encounterId, lineKey, reason }, { now, user }) =>
  after(encounterId, recordOverride(encounterId, { op: 'remove', lineKey, reason }, user, now)),
  byEncounter,
);

export const restoreLineAction = coderAction(restoreLineSchema, ({ encounterId, lineKey, reason }, { now, user }) =>
  after(encounterId, restoreLine(encounterId, lineKey, reason, user, now)),
  byEncounter,
);

export const addLineAction = coderAction(addLineSchema, ({ encounterId, reason, ...value }, { now, user }) =>
  after(encounterId, recordOverride(encounterId, { op: 'add', value, reason }, user, now)),
  byEncounter,
);

export const chooseInitialAction = coderAction(initialChoiceSchema, ({ encounterId, administrationId, reason }, { now, user }) =>
  after(encounterId, recordOverride(encounterId, { op: 'initial', value: { administrationId }, reason }, user, now)),
  byEncounter,
);

export const acceptAllAction = coderAction(encounterOnlySchema, ({ encounterId }, { now, user }) =>
  after(encounterId, recordOverride(encounterId, { op: 'accept-all' }, user, now)),
  byEncounter,
);

export const markCodedAction = coderAction(
  markCodedSchema,
  ({ encounterId, reason, seenKeys }, { now, user }) => after(encounterId, markCoded(encounterId, user, now, { reason, seenKeys })),
  byEncounter,
);

export const returnToQueueAction = coderAction(
  returnToQueueSchema,
  ({ encounterId, reason }, { now, user }) => after(encounterId, returnToQueue(encounterId, reason, user, now)),
  byEncounter,
);

export const raiseQueryAction = coderAction(raiseQuerySchema, ({ encounterId, administrationId, question }, { now, user }) => {
  const result = raiseQuery(encounterId, administrationId, question, user, now);
  if (result.ok) revalidatePath(`/encounters/${encounterId}`);
  return after(encounterId, result);
}, byEncounter);

export const closeQueryAction = coderAction(closeQuerySchema, ({ queryId }, { now, user }) => {
  const result = closeQuery(queryId, user, now);
  if (result.ok) revalidatePath('/coding/[encounterId]', 'page');
  return result;
}, byQuery);
