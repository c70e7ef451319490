import 'server-only';
import type { z } from 'zod';
import { fail, fieldErrors, type ActionResult } from './action-result';

export interface ActionContext {
  /** The server clock, read once per action: charted-at and audit times agree. */
  now: Date;
}

/**
 * The boundary every server action goes through: parse the untrusted payload
 * with the entity's zod schema (the same one the form uses), then run the
 * handler. Bad input returns field-keyed errors and runs nothing.
 */
export function action<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => ActionResult<T> | Promise<ActionResult<T>>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return fail(fieldErrors(parsed.error), 'Nothing was saved: correct the marked fields');
    return handler(parsed.data, { now: new Date() });
  };
}
