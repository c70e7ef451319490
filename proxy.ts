import { NextResponse, type NextRequest } from 'next/server';
import { getAuth } from '@/server/auth';
import { sessionCookieState } from '@/server/session-cookie';
import { createNonce, isHttps, securityHeaders, SERVER_ACTION_BODY_LIMIT_BYTES } from '@/lib/security-headers';
import { CROSSWALK_UPLOAD_LIMIT_BYTES, CROSSWALK_UPLOAD_PATH } from '@/lib/formulary/crosswalk-upload';

// favicon.ico: browsers ask for it on every page; it needs the headers, not a sign-in redirect.
const PUBLIC_PATHS = ['/sign-in', '/favicon.ico'];

/**
 * Runs before every page, route handler and server action (not the build's
 * static assets, which get their headers from next.config.js).
 *
 * Security headers: a fresh CSP nonce per request, set on the request's own
 * Content-Security-Policy header too, where Next finds it and puts it on its
 * scripts; the other headers of lib/security-headers.ts on the response.
 *
 * Body size: a server action larger than the limit answers 413 here (Next's
 * own limit, set to the same in next.config.js, would answer 500); the
 * crosswalk upload route has its own, larger limit (lib/formulary/crosswalk-upload.ts).
 *
 * Session: every page needs one. A page request with one slides the idle
 * timeout forward and re-sends the cookie (server components cannot write
 * cookies); one without is sent to sign-in. Pages and actions still check the
 * session and role themselves: this only keeps the browser's cookie in step.
 *
 * A server action (POST with Next-Action) reads its session once, in the
 * action (issue 16). Its window is slid here, not there, and only when due
 * (once a minute of use): a cookie set inside a server action makes Next
 * re-render the whole page into the action's answer (its cookies() marks the
 * path revalidated; vercel/next.js#98058, better-auth/better-auth#9363), so
 * each nurse's first charting of every minute cost a full page render and
 * made the p99 of 50 doses/s. Here only the expiry is looked up
 * (server/session-cookie.ts); better-auth reads and refreshes the session when
 * the same rule as its own says so (lib/session-slide.ts), and ends one that
 * is over.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const security = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: isHttps(request.url, request.headers.get('x-forwarded-proto')),
  });
  const send = (res: NextResponse) => {
    for (const [key, value] of security) res.headers.set(key, value);
    return res;
  };

  // CMS's crosswalk file (several MB) has its own upload route and limit.
  const bodyLimit = request.nextUrl.pathname === CROSSWALK_UPLOAD_PATH ? CROSSWALK_UPLOAD_LIMIT_BYTES : SERVER_ACTION_BODY_LIMIT_BYTES;
  if (await bodyTooLarge(request, bodyLimit)) {
    return send(new NextResponse(`Request body too large (at most ${bodyLimit / 1024} KB)`, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
  }

  // Next reads the nonce from the request's CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', security.find(([key]) => key === 'Content-Security-Policy')![1]);
  const next = () => NextResponse.next({ request: { headers: requestHeaders } });

  const { pathname, search } = request.nextUrl;
  // API routes answer for themselves (better-auth's endpoints, the health check).
  if (PUBLIC_PATHS.includes(pathname) || pathname.startsWith('/api/')) return send(next());
  if (request.method === 'POST' && request.headers.has('next-action')) {
    const state = sessionCookieState(request.headers, new Date());
    if (state === 'none' || state === 'live') return send(next());
    // Due: better-auth slides the window and re-sends the cookie on this response.
    // Over: better-auth ends it (an expired session is deleted and audited) and
    // clears the cookie on this response; the action answers "session ended"
    // itself, so the nurse's dialog keeps her entry. Either way the action's own
    // read then writes no cookie (server/session.ts).
    const { headers } = await getAuth().api.getSession({ headers: request.headers, returnHeaders: true });
    const res = next();
    for (const cookie of headers.getSetCookie()) res.headers.append('set-cookie', cookie);
    return send(res);
  }
  const { headers, response: session } = await getAuth().api.getSession({ headers: request.headers, returnHeaders: true });
  if (!session) {
    if (request.method !== 'GET') return send(next()); // server actions answer 401 themselves
    const url = new URL('/sign-in', request.url);
    url.searchParams.set('next', pathname + search);
    return send(NextResponse.redirect(url));
  }
  const res = next();
  for (const cookie of headers.getSetCookie()) res.headers.append('set-cookie', cookie);
  return send(res);
}

/**
 * A request body above the limit: by its content-length, or, for a server
 * action sent without one (chunked), by reading a copy of it.
 */
async function bodyTooLarge(request: NextRequest, limit: number): Promise<boolean> {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const declared = request.headers.get('content-length');
  if (declared !== null) return Number(declared) > limit;
  if (!request.headers.has('next-action') || !request.body) return false;
  const body = await request.clone().arrayBuffer();
  return body.byteLength > limit;
}

// Everything but the build's static files (their headers come from next.config.js),
// so even a 404 for /favicon.ico carries the headers.
export const config = { matcher: ['/((?!_next/static|_next/image).*)'] };
