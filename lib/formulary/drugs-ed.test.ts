// The ED/urgent-care starter list (drugs-ed.ts) as data: every drug passes the
// engine's formularyDrugSchema, has typical kinds and dose limits that fit
// them, dated HCPCS codes that are real calendar dates and do not overlap
// unless the data deliberately lets several apply, and aliases that name one
// drug only across the whole STARTER_FORMULARY.
import { describe, it, expect } from 'vitest';
import { formularyDrugSchema } from '../coding/schema';
import { cmp, parseDecimal } from '../coding/units';
import { ED_DRUGS } from './drugs-ed';
import { normaliseDrugText } from './search';
import { STARTER_FORMULARY, hcpcsCandidatesForDate, hcpcsForDate, type FormularyDrug, type HcpcsCode } from './starter-formulary';

/**
 * Codes of one drug that may be in effect on the same date. The engine
 * (supply-lines.ts via hcpcsCandidatesForDate) then bills the specific code
 * needing the fewest units; anywhere else two codes on one date would be a
 * data error. Legacy "size ladders" only: the methylprednisolone succinate
 * "up to 40 mg"/"up to 125 mg" pair and the acetate 20/40/80 mg codes, all
 * ended when the small-unit codes (J2919, J1010) were added.
 */
const SEVERAL_APPLY: Record<string, readonly string[]> = {
  methylprednisolone: ['J2920', 'J2930'],
  'methylprednisolone-acetate': ['J1020', 'J1030', 'J1040'],
};

const dec = (s: string) => {
  const d = parseDecimal(s);
  if (!d) throw new Error(`not a decimal: ${s}`);
  return d;
};

