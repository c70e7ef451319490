import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import { recordAudit, type AuditEventName, type ChangeSet } from './audit';
import { getDb, type Tx } from './client';
import { authAttempts, sessions, userFacilities, users } from './schema';

const IMMEDIATE = { behavior: 'immediate' } as const;
const MINUTE_MS = 60_000;

type AuthEvent = Extract<AuditEventName, `auth.${string}`>;

/** The client an attempt came from: its address as better-auth reads it (getIP), or 'unknown'. */
export type ClientAddress = string;

function audit(tx: Tx, event: AuthEvent, actorId: string | null, email: string, at: Date, reason: string | null, changes: ChangeSet = {}): void {
  recordAudit(tx, { event, actorId, at, entityType: 'sign-in', entityId: email, changes, reason });
}

/**
 * Writes one account event to the audit trail, filed under the account's
 * email (entity type 'sign-in'). `at` is the server clock (stored as UTC ms).
 */
export function recordAuthEvent(event: AuthEvent, actorId: string | null, email: string, at: Date, reason?: string, changes?: ChangeSet): void {
  getDb().transaction((tx) => audit(tx, event, actorId, email.toLowerCase(), at, reason ?? null, changes), { behavior: 'immediate' });
}

// --- Sign-in ------------------------------------------------------------------

/** The sign-in limits in force (server/auth.ts reads them from the environment). */
export interface SignInLimits {
  /** Failed sign-ins for one account in the window before it is refused (MAX_FAILED_SIGN_INS). */
  maxPerAccount: number;
  /** Failed sign-ins from one client address, for any accounts, in the window before it is refused. */
  maxPerClient: number;
  /** Length of the sliding window, in minutes. */
  windowMinutes: number;
}

/**
 * What the sign-in gate decided. `ok`: the attempt is recorded (as failed until
 * settled) and may go on after a delay; `consecutiveFailures` is the larger of
 * the account's failures since its last success or clearing and the client's
 * since its last success, both within the window. Refused: which limit, and the
 * instant (UTC) the oldest counted failure leaves the window.
 */
export type SignInGate =
  | { ok: true; attemptId: number; consecutiveFailures: number }
  | { ok: false; limit: 'account' | 'client'; retryAt: Date };

function lastAt(tx: Tx, where: ReturnType<typeof and>): Date | null {
  return tx.select({ at: authAttempts.at }).from(authAttempts).where(where).orderBy(desc(authAttempts.at)).limit(1).get()?.at ?? null;
}
const later = (a: Date, b: Date | null) => (b && b > a ? b : a);

/** Failed sign-in instants (oldest first) for the account since its last success or an admin's clearing, within the window. */
function accountFailures(tx: Tx, email: string, windowStart: Date): Date[] {
  const reset = lastAt(tx, and(eq(authAttempts.kind, 'sign-in'), eq(authAttempts.email, email), inArray(authAttempts.outcome, ['succeeded', 'cleared'])));
  return tx
    .select({ at: authAttempts.at })
    .from(authAttempts)
    .where(and(eq(authAttempts.kind, 'sign-in'), eq(authAttempts.email, email), eq(authAttempts.outcome, 'failed'), gt(authAttempts.at, later(windowStart, reset))))
    .orderBy(asc(authAttempts.at))
    .all()
    .map((r) => r.at);
}

/** Failed sign-in instants (oldest first) from one client within the window, for any account. */
function clientFailures(tx: Tx, client: ClientAddress, since: Date): Date[] {
  return tx
    .select({ at: authAttempts.at })
    .from(authAttempts)
    .where(and(eq(authAttempts.kind, 'sign-in'), eq(authAttempts.client, client), eq(authAttempts.outcome, 'failed'), gt(authAttempts.at, since)))
    .orderBy(asc(authAttempts.at))
    .all()
    .map((r) => r.at);
}

