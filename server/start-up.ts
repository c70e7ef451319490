import 'server-only';
import { isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { chainLegacyAuditEvents } from '@/db/audit-chain';
import { refreshCodingSummary } from '@/db/coding';
import { encounters } from '@/db/schema';
import { seedDemoData } from '@/db/seed';

/**
 * Start-up work on the app's database, run once per server process before the
 * first request (instrumentation.ts): migrate (by opening it), seed the demo
 * into an empty database, and fill the queue's derived columns of encounters
 * that never had them (new demo data, databases from before migration 0004);
 * chain audit events from before migration 0006.
 * Idempotent: a second call changes nothing.
 */
export function startUp(now: Date = new Date()): void {
  const db = getDb();
  // Audit events written before migration 0006 join the hash chain, oldest first (once).
  db.transaction((tx) => chainLegacyAuditEvents(tx), { behavior: 'immediate' });
  seedDemoData(db, now);
  for (const { id } of db.select({ id: encounters.id }).from(encounters).where(isNull(encounters.dateOfService)).all()) {
    refreshCodingSummary(id);
  }
}
