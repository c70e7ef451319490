import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { toLocalInput } from '@/lib/time';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

const dir = mkdtempSync(path.join(tmpdir(), 'pushchart-audit-chain-'));
process.env.DATABASE_PATH = path.join(dir, 'chain.db');

const { getDb } = await import('./client');
const { startUp } = await import('@/server/start-up');
const { chartAdministration } = await import('./administrations');
const { amendAdministration, markEnteredInError, addAddendum } = await import('./corrections');
const { recordAudit } = await import('./audit');
const { auditHash, canonicalJson, chainLegacyAuditEvents, verifyAuditChain, verifyEncounterAuditChain } = await import('./audit-chain');
const { administrationSchema, amendmentSchema } = await import('@/lib/administration-schema');
const { sql } = await import('drizzle-orm');
const { drizzle } = await import('drizzle-orm/better-sqlite3');

const NURSE: SessionUser = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] };
const NY = 'America/New_York';
const OPEN_ENCOUNTER = 2; // Okafor, ED, open

/** A copy of the app's database to tamper with, as someone with the sqlite3 shell would: trigger dropped first. */
function tamperableCopy(name: string): Database.Database {
  getDb().$client.pragma('wal_checkpoint(TRUNCATE)');
  const file = path.join(dir, `${name}.db`);
  copyFileSync(process.env.DATABASE_PATH!, file);
  const copy = new Database(file);
  copy.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
  return copy;
}

