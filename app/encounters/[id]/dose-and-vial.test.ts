// Issue 13 items 4 and 5 at the server action: an implausible dose needs a
// reason (stored and audited), an impossible one is refused whatever the
// reason; an NDC of another drug is refused, an unknown one needs a reason.
// The same for an amendment, which keeps the reasons of what it leaves alone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toLocalInput } from '@/lib/time';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({ getSessionUser: async () => session.user }));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-dose-')), 'dose.db');

const actions = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { openEncounter } = await import('@/db/encounters');
const { sql } = await import('drizzle-orm');

const NY = 'America/New_York';
const NURSE: SessionUser = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] };
const one = <T>(q: ReturnType<typeof sql>) => getDb().get<T>(q);
const drugId = (key: string) => one<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const productNdc = (key: string) => one<{ ndc: string }>(sql`select p.ndc10 as ndc from drug_products p join formulary_drugs d on d.id = p.drug_id where d.key = ${key} order by p.id limit 1`).ndc;
const UNKNOWN_NDC = '12345-678-90';

/** Rows and audit events of doses: "nothing written" means these are equal. */
function tables() {
  return {
    administrations: one<{ n: number }>(sql`select count(*) as n from administrations`).n,
    audits: one<{ n: number }>(sql`select count(*) as n from audit_events where event like 'administration.%'`).n,
  };
}

let encounterId = 0;
const start = () => toLocalInput(new Date(Date.now() - 5 * 60_000), NY);

function push(extra: Record<string, unknown> = {}) {
  const at = start();
  return { encounterId, drugId: drugId('ondansetron'), doseValue: '4', doseUnit: 'mg', kind: 'push', start: at, stop: at, site: 'L antecubital 20G', rationale: 'Nausea', ...orderFields(), ...extra };
}

beforeAll(() => {
  session.user = NURSE;
  // The limits issue 13 names for ondansetron (label: 4 mg usual, 8 mg top of the usual range, 16 mg single-dose maximum),
  // written here so the test does not depend on the starter data carrying them yet.
  const id = drugId('ondansetron');
  getDb().run(sql`delete from drug_dose_limits where drug_id = ${id}`);
  getDb().run(sql`insert into drug_dose_limits (drug_id, kinds, unit, usual_dose, soft_max, hard_max, source) values (${id}, '["push","infusion"]', 'mg', '4', '8', '16', 'label')`);
  const opened = openEncounter(1, 1, 'u-nurse', new Date(Date.now() - 3600_000));
  if (!opened.ok) throw new Error('could not open a test encounter');
  encounterId = opened.data.id;
});

