import 'server-only';
import type { z } from 'zod';
import { fail, fieldErrors, type ActionResult } from './action-result';
import { getSessionUser } from './session';
import type { Role, SessionUser } from './types';

export interface ActionContext {
  /** The server clock, read once per action: charted-at and audit times agree. */
  now: Date;
  user: SessionUser;
}

export const ROLE_LABEL: Record<Role, string> = { nurse: 'clinician', coder: 'coder', admin: 'admin' };

/**
 * The boundary every server action goes through: load the signed-in user and
 * check the role first, then parse the untrusted payload with the entity's zod
 * schema (the same one the form uses), then run the handler. A refusal returns
 * a structured error and runs nothing.
 */
function roleAction(roles: readonly Role[]) {
  return <S extends z.ZodType, T>(
    schema: S,
    handler: (input: z.output<S>, ctx: ActionContext) => ActionResult<T> | Promise<ActionResult<T>>,
  ): ((raw: unknown) => Promise<ActionResult<T>>) =>
    async (raw: unknown) => {
      const user = await getSessionUser();
      if (!user) return { ...fail({}, 'Your session has ended: sign in again'), status: 401 };
      if (!roles.includes(user.role)) {
        return { ...fail({}, `Not allowed for your role (${ROLE_LABEL[user.role]})`), status: 403 };
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail(fieldErrors(parsed.error), 'Nothing was saved: correct the marked fields');
      return handler(parsed.data, { now: new Date(), user });
    };
}

/** Nurses and other clinicians: chart, correct their own entries, sign. */
export const clinicianAction = roleAction(['nurse']);
export const coderAction = roleAction(['coder']);
export const adminAction = roleAction(['admin']);
/** Work any signed-in role may do (find a patient, open an encounter). */
export const signedInAction = roleAction(['nurse', 'coder', 'admin']);
