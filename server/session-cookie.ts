import 'server-only';
import { getSessionCookie } from 'better-auth/cookies';
import { isBefore } from 'date-fns';
import { sessionExpiry } from '@/db/sessions';
import { sessionSlideDue } from '@/lib/session-slide';
import { SESSION_WINDOW } from './auth';

/**
 * What a request's session cookie names: no cookie at all; a session that is
 * over (no session has that token — signed out, ended by an admin or by too
 * many wrong e-signature passwords, or made up — or it has expired); a live
 * one; a live one due for its slide (lib/session-slide.ts).
 */
export type SessionCookieState = 'none' | 'over' | 'live' | 'due';

/**
 * The state of the request's better-auth session cookie, from one lookup of
 * its session's expiry (db/sessions.ts). The cookie's signature is not
 * checked: the token only selects a row, and better-auth's own read checks
 * everything whenever this says 'live' or 'due'.
 *
 * Why it exists: inside a server action, better-auth writes a cookie both when
 * it slides a session and when it clears the cookie of one that is over, and
 * any cookie written in an action makes Next re-render the whole page into the
 * answer — for a session that is over, a page that sends the nurse to sign-in
 * and loses her unsaved entry. proxy.ts and server/session.ts use this to keep
 * both writes out of server actions.
 *
 * @param headers the request's headers (its Cookie header is read)
 * @param now the request's clock (UTC instant)
 */
export function sessionCookieState(headers: Headers, now: Date): SessionCookieState {
  const signed = getSessionCookie(headers);
  if (!signed) return 'none';
  // A better-auth signed cookie is "<token>.<signature>".
  const expiresAt = sessionExpiry(signed.slice(0, signed.lastIndexOf('.')));
  // Expired only once its expiry is before now, as better-auth decides (at the instant itself it lives).
  if (expiresAt === null || isBefore(expiresAt, now)) return 'over';
  return sessionSlideDue(expiresAt, now, SESSION_WINDOW) ? 'due' : 'live';
}