describe('dose plausibility (issue 13 item 4)', () => {
  it('above the usual range without a reason: refused on doseConfirmationReason, nothing stored, no audit', async () => {
    const before = tables();
    const r = await actions.chartAdministrationAction(push({ doseValue: '12' }));
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { doseConfirmationReason: '12 mg is above the usual range for ondansetron (up to 8 mg IV, label): confirm with a reason' },
    });
    expect(tables()).toEqual(before);
  });

  it('with a reason: stored on the dose and in its audit event', async () => {
    const r = await actions.chartAdministrationAction(push({ doseValue: '12', doseConfirmationReason: 'Ordered 12 mg for refractory vomiting' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(one<{ reason: string }>(sql`select dose_confirmation_reason as reason from administrations where id = ${r.data.id}`).reason).toBe('Ordered 12 mg for refractory vomiting');
    const audit = one<{ changes: string }>(sql`select changes from audit_events where event = 'administration.charted' and entity_id = ${String(r.data.id)}`);
    expect(JSON.parse(audit.changes).doseConfirmationReason).toEqual({ old: null, new: 'Ordered 12 mg for refractory vomiting' });
  });

  it('a usual dose stores no reason even if one is sent', async () => {
    const r = await actions.chartAdministrationAction(push({ doseConfirmationReason: 'Not needed' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(one<{ reason: string | null }>(sql`select dose_confirmation_reason as reason from administrations where id = ${r.data.id}`).reason).toBeNull();
  });

  it('above the hard maximum: refused on doseValue naming the limit and source, even with a reason', async () => {
    const before = tables();
    for (const dose of [{ doseValue: '400', doseUnit: 'mg' }, { doseValue: '0.4', doseUnit: 'g' }, { doseValue: '9', doseUnit: 'mL' }]) {
      const r = await actions.chartAdministrationAction(push({ ...dose, doseConfirmationReason: 'I am sure' }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { doseValue: expect.stringMatching(/^ondansetron: at most 16 mg in one IV dose \(label\)/) } });
    }
    expect(tables()).toEqual(before);
  });

  it('exactly the hard maximum is charted with a reason; below a tenth of the usual dose needs one too', async () => {
    expect((await actions.chartAdministrationAction(push({ doseValue: '16', doseConfirmationReason: 'Single 16 mg dose ordered' }))).ok).toBe(true);
    expect(await actions.chartAdministrationAction(push({ doseValue: '0.3' }))).toMatchObject({ ok: false, fieldErrors: { doseConfirmationReason: expect.stringContaining('less than a tenth') } });
    expect((await actions.chartAdministrationAction(push({ doseValue: '0.4' }))).ok).toBe(true);
  });
});

describe('the NDC belongs to the drug (issue 13 item 5)', () => {
  it("another drug's NDC is refused on ndc, typed as printed or as 11 digits, waste or not", async () => {
    const before = tables();
    const other = productNdc('metoclopramide');
    for (const ndc of [other, one<{ n: string }>(sql`select p.ndc11 as n from drug_products p join formulary_drugs d on d.id = p.drug_id where d.key = 'metoclopramide' limit 1`).n]) {
      const r = await actions.chartAdministrationAction(push({ ndc }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { ndc: 'This vial is metoclopramide, not ondansetron' } });
    }
    expect(tables()).toEqual(before);
  });

  it('an unknown NDC is refused, then stored with a reason (audited)', async () => {
    const before = tables();
    const refused = await actions.chartAdministrationAction(push({ ndc: UNKNOWN_NDC }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { ndcConfirmationReason: expect.stringContaining('not in the formulary') } });
    expect(tables()).toEqual(before);
    const saved = await actions.chartAdministrationAction(push({ ndc: UNKNOWN_NDC, ndcConfirmationReason: 'Pharmacy substituted a new supplier' }));
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(one(sql`select ndc, ndc_confirmation_reason as reason from administrations where id = ${saved.data.id}`)).toEqual({ ndc: UNKNOWN_NDC, reason: 'Pharmacy substituted a new supplier' });
    const audit = one<{ changes: string }>(sql`select changes from audit_events where event = 'administration.charted' and entity_id = ${String(saved.data.id)}`);
    expect(JSON.parse(audit.changes).ndcConfirmationReason.new).toBe('Pharmacy substituted a new supplier');
  });

  it("the drug's own NDC needs no reason", async () => {
    const r = await actions.chartAdministrationAction(push({ ndc: productNdc('ondansetron'), ndcConfirmationReason: 'Not needed' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(one<{ reason: string | null }>(sql`select ndc_confirmation_reason as reason from administrations where id = ${r.data.id}`).reason).toBeNull();
  });
});

describe('amendments apply the same checks', () => {
  async function charted(extra: Record<string, unknown> = {}) {
    const payload = push(extra);
    const r = await actions.chartAdministrationAction(payload);
    if (!r.ok) throw new Error(JSON.stringify(r));
    return { id: r.data.id, payload };
  }
  const amend = (from: { id: number; payload: ReturnType<typeof push> }, extra: Record<string, unknown>) => {
    const p = from.payload;
    const kept = { doseValue: p.doseValue, doseUnit: p.doseUnit, kind: p.kind, start: p.start, stop: p.stop, site: p.site, rationale: p.rationale, ndc: (p as Record<string, unknown>).ndc };
    // The reasons are not sent: what the amendment does not change keeps its stored reason.
    return actions.amendAdministrationAction({ ...kept, administrationId: from.id, reason: 'Corrected', ...orderFields(), ...extra });
  };

  it('a dose amended above the usual range needs a reason; above the maximum is refused', async () => {
    const first = await charted();
    const before = tables();
    expect(await amend(first, { doseValue: '12' })).toMatchObject({ ok: false, fieldErrors: { doseConfirmationReason: expect.stringContaining('above the usual range') } });
    expect(await amend(first, { doseValue: '40', doseConfirmationReason: 'Sure' })).toMatchObject({ ok: false, fieldErrors: { doseValue: expect.stringContaining('at most 16 mg') } });
    expect(tables()).toEqual(before);
    const ok = await amend(first, { doseValue: '12', doseConfirmationReason: 'Ordered 12 mg' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const audit = one<{ changes: string }>(sql`select changes from audit_events where event = 'administration.amended' and entity_id = ${String(first.id)}`);
    expect(JSON.parse(audit.changes).doseConfirmationReason).toEqual({ old: null, new: 'Ordered 12 mg' });
  });

  it('an amendment that keeps the dose and NDC keeps their reasons; a new dose drops the old reason', async () => {
    const first = await charted({ doseValue: '12', doseConfirmationReason: 'Ordered 12 mg', ndc: UNKNOWN_NDC, ndcConfirmationReason: 'New supplier' });
    const siteOnly = await amend(first, { site: 'R antecubital 20G' });
    expect(siteOnly.ok).toBe(true);
    if (!siteOnly.ok) return;
    expect(one(sql`select dose_confirmation_reason as dose, ndc_confirmation_reason as ndc from administrations where id = ${siteOnly.data.id}`)).toEqual({ dose: 'Ordered 12 mg', ndc: 'New supplier' });
    const second = { id: siteOnly.data.id, payload: { ...first.payload, site: 'R antecubital 20G' } };
    // Back to the usual dose: the dose reason no longer applies and is not carried.
    const usual = await amend(second, { doseValue: '4' });
    expect(usual.ok).toBe(true);
    if (!usual.ok) return;
    expect(one(sql`select dose_confirmation_reason as dose, ndc_confirmation_reason as ndc from administrations where id = ${usual.data.id}`)).toEqual({ dose: null, ndc: 'New supplier' });
  });

  it("an amendment to another drug's NDC is refused; to an unknown one needs a reason", async () => {
    const first = await charted();
    const before = tables();
    expect(await amend(first, { ndc: productNdc('metoclopramide') })).toMatchObject({ ok: false, fieldErrors: { ndc: 'This vial is metoclopramide, not ondansetron' } });
    expect(await amend(first, { ndc: UNKNOWN_NDC })).toMatchObject({ ok: false, fieldErrors: { ndcConfirmationReason: expect.any(String) } });
    expect(tables()).toEqual(before);
    const ok = await amend(first, { ndc: UNKNOWN_NDC, ndcConfirmationReason: 'Vial from the outreach kit' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(one<{ r: string }>(sql`select ndc_confirmation_reason as r from administrations where id = ${ok.data.id}`).r).toBe('Vial from the outreach kit');
  });
});
