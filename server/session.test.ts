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

  it('a server action (Next-Action) slides it forward itself, as the proxy does for a page; a page render only reads', async () => {
    const user = await signIn('nurse2@pushchart.test');
    const signedIn = expiresAt(user.id);
    const cookie = request.headers.get('cookie')!;

    advanceMinutes(10); // past the refresh age, inside the 15-minute window
    request.headers = new Headers({ cookie, 'x-forwarded-for': '10.2.0.1' }); // a page render
    expect(await getSessionUser()).not.toBeNull();
    expect(expiresAt(user.id)).toBe(signedIn);

    request.headers = new Headers({ cookie, 'x-forwarded-for': '10.2.0.1', 'next-action': 'a1b2c3' }); // a charting
    expect(await getSessionUser()).not.toBeNull();
    expect(expiresAt(user.id)).toBeGreaterThan(signedIn);

    advanceMinutes(10); // 20 minutes after sign-in, 10 after the charting: still signed in (a page render: no slide)
    request.headers = new Headers({ cookie, 'x-forwarded-for': '10.2.0.1' });
    expect(await getSessionUser()).not.toBeNull();
    advanceMinutes(6); // 16 minutes after the charting, nothing since that slides: signed out
    expect(await getSessionUser()).toBeNull();
  });
});
