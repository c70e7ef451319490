// Issue 16 item 1: hot reads are prepared once per connection and reused; a
// second database (another DATABASE_PATH) gets statements of its own, so the
// reads never cross connections.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = mkdtempSync(path.join(tmpdir(), 'pushchart-prepared-'));
process.env.DATABASE_PATH = path.join(folder, 'first.db');

const { getDb } = await import('./client');
const { driverValues, preparedOn, preparedOnce } = await import('./prepared');
const { openDatabase } = await import('./client');
const { startUp } = await import('@/server/start-up');
const { getEncounter, listAdministrations, openEncounter } = await import('./encounters');
const { loadFormulary } = await import('./formulary');

describe('statements prepared once per connection', () => {
  it('builds once per connection, again for another database file', () => {
    let builds = 0;
    const statements = preparedOnce((db) => {
      builds++;
      return { db };
    });
    const first = statements();
    expect(statements()).toBe(first);
    expect(first.db).toBe(getDb());
    expect(builds).toBe(1);
    process.env.DATABASE_PATH = path.join(folder, 'second.db');
    try {
      const second = statements();
      expect(second).not.toBe(first);
      expect(second.db).toBe(getDb());
      expect(builds).toBe(2);
    } finally {
      process.env.DATABASE_PATH = path.join(folder, 'first.db');
    }
    expect(statements()).toBe(first);
  });

  it('the prepared encounter and formulary reads answer with this connection\'s rows, each call fresh', () => {
    startUp();
    const opened = openEncounter(2, 1, 'u-nurse', new Date('2026-03-02T15:00:00Z'));
    if (!opened.ok) throw new Error('could not open an encounter');
    const encounter = getEncounter(opened.data.id);
    expect(encounter).toMatchObject({ id: opened.data.id, status: 'open', administrations: [], administrationCount: 0, facility: { id: 1 } });
    expect(getEncounter(opened.data.id + 10_000)).toBeNull();
    // A dose written behind the statement's back is seen on the next call (no result caching).
    const drugId = loadFormulary().find((d) => d.key === 'ondansetron')!.id;
    getDb()
      .$client.prepare(
        `insert into administrations (encounter_id, drug_id, dose_value, dose_unit, kind, start_at, stop_at, site, rationale, performer_id, performer_name, performer_credentials, charted_at)
         values (?, ?, '4', 'mg', 'push', ?, ?, 'L AC', 'Nausea', 'u-nurse', 'Nora Quinn', 'RN', ?)`,
      )
      .run(opened.data.id, drugId, Date.parse('2026-03-02T15:01:00Z'), Date.parse('2026-03-02T15:01:00Z'), Date.parse('2026-03-02T15:02:00Z'));
    expect(listAdministrations(opened.data.id)).toMatchObject([{ drugKey: 'ondansetron', doseValue: '4', status: 'active' }]);
    expect(getEncounter(opened.data.id)!.administrationCount).toBe(1);
    const formulary = loadFormulary();
    expect(formulary.length).toBeGreaterThan(10);
    expect(formulary.map((d) => d.name)).toEqual([...formulary.map((d) => d.name)].sort());
    expect(formulary.find((d) => d.key === 'ondansetron')!.hcpcs.map((c) => c.code)).toContain('J2405');
  });

  it('statements of a transaction are built once per connection it runs on, never another connection\'s', () => {
    let builds = 0;
    const statements = preparedOn((db, connection) => {
      builds++;
      return { count: connection.prepare('select count(*) as n from audit_events'), db };
    });
    const app = getDb();
    const first = app.transaction((tx) => statements(tx));
    expect(statements(app)).toBe(first);
    expect(app.transaction((tx) => statements(tx))).toBe(first);
    expect(builds).toBe(1);
    // A seed or test writing through its own connection (db/seed.ts seedDemoData(db)) gets its own.
    const other = openDatabase(path.join(folder, 'other.db')).db;
    const second = other.transaction((tx) => statements(tx));
    expect(second).not.toBe(first);
    expect(builds).toBe(2);
    expect((second.count.get() as { n: number }).n).toBe(0);
    expect((first.count.get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('driver values: instants as UTC ms, booleans as 1/0, absent as null; an object is refused', () => {
    expect(driverValues({ at: new Date('2026-03-02T15:00:00Z'), on: true, off: false, none: undefined, empty: null, text: 'x', n: 4 })).toEqual({
      at: Date.parse('2026-03-02T15:00:00Z'), on: 1, off: 0, none: null, empty: null, text: 'x', n: 4,
    });
    expect(() => driverValues({ changes: { a: 1 } })).toThrow(/pass JSON as text/);
  });
});
