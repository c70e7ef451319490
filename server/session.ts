import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { verifyPassword } from 'better-auth/crypto';
import { getActiveUser, getPasswordHash } from '@/db/users';
import { getAuth } from './auth';
import type { Role, SessionUser } from '@/lib/types';

/** The signed-in, active user of this request, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  // The proxy already slid the idle window forward for this request.
  const session = await getAuth().api.getSession({ headers: await headers(), query: { disableRefresh: true } });
  if (!session) return null;
  return getActiveUser(session.user.id);
}

/** For pages: the user, or a redirect to sign-in (or to /forbidden for the wrong role). */
export async function requireUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  if (roles && !roles.includes(user.role)) redirect('/forbidden');
  return user;
}

/** Re-entered password for an e-signature, checked by better-auth's own hashing. */
export async function passwordMatches(user: SessionUser, password: string): Promise<boolean> {
  const hash = getPasswordHash(user.id);
  return hash !== null && (await verifyPassword({ hash, password }));
}