/** When a count of `max` failures (oldest first) drops below the limit. */
const lapsesAt = (failures: Date[], max: number, windowMinutes: number) => new Date(failures[failures.length - max]!.getTime() + windowMinutes * MINUTE_MS);

/**
 * The sign-in limiter's gate, one immediate transaction: counts the account's
 * and the client's recent failures and either refuses (recording a 'refused'
 * attempt and an 'auth.sign-in-refused' audit event) or records the attempt as
 * 'failed' until `settleSignInAttempt` says otherwise, so concurrent attempts
 * count against each other. Refused attempts are not failures, so a lockout
 * lapses `windowMinutes` after the failures that caused it.
 * Requests whose address cannot be read (a missing or malformed
 * X-Forwarded-For, e.g. "1.1.1.1, 2.2.2.9" sent by the client itself) share one
 * 'unknown' client bucket: leaving them out would let a sprayer skip the
 * per-client limit by sending garbage (review of issue 11). `next start` sets
 * the header from the socket for direct clients, so real clients have one.
 *
 * @param email the account's email (any case; stored lower case)
 * @param client the client address (better-auth's getIP) or 'unknown'
 * @param now server clock; the window is (now - windowMinutes, now]
 */
export function openSignInAttempt(email: string, client: ClientAddress, now: Date, limits: SignInLimits): SignInGate {
  const account = email.toLowerCase();
  const windowStart = new Date(now.getTime() - limits.windowMinutes * MINUTE_MS);
  return getDb().transaction((tx): SignInGate => {
    const byAccount = accountFailures(tx, account, windowStart);
    const fromClient = clientFailures(tx, client, windowStart);
    let refusal: SignInGate | null = null;
    if (byAccount.length >= limits.maxPerAccount) {
      refusal = { ok: false, limit: 'account', retryAt: lapsesAt(byAccount, limits.maxPerAccount, limits.windowMinutes) };
    } else if (fromClient.length >= limits.maxPerClient) {
      refusal = { ok: false, limit: 'client', retryAt: lapsesAt(fromClient, limits.maxPerClient, limits.windowMinutes) };
    }
    if (refusal) {
      tx.insert(authAttempts).values({ at: now, kind: 'sign-in', email: account, userId: null, client, outcome: 'refused' }).run();
      const why = refusal.limit === 'account' ? 'too many failed sign-ins for this account' : 'too many failed sign-ins from this client';
      audit(tx, 'auth.sign-in-refused', null, account, now, `${why} (client ${client})`);
      return refusal;
    }
    const clientSuccess = lastAt(tx, and(eq(authAttempts.kind, 'sign-in'), eq(authAttempts.client, client), eq(authAttempts.outcome, 'succeeded')));
    const clientStreak = fromClient.filter((at) => !clientSuccess || at > clientSuccess).length;
    const attemptId = Number(
      tx.insert(authAttempts).values({ at: now, kind: 'sign-in', email: account, userId: null, client, outcome: 'failed' }).run().lastInsertRowid,
    );
    return { ok: true, attemptId, consecutiveFailures: Math.max(byAccount.length, clientStreak) };
  }, IMMEDIATE);
}

/**
 * Records how a gated sign-in attempt ended, with its audit event (a success
 * is audited as 'auth.signed-in' by the session hook, not here):
 * 'succeeded' (resets the account's count), 'failed' (wrong email or password:
 * 'auth.sign-in-failed'), or 'refused' (right password, account deactivated:
 * 'auth.sign-in-refused'; not counted as a failure).
 */
export function settleSignInAttempt(attemptId: number, outcome: 'succeeded' | 'failed' | 'refused', userId: string | null, now: Date, reason?: string): void {
  getDb().transaction((tx) => {
    const attempt = tx.select().from(authAttempts).where(eq(authAttempts.id, attemptId)).get();
    if (!attempt) return;
    tx.update(authAttempts).set({ outcome, userId }).where(eq(authAttempts.id, attemptId)).run();
    if (outcome === 'failed') audit(tx, 'auth.sign-in-failed', null, attempt.email, now, reason ?? `client ${attempt.client}`);
    if (outcome === 'refused') audit(tx, 'auth.sign-in-refused', userId, attempt.email, now, reason ?? null);
  }, IMMEDIATE);
}

