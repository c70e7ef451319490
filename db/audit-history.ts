import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { AuditRow } from './audit';
import { getDb } from './client';
import { auditEvents, users } from './schema';

/** Every audit event of one encounter, oldest first, with the actor's name. */
export function encounterAuditHistory(encounterId: number): AuditRow[] {
  return getDb()
    .select({
      id: auditEvents.id,
      event: auditEvents.event,
      actor: sql<string | null>`${users.name} || ', ' || ${users.credentials}`,
      at: auditEvents.at,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      changes: auditEvents.changes,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(eq(auditEvents.encounterId, encounterId))
    .orderBy(asc(auditEvents.id))
    .all();
}
