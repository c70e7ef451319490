import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/server/auth';

// better-auth's HTTP endpoints (sign-in, sign-out, session), rate limited.
export const { GET, POST } = toNextJsHandler((request: Request) => getAuth().handler(request));
