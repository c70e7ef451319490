import 'server-only';
import { getDb } from '@/db/client';
import { chainLegacyAuditEvents } from '@/db/audit-chain';
import { refreshCodingSummary } from '@/db/coding';
import { encountersWithStaleSummary } from '@/db/administrations';
import { seedDemoData } from '@/db/seed';
import { syncStarterFormulary } from '@/db/formulary-sync';

/**
 * Start-up work on the app's database, run once per server process before the
 * first request (instrumentation.ts): migrate (by opening it), seed the demo
 * into an empty database, and fill the queue's derived columns of encounters
 * that never had them (new demo data, databases from before migration 0004)
 * or whose dose count disagrees with their doses (charting refreshes them
 * after its commit, issue 16 item 1: a process killed in between leaves them
 * stale; db/administrations.ts encountersWithStaleSummary);
 * chain audit events from before migration 0006; fill in the starter
 * formulary's new drugs, aliases, typical kinds, dose limits and payment
 * statuses where a database from before migration 0008 still has the empty
 * defaults (db/formulary-sync.ts: an admin's edit is never overwritten, one
 * audit event per drug changed, actor system).
 * Idempotent: a second call changes nothing.
 */
export function startUp(now: Date = new Date()): void {
  const db = getDb();
  // Audit events written before migration 0006 join the hash chain, oldest first (once).
  db.transaction((tx) => chainLegacyAuditEvents(tx), { behavior: 'immediate' });
  seedDemoData(db, now);
  syncStarterFormulary(db, now);
  // Derived columns never filled, or left stale by a process that died before charting's after-commit refresh ran.
  for (const id of encountersWithStaleSummary()) refreshCodingSummary(id);
}
