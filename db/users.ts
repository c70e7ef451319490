import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '@/lib/types';
import { getDb } from './client';
import { accounts, users } from './schema';

export function getActiveUser(id: string): SessionUser | null {
  return (
    getDb()
      .select({ id: users.id, name: users.name, email: users.email, credentials: users.credentials, role: users.role })
      .from(users)
      .where(and(eq(users.id, id), eq(users.active, true)))
      .get() ?? null
  );
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
