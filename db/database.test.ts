import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { seedDemoData } from './seed';
import { accounts, administrations, auditEvents, drugHcpcsCodes, encounters, facilities, formularyDrugs, patients, users } from './schema';

function tempDbFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-test-')), 'test.db');
}

const NOW = new Date('2026-11-26T12:00:00Z');

function tableCounts(db: ReturnType<typeof openDatabase>['db']) {
  return {
    facilities: db.select({ n: count() }).from(facilities).get()?.n,
    users: db.select({ n: count() }).from(users).get()?.n,
    patients: db.select({ n: count() }).from(patients).get()?.n,
    encounters: db.select({ n: count() }).from(encounters).get()?.n,
    administrations: db.select({ n: count() }).from(administrations).get()?.n,
    formularyDrugs: db.select({ n: count() }).from(formularyDrugs).get()?.n,
    auditEvents: db.select({ n: count() }).from(auditEvents).get()?.n,
  };
}

describe('database', () => {
  it('applies every committed migration to an empty file', () => {
    const { sqlite } = openDatabase(tempDbFile());
    const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    const applied = sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(journal.entries.length);
    const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['facilities', 'users', 'patients', 'encounters', 'formulary_drugs', 'drug_hcpcs_codes', 'drug_products', 'administrations', 'audit_events']));
  });

  it('runs with WAL, foreign keys, a busy timeout and synchronous=FULL', () => {
    const { sqlite } = openDatabase(tempDbFile());
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('seeds an empty database once; a second start adds nothing', () => {
    const file = tempDbFile();
    const first = openDatabase(file);
    expect(seedDemoData(first.db, NOW)).toBe(true);
    const before = tableCounts(first.db);
    expect(before.facilities).toBe(2);
    expect(before.encounters).toBeGreaterThanOrEqual(3);
    first.sqlite.close();

    const second = openDatabase(file); // as the app does on its next start
    expect(seedDemoData(second.db, NOW)).toBe(false);
    expect(tableCounts(second.db)).toEqual(before);
  });

  it('never seeds a database that already holds data', () => {
    const { db } = openDatabase(tempDbFile());
    db.insert(facilities).values({ name: 'Real clinic', timeZone: 'America/Denver', setting: 'non-facility' }).run();
    expect(seedDemoData(db, NOW)).toBe(false);
    expect(tableCounts(db).facilities).toBe(1);
    expect(tableCounts(db).formularyDrugs).toBe(0);
  });

  it('seeds the classic example: ondansetron 4 mg IV push twice, 45 minutes apart, in the ED', () => {
    const { db } = openDatabase(tempDbFile());
    seedDemoData(db, NOW);
    const rows = db
      .select({ start: administrations.startAt, dose: administrations.doseValue, unit: administrations.doseUnit, kind: administrations.kind, setting: encounters.setting, drug: formularyDrugs.key })
      .from(administrations)
      .innerJoin(encounters, eq(encounters.id, administrations.encounterId))
      .innerJoin(formularyDrugs, eq(formularyDrugs.id, administrations.drugId))
      .where(eq(administrations.encounterId, 1))
      .orderBy(administrations.startAt)
      .all();
    expect(rows.map((r) => [r.drug, r.dose, r.unit, r.kind, r.setting])).toEqual([
      ['ondansetron', '4', 'mg', 'push', 'facility'],
      ['ondansetron', '4', 'mg', 'push', 'facility'],
    ]);
    expect(rows[0]?.start.toISOString()).toBe('2026-03-02T15:00:00.000Z'); // 10:00 EST
    expect((rows[1]!.start.getTime() - rows[0]!.start.getTime()) / 60_000).toBe(45);
    const [ed] = db.select().from(facilities).where(eq(facilities.id, 1)).all();
    expect(ed).toMatchObject({ setting: 'facility', timeZone: 'America/New_York', lateEntryThresholdMinutes: 60 });
  });

  it('seeds the formulary with HCPCS billing units and effective dates', () => {
    const { db } = openDatabase(tempDbFile());
    seedDemoData(db, NOW);
    const codesFor = (key: string) =>
      db
        .select({ code: drugHcpcsCodes.code, amount: drugHcpcsCodes.billingAmount, unit: drugHcpcsCodes.billingUnit, from: drugHcpcsCodes.effectiveFrom, to: drugHcpcsCodes.effectiveTo })
        .from(drugHcpcsCodes)
        .innerJoin(formularyDrugs, eq(formularyDrugs.id, drugHcpcsCodes.drugId))
        .where(and(eq(formularyDrugs.key, key)))
        .all();
    expect(codesFor('ondansetron')).toEqual([expect.objectContaining({ code: 'J2405', amount: '1', unit: 'mg', to: null })]);
    const hydromorphone = codesFor('hydromorphone');
    expect(hydromorphone).toContainEqual(expect.objectContaining({ code: 'J1171', amount: '0.1', unit: 'mg', from: '2024-10-01', to: null }));
    expect(hydromorphone).toContainEqual(expect.objectContaining({ code: 'J1170', amount: '4', unit: 'mg', to: '2024-09-30' }));
    expect(codesFor('fentanyl')).toContainEqual(expect.objectContaining({ code: 'J3010', amount: '0.1', unit: 'mg' }));
    expect(tableCounts(db).formularyDrugs).toBeGreaterThanOrEqual(30);
  });

  it('keeps the audit trail append-only at the database level', () => {
    const { db, sqlite } = openDatabase(tempDbFile());
    seedDemoData(db, NOW);
    const n = tableCounts(db).auditEvents;
    expect(n).toBeGreaterThan(0);
    expect(() => sqlite.prepare("update audit_events set reason = 'x'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from audit_events').run()).toThrow(/append-only/);
    expect(tableCounts(db).auditEvents).toBe(n);
  });

  it('refuses a second patient with the same MRN at the same facility', () => {
    const { db } = openDatabase(tempDbFile());
    seedDemoData(db, NOW);
    expect(() =>
      db.insert(patients).values({ facilityId: 1, mrn: 'ED-100234', familyName: 'X', givenName: 'Y', birthDate: '1990-01-01' }).run(),
    ).toThrow(/UNIQUE/);
  });
});

describe('demo sign-in data', () => {
  it('gives every demo user a password that better-auth verifies', async () => {
    const { verifyPassword } = await import('better-auth/crypto');
    const { DEMO_PASSWORD, DEMO_PASSWORD_HASH } = await import('./seed');
    expect(await verifyPassword({ hash: DEMO_PASSWORD_HASH, password: DEMO_PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: DEMO_PASSWORD_HASH, password: 'wrong-password' })).toBe(false);
    const { db } = openDatabase(tempDbFile());
    seedDemoData(db, NOW);
    const rows = db.select({ userId: accounts.userId, providerId: accounts.providerId }).from(accounts).all();
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.providerId))).toEqual(new Set(['credential']));
  });
});
