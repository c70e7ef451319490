// Issue 16 item 1: charting refreshes the coding queue's derived columns after
// its commit (server/after-commit.ts); a process that dies in between leaves
// them stale, and start-up recomputes exactly those encounters.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PROVIDER_ID } from '@/test/charting-payload';

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-start-up-')), 'start-up.db');

const { startUp } = await import('./start-up');
const { afterCommit } = await import('./after-commit');
const { chartAdministration, encountersWithStaleSummary } = await import('@/db/administrations');
const { refreshCodingSummary, refreshCodingSummaryAfterCommit } = await import('@/db/coding');
const { getDb } = await import('@/db/client');
const { openEncounter } = await import('@/db/encounters');
const { getActiveUser } = await import('@/db/users');
const { administrationSchema } = await import('@/lib/administration-schema');
const { sql } = await import('drizzle-orm');

type Summary = { administration_count: number; warning_count: number; gap_count: number; date_of_service: string | null };
const summaryOf = (id: number) => getDb().get<Summary>(sql`select administration_count, warning_count, gap_count, date_of_service from encounters where id = ${id}`);

startUp();
const nurse = getActiveUser('u-nurse')!;
const ondansetron = getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;

function chartWithoutSummary(encounterId: number): void {
  const input = administrationSchema.parse({
    encounterId, drugId: ondansetron, doseValue: '4', doseUnit: 'mg', kind: 'push', start: 'now', stop: 'now',
    site: 'L antecubital 20G', rationale: 'Nausea', orderingProviderId: DEMO_PROVIDER_ID, orderType: 'written', idempotencyKey: randomUUID(),
  });
  const result = chartAdministration(input, nurse, new Date());
  if (!result.ok) throw new Error(JSON.stringify(result));
}

describe('start-up repairs the derived columns an after-commit refresh never wrote', () => {
  it('recomputes an encounter charted without its refresh, and only that one', () => {
    const openedAt = new Date(Date.now() - 60 * 60_000);
    const stale = openEncounter(2, 1, nurse.id, openedAt);
    const fresh = openEncounter(2, 1, nurse.id, openedAt);
    if (!stale.ok || !fresh.ok) throw new Error('could not open encounters');
    // The action's answer went out; the process died before after() ran: the queue still counts no dose.
    chartWithoutSummary(stale.data.id);
    chartWithoutSummary(stale.data.id);
    expect(summaryOf(stale.data.id).administration_count).toBe(0);
    // The other encounter's refresh ran: it is in step and is left alone.
    chartWithoutSummary(fresh.data.id);
    refreshCodingSummary(fresh.data.id);
    expect(encountersWithStaleSummary()).toEqual([stale.data.id]);

    startUp();

    expect(encountersWithStaleSummary()).toEqual([]);
    const repaired = summaryOf(stale.data.id);
    expect(repaired.administration_count).toBe(2);
    expect(repaired.date_of_service).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The same columns a refresh right after the commit writes.
    refreshCodingSummary(stale.data.id);
    expect(summaryOf(stale.data.id)).toEqual(repaired);
    expect(summaryOf(fresh.data.id).administration_count).toBe(1);
  });

  it('outside a request, after-commit work runs at once; a failing task is logged, not thrown', () => {
    const ran: string[] = [];
    afterCommit('test', () => ran.push('done'));
    expect(ran).toEqual(['done']);
    expect(() =>
      afterCommit('test-failing', () => {
        throw new Error('boom');
      }),
    ).not.toThrow();
  });

  it("the after-commit refresh writes what the plain refresh writes, without a disk sync, and leaves the connection's setting as it was", () => {
    const sqlite = getDb().$client;
    const opened = openEncounter(2, 1, nurse.id, new Date(Date.now() - 60 * 60_000));
    if (!opened.ok) throw new Error('could not open an encounter');
    chartWithoutSummary(opened.data.id);
    const seen: number[] = [];
    const original = sqlite.pragma.bind(sqlite);
    sqlite.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('synchronous =')) seen.push(Number(original('synchronous', { simple: true })));
      return original(source, options);
    }) as typeof sqlite.pragma;
    try {
      expect(original('synchronous', { simple: true })).toBe(2); // FULL: db/client.ts
      refreshCodingSummaryAfterCommit(opened.data.id);
    } finally {
      sqlite.pragma = original;
    }
    expect(seen).toEqual([2, 1]); // switched from FULL to NORMAL for the write, and back
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    const written = summaryOf(opened.data.id);
    expect(written.administration_count).toBe(1);
    refreshCodingSummary(opened.data.id);
    expect(summaryOf(opened.data.id)).toEqual(written);
    // Inside a transaction it is the plain refresh: the transaction's commit decides.
    getDb().transaction(() => {
      refreshCodingSummaryAfterCommit(opened.data.id);
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    });
  });
});