/** An account currently refused by the per-account limit. */
export interface SignInLockout {
  email: string;
  /** Failed sign-ins counted (since the last success or clearing, within the window). */
  failures: number;
  /** The latest counted failure (UTC). */
  lastFailureAt: Date;
  /** When the refusal lapses by itself (UTC), unless an admin clears it sooner. */
  lapsesAt: Date;
}

/** Accounts refused by the per-account sign-in limit at `now`, most recent failure first. */
export function listSignInLockouts(now: Date, limits: SignInLimits): SignInLockout[] {
  const windowStart = new Date(now.getTime() - limits.windowMinutes * MINUTE_MS);
  const db = getDb();
  const emails = db
    .selectDistinct({ email: authAttempts.email })
    .from(authAttempts)
    .where(and(eq(authAttempts.kind, 'sign-in'), eq(authAttempts.outcome, 'failed'), gt(authAttempts.at, windowStart)))
    .all();
  return db.transaction((tx) =>
    emails
      .map(({ email }) => ({ email, failures: accountFailures(tx, email, windowStart) }))
      .filter(({ failures }) => failures.length >= limits.maxPerAccount)
      .map(({ email, failures }) => ({
        email,
        failures: failures.length,
        lastFailureAt: failures[failures.length - 1]!,
        lapsesAt: lapsesAt(failures, limits.maxPerAccount, limits.windowMinutes),
      }))
      .sort((a, b) => b.lastFailureAt.getTime() - a.lastFailureAt.getTime()),
  );
}

/**
 * An admin clears an account's sign-in lockout: failures before `now` no
 * longer count against it (a 'cleared' attempt row), audited as
 * 'auth.lockout-cleared' with the admin and the reason. Per-client counts are
 * not touched.
 * @returns false (nothing written) when the account is not locked out.
 */
export function clearSignInLockout(email: string, adminId: string, reason: string, now: Date, limits: SignInLimits): boolean {
  const account = email.toLowerCase();
  const windowStart = new Date(now.getTime() - limits.windowMinutes * MINUTE_MS);
  return getDb().transaction((tx) => {
    const failures = accountFailures(tx, account, windowStart);
    if (failures.length < limits.maxPerAccount) return false;
    tx.insert(authAttempts).values({ at: now, kind: 'sign-in', email: account, userId: null, client: 'admin', outcome: 'cleared' }).run();
    audit(tx, 'auth.lockout-cleared', adminId, account, now, reason, { failedSignIns: { old: failures.length, new: 0 } });
    return true;
  }, IMMEDIATE);
}

// --- Re-authentication inside a session (e-signature, witness) ---------------

/** The re-authentication limit (server/auth.ts): wrong passwords in the window before the user's sessions end. */
export interface ReauthLimits {
  maxFailures: number;
  windowMinutes: number;
}

/** Who re-authenticated, for what, from where. */
export interface ReauthAttempt {
  userId: string;
  email: string;
  purpose: string;
  client: ClientAddress;
  now: Date;
}

/** Wrong re-auth passwords of this user since the last success or ended sessions, within the window. */
function reauthFailures(tx: Tx, a: ReauthAttempt, windowStart: Date): number {
  const mine = and(eq(authAttempts.kind, 're-auth'), eq(authAttempts.email, a.email), eq(authAttempts.userId, a.userId));
  const reset = lastAt(tx, and(mine, ne(authAttempts.outcome, 'failed')));
  return tx
    .select({ id: authAttempts.id })
    .from(authAttempts)
    .where(and(mine, eq(authAttempts.outcome, 'failed'), gt(authAttempts.at, later(windowStart, reset))))
    .all().length;
}

