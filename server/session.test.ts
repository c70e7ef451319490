import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// getSessionUser and reauthenticate read the request's cookie through next/headers.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers, cookies: async () => ({ set: () => undefined }) }));
vi.mock('next/headers.js', () => ({ headers: async () => request.headers, cookies: async () => ({ set: () => undefined }) }));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-reauth-')), 'reauth.db');
process.env.BETTER_AUTH_URL = 'http://localhost:3000';
process.env.SIGN_IN_DELAY_BASE_MS = '0';

const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { getAuth, MAX_FAILED_REAUTHS } = await import('./auth');
const { getSessionUser, reauthenticate, REAUTH_SIGNED_OUT_MESSAGE } = await import('./session');
const { sql } = await import('drizzle-orm');

const ORIGIN = 'http://localhost:3000';
const count = (query: ReturnType<typeof sql>) => getDb().get<{ n: number }>(query).n;
const sessionsOf = (userId: string) => count(sql`select count(*) as n from sessions where user_id = ${userId}`);

/** Signs in over better-auth's HTTP endpoint and makes its cookie this request's. */
async function signIn(email: string) {
  const res = await getAuth().handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-forwarded-for': '10.2.0.1' },
      body: JSON.stringify({ email, password: 'pushchart-demo' }),
    }),
  );
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('session_token='))!;
  request.headers = new Headers({ cookie, 'x-forwarded-for': '10.2.0.1' });
  const user = await getSessionUser();
  expect(user).not.toBeNull();
  return user!;
}

let clock = Date.parse('2026-03-02T15:00:00Z');
const now = () => new Date(clock);
const advanceMinutes = (m: number) => {
  clock += m * 60_000;
  vi.setSystemTime(clock);
};
vi.useFakeTimers({ toFake: ['Date'], now: clock });
beforeEach(() => advanceMinutes(60));
afterAll(() => vi.useRealTimers());

describe('re-authentication (e-signature, witness) is limited', () => {
  it('4 wrong passwords: still signed in; the 5th ends every session; a right password then does not help', async () => {
    expect(MAX_FAILED_REAUTHS).toBe(5);
    const user = await signIn('nurse@pushchart.test');
    const otherDevice = await getAuth().handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-forwarded-for': '10.2.0.2' },
        body: JSON.stringify({ email: 'nurse@pushchart.test', password: 'pushchart-demo' }),
      }),
    );
    expect(otherDevice.status).toBe(200);
    expect(sessionsOf(user.id)).toBe(2);

    for (let i = 1; i <= 4; i++) {
      const outcome = await reauthenticate(user, `wrong-${i}`, 'e-signature', now());
      expect(outcome).toEqual({ ok: false, sessionEnded: false, message: expect.stringMatching(/^That password is not right/) });
      expect(await getSessionUser()).not.toBeNull();
    }
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.reauth-failed' and actor_id = ${user.id}`)).toBe(4);

    const fifth = await reauthenticate(user, 'wrong-5', 'witness', now());
    expect(fifth).toEqual({ ok: false, sessionEnded: true, message: REAUTH_SIGNED_OUT_MESSAGE });
    expect(REAUTH_SIGNED_OUT_MESSAGE).toBe('Too many wrong passwords: you have been signed out; sign in again');
    expect(await getSessionUser()).toBeNull();
    expect(sessionsOf(user.id)).toBe(0); // the other device too
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.reauth-failed' and actor_id = ${user.id}`)).toBe(5);
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.sessions-ended' and actor_id = ${user.id}`)).toBe(1);

    // The right password now: the session is gone, so no.
    expect(await reauthenticate(user, 'pushchart-demo', 'e-signature', now())).toMatchObject({ ok: false, sessionEnded: true });

    // After a normal sign-in the count starts from zero.
    const again = await signIn('nurse@pushchart.test');
    expect(await reauthenticate(again, 'wrong-again', 'e-signature', now())).toMatchObject({ ok: false, sessionEnded: false });
    expect(await reauthenticate(again, 'pushchart-demo', 'e-signature', now())).toEqual({ ok: true });
  });

  it('a right password resets the count; wrong tries older than 15 minutes no longer count', async () => {
    const user = await signIn('nurse2@pushchart.test');
    for (let i = 0; i < 4; i++) await reauthenticate(user, 'wrong', 'e-signature', now());
    expect(await reauthenticate(user, 'pushchart-demo', 'e-signature', now())).toEqual({ ok: true });
    for (let i = 0; i < 4; i++) expect(await reauthenticate(user, 'wrong', 'e-signature', now())).toMatchObject({ sessionEnded: false });
    advanceMinutes(10); // the idle timeout is 15 minutes: the next page load (the proxy) slides it on
    expect(await getAuth().api.getSession({ headers: request.headers })).not.toBeNull();
    advanceMinutes(5.1); // the 4 wrong tries leave the window
    expect(await getSessionUser()).not.toBeNull();
    expect(await reauthenticate(user, 'wrong', 'e-signature', now())).toMatchObject({ ok: false, sessionEnded: false });
    expect(await getSessionUser()).not.toBeNull();
  });

  it('a request whose session has ended is refused before any password check', async () => {
    const user = await signIn('coder@pushchart.test');
    getDb().run(sql`delete from sessions where user_id = ${user.id}`);
    expect(await reauthenticate(user, 'pushchart-demo', 'e-signature', now())).toMatchObject({ ok: false, sessionEnded: true });
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.reauth-failed' and actor_id = ${user.id}`)).toBe(0);
  });
});

