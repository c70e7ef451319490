// The admin's formulary edits of issue 13 item 6: brand names/synonyms and
// typical kinds, dose limits per kind, a code's OPPS payment status. A refused
// input changes nothing; an edit writes exactly one audit event with old → new.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/types';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({ getSessionUser: async () => session.user }));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-admin-formulary-')), 'admin.db');

const actions = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { loadFormulary } = await import('@/db/formulary');
const { searchFormulary } = await import('@/lib/formulary/search');
const { sql } = await import('drizzle-orm');

session.user = { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin', facilityIds: [] };

const db = () => getDb();
const snapshot = () => JSON.stringify(['formulary_drugs', 'drug_dose_limits', 'drug_hcpcs_codes', 'audit_events'].map((t) => db().all(sql.raw(`select * from ${t} order by 1`))));
const auditCount = () => db().get<{ n: number }>(sql`select count(*) as n from audit_events`).n;
const lastAudit = () => db().get<{ event: string; actor_id: string; entity_id: string; changes: string; reason: string | null }>(sql`select * from audit_events order by id desc limit 1`);
const drugId = (key: string) => db().get<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const loaded = (key: string) => loadFormulary().find((d) => d.key === key)!;

/** Runs a refused call and proves it wrote nothing; returns its field errors. */
async function refused(call: () => Promise<unknown>): Promise<Record<string, string>> {
  const before = snapshot();
  const result = (await call()) as { ok: boolean; fieldErrors: Record<string, string> };
  expect(result.ok).toBe(false);
  expect(snapshot()).toBe(before);
  return result.fieldErrors;
}

/** Runs an accepted call and proves it wrote exactly one audit event; returns that event. */
async function oneEvent(call: () => Promise<unknown>) {
  const before = auditCount();
  expect(await call()).toMatchObject({ ok: true });
  expect(auditCount()).toBe(before + 1);
  const event = lastAudit();
  return { ...event, changes: JSON.parse(event.changes) as Record<string, { old: unknown; new: unknown }> };
}

describe('brand names, synonyms and typical kinds', () => {
  it.each([
    ['no kind chosen', { aliases: 'Zofran', typicalKinds: ['', ''] }, 'typicalKinds'],
    ['a kind twice', { aliases: 'Zofran', typicalKinds: ['push', 'push'] }, 'typicalKinds'],
    ['a name of 61 characters', { aliases: `Zofran\n${'x'.repeat(61)}`, typicalKinds: ['push'] }, 'aliases'],
    ['a name with no letter', { aliases: 'Zofran\n--', typicalKinds: ['push'] }, 'aliases'],
    ['an abbreviation of another drug ("NS" is sodium chloride 0.9%)', { aliases: 'Zofran\nN.S.', typicalKinds: ['push'] }, 'aliases'],
    ['the generic name of another drug', { aliases: 'Zofran, metoclopramide hcl', typicalKinds: ['push'] }, 'aliases'],
    ['the first word of another drug\'s generic name ("morphine" is Morphine sulfate)', { aliases: 'Zofran\nmorphine', typicalKinds: ['push'] }, 'aliases'],
    ['another drug\'s key', { aliases: 'Zofran\nmagnesium-sulfate', typicalKinds: ['push'] }, 'aliases'],
  ])('refused beside the field, nothing written: %s', async (_what, input, field) => {
    const errors = await refused(() => actions.updateDrugNamesAction({ drugId: drugId('ondansetron'), ...input }));
    expect(Object.keys(errors)).toEqual([field]);
  });

  it('an edit is stored, audited once with old → new, and found by the search at once', async () => {
    const old = loaded('ondansetron');
    const event = await oneEvent(() =>
      actions.updateDrugNamesAction({ drugId: drugId('ondansetron'), aliases: 'Zofran\nZuplenz, zofran\n', typicalKinds: ['push', '', 'infusion'], reason: 'Oral film brand asked for' }),
    );
    expect(event).toMatchObject({ event: 'formulary.drug-updated', actor_id: 'u-admin', entity_id: String(drugId('ondansetron')), reason: 'Oral film brand asked for' });
    // Duplicates by the search's identity dropped, blanks ignored, order kept.
    expect(event.changes).toEqual({ aliases: { old: old.aliases, new: ['Zofran', 'Zuplenz'] }, ...(JSON.stringify(old.typicalKinds) === '["push","infusion"]' ? {} : { typicalKinds: { old: old.typicalKinds, new: ['push', 'infusion'] } }) });
    expect(loaded('ondansetron')).toMatchObject({ aliases: ['Zofran', 'Zuplenz'], typicalKinds: ['push', 'infusion'] });
    expect(searchFormulary(loadFormulary(), 'zuplenz')[0]).toMatchObject({ drug: { key: 'ondansetron' }, matchedAlias: 'Zuplenz' });
  });

  it("the list the form's resolver hands over parses to itself", async () => {
    const { drugNamesSchema } = await import('@/lib/admin-schema');
    const once = drugNamesSchema.parse({ drugId: 1, aliases: 'Zofran, Zuplenz\nzofran', typicalKinds: ['push', ''] });
    expect(drugNamesSchema.parse(once)).toEqual(once);
    expect(once.aliases).toEqual(['Zofran', 'Zuplenz']);
  });

  it('saving the same names again writes nothing', async () => {
    const before = snapshot();
    expect(await actions.updateDrugNamesAction({ drugId: drugId('ondansetron'), aliases: ['Zofran', 'Zuplenz'], typicalKinds: ['push', 'infusion'] })).toMatchObject({ ok: true, data: { changed: [] } });
    expect(snapshot()).toBe(before);
  });
});

describe('dose limits per kind', () => {
  const row = (over: Record<string, unknown> = {}) => ({ kinds: ['push'], unit: 'mg', usual: '4', softMax: '8', hardMax: '16', source: 'label', ...over });

  it.each([
    ['usual above the soft maximum', [row({ usual: '10' })], 'limits.0.softMax'],
    ['soft maximum above the hard maximum (as decimals: 8.5 > 8.25)', [row({ softMax: '8.5', hardMax: '8.25' })], 'limits.0.hardMax'],
    ['a dose that is no decimal', [row({ usual: '4mg' })], 'limits.0.usual'],
    ['a negative maximum', [row({ hardMax: '-16' })], 'limits.0.hardMax'],
    ['no kind ticked', [row({ kinds: [] })], 'limits.0.kinds'],
    ['no source', [row({ source: ' ' })], 'limits.0.source'],
    ['no unit', [row({ unit: 'drops' })], 'limits.0.unit'],
    ['one kind and unit in two rows', [row(), row({ kinds: ['infusion', 'push'] })], 'limits.1.kinds'],
  ])('refused beside the field, nothing written: %s', async (_what, limits, field) => {
    const errors = await refused(() => actions.setDoseLimitsAction({ drugId: drugId('ondansetron'), limits }));
    expect(errors).toHaveProperty([field]);
  });

  it('the new limits replace the old ones, audited once with both lists', async () => {
    const old = loaded('ondansetron').doseLimits ?? [];
    const next = [
      { kinds: ['push'], unit: 'mg', usual: '4', softMax: '8', hardMax: '16', source: 'label' },
      { kinds: ['injection'], unit: 'mg', usual: '4', softMax: '4', hardMax: '', source: 'label, IM' },
    ];
    const event = await oneEvent(() => actions.setDoseLimitsAction({ drugId: drugId('ondansetron'), limits: next, reason: 'Checked against the label' }));
    const stored = [
      { kinds: ['push'], unit: 'mg', usual: '4', softMax: '8', hardMax: '16', source: 'label' },
      { kinds: ['injection'], unit: 'mg', usual: '4', softMax: '4', hardMax: null, source: 'label, IM' },
    ];
    expect(event).toMatchObject({ event: 'formulary.dose-limits-changed', actor_id: 'u-admin', reason: 'Checked against the label' });
    expect(event.changes).toEqual({ doseLimits: { old, new: stored } });
    expect(loaded('ondansetron').doseLimits).toEqual(stored);
  });
});

describe('OPPS payment status of a code', () => {
  const codeId = () => db().get<{ id: number }>(sql`select c.id from drug_hcpcs_codes c join formulary_drugs d on d.id = c.drug_id where d.key = 'ketorolac' order by c.id limit 1`).id;

  it('refused beside the field when not one of the three', async () => {
    const errors = await refused(() => actions.setCodePaymentStatusAction({ codeId: codeId(), paymentStatus: 'paid' }));
    expect(Object.keys(errors)).toEqual(['paymentStatus']);
  });

  it('a change is stored and audited once with old → new', async () => {
    const old = db().get<{ payment_status: string; code: string }>(sql`select payment_status, code from drug_hcpcs_codes where id = ${codeId()}`);
    const next = old.payment_status === 'packaged' ? 'separately-payable' : 'packaged';
    const event = await oneEvent(() => actions.setCodePaymentStatusAction({ codeId: codeId(), paymentStatus: next }));
    expect(event).toMatchObject({ event: 'formulary.code-updated', actor_id: 'u-admin', entity_id: String(drugId('ketorolac')) });
    expect(event.changes).toMatchObject({ codeId: { old: codeId(), new: codeId() }, code: { old: old.code, new: old.code }, paymentStatus: { old: old.payment_status, new: next } });
    expect(loaded('ketorolac').hcpcs.find((h) => h.code === old.code)?.paymentStatus).toBe(next);
  });
});
