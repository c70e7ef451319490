// Start-up fills the starter formulary into a database made before migration
// 0008 (aliases, typical kinds, dose limits, payment status, new drugs) only
// where the empty defaults are still there, and never twice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormularyDrug } from '@/lib/formulary/define';
import type { SessionUser } from '@/lib/types';

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-formulary-sync-')), 'sync.db');

const { getDb } = await import('./client');
const { startUp } = await import('@/server/start-up');
const { syncStarterFormulary } = await import('./formulary-sync');
const { loadFormulary } = await import('./formulary');
const { updateDrugNames } = await import('./admin');
const { STARTER_FORMULARY } = await import('@/lib/formulary/starter-formulary');
const { sql } = await import('drizzle-orm');

const ADMIN: SessionUser = { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin', facilityIds: [] };
const NOW = new Date('2026-05-14T12:00:00Z');

startUp(NOW);

const db = () => getDb();
const dump = () =>
  JSON.stringify(['formulary_drugs', 'drug_dose_limits', 'drug_hcpcs_codes', 'drug_products', 'audit_events'].map((t) => db().all(sql.raw(`select * from ${t} order by 1`))));
const idOf = (key: string) => db().get<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const auditsOf = (event: string) =>
  db().all<{ entity_id: string; actor_id: string | null; changes: string }>(sql`select entity_id, actor_id, changes from audit_events where event = ${event} order by id`);

// The starter list with known limits and statuses on ondansetron and a new drug,
// so the test does not depend on how far the shared data has been filled.
const ONDANSETRON_LIMIT = { kinds: ['push' as const], unit: 'mg' as const, usual: '4', softMax: '8', hardMax: '16', source: 'label' };
const NEW_DRUG: FormularyDrug = {
  key: 'test-granisetron',
  name: 'Granisetron (test)',
  aliases: ['kytril'],
  chemo: false,
  defaultDoseUnit: 'mg',
  usualDose: '1',
  strengthText: '1 mg/mL',
  typicalKinds: ['push'],
  hcpcs: [{ code: 'J1626', billingAmount: '0.1', billingUnit: 'mg', descriptor: 'per', descriptorText: 'per 0.1 mg', effectiveFrom: null, effectiveTo: null, paymentStatus: 'separately-payable' }],
  products: [],
  supplyBilling: true,
};
const starter: FormularyDrug[] = [
  ...STARTER_FORMULARY.map((d) =>
    d.key === 'ondansetron'
      ? { ...d, doseLimits: [ONDANSETRON_LIMIT], hcpcs: d.hcpcs.map((h) => ({ ...h, paymentStatus: 'separately-payable' as const })) }
      : d,
  ),
  NEW_DRUG,
];

describe('a new database', () => {
  it('holds the starter formulary whole: aliases, typical kinds, dose limits, payment statuses', () => {
    const loaded = new Map(loadFormulary().map((d) => [d.key, d]));
    for (const d of STARTER_FORMULARY) {
      const got = loaded.get(d.key);
      expect(got, d.key).toBeDefined();
      expect(got!.aliases, d.key).toEqual(d.aliases);
      expect(got!.typicalKinds, d.key).toEqual(d.typicalKinds);
      expect(got!.doseLimits ?? [], d.key).toEqual(d.doseLimits ?? []);
      expect(got!.hcpcs.map((h) => [h.code, h.billingUnit, h.paymentStatus]), d.key).toEqual(d.hcpcs.map((h) => [h.code, h.billingUnit, h.paymentStatus ?? 'unknown']));
    }
    expect(loaded.get('ondansetron')!.aliases).toContain('zofran');
    expect(loaded.get('sodium-chloride-0.9')!.typicalKinds[0]).toBe('hydration');
  });

  it('a second start-up changes nothing', () => {
    const before = dump();
    startUp(new Date(NOW.getTime() + 60_000));
    expect(dump()).toBe(before);
  });
});

describe('a database from before migration 0008', () => {
  it('gets the new drugs and empty fields filled, an admin edit kept, one system audit event per drug, and nothing the second time', () => {
    // As migration 0008 left it: empty aliases and kinds, no limits, every status unknown.
    db().run(sql`update formulary_drugs set aliases = '[]', typical_kinds = '[]'`);
    db().run(sql`delete from drug_dose_limits`);
    db().run(sql`update drug_hcpcs_codes set payment_status = 'unknown'`);
    // An admin's choices since: ketorolac's names edited, morphine's brand list emptied on purpose.
    expect(updateDrugNames({ drugId: idOf('ketorolac'), aliases: ['Toradol', 'Sprix'], typicalKinds: ['push', 'injection'], reason: null }, ADMIN, NOW)).toMatchObject({ ok: true });
    db().run(sql`update formulary_drugs set aliases = '["x"]' where key = 'morphine'`);
    expect(updateDrugNames({ drugId: idOf('morphine'), aliases: [], typicalKinds: ['push'], reason: 'No brand in use' }, ADMIN, NOW)).toMatchObject({ ok: true });
    const updatedBefore = auditsOf('formulary.drug-updated').length;

    const first = syncStarterFormulary(db(), NOW, starter);

    expect(first.added).toEqual(['test-granisetron']);
    const loaded = new Map(loadFormulary().map((d) => [d.key, d]));
    const ondansetronAliases = starter.find((d) => d.key === 'ondansetron')!.aliases;
    expect(ondansetronAliases).toContain('zofran');
    expect(loaded.get('ondansetron')).toMatchObject({ aliases: ondansetronAliases, doseLimits: [ONDANSETRON_LIMIT] });
    expect(loaded.get('ondansetron')!.hcpcs.every((h) => h.paymentStatus === 'separately-payable')).toBe(true);
    expect(loaded.get('sodium-chloride-0.9')!.typicalKinds).toEqual(starter.find((d) => d.key === 'sodium-chloride-0.9')!.typicalKinds);
    expect(loaded.get('test-granisetron')).toMatchObject({ aliases: ['kytril'], hcpcs: [{ code: 'J1626', paymentStatus: 'separately-payable' }] });
    // The admin's lists stand, the emptied one included.
    expect(loaded.get('ketorolac')).toMatchObject({ aliases: ['Toradol', 'Sprix'], typicalKinds: ['push', 'injection'] });
    expect(loaded.get('morphine')!.aliases).toEqual([]);

    // One event per drug changed, by the system, with old → new.
    const events = auditsOf('formulary.drug-updated').slice(updatedBefore);
    expect(events).toHaveLength(first.updated.length);
    expect(new Set(events.map((e) => e.entity_id)).size).toBe(events.length);
    expect(events.every((e) => e.actor_id === null)).toBe(true);
    const ondansetron = events.find((e) => e.entity_id === String(idOf('ondansetron')));
    expect(JSON.parse(ondansetron!.changes)).toMatchObject({ aliases: { old: [], new: ondansetronAliases }, 'paymentStatus J2405': { old: 'unknown', new: 'separately-payable' } });
    // Ketorolac may get limits or statuses, never its names or kinds back.
    const ketorolac = events.find((e) => e.entity_id === String(idOf('ketorolac')));
    expect(ketorolac ? Object.keys(JSON.parse(ketorolac.changes)) : []).not.toEqual(expect.arrayContaining(['aliases']));
    expect(ketorolac ? Object.keys(JSON.parse(ketorolac.changes)) : []).not.toEqual(expect.arrayContaining(['typicalKinds']));
    expect(auditsOf('formulary.drug-added').at(-1)).toMatchObject({ entity_id: String(idOf('test-granisetron')), actor_id: null });

    const before = dump();
    expect(syncStarterFormulary(db(), NOW, starter)).toEqual({ added: [], updated: [] });
    expect(dump()).toBe(before);
  });
});
