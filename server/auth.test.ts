import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The sign-in server action reads the request's headers and redirects on success.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers, cookies: async () => ({ set: () => undefined }) }));
vi.mock('next/headers.js', () => ({ headers: async () => request.headers, cookies: async () => ({ set: () => undefined }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to });
  },
}));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-auth-')), 'auth.db');
process.env.BETTER_AUTH_URL = 'http://localhost:3000';
// Small, measurable delays (the defaults are 500 ms doubling to 8 s).
process.env.SIGN_IN_DELAY_BASE_MS = '40';
process.env.SIGN_IN_DELAY_MAX_MS = '160';
process.env.MAX_FAILED_SIGN_INS_PER_CLIENT = '8';
delete process.env.MAX_FAILED_SIGN_INS; // the default, 5

const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const auth = await import('./auth');
const { getAuth, signInDelayMs, ENABLED_AUTH_PATHS } = auth;
const { signInAction } = await import('@/app/sign-in/actions');
const route = await import('@/app/api/auth/[...all]/route');
const { clearSignInLockout, listSignInLockouts } = await import('@/db/auth-events');
const { hashPassword } = await import('better-auth/crypto');
const { sql } = await import('drizzle-orm');

const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'pushchart-demo';
const one = <T,>(query: ReturnType<typeof sql>) => getDb().get<T>(query);
const count = (query: ReturnType<typeof sql>) => one<{ n: number }>(query).n;

let seq = 0;
/** A fresh active account with the demo password, so each test counts its own failures. */
async function newAccount(): Promise<{ id: string; email: string }> {
  const id = `u-test-${++seq}`;
  const email = `person${seq}@pushchart.test`;
  const hash = await hashPassword(PASSWORD);
  const now = Date.now();
  getDb().run(sql`insert into users (id, name, email, email_verified, credentials, role, active, created_at, updated_at)
    values (${id}, ${`Person ${seq}`}, ${email}, 0, 'RN', 'nurse', 1, ${now}, ${now})`);
  getDb().run(sql`insert into accounts (id, account_id, provider_id, user_id, password, created_at, updated_at)
    values (${`acct-${id}`}, ${id}, 'credential', ${id}, ${hash}, ${now}, ${now})`);
  return { id, email };
}
/** A client address of its own per call site (x-forwarded-for, as better-auth reads it). */
let clientSeq = 0;
const newClient = () => `10.1.${Math.floor(++clientSeq / 250)}.${clientSeq % 250}`;

