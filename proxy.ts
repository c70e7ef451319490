import { NextResponse, type NextRequest } from 'next/server';
import { getAuth } from '@/server/auth';

const PUBLIC_PATHS = ['/sign-in'];

/**
 * Every page needs a session. A request with one slides the idle timeout
 * forward and re-sends the cookie (server components cannot write cookies);
 * one without is sent to sign-in. Pages and actions still check the session
 * and role themselves: this only keeps the browser's cookie in step.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.includes(pathname)) return NextResponse.next();
  const { headers, response: session } = await getAuth().api.getSession({ headers: request.headers, returnHeaders: true });
  if (!session) {
    if (request.method !== 'GET') return NextResponse.next(); // server actions answer 401 themselves
    const url = new URL('/sign-in', request.url);
    url.searchParams.set('next', pathname + search);
    return NextResponse.redirect(url);
  }
  const res = NextResponse.next();
  for (const cookie of headers.getSetCookie()) res.headers.append('set-cookie', cookie);
  return res;
}

export const config = { matcher: ['/((?!api/|_next/|favicon.ico).*)'] };