/**
 * A correct re-entered password: recorded as 'succeeded', which resets the
 * user's count of wrong tries.
 */
export function recordReauthSuccess(a: ReauthAttempt): void {
  getDb()
    .insert(authAttempts)
    .values({ at: a.now, kind: 're-auth', email: a.email.toLowerCase(), userId: a.userId, client: a.client, outcome: 'succeeded' })
    .run();
}

/**
 * A wrong re-entered password, in one immediate transaction: recorded and
 * audited ('auth.reauth-failed'); when it is the `maxFailures`-th within
 * `windowMinutes` (since the last success), every session of the user is
 * deleted and audited ('auth.sessions-ended'), and the count starts again.
 * @returns the wrong tries counted (this one included) and whether the sessions were ended
 */
export function recordReauthFailure(a: ReauthAttempt, limits: ReauthLimits): { failures: number; sessionsEnded: boolean } {
  const attempt = { ...a, email: a.email.toLowerCase() };
  const windowStart = new Date(a.now.getTime() - limits.windowMinutes * MINUTE_MS);
  return getDb().transaction((tx) => {
    tx.insert(authAttempts).values({ at: a.now, kind: 're-auth', email: attempt.email, userId: a.userId, client: a.client, outcome: 'failed' }).run();
    const failures = reauthFailures(tx, attempt, windowStart);
    audit(tx, 'auth.reauth-failed', a.userId, attempt.email, a.now, `wrong password at ${a.purpose} (${failures} of ${limits.maxFailures}; client ${a.client})`);
    if (failures < limits.maxFailures) return { failures, sessionsEnded: false };
    const ended = tx.delete(sessions).where(eq(sessions.userId, a.userId)).run().changes;
    // 'refused' closes this count: after signing in again the user starts from zero.
    tx.insert(authAttempts).values({ at: a.now, kind: 're-auth', email: attempt.email, userId: a.userId, client: a.client, outcome: 'refused' }).run();
    audit(
      tx,
      'auth.sessions-ended',
      a.userId,
      attempt.email,
      a.now,
      `${failures} wrong passwords at re-authentication within ${limits.windowMinutes} minutes: signed out everywhere`,
      { sessions: { old: ended, new: 0 } },
    );
    return { failures, sessionsEnded: true };
  }, IMMEDIATE);
}

// --- A second clinician witnesses a controlled-substance waste ----------------

/** The account named as witness, as stored now. */
export interface WitnessAccount {
  id: string;
  name: string;
  credentials: string;
  role: 'nurse' | 'coder' | 'admin';
  active: boolean;
  facilityIds: number[];
}

/** Who is tried as witness, by whom (the signed-in clinician charting), from where, when. */
export interface WitnessAttempt {
  /** The witness's email as typed (any case; stored lower case). */
  email: string;
  /** The signed-in user charting the waste, in whose session the witness types. */
  chartedBy: string;
  client: ClientAddress;
  now: Date;
}

/**
 * Gate of a witness attempt: `ok` with the attempt recorded (as failed until
 * settled, so concurrent tries count against each other) and the account the
 * email names (null: no such account), or refused because the witness account
 * has `maxFailures` wrong witness passwords within `windowMinutes` since its
 * last correct one (refusal recorded and audited 'auth.witness-refused').
 */
export type WitnessGate = { ok: true; attemptId: number; account: WitnessAccount | null } | { ok: false; retryAt: Date };

/**
 * Witness attempts are 're-auth' rows filed under the WITNESS's email with
 * `userId` = the user whose session typed it (the charting clinician), so they
 * never count toward the witness's or the charting user's own re-authentication
 * limit (rows where userId is the email's own account), and a colleague's
 * wrong tries can refuse witness signatures for that account but never end its
 * sessions.
 */
