import 'server-only';
import { betterAuth } from 'better-auth/minimal';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getIP, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { getDb } from '@/db/client';
import { openSignInAttempt, recordAuthEvent, settleSignInAttempt, type ReauthLimits, type SignInLimits } from '@/db/auth-events';
import { getActiveUser, getUserEmail, isDeactivated } from '@/db/users';
import { accounts, rateLimits, sessions, users, verifications } from '@/db/schema';
import { logSecurityEvent } from './log';
import type { SessionWindow } from '@/lib/session-slide';

/** Shared workstations: a session ends after this much inactivity (SESSION_IDLE_MINUTES). */
export const IDLE_TIMEOUT_MINUTES = Number(process.env.SESSION_IDLE_MINUTES ?? 15);

/**
 * The session's sliding window (seconds): it lives IDLE_TIMEOUT_MINUTES after
 * its last slide, and use slides it at most once a minute (a fifth of the
 * window when that is shorter), so an active nurse costs one session write a
 * minute. proxy.ts decides with it when a server action's session is due.
 */
export const SESSION_WINDOW: SessionWindow = {
  expiresInS: Math.round(IDLE_TIMEOUT_MINUTES * 60),
  updateAgeS: Math.min(60, Math.floor((IDLE_TIMEOUT_MINUTES * 60) / 5)),
};

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && process.env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Failed sign-ins for one account within the window before it is refused (MAX_FAILED_SIGN_INS, default 5). */
export const MAX_FAILED_SIGN_INS = envNumber('MAX_FAILED_SIGN_INS', 5);
/** The sliding window of every sign-in and re-authentication count, in minutes. */
export const FAILED_SIGN_IN_WINDOW_MINUTES = 15;
/**
 * Failed sign-ins from one client address (any accounts) within the window
 * before that client is refused (MAX_FAILED_SIGN_INS_PER_CLIENT, default 20).
 * Several workstations behind one NAT share an address: keep it generous.
 */
export const MAX_FAILED_SIGN_INS_PER_CLIENT = envNumber('MAX_FAILED_SIGN_INS_PER_CLIENT', 20);
/** Delay before answering a sign-in after one failure, doubling per further failure (SIGN_IN_DELAY_BASE_MS, default 500 ms). */
export const SIGN_IN_DELAY_BASE_MS = envNumber('SIGN_IN_DELAY_BASE_MS', 500);
/** The longest delay (SIGN_IN_DELAY_MAX_MS, default 8,000 ms). */
export const SIGN_IN_DELAY_MAX_MS = envNumber('SIGN_IN_DELAY_MAX_MS', 8_000);
/** Wrong passwords at re-authentication (e-signature, witness) within the window before every session of the user ends. */
export const MAX_FAILED_REAUTHS = 5;

export const SIGN_IN_LIMITS: SignInLimits = {
  maxPerAccount: MAX_FAILED_SIGN_INS,
  maxPerClient: MAX_FAILED_SIGN_INS_PER_CLIENT,
  windowMinutes: FAILED_SIGN_IN_WINDOW_MINUTES,
};
export const REAUTH_LIMITS: ReauthLimits = { maxFailures: MAX_FAILED_REAUTHS, windowMinutes: FAILED_SIGN_IN_WINDOW_MINUTES };

export const WRONG_CREDENTIALS_MESSAGE = 'Wrong email or password';
export const DEACTIVATED_MESSAGE = 'This account is deactivated: ask an admin';
const DEACTIVATED_CODE = 'ACCOUNT_DEACTIVATED';

/**
 * How long (ms) to hold a sign-in attempt back, given the failures before it
 * (the larger of the account's and the client's consecutive failures):
 * 0 for none, then base × 2^(n−1), at most the cap. Defaults: 500 ms, 1 s,
 * 2 s, 4 s, 8 s, 8 s, …
 */
export function signInDelayMs(consecutiveFailures: number, baseMs = SIGN_IN_DELAY_BASE_MS, maxMs = SIGN_IN_DELAY_MAX_MS): number {
  if (consecutiveFailures <= 0 || baseMs <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(consecutiveFailures - 1, 30));
}

/**
 * The only better-auth endpoints the app uses: sign-in with email and
 * password, sign-out and reading the session (server actions call them
 * through `getAuth().api`; the HTTP route answers the same three). Names,
 * credentials, roles and passwords change only through the admin's audited
 * actions.
 */
export const ENABLED_AUTH_PATHS: readonly string[] = ['/sign-in/email', '/sign-out', '/get-session'];
/**
 * Every other endpoint better-auth 1.7 has, turned off at its router
 * (`disabledPaths`, exact paths: 404). Paths with parameters (/callback/:id,
 * /reset-password/:token) and anything a later version adds are refused by the
 * before hook's allow-list instead.
 */
