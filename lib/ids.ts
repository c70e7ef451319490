import { z } from 'zod';

/** A database row id as text: digits only, no sign, no leading zero, no spaces, no hex. */
const ID_TEXT = /^[1-9][0-9]{0,15}$/;

/**
 * A record id from an untrusted payload: a positive safe integer, given as a
 * number or as its plain decimal text (form fields send text). Nothing is
 * coerced: `true`, `[2]`, `"0x2"`, `" 2 "`, `"2.0"`, `2.5` and `"1e3"` are
 * refused with `message` (so `{"drugId": true}` can never name drug 1).
 * Output: the id as a number.
 */
export function idSchema(message = 'Not a valid record id') {
  return z.union([z.number({ error: message }), z.string({ error: message })], { error: message }).transform((value, ctx) => {
    const n = typeof value === 'number' ? value : ID_TEXT.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
}

/** Parses a route segment (`/encounters/[id]`) as a record id, or null. */
export function parseRouteId(segment: string): number | null {
  const parsed = idSchema().safeParse(segment);
  return parsed.success ? parsed.data : null;
}

/** An optional record id: empty text, null or absent mean "none" (output null); anything else must be a valid id. */
export function optionalIdSchema(message = 'Not a valid record id') {
  return z
    .union([z.literal(''), z.null(), idSchema(message)], { error: message })
    .optional()
    .transform((v) => (typeof v === 'number' ? v : null));
}