function chartAndAmend(minutesAgo: number) {
  const now = new Date();
  const t = toLocalInput(new Date(now.getTime() - minutesAgo * 60_000), NY);
  const drugId = getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;
  const charted = chartAdministration(
    administrationSchema.parse({ encounterId: OPEN_ENCOUNTER, drugId, doseValue: '4', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', ...orderFields() }),
    NURSE,
    now,
  );
  if (!charted.ok) throw new Error(JSON.stringify(charted));
  const amended = amendAdministration(
    amendmentSchema.parse({ administrationId: charted.data.id, doseValue: '8', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'R AC 20G', rationale: 'Nausea', reason: 'Wrong dose typed', ...orderFields() }),
    NURSE,
    now,
  );
  if (!amended.ok) throw new Error(JSON.stringify(amended));
  expect(markEnteredInError(amended.data.id, 'Charted on the wrong patient', NURSE, now).ok).toBe(true);
}

beforeAll(() => {
  startUp(); // migrates and seeds the demo data
  chartAndAmend(30);
  chartAndAmend(20);
  expect(addAddendum(1, 'Patient tolerated both doses well', NURSE, new Date()).ok).toBe(true); // encounter 1 is signed
});

const eventsOf = (sqlite: Database.Database, encounterId: number) =>
  (sqlite.prepare('select id from audit_events where encounter_id = ? order by id').all(encounterId) as { id: number }[]).map((r) => r.id);

describe('the audit hash chain', () => {
  it('verifies on the seeded demo plus charted, amended and voided doses', () => {
    const count = getDb().get<{ n: number }>(sql`select count(*) as n from audit_events`).n;
    expect(count).toBeGreaterThan(10);
    expect(verifyAuditChain(getDb())).toEqual({ intact: true, count, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verifyEncounterAuditChain(getDb(), OPEN_ENCOUNTER)).toMatchObject({ intact: true, count: eventsOf(getDb().$client, OPEN_ENCOUNTER).length });
    // Every row is chained to the one before it.
    const rows = getDb().$client.prepare('select id, prev_hash as prevHash, hash from audit_events order by id').all() as { id: number; prevHash: string | null; hash: string }[];
    expect(rows[0]!.prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
  });

  it('hashes a canonical form: key order of the changes does not matter, every field does', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    const row = { id: 7, event: 'encounter.addendum', actorId: 'u-nurse', at: 1_767_000_000_000, entityType: 'encounter', entityId: '2', encounterId: 2, changes: '{"a":{"old":null,"new":"x"},"b":1}', reason: null, prevHash: 'ab'.repeat(32) };
    const hash = auditHash(row);
    expect(auditHash({ ...row, changes: '{"b":1,"a":{"new":"x","old":null}}' })).toBe(hash);
    for (const changed of [{ id: 8 }, { at: row.at + 1 }, { reason: '' }, { actorId: 'u-nurse2' }, { encounterId: null }, { entityId: '3' }, { prevHash: null }, { changes: '{"a":{"old":null,"new":"y"},"b":1}' }]) {
      expect(auditHash({ ...row, ...changed })).not.toBe(hash);
    }
  });

  it('finds a row changed with SQL (the trigger dropped first): changes, reason or time, by its id', () => {
    const copy = tamperableCopy('edited');
    const target = eventsOf(copy, OPEN_ENCOUNTER)[2]!;
    for (const edit of [
      `update audit_events set changes = json_set(changes, '$.doseValue.new', '2') where id = ${target}`,
      `update audit_events set reason = 'nothing to see' where id = ${target}`,
      `update audit_events set at = at - 3600000 where id = ${target}`,
    ]) {
      const before = copy.prepare('select changes, reason, at from audit_events where id = ?').get(target);
      copy.exec(edit);
      const result = verifyAuditChain(copy);
      expect(result).toMatchObject({ intact: false, firstBroken: { id: target, kind: 'content' } });
      expect(result.intact ? '' : result.firstBroken.reason).toMatch(new RegExp(`event ${target}: its content does not match its hash`));
      expect(verifyEncounterAuditChain(copy, OPEN_ENCOUNTER)).toMatchObject({ intact: false, firstBroken: { id: target } });
      copy.prepare('update audit_events set changes = @changes, reason = @reason, at = @at where id = ' + target).run(before as object);
      expect(verifyAuditChain(copy).intact).toBe(true);
    }
    copy.close();
  });

  it('finds a row rewritten with a freshly computed hash at the row after it', () => {
    const copy = tamperableCopy('rehashed');
    const [target, next] = eventsOf(copy, OPEN_ENCOUNTER).slice(1, 3) as [number, number];
    const row = copy.prepare('select id, event, actor_id as actorId, at, entity_type as entityType, entity_id as entityId, encounter_id as encounterId, changes, reason, prev_hash as prevHash from audit_events where id = ?').get(target) as Parameters<typeof auditHash>[0];
    const forged = { ...row, reason: 'forged' };
    copy.prepare('update audit_events set reason = ?, hash = ? where id = ?').run(forged.reason, auditHash(forged), target);
    expect(verifyAuditChain(copy)).toMatchObject({ intact: false, firstBroken: { id: target + 1 === next ? next : target + 1, kind: 'link' } });
    expect(verifyEncounterAuditChain(copy, OPEN_ENCOUNTER)).toMatchObject({ intact: false, firstBroken: { id: target } });
    copy.close();
  });

  it('finds a deleted row at the row after it, and deleted newest rows by the table sequence', () => {
    const copy = tamperableCopy('deleted');
    const [victim, after] = eventsOf(copy, OPEN_ENCOUNTER).slice(3, 5) as [number, number];
    copy.prepare('delete from audit_events where id = ?').run(victim);
    const result = verifyAuditChain(copy);
    expect(result).toMatchObject({ intact: false, firstBroken: { id: victim + 1, kind: 'link' } });
    expect(result.intact ? '' : result.firstBroken.reason).toMatch(new RegExp(`prev_hash does not match the hash of event ${victim - 1}`));
    expect(verifyEncounterAuditChain(copy, OPEN_ENCOUNTER)).toMatchObject({ intact: false });
    expect(after).toBeGreaterThan(victim);
    copy.close();

    const cut = tamperableCopy('cut');
    const last = (cut.prepare('select max(id) as id from audit_events').get() as { id: number }).id;
    cut.prepare('delete from audit_events where id >= ?').run(last - 1);
    expect(verifyAuditChain(cut)).toMatchObject({ intact: false, firstBroken: { id: last - 1, kind: 'truncated' } });
    cut.close();
  });

  it('chains legacy rows (hash null, from before migration 0006) at start-up, once, and never re-blesses a tampered tail', () => {
    const copy = tamperableCopy('legacy');
    copy.exec('update audit_events set hash = null, prev_hash = null');
    // Put the append-only trigger of migration 0006 back: chaining must pass it.
    const trigger = (getDb().$client.prepare("select sql from sqlite_master where name = 'audit_events_no_update'").get() as { sql: string }).sql;
    copy.exec(trigger);
    expect(verifyAuditChain(copy)).toMatchObject({ intact: false, firstBroken: { id: 1, kind: 'unchained' } });
    const db = drizzle(copy);
    const total = (copy.prepare('select count(*) as n from audit_events').get() as { n: number }).n;
    expect(db.transaction((tx) => chainLegacyAuditEvents(tx as never, 7), { behavior: 'immediate' })).toBe(total);
    expect(verifyAuditChain(copy)).toMatchObject({ intact: true, count: total });
    expect(db.transaction((tx) => chainLegacyAuditEvents(tx as never), { behavior: 'immediate' })).toBe(0); // idempotent
    // New events chain onto the legacy ones.
    db.transaction((tx) => recordAudit(tx as never, { event: 'encounter.addendum', actorId: 'u-nurse', at: new Date(), entityType: 'encounter', entityId: 2, encounterId: 2, changes: {} }));
    expect(verifyAuditChain(copy)).toMatchObject({ intact: true, count: total + 1 });
    // The trigger refuses a second chaining of a row...
    expect(() => copy.exec("update audit_events set hash = 'x' where id = 1")).toThrow(/append-only/);
    // ...and someone who nulls the newest rows' hashes (trigger dropped) does not get them re-chained.
    copy.exec('DROP TRIGGER audit_events_no_update');
    copy.exec(`update audit_events set reason = 'forged', hash = null, prev_hash = null where id >= ${total}`);
    expect(db.transaction((tx) => chainLegacyAuditEvents(tx as never), { behavior: 'immediate' })).toBe(0);
    expect(verifyAuditChain(copy)).toMatchObject({ intact: false, firstBroken: { id: total, kind: 'unchained' } });
    copy.close();
  });

  it('streams: a chain of 120,000 events verifies without loading them at once', () => {
    const copy = tamperableCopy('many');
    // Appended the way recordAudit chains them, without its per-call query building.
    let prev = copy.prepare('select id, hash from audit_events order by id desc limit 1').get() as { id: number; hash: string };
    const insert = copy.prepare('insert into audit_events (id, event, actor_id, at, entity_type, entity_id, encounter_id, changes, reason, prev_hash, hash) values (@id, @event, @actorId, @at, @entityType, @entityId, @encounterId, @changes, @reason, @prevHash, @hash)');
    copy.transaction(() => {
      for (let i = 0; i < 120_000; i++) {
        const row = { id: prev.id + 1, event: 'auth.signed-in', actorId: 'u-nurse', at: 1_767_000_000_000 + i, entityType: 'sign-in', entityId: 'nurse@pushchart.test', encounterId: null, changes: '{}', reason: null, prevHash: prev.hash };
        const hash = auditHash(row);
        insert.run({ ...row, hash });
        prev = { id: row.id, hash };
      }
    })();
    const progress: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    const result = verifyAuditChain(copy, { onProgress: (n) => progress.push(n) });
    expect(result.intact).toBe(true);
    expect(result.count).toBeGreaterThan(120_000);
    expect(progress).toEqual([100_000]);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
    copy.close();
  }, 60_000);
});

describe('npm run audit:verify', () => {
  const run = async (file: string) => {
    try {
      const { stdout } = await promisify(execFile)('npx', ['tsx', '--conditions=react-server', 'scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_PATH: file } });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string };
      return { code: e.code, stdout: e.stdout };
    }
  };

  it('prints "chain intact: N events" and exits 0, or the first broken link and exits 1', async () => {
    const intact = tamperableCopy('cli-intact');
    const total = (intact.prepare('select count(*) as n from audit_events').get() as { n: number }).n;
    intact.close();
    const ok = await run(path.join(dir, 'cli-intact.db'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`chain intact: ${total} events`);

    const broken = tamperableCopy('cli-broken');
    broken.exec("update audit_events set reason = 'edited' where id = 5");
    broken.close();
    const bad = await run(path.join(dir, 'cli-broken.db'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/chain BROKEN at event 5: event 5: its content does not match its hash/);

    expect((await run(path.join(dir, 'missing.db'))).code).toBe(2);
  }, 60_000);
});