/** better-auth's HTTP handler, as app/api/auth/[...all] calls it. */
function http(method: 'GET' | 'POST', authPath: string, opts: { body?: unknown; cookie?: string; client?: string } = {}): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN, 'x-forwarded-for': opts.client ?? '10.0.0.1' });
  if (opts.body !== undefined) headers.set('content-type', 'application/json');
  if (opts.cookie) headers.set('cookie', opts.cookie);
  return getAuth().handler(
    new Request(`${ORIGIN}/api/auth${authPath}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
  );
}
const sessionCookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('session_token='));

async function httpSignIn(email: string, password: string, client?: string) {
  const res = await http('POST', '/sign-in/email', { body: { email, password }, client });
  return { status: res.status, body: (await res.json().catch(() => null)) as { message?: string } | null, cookie: sessionCookieOf(res) };
}
/** The sign-in page's server action, from a given client address. */
async function actionSignIn(email: string, password: string, client: string, next?: string) {
  request.headers = new Headers({ 'x-forwarded-for': client });
  try {
    return await signInAction({ email, password, next });
  } catch (e) {
    if ((e as Error).message === 'NEXT_REDIRECT') return { redirectedTo: (e as { to: string }).to };
    throw e;
  }
}

// The limits count in a sliding window: a test moves the clock instead of waiting.
let clock = Date.parse('2026-03-02T15:00:00Z');
const advanceMinutes = (m: number) => {
  clock += m * 60_000;
  vi.setSystemTime(clock);
};
vi.useFakeTimers({ toFake: ['Date'], now: clock });
beforeEach(() => advanceMinutes(60)); // every test starts outside the previous one's windows
afterAll(() => vi.useRealTimers());

describe('item 1: only sign-in, sign-out and session are reachable', () => {
  it('a signed-in user cannot rename themselves through POST /api/auth/update-user', async () => {
    const { cookie, status } = await httpSignIn('nurse@pushchart.test', PASSWORD);
    expect(status).toBe(200);
    expect(cookie).toBeTruthy();
    const session = await http('GET', '/get-session', { cookie });
    expect(((await session.json()) as { user: { name: string } }).user.name).toBe('Nora Quinn');

    const rename = await http('POST', '/update-user', { cookie, body: { name: 'Tomás Reyes' } });
    expect(rename.status).toBe(404);
    // Through the app's own route as well.
    const viaRoute = await route.POST(
      new Request(`${ORIGIN}/api/auth/update-user`, {
        method: 'POST',
        headers: { origin: ORIGIN, cookie: cookie!, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Tomás Reyes' }),
      }),
    );
    expect(viaRoute.status).toBe(404);
    // And from server code: the before hook's allow-list refuses it too.
    await expect(getAuth().api.updateUser({ body: { name: 'Tomás Reyes' }, headers: new Headers({ cookie: cookie! }) })).rejects.toMatchObject({ statusCode: 404 });
    expect(one<{ name: string }>(sql`select name from users where id = 'u-nurse'`).name).toBe('Nora Quinn');
  });

  it('every better-auth endpoint but the three answers 404, GET or POST, signed in', async () => {
    const { cookie } = await httpSignIn('nurse2@pushchart.test', PASSWORD);
    const paths = Object.values(getAuth().api)
      .map((endpoint) => (endpoint as { path?: string }).path)
      .filter((p): p is string => typeof p === 'string')
      .map((p) => p.replace(/:[a-zA-Z]+/g, 'x'));
    expect(paths).toContain('/update-user');
    expect(paths).toContain('/change-password');
    const open: string[] = [];
    for (const p of paths) {
      if (ENABLED_AUTH_PATHS.includes(p)) continue;
      for (const method of ['GET', 'POST'] as const) {
        const res = await http(method, p, { cookie, body: method === 'POST' ? { name: 'x', newPassword: 'something-long', currentPassword: PASSWORD } : undefined });
        if (res.status !== 404) open.push(`${method} ${p} → ${res.status}`);
      }
    }
    expect(open).toEqual([]);
    // The user, their password and their session are as they were.
    expect(one<{ name: string }>(sql`select name from users where id = 'u-nurse2'`).name).toBe('Tomás Reyes');
    expect((await http('GET', '/get-session', { cookie })).status).toBe(200);
    const { status } = await httpSignIn('nurse2@pushchart.test', PASSWORD);
    expect(status).toBe(200);
  });

  it('sessions created and ended are audited by better-auth hooks', async () => {
    const before = count(sql`select count(*) as n from audit_events where event = 'auth.signed-in' and entity_id = 'coder@pushchart.test'`);
    const { cookie } = await httpSignIn('coder@pushchart.test', PASSWORD);
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.signed-in' and entity_id = 'coder@pushchart.test'`)).toBe(before + 1);
    const out = await http('POST', '/sign-out', { cookie, body: {} });
    expect(out.status).toBe(200);
    expect(one<{ actor_id: string }>(sql`select actor_id from audit_events where event = 'auth.signed-out' order by id desc limit 1`).actor_id).toBe('u-coder');
    expect((await http('GET', '/get-session', { cookie }).then((r) => r.json())) as unknown).toBeNull();
  });
});