export const DISABLED_AUTH_PATHS: readonly string[] = [
  '/sign-up/email',
  '/sign-in/social',
  '/update-user',
  '/delete-user',
  '/delete-user/callback',
  '/change-email',
  '/change-password',
  '/verify-password',
  '/reset-password',
  '/request-password-reset',
  '/verify-email',
  '/send-verification-email',
  '/update-session',
  '/list-sessions',
  '/revoke-session',
  '/revoke-sessions',
  '/revoke-other-sessions',
  '/link-social',
  '/list-accounts',
  '/unlink-account',
  '/refresh-token',
  '/get-access-token',
  '/account-info',
  '/ok',
  '/error',
];

/** Identity fields of a user that only the admin's own actions may change. */
const IDENTITY_FIELDS = ['name', 'email', 'role', 'credentials', 'active', 'image', 'emailVerified'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The gated attempt of each sign-in call, from the before hook to the after hook (keyed by the call's own context object). */
const openAttempts = new WeakMap<object, number>();

/** Signs cookies in development and tests only: fixed, so a dev server's restart keeps its sessions. */
export const DEVELOPMENT_AUTH_SECRET = 'pushchart-development-secret-0123456789abcdef';
/** The built-in secret earlier versions fell back to in production: public (it is in this file), so refused there. */
export const DEMO_AUTH_SECRET = 'pushchart-demo-secret-change-me-in-production-0123456789';
/** Shortest production secret accepted, in characters (better-auth's own recommendation; `openssl rand -base64 32` gives 44). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/**
 * Why this environment may not serve with its session secret, or null when
 * it may. Only production is checked (NODE_ENV=production, as `next start`
 * and the Docker image run, but not `next build`, which signs nothing):
 * BETTER_AUTH_SECRET must be set, at least MIN_PRODUCTION_SECRET_LENGTH
 * characters, and none of the secrets written in this repository (anyone
 * could forge session cookies with those). Issue 16 item 6.
 */
export function productionSecretProblem(env: Record<string, string | undefined>): string | null {
  if (env.NODE_ENV !== 'production' || env.NEXT_PHASE === 'phase-production-build') return null;
  const configured = env.BETTER_AUTH_SECRET ?? '';
  const how = 'set it to a random value of your own, e.g. BETTER_AUTH_SECRET="$(openssl rand -base64 32)" (README, Deployment)';
  if (configured.trim() === '') return `BETTER_AUTH_SECRET is not set: ${how}`;
  if (configured === DEMO_AUTH_SECRET || configured === DEVELOPMENT_AUTH_SECRET) return `BETTER_AUTH_SECRET is the built-in demo secret, which anyone can read: ${how}`;
  if (configured.length < MIN_PRODUCTION_SECRET_LENGTH) return `BETTER_AUTH_SECRET is shorter than ${MIN_PRODUCTION_SECRET_LENGTH} characters: ${how}`;
  return null;
}

function secret(): string {
  // instrumentation.ts refuses to start first; this keeps any other path from signing with a known secret.
  const problem = productionSecretProblem(process.env);
  if (problem) throw new Error(problem);
  return process.env.BETTER_AUTH_SECRET || DEVELOPMENT_AUTH_SECRET;
}

function emailOf(ctx: { body?: unknown }): string {
  return String((ctx.body as { email?: unknown } | undefined)?.email ?? '')
    .trim()
    .toLowerCase();
}

function createAuth() {
  return betterAuth({
    secret: secret(),
    baseURL: process.env.BETTER_AUTH_URL,
    // Sign-in and sign-out go through server actions, which Next origin-checks;
    // these cover better-auth's own HTTP endpoints on a local demo.
    trustedOrigins: (process.env.BETTER_AUTH_TRUSTED_ORIGINS ?? '').split(',').filter(Boolean),
    disabledPaths: [...DISABLED_AUTH_PATHS],
    database: drizzleAdapter(getDb(), {
      provider: 'sqlite',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    // Accounts are created by an admin (or the demo seed), never by self sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      additionalFields: {
        role: { type: ['nurse', 'coder', 'admin'], input: false, required: true },
        credentials: { type: 'string', input: false, required: true },
      },
    },
    session: {
      // A sliding window: each use pushes expiry out again, so this is an idle timeout.
      expiresIn: SESSION_WINDOW.expiresInS,
      updateAge: SESSION_WINDOW.updateAgeS,
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': { window: 60, max: Number(process.env.SIGN_IN_REQUESTS_PER_MINUTE ?? 30) } },
    },
    advanced: {
      // Secure follows the base URL's scheme (https in production); httpOnly and Lax always.
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      database: { generateId: () => crypto.randomUUID() },
      // The client address of the sign-in limiter and the rate limiter: behind a
      // reverse proxy, list it so x-forwarded-for is read from the right.
      ipAddress: { trustedProxies: (process.env.BETTER_AUTH_TRUSTED_PROXIES ?? '').split(',').filter(Boolean) },
    },
    hooks: {
      // Runs for the HTTP route and for server code's getAuth().api calls alike.
      before: createAuthMiddleware(async (ctx) => {
        if (!ENABLED_AUTH_PATHS.includes(ctx.path)) throw new APIError('NOT_FOUND', { message: 'Not found' });
        if (ctx.path !== '/sign-in/email') return;
        const now = new Date();
        const client = getIP(ctx.request ?? ctx.headers ?? new Headers(), ctx.context.options) ?? 'unknown';
        const gate = openSignInAttempt(emailOf(ctx), client, now, SIGN_IN_LIMITS);
        if (!gate.ok) {
          logSecurityEvent({ event: 'auth.sign-in-refused', why: gate.limit === 'account' ? 'account-locked' : 'client-locked' });
          const minutes = Math.max(1, Math.ceil((gate.retryAt.getTime() - now.getTime()) / 60_000));
          const wait = `try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
          throw new APIError(
            'TOO_MANY_REQUESTS',
            {
              message:
                gate.limit === 'account'
                  ? `Too many failed sign-ins for this account: ${wait} or ask an admin.`
                  : `Too many failed sign-ins from this device: ${wait}.`,
            },
            { 'Retry-After': String(minutes * 60) },
          );
        }
        openAttempts.set(ctx.context, gate.attemptId);
        // Each failure before this attempt makes the answer slower (capped).
        const delay = signInDelayMs(gate.consecutiveFailures);
        if (delay > 0) await sleep(delay);
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const attemptId = openAttempts.get(ctx.context);
        if (attemptId === undefined) return;
        openAttempts.delete(ctx.context);
        const session = ctx.context.newSession;
        const returned = ctx.context.returned;
        if (session) settleSignInAttempt(attemptId, 'succeeded', session.user.id, new Date());
        else if (isAPIError(returned) && (returned.body as { code?: unknown } | undefined)?.code === DEACTIVATED_CODE) {
          settleSignInAttempt(attemptId, 'refused', null, new Date(), 'right password, account deactivated');
          logSecurityEvent({ event: 'auth.sign-in-refused', why: 'deactivated', attemptId });
        } else if (isAPIError(returned) && returned.statusCode !== 401) {
          // Refused before any password was checked (another origin, a malformed body):
          // not a wrong password, so it must not push the account towards a lockout.
          settleSignInAttempt(attemptId, 'refused', null, new Date(), `refused before the password check (${returned.statusCode})`);
          logSecurityEvent({ event: 'auth.sign-in-refused', why: 'refused-before-check', attemptId, status: returned.statusCode });
        } else {
          settleSignInAttempt(attemptId, 'failed', null, new Date());
          logSecurityEvent({ event: 'auth.sign-in-refused', why: 'wrong-credentials', attemptId });
        }
      }),
    },
    // Every account event that better-auth itself performs is audited here.
    databaseHooks: {
      session: {
        create: {
          // Runs only after the password was verified. A deactivated user keeps
          // their history but cannot start a session, and is told so.
          before: async (session) => {
            if (getActiveUser(session.userId)) return undefined;
            if (isDeactivated(session.userId)) throw new APIError('FORBIDDEN', { message: DEACTIVATED_MESSAGE, code: DEACTIVATED_CODE });
            return false;
          },
          after: async (session) => {
            recordAuthEvent('auth.signed-in', session.userId, getUserEmail(session.userId) ?? session.userId, new Date(), `client ${session.ipAddress || 'unknown'}`);
          },
        },
        delete: {
          after: async (session, ctx) => {
            const email = getUserEmail(session.userId) ?? session.userId;
            const now = new Date();
            if (ctx?.path === '/sign-out') recordAuthEvent('auth.signed-out', session.userId, email, now);
            else {
              const why = session.expiresAt.getTime() <= now.getTime() ? 'idle timeout' : `revoked (${ctx?.path ?? 'server'})`;
              recordAuthEvent('auth.session-ended', session.userId, email, now, why);
            }
          },
        },
      },
      user: {
        update: {
          // No enabled endpoint updates a user; should one ever try, identity stays put.
          before: async (data, ctx) => {
            const fields = Object.keys(data).filter((key) => IDENTITY_FIELDS.includes(key));
            if (fields.length === 0) return undefined;
            const actor = ctx?.context.session?.user.id ?? null;
            recordAuthEvent('auth.account-change-refused', actor, actor ? (getUserEmail(actor) ?? actor) : 'unknown', new Date(), `better-auth ${ctx?.path ?? 'server'} tried to change ${fields.join(', ')}`);
            return false;
          },
        },
      },
      account: {
        update: {
          before: async (data, ctx) => {
            if (!('password' in data)) return undefined;
            const userId = (data as { userId?: string }).userId ?? ctx?.context.session?.user.id ?? null;
            recordAuthEvent('auth.password-changed', userId, userId ? (getUserEmail(userId) ?? userId) : 'unknown', new Date(), `through better-auth ${ctx?.path ?? 'server'}`);
            return undefined;
          },
        },
      },
    },
    // Must stay last: it writes the session cookie from server actions.
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { pushchartAuth?: Auth };

/** The app's better-auth instance (one per server process). */
export function getAuth(): Auth {
  globalForAuth.pushchartAuth ??= createAuth();
  return globalForAuth.pushchartAuth;
}