function witnessRows(email: string, ownId: string | null): SQL {
  const base = and(eq(authAttempts.kind, 're-auth'), eq(authAttempts.email, email));
  return (ownId ? and(base, or(isNull(authAttempts.userId), ne(authAttempts.userId, ownId))) : base)!;
}

/** Wrong witness passwords for the account (oldest first) since its last correct witness signature, within the window. */
function witnessFailures(tx: Tx, email: string, ownId: string | null, windowStart: Date): Date[] {
  const rows = witnessRows(email, ownId);
  const reset = lastAt(tx, and(rows, eq(authAttempts.outcome, 'succeeded')));
  return tx
    .select({ at: authAttempts.at })
    .from(authAttempts)
    .where(and(rows, eq(authAttempts.outcome, 'failed'), gt(authAttempts.at, later(windowStart, reset))))
    .orderBy(asc(authAttempts.at))
    .all()
    .map((r) => r.at);
}

/**
 * Opens a witness attempt in one immediate transaction (see WitnessGate). The
 * caller then checks the password and settles the attempt with
 * settleWitnessAttempt. Limits: REAUTH_LIMITS of server/auth.ts (5 in 15 min).
 */
export function openWitnessAttempt(a: WitnessAttempt, limits: ReauthLimits): WitnessGate {
  const email = a.email.trim().toLowerCase();
  const windowStart = new Date(a.now.getTime() - limits.windowMinutes * MINUTE_MS);
  return getDb().transaction((tx): WitnessGate => {
    const user = tx
      .select({ id: users.id, name: users.name, credentials: users.credentials, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.email, email))
      .get();
    const failures = witnessFailures(tx, email, user?.id ?? null, windowStart);
    if (failures.length >= limits.maxFailures) {
      tx.insert(authAttempts).values({ at: a.now, kind: 're-auth', email, userId: a.chartedBy, client: a.client, outcome: 'refused' }).run();
      audit(tx, 'auth.witness-refused', a.chartedBy, email, a.now, `witness signature refused: ${failures.length} wrong passwords within ${limits.windowMinutes} minutes (client ${a.client})`);
      return { ok: false, retryAt: lapsesAt(failures, limits.maxFailures, limits.windowMinutes) };
    }
    const attemptId = Number(
      tx.insert(authAttempts).values({ at: a.now, kind: 're-auth', email, userId: a.chartedBy, client: a.client, outcome: 'failed' }).run().lastInsertRowid,
    );
    const facilityIds = user
      ? tx.select({ id: userFacilities.facilityId }).from(userFacilities).where(eq(userFacilities.userId, user.id)).all().map((r) => r.id)
      : [];
    return { ok: true, attemptId, account: user ? { ...user, facilityIds } : null };
  }, IMMEDIATE);
}

/**
 * Settles a witness attempt: 'succeeded' (right password; resets the
 * account's count) or 'failed' (wrong password or unknown email: audited
 * 'auth.witness-failed' with the count, never the password).
 * @returns wrong witness passwords now counted for the account
 */
export function settleWitnessAttempt(attemptId: number, outcome: 'succeeded' | 'failed', now: Date, limits: ReauthLimits): number {
  return getDb().transaction((tx) => {
    const attempt = tx.select().from(authAttempts).where(eq(authAttempts.id, attemptId)).get();
    if (!attempt) return 0;
    tx.update(authAttempts).set({ outcome }).where(eq(authAttempts.id, attemptId)).run();
    if (outcome === 'succeeded') return 0;
    const own = tx.select({ id: users.id }).from(users).where(eq(users.email, attempt.email)).get();
    const windowStart = new Date(now.getTime() - limits.windowMinutes * MINUTE_MS);
    const failures = witnessFailures(tx, attempt.email, own?.id ?? null, windowStart).length;
    audit(tx, 'auth.witness-failed', attempt.userId, attempt.email, now, `wrong witness password (${failures} of ${limits.maxFailures}; client ${attempt.client})`);
    return failures;
  }, IMMEDIATE);
}
