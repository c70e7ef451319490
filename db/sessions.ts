import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { preparedOnce } from './prepared';
import { sessions } from './schema';

/** One lookup by better-auth's unique session token, prepared once per connection (it runs on every server action). */
const statements = preparedOnce((db) => ({
  expiry: db
    .select({ expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.token, sql.placeholder('token')))
    .prepare(),
}));

/**
 * When the session with this token expires (a UTC instant), or null when no
 * session has it. Reads only the row's expiry: what proxy.ts needs to know
 * whether better-auth should slide the idle window now (lib/session-slide.ts).
 * It proves nothing about who is signed in: better-auth's own read does that.
 */
export function sessionExpiry(token: string): Date | null {
  return statements().expiry.get({ token })?.expiresAt ?? null;
}