/** A real calendar date 'YYYY-MM-DD' (2025-02-30 is not). */
function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Whether two codes' effective periods share at least one date of service (null ends are open). */
function overlaps(a: HcpcsCode, b: HcpcsCode): boolean {
  const aFrom = a.effectiveFrom ?? '0000-01-01';
  const bFrom = b.effectiveFrom ?? '0000-01-01';
  const aTo = a.effectiveTo ?? '9999-12-31';
  const bTo = b.effectiveTo ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

const byKey = (key: string): FormularyDrug => {
  const d = STARTER_FORMULARY.find((x) => x.key === key);
  if (!d) throw new Error(`no ${key}`);
  return d;
};

describe('ED starter list (drugs-ed.ts)', () => {
  it('has about 50 drugs with unique keys, none of them chemotherapy', () => {
    expect(ED_DRUGS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ED_DRUGS.map((d) => d.key)).size).toBe(ED_DRUGS.length);
    expect(ED_DRUGS.filter((d) => d.chemo)).toEqual([]);
  });

  it.each(ED_DRUGS.map((d) => [d.key, d] as const))('%s passes the engine formularyDrugSchema', (_key, d) => {
    const r = formularyDrugSchema.safeParse(d);
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  it.each(ED_DRUGS.map((d) => [d.key, d] as const))('%s: typical kinds, and dose limits for those kinds with usual ≤ soft max ≤ hard max', (_key, d) => {
    expect(d.typicalKinds.length).toBeGreaterThan(0);
    expect(new Set(d.typicalKinds).size).toBe(d.typicalKinds.length);
    expect(d.doseLimits?.length ?? 0).toBeGreaterThan(0);
    const limitedKinds: string[] = [];
    for (const l of d.doseLimits ?? []) {
      for (const k of l.kinds) expect(d.typicalKinds, `${k} is not a typical kind`).toContain(k);
      limitedKinds.push(...l.kinds);
      expect(cmp(dec(l.usual), dec(l.softMax)), `usual ${l.usual} > soft max ${l.softMax}`).toBeLessThanOrEqual(0);
      if (l.hardMax !== null) expect(cmp(dec(l.softMax), dec(l.hardMax)), `soft max ${l.softMax} > hard max ${l.hardMax}`).toBeLessThanOrEqual(0);
      expect(l.source.trim()).not.toBe('');
    }
    // One limit per kind: the check must not have to choose between two rows.
    expect(new Set(limitedKinds).size).toBe(limitedKinds.length);
  });

  it.each(ED_DRUGS.map((d) => [d.key, d] as const))('%s: every code has an OPPS payment status and well-formed dates', (_key, d) => {
    expect(d.hcpcs.length).toBeGreaterThan(0);
    for (const c of d.hcpcs) {
      expect(c.paymentStatus, `${c.code} has no paymentStatus`).toBeDefined();
      if (c.effectiveFrom !== null) expect(isCalendarDate(c.effectiveFrom), `${c.code} from ${c.effectiveFrom}`).toBe(true);
      if (c.effectiveTo !== null) expect(isCalendarDate(c.effectiveTo), `${c.code} to ${c.effectiveTo}`).toBe(true);
      if (c.effectiveFrom !== null && c.effectiveTo !== null) expect(c.effectiveFrom <= c.effectiveTo, `${c.code} ends before it starts`).toBe(true);
      if (c.descriptor === 'noc') expect(c.billingAmount).toBeNull();
      else expect(c.billingAmount).not.toBeNull();
    }
  });

  it.each(ED_DRUGS.map((d) => [d.key, d] as const))('%s: codes overlap in time only where SEVERAL_APPLY says so', (key, d) => {
    const allowed = new Set(SEVERAL_APPLY[key] ?? []);
    const clashes: string[] = [];
    d.hcpcs.forEach((a, i) => {
      d.hcpcs.slice(i + 1).forEach((b) => {
        if (!overlaps(a, b)) return;
        // Allowed only between two different listed codes of the same kind of descriptor and billing unit (a size ladder).
        const ok = a.code !== b.code && allowed.has(a.code) && allowed.has(b.code) && a.descriptor === b.descriptor && a.billingUnit === b.billingUnit && a.billingAmount !== b.billingAmount;
        if (!ok) clashes.push(`${a.code} (${a.effectiveFrom ?? '…'}–${a.effectiveTo ?? '…'}) and ${b.code} (${b.effectiveFrom ?? '…'}–${b.effectiveTo ?? '…'})`);
      });
    });
    expect(clashes).toEqual([]);
  });

  it('the allowed overlaps exist in the data and really give several candidates on one date', () => {
    expect(hcpcsCandidatesForDate(byKey('methylprednisolone'), '2024-03-01').map((c) => c.code).sort()).toEqual(['J2920', 'J2930']);
    expect(hcpcsCandidatesForDate(byKey('methylprednisolone-acetate'), '2024-03-01').map((c) => c.code).sort()).toEqual(['J1020', 'J1030', 'J1040']);
    expect(hcpcsCandidatesForDate(byKey('methylprednisolone-acetate'), '2024-04-01').map((c) => c.code)).toEqual(['J1010']);
    // Everywhere else one code per date: sample every quarter from 1982 to 2027.
    for (const d of ED_DRUGS.filter((x) => !(x.key in SEVERAL_APPLY))) {
      for (let y = 1982; y <= 2027; y++) {
        for (const md of ['01-01', '03-31', '04-01', '06-30', '07-01', '09-30', '10-01', '12-31']) {
          expect(hcpcsCandidatesForDate(d, `${y}-${md}`).length, `${d.key} on ${y}-${md}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('codes checked against the CMS Oct-2025 file, by date of service', () => {
    expect(hcpcsForDate(byKey('ceftriaxone'), '2026-05-14')).toMatchObject({ code: 'J0696', billingAmount: '250', billingUnit: 'mg', descriptor: 'per' });
    expect(hcpcsForDate(byKey('piperacillin-tazobactam'), '2026-05-14')).toMatchObject({ code: 'J2543', billingAmount: '1.125', billingUnit: 'g' });
    expect(hcpcsForDate(byKey('vancomycin'), '2025-06-30')).toMatchObject({ code: 'J3370', billingAmount: '500' });
    expect(hcpcsForDate(byKey('vancomycin'), '2025-07-01')).toMatchObject({ code: 'J3373', billingAmount: '10' });
    expect(hcpcsForDate(byKey('metronidazole'), '2023-06-30')?.code).toBe('J3490');
    expect(hcpcsForDate(byKey('metronidazole'), '2023-07-01')).toMatchObject({ code: 'J1836', billingAmount: '10' });
    expect(hcpcsForDate(byKey('penicillin-g-benzathine'), '2026-05-14')).toMatchObject({ code: 'J0561', billingAmount: '100000', billingUnit: 'units' });
    expect(hcpcsForDate(byKey('hydroxyzine'), '2026-05-14')).toMatchObject({ code: 'J3410', descriptor: 'up to', billingAmount: '25' });
    expect(hcpcsForDate(byKey('cyanocobalamin'), '2026-05-14')).toMatchObject({ code: 'J3420', descriptor: 'up to', billingAmount: '1000', billingUnit: 'mcg' });
    // The methylprednisolone succinate legacy J2930 stays beside the new acetate entry.
    expect(byKey('methylprednisolone').hcpcs.map((c) => c.code)).toContain('J2930');
  });

  it('OPPS status: ondansetron packaged; nothing claims separate payment without a source', () => {
    expect(hcpcsForDate(byKey('ondansetron'), '2026-05-14')?.paymentStatus).toBe('packaged');
    expect(ED_DRUGS.flatMap((d) => d.hcpcs).filter((c) => c.paymentStatus === 'separately-payable')).toEqual([]);
  });

  it('ondansetron: at most 16 mg in one IV dose (label)', () => {
    const l = byKey('ondansetron').doseLimits!.find((x) => x.kinds.includes('push'));
    expect(l).toMatchObject({ unit: 'mg', usual: '4', softMax: '8', hardMax: '16', source: 'label' });
  });

  it('drugs that must never go IV offer no IV kind', () => {
    for (const key of ['hydroxyzine', 'penicillin-g-benzathine', 'methylprednisolone-acetate', 'triamcinolone', 'cyanocobalamin', 'olanzapine', 'ziprasidone', 'sumatriptan']) {
      expect(byKey(key).typicalKinds, key).toEqual(['injection']);
    }
  });

  it('new drugs take product NDCs after the 31 reference drugs (append only)', () => {
    const ndcs = ED_DRUGS.flatMap((d) => d.products.map((p) => Number(p.ndc10.split('-')[1])));
    expect(ndcs).toEqual([...ndcs].sort((a, b) => a - b));
    expect(ED_DRUGS.slice(0, 31).map((d) => d.key)).toContain('glutathione');
    expect(ED_DRUGS[30]!.key).toBe('glutathione');
  });
});

describe('aliases across the whole STARTER_FORMULARY', () => {
  it('no alias names two drugs, and no alias is another drug’s name or key', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    const claim = (text: string, key: string) => {
      const n = normaliseDrugText(text);
      const prior = owner.get(n);
      if (prior !== undefined && prior !== key) clashes.push(`"${text}" → ${prior} and ${key}`);
      else owner.set(n, key);
    };
    for (const d of STARTER_FORMULARY) {
      claim(d.name, d.key);
      claim(d.key, d.key);
    }
    for (const d of STARTER_FORMULARY) for (const a of d.aliases) claim(a, d.key);
    expect(clashes).toEqual([]);
  });

  it('ED aliases nurses type are there', () => {
    const aliasOf = (key: string) => byKey(key).aliases;
    expect(aliasOf('ondansetron')).toContain('zofran');
    expect(aliasOf('ketorolac')).toContain('toradol');
    expect(aliasOf('hydromorphone')).toContain('dilaudid');
    expect(aliasOf('diphenhydramine')).toContain('benadryl');
    expect(aliasOf('methylprednisolone')).toContain('solu-medrol');
    expect(aliasOf('acetaminophen')).toContain('apap');
    expect(aliasOf('ceftriaxone')).toContain('rocephin');
  });
});
