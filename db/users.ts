import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '@/lib/types';
import { facilityIdsOf } from './access';
import { getDb } from './client';
import { accounts, users } from './schema';

/** An active user with their facility memberships, or null (no such user, or deactivated). */
export function getActiveUser(id: string): SessionUser | null {
  const user = getDb()
    .select({ id: users.id, name: users.name, email: users.email, credentials: users.credentials, role: users.role })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)))
    .get();
  return user ? { ...user, facilityIds: facilityIdsOf(user.id) } : null;
}

/** The stored password hash of a user's email-and-password account. */
export function getPasswordHash(userId: string): string | null {
  return (
    getDb()
      .select({ password: accounts.password })
      .from(accounts)
      .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')))
      .get()?.password ?? null
  );
}

/** A user's email (active or not), or null when there is no such user. */
export function getUserEmail(id: string): string | null {
  return getDb().select({ email: users.email }).from(users).where(eq(users.id, id)).get()?.email ?? null;
}

/** Whether a user exists and is deactivated (an active or unknown user: false). */
export function isDeactivated(id: string): boolean {
  return getDb().select({ active: users.active }).from(users).where(eq(users.id, id)).get()?.active === false;
}
