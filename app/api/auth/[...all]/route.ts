import { toNextJsHandler } from 'better-auth/next-js';
import { ENABLED_AUTH_PATHS, getAuth } from '@/server/auth';

const BASE_PATH = '/api/auth';

/**
 * better-auth's HTTP endpoints: only sign-in with email and password,
 * sign-out and get-session answer (everything else 404, here and again in
 * better-auth's own disabledPaths and before hook). Sign-in here goes through
 * the same limiter as the sign-in page's server action.
 */
export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler((request: Request) => {
  const path = new URL(request.url).pathname.replace(/\/+$/, '');
  if (!path.startsWith(`${BASE_PATH}/`) || !ENABLED_AUTH_PATHS.includes(path.slice(BASE_PATH.length))) {
    return Promise.resolve(new Response('Not Found', { status: 404 }));
  }
  return getAuth().handler(request);
});
