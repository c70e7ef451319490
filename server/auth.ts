import 'server-only';
import { betterAuth } from 'better-auth/minimal';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { getDb } from '@/db/client';
import { recentFailedSignIns, recordAuthEvent } from '@/db/auth-events';
import { getActiveUser } from '@/db/users';
import { accounts, rateLimits, sessions, users, verifications } from '@/db/schema';

/** Shared workstations: a session ends after this much inactivity (SESSION_IDLE_MINUTES). */
export const IDLE_TIMEOUT_MINUTES = Number(process.env.SESSION_IDLE_MINUTES ?? 15);
/** Failed sign-ins for one email within the window before it is refused for the rest of it. */
export const MAX_FAILED_SIGN_INS = Number(process.env.MAX_FAILED_SIGN_INS ?? 5);
export const FAILED_SIGN_IN_WINDOW_MINUTES = 15;

function secret(): string {
  const configured = process.env.BETTER_AUTH_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === 'production' && process.env.PUSHCHART_DEMO !== '0') {
    // The demo runs out of the box; a real deployment sets BETTER_AUTH_SECRET (README).
    return 'pushchart-demo-secret-change-me-in-production-0123456789';
  }
  return 'pushchart-development-secret-0123456789abcdef';
}

function createAuth() {
  return betterAuth({
    secret: secret(),
    baseURL: process.env.BETTER_AUTH_URL,
    // Sign-in and sign-out go through server actions, which Next origin-checks;
    // these cover better-auth's own HTTP endpoints on a local demo.
    trustedOrigins: (process.env.BETTER_AUTH_TRUSTED_ORIGINS ?? '').split(',').filter(Boolean),
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
      expiresIn: Math.round(IDLE_TIMEOUT_MINUTES * 60),
      // Refresh once the session is this old; a fifth of the window keeps the slide smooth.
      updateAge: Math.min(60, Math.floor((IDLE_TIMEOUT_MINUTES * 60) / 5)),
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
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-in/email') {
          const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
          if (recentFailedSignIns(email, FAILED_SIGN_IN_WINDOW_MINUTES, new Date()) >= MAX_FAILED_SIGN_INS) {
            recordAuthEvent('auth.sign-in-failed', null, email, new Date(), 'refused: too many failed sign-ins');
            throw new APIError('TOO_MANY_REQUESTS', {
              message: `Too many failed sign-ins for this account: try again in ${FAILED_SIGN_IN_WINDOW_MINUTES} minutes or ask an admin.`,
            });
          }
        }
        if (ctx.path === '/sign-out') {
          const session = await getSessionFromCtx(ctx);
          if (session) recordAuthEvent('auth.signed-out', session.user.id, session.user.email, new Date());
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
        const session = ctx.context.newSession;
        if (session) recordAuthEvent('auth.signed-in', session.user.id, email, new Date());
        else recordAuthEvent('auth.sign-in-failed', null, email, new Date());
      }),
    },
    databaseHooks: {
      session: {
        create: {
          // A deactivated user keeps their history but cannot start a session.
          before: async (session) => (getActiveUser(session.userId) ? undefined : false),
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
