import { z } from 'zod';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter your work email'),
  password: z.string().min(1, 'Enter your password'),
  next: z.string().optional(),
});

/** An admin clears one account's sign-in lockout, with a reason for the audit trail. */
export const clearLockoutSchema = z.object({
  email: z.string().trim().toLowerCase().email('Not an email address'),
  reason: z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500, 'At most 500 characters'),
});

/** Stands in for the app's origin when the caller does not pass one: only "same origin" matters. */
const REFERENCE_ORIGIN = 'https://pushchart.invalid';
/** Longer `next` values are refused (a real path in this app is far shorter). */
const MAX_NEXT_LENGTH = 2048;
/** Control characters (C0, DEL, C1), any whitespace (browsers strip tabs and newlines inside URLs), zero-width and bidi marks. */
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\s\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/**
 * Where to send a user after signing in: `next` when it is a path on the app's
 * own origin, otherwise '/'. Pure (no request needed).
 *
 * Accepted: a string of at most 2,048 characters that starts with one '/', has
 * no backslash, control character or whitespace (raw, or percent-encoded in
 * the path), and that `new URL(next, origin)` resolves to the same origin;
 * a path to /sign-in (any case, any encoding) is refused so sign-in never
 * loops. Refused: `//evil`, `/\evil`, `\\evil`, `https://evil`,
 * `javascript:...`, `/%2F%2Fevil`, `/\tevil`, ... (see sign-in-schema.test.ts).
 *
 * @param next the untrusted `?next=` value (any type; non-strings give '/')
 * @param origin the app's origin, e.g. 'https://pushchart.example.org'
 *   (default: a reference origin; only sameness is checked)
 * @returns a same-origin path with its query and fragment, e.g. '/encounters/1?tab=doses', or '/'
 */
export function safeNext(next: unknown, origin: string = REFERENCE_ORIGIN): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_NEXT_LENGTH) return '/';
  // Root-relative only: '//host' and '/\host' are other origins to a browser.
  if (next[0] !== '/' || next[1] === '/' || next[1] === '\\') return '/';
  if (next.includes('\\') || FORBIDDEN_CHARACTERS.test(next)) return '/';
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base.origin || url.username || url.password) return '/';
  // The path as a server or proxy that decodes it would see it.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return '/'; // malformed percent-encoding
  }
  if (decoded.startsWith('//') || decoded.includes('\\') || FORBIDDEN_CHARACTERS.test(decoded)) return '/';
  const lower = decoded.toLowerCase().replace(/\/+$/, '');
  if (lower === '/sign-in' || lower.startsWith('/sign-in/')) return '/';
  return url.pathname + url.search + url.hash;
}
