import 'server-only';
import type { z } from 'zod';
import { fail, fieldErrors, type ActionResult } from '@/lib/action-result';
import { belongsToFacility, type Role, type SessionUser } from '@/lib/types';
import { facilityOfRecord, type RecordRef } from '@/db/access';
import { actionEnded, actionStarted } from './after-commit';
import { getSessionUser } from './session';
import { refresh } from 'next/cache';

export interface ActionContext {
  /** The server clock, read once per action: charted-at and audit times agree. */
  now: Date;
  user: SessionUser;
}

export const ROLE_LABEL: Record<Role, string> = { nurse: 'clinician', coder: 'coder', admin: 'admin' };

/** The answer for a record that does not exist or belongs to a facility the user is not in: the same, on purpose. */
export const NOT_FOUND_MESSAGE = 'Not found: this record does not exist or is not at one of your facilities';

/** Which record a payload acts on, so the boundary can check the user's facility before the handler runs. */
export type Scope<I> = (input: I) => RecordRef | null;

/**
 * Whether the user may act on the record: it exists and belongs to one of
 * their facilities (admins: any facility). Null ref: nothing to check.
 */
export function inScope(user: SessionUser, ref: RecordRef | null): boolean {
  if (!ref) return true;
  const facilityId = facilityOfRecord(ref);
  return facilityId !== null && belongsToFacility(user, facilityId);
}

/** SQLite refused a reference (a row named by id vanished or never existed): a refusal, never a 500. */
function isForeignKeyFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** The refusal when the page's user is not the browser's signed-in user any more (409). */
export function signedInAsMessage(user: Pick<SessionUser, 'name'>): string {
  return `This browser is now signed in as ${user.name}, not as the person this page was opened for: nothing was saved. Reload the page to work as ${user.name}.`;
}

/**
 * The boundary every server action goes through: load the signed-in user (with
 * role and facilities), refuse when the page was opened for another user
 * (`signedInAs`: the page's user id, the action's optional second argument,
 * sent by components/use-server-action.ts and the push form), then check the
 * role, then parse the untrusted payload with the entity's zod schema (the
 * same one the form uses), then check the record it names belongs to one of
 * the user's facilities (`scope`), then run the handler. A refusal returns
 * field-keyed errors and runs nothing. Errors: 401 signed out, 409 signed in
 * as someone else than the page's user (with `signedIn`: who is now), 403
 * wrong role, 404 record not found or another facility's; a foreign-key
 * failure inside the handler becomes a form error.
 */
function roleAction(roles: readonly Role[]) {
  return <S extends z.ZodType, T>(
    schema: S,
    handler: (input: z.output<S>, ctx: ActionContext) => ActionResult<T> | Promise<ActionResult<T>>,
    scope?: Scope<z.output<S>>,
  ): ((raw: unknown, signedInAs?: unknown) => Promise<ActionResult<T>>) => {
    async function act(raw: unknown, signedInAs: unknown): Promise<ActionResult<T>> {
      const user = await getSessionUser();
      if (!user) return { ...fail({}, 'Your session has ended: sign in again'), status: 401 };
      // The page was opened for someone else than the browser is signed in as now (another
      // clinician signed in on this workstation meanwhile): never act, or sign, in the new
      // user's name on what the previous one entered.
      if (signedInAs !== undefined && signedInAs !== user.id) {
        // The answer re-renders the page for who is signed in now, whichever form sent it: the page
        // is mounted afresh for them (components/signed-in-user.tsx), so nothing the previous person
        // typed stays on screen to be sent in their name (a half-typed signing password did).
        refresh();
        return { ...fail({}, signedInAsMessage(user)), status: 409, signedIn: { id: user.id, name: user.name } };
      }
      if (!roles.includes(user.role)) {
        return { ...fail({}, `Not allowed for your role (${ROLE_LABEL[user.role]})`), status: 403 };
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail(fieldErrors(parsed.error), 'Nothing was saved: correct the marked fields');
      if (scope && !inScope(user, scope(parsed.data))) return { ...fail({}, NOT_FOUND_MESSAGE), status: 404 };
      try {
        return await handler(parsed.data, { now: new Date(), user });
      } catch (e) {
        if (isForeignKeyFailure(e)) return fail({ form: 'A record this refers to does not exist' }, 'Nothing was saved: a record this refers to does not exist');
        throw e;
      }
    }
    return async (raw: unknown, signedInAs?: unknown) => {
      // Counted, so work deferred after earlier answers waits while this one is served (server/after-commit.ts).
      actionStarted();
      try {
        return await act(raw, signedInAs);
      } finally {
        actionEnded();
      }
    };
  };
}

/** Nurses and other clinicians: chart, correct their own entries, sign. */
export const clinicianAction = roleAction(['nurse']);
export const coderAction = roleAction(['coder']);
export const adminAction = roleAction(['admin']);
/** Work any signed-in role may do (find a patient, open an encounter). */
export const signedInAction = roleAction(['nurse', 'coder', 'admin']);

/** Scopes for the common payload shapes. */
export const byEncounter = <I extends { encounterId: number }>(input: I): RecordRef => ({ encounterId: input.encounterId });
export const byAdministration = <I extends { administrationId: number }>(input: I): RecordRef => ({ administrationId: input.administrationId });
export const byQuery = <I extends { queryId: number }>(input: I): RecordRef => ({ queryId: input.queryId });