describe('the idle window slides with work', () => {
  const expiresAt = (userId: string) => getDb().get<{ t: number }>(sql`select max(expires_at) as t from sessions where user_id = ${userId}`).t;
  /** What the browser sends through proxy.ts: a server action (a charting) or a page load. */
  const through = async (cookie: string, kind: 'action' | 'page') => {
    const { proxy } = await import('@/proxy');
    const { NextRequest } = await import('next/server');
    const headers = new Headers({ cookie, 'x-forwarded-for': '10.2.0.1', origin: ORIGIN });
    if (kind === 'action') headers.set('next-action', 'a1b2c3');
    const res = await proxy(new NextRequest(`${ORIGIN}/encounters/1`, { method: kind === 'action' ? 'POST' : 'GET', headers, ...(kind === 'action' ? { body: '[]' } : {}) }));
    return { status: res.status, sessionCookie: res.headers.getSetCookie().find((c) => c.includes('session_token=')) ?? null };
  };

  it("a server action's own read never slides it (a cookie set in an action re-renders the page); the proxy slides it once it is due", async () => {
    const user = await signIn('nurse2@pushchart.test');
    const signedIn = expiresAt(user.id);
    const cookie = request.headers.get('cookie')!;

    // Within the first minute after sign-in: nothing to slide, nothing re-sent.
    advanceMinutes(0.99);
    expect(await through(cookie, 'action')).toEqual({ status: 200, sessionCookie: null });
    expect(expiresAt(user.id)).toBe(signedIn);

    // 10 minutes in: the action's read alone (what the wrapper does) only reads…
    advanceMinutes(9.01);
    request.headers = new Headers({ cookie, 'x-forwarded-for': '10.2.0.1', 'next-action': 'a1b2c3' });
    expect(await getSessionUser()).not.toBeNull();
    expect(expiresAt(user.id)).toBe(signedIn);
    // …and the proxy in front of it slides the window and re-sends the cookie (15 minutes, HttpOnly).
    const slid = await through(cookie, 'action');
    expect(slid.status).toBe(200);
    expect(slid.sessionCookie).toMatch(/Max-Age=900/);
    expect(slid.sessionCookie).toMatch(/HttpOnly/);
    expect(expiresAt(user.id)).toBe(signedIn + 10 * 60_000);
    // The next chartings of that minute cost no session write.
    advanceMinutes(0.5);
    expect(await through(cookie, 'action')).toEqual({ status: 200, sessionCookie: null });
    expect(expiresAt(user.id)).toBe(signedIn + 10 * 60_000);

    // 14 minutes after that charting, still signed in; 16 after it, with nothing in between, signed out.
    advanceMinutes(13.5);
    request.headers = new Headers({ cookie, 'x-forwarded-for': '10.2.0.1', 'next-action': 'a1b2c3' });
    expect(await getSessionUser()).not.toBeNull();
    advanceMinutes(2);
    expect(await through(cookie, 'action')).toEqual({ status: 200, sessionCookie: expect.stringMatching(/Max-Age=0/) }); // over: cleared, not slid (the action answers 401 itself)
    expect(await getSessionUser()).toBeNull();
  });

  it('a page load slides it too once due; a forged token slides nothing', async () => {
    const user = await signIn('nurse@pushchart.test');
    const signedIn = expiresAt(user.id);
    const cookie = request.headers.get('cookie')!;
    advanceMinutes(5);
    const page = await through(cookie, 'page');
    expect(page.status).toBe(200);
    expect(page.sessionCookie).toMatch(/Max-Age=900/);
    expect(expiresAt(user.id)).toBe(signedIn + 5 * 60_000);

    // The right token with a wrong signature: the lookup says "due", better-auth refuses it.
    advanceMinutes(5);
    const [name, value] = cookie.split('=') as [string, string];
    const token = decodeURIComponent(value).split('.')[0]!;
    expect(await through(`${name}=${encodeURIComponent(`${token}.AAAA`)}`, 'action')).toEqual({ status: 200, sessionCookie: null });
    expect(expiresAt(user.id)).toBe(signedIn + 5 * 60_000);
  });

  // Whether a cookie is then written inside the action is checked on the production build
  // (server/crash-safety.test.ts); here, that better-auth is not even asked.
  it("a session ended elsewhere or expired: the action's read answers null without asking better-auth (which would clear the cookie inside the action); the proxy ends it", async () => {
    const actionHeaders = (cookie: string) => new Headers({ cookie, 'x-forwarded-for': '10.2.0.1', 'next-action': 'a1b2c3' });
    // Ended on the server while the browser still holds its cookie (sessions revoked, an admin deactivated the account…).
    const user = await signIn('nurse2@pushchart.test');
    const ended = request.headers.get('cookie')!;
    getDb().run(sql`delete from sessions where user_id = ${user.id}`);
    request.headers = actionHeaders(ended);
    expect(await getSessionUser()).toBeNull();
    const gone = await through(ended, 'action');
    expect(gone.status).toBe(200); // the action itself answers "session ended"
    expect(gone.sessionCookie).toMatch(/Max-Age=0/); // cleared on the proxy's response

    // Expired (just over 15 minutes unused): the action's read leaves it alone (better-auth would have deleted it);
    // the proxy's better-auth read deletes it, audited as an idle timeout, and clears the cookie.
    const again = await signIn('nurse2@pushchart.test');
    const expiring = request.headers.get('cookie')!;
    advanceMinutes(15.01);
    request.headers = actionHeaders(expiring);
    expect(await getSessionUser()).toBeNull();
    expect(sessionsOf(again.id)).toBe(1);
    const idleEnds = () => count(sql`select count(*) as n from audit_events where event = 'auth.session-ended' and actor_id = ${again.id} and reason = 'idle timeout'`);
    const before = idleEnds();
    expect((await through(expiring, 'action')).sessionCookie).toMatch(/Max-Age=0/);
    expect(sessionsOf(again.id)).toBe(0);
    expect(idleEnds()).toBe(before + 1);
  });
});
