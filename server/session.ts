import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getIP } from 'better-auth/api';
import { verifyPassword } from 'better-auth/crypto';
import { recordReauthFailure, recordReauthSuccess } from '@/db/auth-events';
import { getActiveUser, getPasswordHash } from '@/db/users';
import { getAuth, REAUTH_LIMITS } from './auth';
import type { Role, SessionUser } from '@/lib/types';

/** The signed-in, active user of this request, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  // The proxy already slid the idle window forward for this request.
  const session = await getAuth().api.getSession({ headers: await headers(), query: { disableRefresh: true } });
  if (!session) return null;
  return getActiveUser(session.user.id);
}

/** For pages: the user, or a redirect to sign-in (or to /forbidden for the wrong role). */
export async function requireUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  if (roles && !roles.includes(user.role)) redirect('/forbidden');
  return user;
}

/** Re-entered password for an e-signature, checked by better-auth's own hashing. */
export async function passwordMatches(user: SessionUser, password: string): Promise<boolean> {
  const hash = getPasswordHash(user.id);
  return hash !== null && (await verifyPassword({ hash, password }));
}

/** What a re-entered password decided: go on, or refuse (and whether the session was ended). */
export type ReauthOutcome = { ok: true } | { ok: false; sessionEnded: boolean; message: string };

export const REAUTH_SIGNED_OUT_MESSAGE = 'Too many wrong passwords: you have been signed out; sign in again';
export const SESSION_ENDED_MESSAGE = 'Your session has ended: sign in again';

/**
 * Re-authentication inside a signed-in session (e-signature, waste witness):
 * the password is checked with better-auth's hashing, but only while the
 * request's own session is still live (a session ended by the limit stays
 * ended, whatever password comes next).
 *
 * Every wrong password is counted and audited ('auth.reauth-failed'). The
 * MAX_FAILED_REAUTHS-th (5) wrong password within FAILED_SIGN_IN_WINDOW_MINUTES
 * (15) since the last correct one ends every session of the user (audited
 * 'auth.sessions-ended'); the user must sign in again. Limits: server/auth.ts.
 *
 * @param user the signed-in user of this request (from getSessionUser)
 * @param password the re-entered password, as typed
 * @param purpose what it is for, named in the audit trail
 * @param now the action's clock (UTC instant of the attempt)
 * @returns ok, or a refusal with a message for the password field and
 *   `sessionEnded: true` when the user is now signed out (answer 401)
 */
export async function reauthenticate(user: SessionUser, password: string, purpose: 'e-signature' | 'witness', now: Date): Promise<ReauthOutcome> {
  const live = await getSessionUser();
  if (!live || live.id !== user.id) return { ok: false, sessionEnded: true, message: SESSION_ENDED_MESSAGE };
  const auth = getAuth();
  const attempt = { userId: user.id, email: user.email, purpose, client: getIP(await headers(), auth.options) ?? 'unknown', now };
  if (await passwordMatches(user, password)) {
    recordReauthSuccess(attempt);
    return { ok: true };
  }
  const { failures, sessionsEnded } = recordReauthFailure(attempt, REAUTH_LIMITS);
  if (sessionsEnded) return { ok: false, sessionEnded: true, message: REAUTH_SIGNED_OUT_MESSAGE };
  const left = REAUTH_LIMITS.maxFailures - failures;
  return { ok: false, sessionEnded: false, message: `That password is not right (${left} ${left === 1 ? 'try' : 'tries'} left before you are signed out)` };
}