describe('item 5: sign-in is limited per account and per client, the same through the action and the HTTP route', () => {
  it('5 failures for one account (action and route together) refuse even the right password; it lapses after 15 minutes', async () => {
    const { email } = await newAccount();
    for (let i = 0; i < 3; i++) expect(await actionSignIn(email, `wrong-${i}`, newClient())).toMatchObject({ ok: false, formError: 'Wrong email or password' });
    for (let i = 3; i < 5; i++) expect((await httpSignIn(email, `wrong-${i}`, newClient())).status).toBe(401);
    // From yet another client, with the right password: refused by the account limit.
    const refused = await actionSignIn(email, PASSWORD, newClient());
    expect(refused).toMatchObject({ ok: false, formError: expect.stringMatching(/^Too many failed sign-ins for this account: try again in 15 minutes or ask an admin/) });
    const viaHttp = await httpSignIn(email, PASSWORD, newClient());
    expect(viaHttp.status).toBe(429);
    expect(viaHttp.body?.message).toMatch(/^Too many failed sign-ins for this account/);
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.sign-in-failed' and entity_id = ${email}`)).toBe(5);
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.sign-in-refused' and entity_id = ${email}`)).toBe(2);

    advanceMinutes(14); // refusals are not failures: the lockout still ends on time
    expect(await actionSignIn(email, PASSWORD, newClient())).toMatchObject({ ok: false });
    advanceMinutes(1.1);
    expect(await actionSignIn(email, PASSWORD, newClient(), '/encounters/1')).toEqual({ redirectedTo: '/encounters/1' });
  });

  it('4 failures then the right password: signed in, and the count starts again', async () => {
    const { email } = await newAccount();
    for (let i = 0; i < 4; i++) expect((await httpSignIn(email, `wrong-${i}`, newClient())).status).toBe(401);
    expect((await httpSignIn(email, PASSWORD, newClient())).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await httpSignIn(email, `wrong-${i}`, newClient())).status).toBe(401);
    expect((await httpSignIn(email, PASSWORD, newClient())).status).toBe(200);
  });

  it('an admin can clear a lockout (audited); it is listed until then', async () => {
    const { email } = await newAccount();
    for (let i = 0; i < 5; i++) await httpSignIn(email, `wrong-${i}`, newClient());
    expect(listSignInLockouts(new Date(), auth.SIGN_IN_LIMITS).map((l) => l.email)).toContain(email);
    expect(await actionSignIn(email, PASSWORD, newClient())).toMatchObject({ ok: false });
    expect(clearSignInLockout(email, 'u-admin', 'Called the ward, spoke to the nurse', new Date(), auth.SIGN_IN_LIMITS)).toBe(true);
    expect(one<{ actor_id: string; reason: string }>(sql`select actor_id, reason from audit_events where event = 'auth.lockout-cleared' and entity_id = ${email}`)).toEqual({
      actor_id: 'u-admin',
      reason: 'Called the ward, spoke to the nurse',
    });
    expect(listSignInLockouts(new Date(), auth.SIGN_IN_LIMITS).map((l) => l.email)).not.toContain(email);
    expect(clearSignInLockout(email, 'u-admin', 'again', new Date(), auth.SIGN_IN_LIMITS)).toBe(false); // nothing left to clear
    expect(await actionSignIn(email, PASSWORD, newClient())).toEqual({ redirectedTo: '/' });
  });

  it('one client spraying wrong passwords at many accounts is refused after 8 failures; other clients are not', async () => {
    const sprayer = newClient();
    const victims = await Promise.all(Array.from({ length: 9 }, () => newAccount()));
    for (const v of victims.slice(0, 4)) expect((await actionSignIn(v.email, 'guess', sprayer)) as object).toMatchObject({ ok: false, formError: 'Wrong email or password' });
    for (const v of victims.slice(4, 8)) expect((await httpSignIn(v.email, 'guess', sprayer)).status).toBe(401);
    // The 9th try from that client, even for an unknown account or with a right password, is refused.
    expect(await actionSignIn(victims[8]!.email, PASSWORD, sprayer)).toMatchObject({ ok: false, formError: expect.stringMatching(/^Too many failed sign-ins from this device/) });
    expect((await httpSignIn('nobody@pushchart.test', 'guess', sprayer)).status).toBe(429);
    // No account was locked by it, and another client signs in.
    expect(await actionSignIn(victims[0]!.email, PASSWORD, newClient())).toEqual({ redirectedTo: '/' });
    advanceMinutes(15.1);
    expect(await actionSignIn(victims[1]!.email, PASSWORD, sprayer)).toEqual({ redirectedTo: '/' });
  });

  it('a sprayer cannot skip the per-client limit by sending an address that cannot be read', async () => {
    // Review of issue 11: "X-Forwarded-For: 1.1.1.1, 2.2.2.$i" was read as no address, and no address was exempt.
    const victims = await Promise.all(Array.from({ length: 9 }, () => newAccount()));
    for (const [i, v] of victims.slice(0, 8).entries()) expect((await httpSignIn(v.email, 'guess', `1.1.1.1, 2.2.2.${i}`)).status).toBe(401);
    expect((await httpSignIn(victims[8]!.email, 'guess', '1.1.1.1, 2.2.2.99')).status).toBe(429);
  });

  it('a request refused before any password check is not a failed sign-in', async () => {
    // Review of issue 11: a request better-auth refused on its origin (403) was counted as a wrong password.
    // better-auth skips its origin check under NODE_ENV=test, so a body it refuses (400) stands in for it.
    const { email } = await newAccount();
    for (let i = 0; i < 6; i++) {
      const res = await http('POST', '/sign-in/email', { body: { email, password: 'guess', rememberMe: 'not a boolean' }, client: newClient() });
      expect(res.status).toBe(400);
    }
    expect(count(sql`select count(*) as n from auth_attempts where email = ${email} and outcome = 'failed'`)).toBe(0);
    // The account is not locked: the right password still signs in.
    expect((await httpSignIn(email, PASSWORD, newClient())).status).toBe(200);
  });

  it('each consecutive failure makes the next answer slower, up to a cap', async () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => signInDelayMs(n, 500, 8_000))).toEqual([0, 500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(signInDelayMs(3, 0, 8_000)).toBe(0); // SIGN_IN_DELAY_BASE_MS=0 turns it off
    const { email } = await newAccount();
    const client = newClient();
    // The hold-back is a timer: which delays did each attempt wait for?
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const waited = async (password: string) => {
      timers.mockClear();
      const started = performance.now();
      await httpSignIn(email, password, client);
      const delays = timers.mock.calls.map((call) => call[1]).filter((ms) => ms === 40 || ms === 80 || ms === 160);
      return { delays, took: performance.now() - started };
    };
    expect((await waited('wrong-1')).delays).toEqual([]); // no failure before it
    expect((await waited('wrong-2')).delays).toEqual([40]);
    expect((await waited('wrong-3')).delays).toEqual([80]);
    const capped = await waited('wrong-4'); // 3 failures before it: 160 ms, the cap
    expect(capped.delays).toEqual([160]);
    expect(capped.took).toBeGreaterThanOrEqual(155);
    expect((await waited(PASSWORD)).delays).toEqual([160]); // 4 before it: still the cap
    expect((await waited('wrong-5')).delays).toEqual([]); // a success starts the count again
    timers.mockRestore();
  });

  it('a deactivated account is told so only after the right password', async () => {
    const { id, email } = await newAccount();
    getDb().run(sql`update users set active = 0 where id = ${id}`);
    expect(await actionSignIn(email, 'wrong-password', newClient())).toMatchObject({ ok: false, formError: 'Wrong email or password' });
    expect(await actionSignIn(email, PASSWORD, newClient())).toMatchObject({ ok: false, formError: 'This account is deactivated: ask an admin' });
    const viaHttp = await httpSignIn(email, PASSWORD, newClient());
    expect(viaHttp.status).toBe(403);
    expect(viaHttp.body?.message).toBe('This account is deactivated: ask an admin');
    expect(count(sql`select count(*) as n from sessions where user_id = ${id}`)).toBe(0);
    expect(count(sql`select count(*) as n from auth_attempts where email = ${email} and outcome = 'refused'`)).toBe(2);
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.sign-in-refused' and entity_id = ${email}`)).toBe(2);
  });

  it('?next= survives sign-in only as a same-origin path', async () => {
    const { email } = await newAccount();
    expect(await actionSignIn(email, PASSWORD, newClient(), '//evil.example/x')).toEqual({ redirectedTo: '/' });
    expect(await actionSignIn(email, PASSWORD, newClient(), '/coding?status=ready')).toEqual({ redirectedTo: '/coding?status=ready' });
  });
});
