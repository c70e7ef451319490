// Issue 16 item 1: the session is read once per request, shared by the root
// layout, the page and the action wrapper. React's `cache()` keeps one result
// per request while React's server renderer (Flight) is rendering: its
// dispatcher finds the request through AsyncLocalStorage and hands out that
// request's cache. Vitest runs outside a Flight render, so this test loads
// React's react-server build (the one Next uses on the server) and installs a
// dispatcher that does what Flight's does (react-server-dom-webpack,
// DefaultAsyncDispatcher.getCacheForType: one Map per request).
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers, cookies: async () => ({ set: () => undefined }) }));
vi.mock('next/headers.js', () => ({ headers: async () => request.headers, cookies: async () => ({ set: () => undefined }) }));
vi.mock('next/navigation', () => ({ redirect: vi.fn(), notFound: vi.fn() }));
// Next's server resolves `react` with the react-server condition; so does this test.
vi.mock('react', async () => (await import(/* @vite-ignore */ path.resolve('node_modules/react/react.react-server.js'))) as object);

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-session-once-')), 'session.db');
process.env.BETTER_AUTH_URL = 'http://localhost:3000';
process.env.SIGN_IN_DELAY_BASE_MS = '0';

(await import('@/server/start-up')).startUp();
const React = (await import('react')) as unknown as { __SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: { A: unknown } };
const { getAuth } = await import('./auth');
const { getSessionUser, requireUser, sessionReads } = await import('./session');
const { clinicianAction } = await import('./action');

/** Flight's request scope: each render has its own cache, found through AsyncLocalStorage. */
const renders = new AsyncLocalStorage<Map<unknown, unknown>>();
React.__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE.A = {
  getCacheForType<T>(resourceType: () => T): T {
    const cache = renders.getStore() ?? new Map<unknown, unknown>();
    if (!cache.has(resourceType)) cache.set(resourceType, resourceType());
    return cache.get(resourceType) as T;
  },
  getOwner: () => null,
  cacheSignal: () => null,
};
const inOneRequest = <T>(work: () => Promise<T>) => renders.run(new Map(), work);

const ORIGIN = 'http://localhost:3000';
async function signIn(email: string): Promise<void> {
  const res = await getAuth().handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-forwarded-for': '10.3.0.1' },
      body: JSON.stringify({ email, password: 'pushchart-demo' }),
    }),
  );
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('session_token='))!;
  request.headers = new Headers({ cookie, 'x-forwarded-for': '10.3.0.1' });
}

const noop = clinicianAction(z.object({}), () => ({ ok: true as const, data: null }));

describe('the session is read once per request', () => {
  it('an action and the page it renders (layout, page, wrapper) read the session once; the next request reads again', async () => {
    await signIn('nurse@pushchart.test');
    const before = sessionReads.count;
    const first = await inOneRequest(async () => {
      const acted = await noop({}); // the action wrapper
      // The render that follows: the layout and the page, side by side as React runs them.
      const [layoutUser, pageUser] = await Promise.all([getSessionUser(), requireUser()]);
      return { acted, layoutUser, pageUser };
    });
    expect(first.acted).toEqual({ ok: true, data: null });
    expect(first.layoutUser?.email).toBe('nurse@pushchart.test');
    expect(first.pageUser).toBe(first.layoutUser);
    expect(sessionReads.count - before).toBe(1);

    await inOneRequest(async () => {
      await getSessionUser();
      await requireUser(['nurse']);
    });
    expect(sessionReads.count - before).toBe(2);
  });

  it('each request keeps its own user', async () => {
    await signIn('nurse@pushchart.test');
    const nurseHeaders = request.headers;
    await signIn('coder@pushchart.test');
    const coderHeaders = request.headers;
    const asRequest = (h: Headers) =>
      inOneRequest(async () => {
        request.headers = h;
        return (await getSessionUser())?.email;
      });
    // Sequential here because the headers mock is one variable; each request still has its own cache.
    expect(await asRequest(nurseHeaders)).toBe('nurse@pushchart.test');
    expect(await asRequest(coderHeaders)).toBe('coder@pushchart.test');
  });

  it('outside a render (scripts, unit tests) every call reads again: nothing is kept between requests', async () => {
    await signIn('nurse@pushchart.test');
    const before = sessionReads.count;
    await getSessionUser();
    await getSessionUser();
    expect(sessionReads.count - before).toBe(2);
  });
});
