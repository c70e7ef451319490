import { describe, expect, it } from 'vitest';
import { formularyDrugSchema } from '../coding/schema';
import { parseDecimal, cmp } from '../coding/units';
import { ED_DRUGS } from './drugs-ed';
import { FLUID_KEYS, INFUSION_DRUGS } from './drugs-infusion';
import { hcpcsForDate } from './starter-formulary';
import { normaliseDrugText } from './search';

const byKey = (key: string) => {
  const d = INFUSION_DRUGS.find((x) => x.key === key);
  if (!d) throw new Error(`no ${key}`);
  return d;
};

const dec = (s: string) => {
  const d = parseDecimal(s);
  if (!d) throw new Error(`not a decimal: ${s}`);
  return d;
};

/** A real calendar date 'YYYY-MM-DD' (2023-02-30 is not). */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return t.toISOString().slice(0, 10) === s;
}

const drugRows = INFUSION_DRUGS.map((d) => ({ key: d.key, d }));

describe('infusion-centre formulary data', () => {
  it('has about 30 drugs and fluids with unique keys, none shared with the ED list', () => {
    expect(INFUSION_DRUGS.length).toBeGreaterThanOrEqual(30);
    const keys = INFUSION_DRUGS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    const edKeys = new Set(ED_DRUGS.map((d) => d.key));
    expect(keys.filter((k) => edKeys.has(k))).toEqual([]);
  });

  it('no alias or name is also an alias or name of another starter drug (after search normalisation)', () => {
    const owner = new Map<string, string>();
    for (const d of [...ED_DRUGS, ...INFUSION_DRUGS]) {
      for (const text of [d.name, d.key, ...d.aliases]) {
        const k = normaliseDrugText(text).replace(/ /g, '');
        const prev = owner.get(k);
        if (prev !== undefined) expect(prev, `"${text}"`).toBe(d.key);
        owner.set(k, d.key);
      }
    }
  });

  it.each(drugRows)('$key passes the engine schema', ({ d }) => {
    expect(formularyDrugSchema.safeParse(d).error).toBeUndefined();
  });

  it.each(drugRows)('$key has typical kinds, and dose limits only for those kinds with usual ≤ softMax ≤ hardMax', ({ d }) => {
    expect(d.typicalKinds.length).toBeGreaterThan(0);
    for (const l of d.doseLimits ?? []) {
      for (const k of l.kinds) expect(d.typicalKinds, `${d.key} limit for ${k}`).toContain(k);
      expect(cmp(dec(l.usual), dec(l.softMax)), `${d.key} usual ≤ softMax`).toBeLessThanOrEqual(0);
      if (l.hardMax !== null) expect(cmp(dec(l.softMax), dec(l.hardMax)), `${d.key} softMax ≤ hardMax`).toBeLessThanOrEqual(0);
      expect(l.source.trim()).not.toBe('');
    }
  });

  it.each(drugRows)('$key: code dates are calendar dates, from ≤ to, and one code never overlaps itself', ({ d }) => {
    expect(d.hcpcs.length).toBeGreaterThan(0);
    for (const c of d.hcpcs) {
      if (c.effectiveFrom !== null) expect(isCalendarDate(c.effectiveFrom), c.effectiveFrom).toBe(true);
      if (c.effectiveTo !== null) expect(isCalendarDate(c.effectiveTo), c.effectiveTo).toBe(true);
      if (c.effectiveFrom !== null && c.effectiveTo !== null) expect(c.effectiveFrom <= c.effectiveTo).toBe(true);
      expect(c.paymentStatus).toBeDefined();
    }
    for (let i = 0; i < d.hcpcs.length; i++) {
      for (let j = i + 1; j < d.hcpcs.length; j++) {
        const a = d.hcpcs[i]!;
        const b = d.hcpcs[j]!;
        if (a.code !== b.code) continue;
        const overlap = (a.effectiveFrom ?? '0000-00-00') <= (b.effectiveTo ?? '9999-99-99') && (b.effectiveFrom ?? '0000-00-00') <= (a.effectiveTo ?? '9999-99-99');
        expect(overlap, `${d.key}: ${a.code} twice with overlapping dates`).toBe(false);
      }
    }
  });

  it('a legacy code ends the day before its replacement starts (no gap, no overlap)', () => {
    const pairs: [string, string, string][] = [
      ['epinephrine', 'J0165', 'J0171'],
      ['paclitaxel', 'J9267', 'J9265'],
      ['rituximab', 'J9312', 'J9310'],
      ['pegfilgrastim', 'J2506', 'J2505'],
      ['cyclophosphamide', 'J9075', 'J9070'],
      ['calcium-gluconate', 'J0612', 'J0610'],
      ['calcium-chloride', 'J0618', 'J3490'],
      ['nitroglycerin', 'J2305', 'J3490'],
    ];
    for (const [key, now, before] of pairs) {
      const d = byKey(key);
      const n = d.hcpcs.find((c) => c.code === now)!;
      const b = d.hcpcs.find((c) => c.code === before)!;
      const dayBefore = new Date(Date.parse(`${n.effectiveFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(b.effectiveTo, key).toBe(dayBefore);
      expect(hcpcsForDate(d, n.effectiveFrom!)?.code, key).toBe(now);
      expect(hcpcsForDate(d, dayBefore)?.code, key).toBe(before);
    }
  });

  it('chemotherapy and monoclonal antibodies are flagged chemo; supportive agents and iron are not', () => {
    const chemo = ['fluorouracil', 'cisplatin', 'carboplatin', 'oxaliplatin', 'paclitaxel', 'docetaxel', 'gemcitabine', 'cyclophosphamide', 'doxorubicin', 'pembrolizumab', 'rituximab'];
    for (const k of chemo) expect(byKey(k).chemo, k).toBe(true);
    for (const k of ['leucovorin', 'granisetron', 'palonosetron', 'fosaprepitant', 'pegfilgrastim', 'filgrastim', 'zoledronic-acid', 'iron-sucrose', 'ferumoxytol']) {
      expect(byKey(k).chemo, k).toBe(false);
    }
    expect(INFUSION_DRUGS.filter((d) => d.chemo).map((d) => d.key).sort()).toEqual([...chemo].sort());
  });

  it.each(FLUID_KEYS.map((key) => ({ key })))('fluid $key: hydration first, a supply line, every code billed in mL, no J3490', ({ key }) => {
    const d = byKey(key);
    expect(d.typicalKinds[0]).toBe('hydration');
    expect(d.supplyBilling).toBe(true);
    expect(d.defaultDoseUnit).toBe('mL');
    for (const c of d.hcpcs) {
      expect(c.billingUnit, c.code).toBe('mL');
      expect(c.code).toMatch(/^J7\d{3}$/);
    }
    for (const p of d.products) expect(p.amountUnit).toBe('mL');
  });

  it('normal saline has J7030 (1000 mL), J7040 (500 mL), J7050 (250 mL); LR J7120 up to 1000 mL; D5NS J7042; D5W J7060', () => {
    const ns = byKey('sodium-chloride-0.9').hcpcs.map((c) => [c.code, c.billingAmount]);
    expect(ns).toEqual(expect.arrayContaining([['J7030', '1000'], ['J7040', '500'], ['J7050', '250']]));
    expect(byKey('lactated-ringers').hcpcs[0]).toMatchObject({ code: 'J7120', billingAmount: '1000', descriptor: 'up to' });
    expect(byKey('dextrose-5-sodium-chloride-0.9').hcpcs[0]).toMatchObject({ code: 'J7042', billingAmount: '500' });
    expect(byKey('dextrose-5-water').hcpcs[0]).toMatchObject({ code: 'J7060', billingAmount: '500' });
  });

  it('the aliases nurses type for fluids are there', () => {
    expect(byKey('sodium-chloride-0.9').aliases).toEqual(expect.arrayContaining(['ns', 'normal saline', '0.9% nacl', 'nacl 0.9%', 'saline']));
    expect(byKey('lactated-ringers').aliases).toEqual(expect.arrayContaining(['lr', 'lactated ringers', "ringer's lactate"]));
    expect(byKey('dextrose-5-sodium-chloride-0.9').aliases).toEqual(expect.arrayContaining(['d5ns', 'd5 ns']));
    expect(byKey('dextrose-5-water').aliases).toEqual(expect.arrayContaining(['d5w', 'dextrose 5%']));
  });

  it('billing units as the CMS descriptors say (spot checks across the list)', () => {
    const on = '2026-01-15';
    expect(hcpcsForDate(byKey('heparin'), on)).toMatchObject({ code: 'J1644', billingAmount: '1000', billingUnit: 'units' });
    expect(hcpcsForDate(byKey('potassium-chloride'), on)).toMatchObject({ code: 'J3480', billingAmount: '2', billingUnit: 'mEq' });
    expect(hcpcsForDate(byKey('granisetron'), on)).toMatchObject({ code: 'J1626', billingAmount: '100', billingUnit: 'mcg' });
    expect(hcpcsForDate(byKey('digoxin'), on)).toMatchObject({ code: 'J1160', descriptor: 'up to', billingAmount: '0.5' });
    expect(hcpcsForDate(byKey('ferumoxytol'), on)).toMatchObject({ code: 'Q0138', billingAmount: '1' });
    expect(hcpcsForDate(byKey('flumazenil'), on)).toMatchObject({ code: 'J3490', descriptor: 'noc' });
    expect(hcpcsForDate(byKey('sodium-bicarbonate'), on)).toMatchObject({ code: 'J3490', descriptor: 'noc' });
  });

  it('potassium chloride is never a push, and a 400 mEq dose is above its hard maximum', () => {
    const k = byKey('potassium-chloride');
    expect(k.typicalKinds).toEqual(['infusion']);
    const l = k.doseLimits![0]!;
    expect(cmp(dec('400'), dec(l.hardMax!))).toBeGreaterThan(0);
  });

  it('every product NDC is a placeholder and unique within the list', () => {
    const ndcs = INFUSION_DRUGS.flatMap((d) => d.products.map((p) => p.ndc11));
    expect(new Set(ndcs).size).toBe(ndcs.length);
    for (const d of INFUSION_DRUGS) for (const p of d.products) expect(p.placeholderNdc).toBe(true);
  });
});
