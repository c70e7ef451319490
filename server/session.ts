import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getIP } from 'better-auth/api';
import { verifyPassword } from 'better-auth/crypto';
import { openWitnessAttempt, recordReauthFailure, recordReauthSuccess, settleWitnessAttempt } from '@/db/auth-events';
import { getActiveUser, getPasswordHash } from '@/db/users';
import { getAuth, REAUTH_LIMITS } from './auth';
import { sessionCookieState } from './session-cookie';
import { logSecurityEvent } from './log';
import type { Role, SessionUser } from '@/lib/types';

/**
 * The signed-in, active user, read now from better-auth's session table (about
 * 3 ms: cookie signature, session row, user row). Use getSessionUser; this
 * uncached read is for checks that must see a session ended earlier in the
 * same request (re-authentication).
 *
 * It writes no cookie: proxy.ts slides the idle window (for a page, and for a
 * server action when it is due), and a cookie naming a session that is over
 * is answered null here without asking better-auth, which would clear the
 * cookie. A cookie written inside a server action makes Next re-render the
 * whole page into the answer (see proxy.ts): for an ended session, a page that
 * redirects to sign-in and loses the nurse's unsaved entry, instead of the
 * "session ended" dialog that keeps it.
 */
async function readSessionUser(): Promise<SessionUser | null> {
  sessionReads.count++;
  const requestHeaders = await headers();
  const state = sessionCookieState(requestHeaders, new Date());
  if (state === 'none' || state === 'over') return null;
  const session = await getAuth().api.getSession({ headers: requestHeaders, query: { disableRefresh: true } });
  if (!session) return null;
  return getActiveUser(session.user.id);
}

/**
 * How many times this process has read a session from better-auth (a counter
 * for tests and the load benchmark's notes; never reset by the app).
 */
export const sessionReads = { count: 0 };

/**
 * The signed-in, active user of this request, or null. Read once per request
 * (issue 16 item 1): React `cache()` shares one read between the layout, the
 * page and the action wrapper of one server render; outside a render (unit
 * tests, scripts) every call reads again.
 */
export const getSessionUser: () => Promise<SessionUser | null> = cache(readSessionUser);

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
  // Uncached: a session ended earlier in this request (sign-out elsewhere, the limit) must refuse.
  const live = await readSessionUser();
  if (!live || live.id !== user.id) return { ok: false, sessionEnded: true, message: SESSION_ENDED_MESSAGE };
  const auth = getAuth();
  const attempt = { userId: user.id, email: user.email, purpose, client: getIP(await headers(), auth.options) ?? 'unknown', now };
  if (await passwordMatches(user, password)) {
    recordReauthSuccess(attempt);
    return { ok: true };
  }
  const { failures, sessionsEnded } = recordReauthFailure(attempt, REAUTH_LIMITS);
  logSecurityEvent({ event: 'auth.e-signature-refused', purpose, userId: user.id, failures, sessionsEnded });
  if (sessionsEnded) return { ok: false, sessionEnded: true, message: REAUTH_SIGNED_OUT_MESSAGE };
  const left = REAUTH_LIMITS.maxFailures - failures;
  return { ok: false, sessionEnded: false, message: `That password is not right (${left} ${left === 1 ? 'try' : 'tries'} left before you are signed out)` };
}

/** Who witnessed, as stored on the dose (a snapshot), and when they signed. */
export interface VerifiedWitness {
  id: string;
  name: string;
  credentials: string;
  at: Date;
}

/** What a witness signature decided: the witness, or a refusal for one field of the form. */
export type WitnessOutcome = { ok: true; witness: VerifiedWitness } | { ok: false; field: 'witnessEmail' | 'witnessPassword'; message: string };

/**
 * One answer for every witness who cannot sign: unknown email, wrong password,
 * and an account that may not witness here (deactivated, not a clinician,
 * another facility). Saying which would make the witness box an oracle for
 * any account's password or role (review of issue 11).
 */
export const WITNESS_WRONG_MESSAGE = 'The witness email or password is not right, or that person cannot witness here (an active clinician of this facility must sign)';

/**
 * A second clinician witnesses a controlled-substance waste with their OWN
 * email and password, typed into the charting clinician's form (issue 12 item
 * 6). Checked with better-auth's hashing; the witness must be another person
 * than `chartedBy`, an active clinician (role nurse) of the encounter's
 * facility. Rate-limited per witness account: after REAUTH_LIMITS.maxFailures
 * (5) wrong passwords within REAUTH_LIMITS.windowMinutes (15) since its last
 * correct witness signature, further tries for that account are refused
 * without checking the password, until the window passes. Every wrong try is
 * audited ('auth.witness-failed'), every refused one too
 * ('auth.witness-refused'); the password is never stored or logged. An unknown
 * email, and an account that may not witness here (not a clinician,
 * deactivated, another facility), answer exactly like a wrong password without
 * checking it (WITNESS_WRONG_MESSAGE): no oracle for passwords or roles.
 *
 * @param input witness email and password as typed; the charting user; the encounter's facility id
 * @param now the action's clock (UTC), also the witnessing time stored
 */
export async function verifyWitness(
  input: { email: string; password: string; chartedBy: SessionUser; facilityId: number },
  now: Date,
): Promise<WitnessOutcome> {
  const email = input.email.trim().toLowerCase();
  if (email === input.chartedBy.email.toLowerCase()) {
    logSecurityEvent({ event: 'auth.witness-refused', why: 'self', chartedBy: input.chartedBy.id, facilityId: input.facilityId });
    return { ok: false, field: 'witnessEmail', message: 'The witness must be another clinician: you cannot witness your own waste' };
  }
  const client = getIP(await headers(), getAuth().options) ?? 'unknown';
  const gate = openWitnessAttempt({ email, chartedBy: input.chartedBy.id, client, now }, REAUTH_LIMITS);
  if (!gate.ok) {
    logSecurityEvent({ event: 'auth.witness-refused', why: 'rate-limited', chartedBy: input.chartedBy.id, facilityId: input.facilityId });
    const minutes = Math.max(1, Math.ceil((gate.retryAt.getTime() - now.getTime()) / 60_000));
    return { ok: false, field: 'witnessPassword', message: `Too many wrong passwords for this witness: try again in ${minutes} min, or ask another clinician` };
  }
  const w = gate.account;
  // Who may not witness here is answered like a wrong password, and their password is never checked.
  const eligible = w !== null && w !== undefined && w.active && w.role === 'nurse' && w.facilityIds.includes(input.facilityId);
  const hash = eligible ? getPasswordHash(w.id) : null;
  const right = hash !== null && (await verifyPassword({ hash, password: input.password }));
  if (!right || !w) {
    const failures = settleWitnessAttempt(gate.attemptId, 'failed', now, REAUTH_LIMITS);
    logSecurityEvent({ event: 'auth.witness-refused', why: 'wrong-or-ineligible', chartedBy: input.chartedBy.id, facilityId: input.facilityId, attemptId: gate.attemptId, failures });
    const left = Math.max(0, REAUTH_LIMITS.maxFailures - failures);
    return { ok: false, field: 'witnessPassword', message: `${WITNESS_WRONG_MESSAGE} (${left} ${left === 1 ? 'try' : 'tries'} left for this witness)` };
  }
  settleWitnessAttempt(gate.attemptId, 'succeeded', now, REAUTH_LIMITS);
  return { ok: true, witness: { id: w.id, name: w.name, credentials: w.credentials, at: now } };
}
