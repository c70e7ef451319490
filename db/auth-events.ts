import 'server-only';
import { and, desc, eq, gt } from 'drizzle-orm';
import { recordAudit } from './audit';
import { getDb } from './client';
import { auditEvents } from './schema';

type AuthEvent = 'auth.signed-in' | 'auth.sign-in-failed' | 'auth.signed-out';

/** Sign-in events are audited by the account (email) they were for. */
export function recordAuthEvent(event: AuthEvent, actorId: string | null, email: string, at: Date, reason?: string): void {
  getDb().transaction((tx) =>
    recordAudit(tx, { event, actorId, at, entityType: 'sign-in', entityId: email, changes: {}, reason: reason ?? null }),
  );
}

/** Failed sign-ins for this email since its last successful one, within the window. */
export function recentFailedSignIns(email: string, windowMinutes: number, now: Date): number {
  const db = getDb();
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  const lastSuccess = db
    .select({ at: auditEvents.at })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'sign-in'), eq(auditEvents.entityId, email), eq(auditEvents.event, 'auth.signed-in')))
    .orderBy(desc(auditEvents.id))
    .limit(1)
    .get();
  const since = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  return db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'sign-in'), eq(auditEvents.entityId, email), eq(auditEvents.event, 'auth.sign-in-failed'), gt(auditEvents.at, since)))
    .all().length;
}
