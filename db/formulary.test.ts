// loadFormulary is read once per formulary revision (issue 16 item 1): the same
// frozen list until the formulary changes, here or in another process sharing
// the file, and never a formulary a rolled-back transaction wrote.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/types';

const DATABASE = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-formulary-')), 'formulary.db');
process.env.DATABASE_PATH = DATABASE;

const { getDb } = await import('./client');
const { startUp } = await import('@/server/start-up');
const { loadFormulary } = await import('./formulary');
const { updateDrugNames } = await import('./admin');
const { sql } = await import('drizzle-orm');

const ADMIN: SessionUser = { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin', facilityIds: [] };
const NOW = new Date('2026-05-14T12:00:00Z');
startUp(NOW);

const idOf = (key: string) => getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const drug = (key: string) => loadFormulary().find((d) => d.key === key)!;

describe('loadFormulary', () => {
  it('answers the same list while nothing in the formulary changes, and a changed one after an admin edit', () => {
    const first = loadFormulary();
    expect(loadFormulary()).toBe(first);
    // Charting elsewhere does not change the formulary's revision.
    getDb().run(sql`update facilities set name = name`);
    expect(loadFormulary()).toBe(first);
    expect(updateDrugNames({ drugId: idOf('ketorolac'), aliases: ['Toradol', 'Sprix', 'Acular IV'], typicalKinds: ['push', 'injection'], reason: null }, ADMIN, NOW)).toMatchObject({ ok: true });
    const second = loadFormulary();
    expect(second).not.toBe(first);
    expect(drug('ketorolac').aliases).toContain('Acular IV');
    expect(first.find((d) => d.key === 'ketorolac')!.aliases).not.toContain('Acular IV');
  });

  it('sees a change another process committed to any of the four tables (drugs, limits, codes, products)', () => {
    const other = new Database(DATABASE);
    try {
      const changes: Array<[string, () => unknown]> = [
        [`update formulary_drugs set generic_name = 'Ondansetron (other process)' where key = 'ondansetron'`, () => drug('ondansetron').name],
        [`update drug_dose_limits set soft_max = '9' where drug_id = ${idOf('ondansetron')}`, () => drug('ondansetron').doseLimits?.[0]?.softMax],
        [`update drug_hcpcs_codes set descriptor = 'changed elsewhere' where drug_id = ${idOf('ondansetron')}`, () => drug('ondansetron').hcpcs[0]?.descriptorText],
        [`update drug_products set description = 'changed elsewhere' where drug_id = ${idOf('ondansetron')}`, () => drug('ondansetron').products[0]?.description],
      ];
      for (const [statement, read] of changes) {
        const before = read();
        other.exec(statement);
        expect(read(), statement).not.toEqual(before);
      }
      other.exec(`delete from drug_dose_limits where drug_id = ${idOf('ondansetron')}`);
      expect(drug('ondansetron').doseLimits).toBeUndefined();
    } finally {
      other.close();
    }
  });

  it('does not keep what a rolled-back transaction wrote', () => {
    const before = drug('morphine').name;
    expect(() =>
      getDb().transaction((tx) => {
        tx.run(sql`update formulary_drugs set generic_name = 'never committed' where key = 'morphine'`);
        expect(drug('morphine').name).toBe('never committed'); // read inside the transaction: its own change
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    // The next committed change (before anyone reads) has the revision the rolled-back one had.
    getDb().run(sql`update formulary_drugs set generic_name = 'Morphine sulfate (renamed)' where key = 'morphine'`);
    expect(drug('morphine').name).toBe('Morphine sulfate (renamed)');
    expect(loadFormulary().some((d) => d.name === 'never committed')).toBe(false);
    expect(before).not.toBe('Morphine sulfate (renamed)');
  });

  it('is frozen: a caller that writes to the shared list throws instead of changing it for everyone', () => {
    const formulary = loadFormulary();
    expect(() => {
      (formulary as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (formulary[0] as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      formulary[0]!.aliases.push('changed');
    }).toThrow(TypeError);
  });
});
