import { describe, it, expect } from 'vitest';
import { STARTER_FORMULARY, hcpcsForDate, ndc10To11 } from './starter-formulary';

const byKey = (key: string) => {
  const d = STARTER_FORMULARY.find((x) => x.key === key);
  if (!d) throw new Error(`no ${key}`);
  return d;
};

describe('starter formulary', () => {
  it('has about 80 drugs and fluids (issue 13), with unique keys, the reference drugs first', () => {
    expect(STARTER_FORMULARY.length).toBeGreaterThanOrEqual(75);
    expect(new Set(STARTER_FORMULARY.map((d) => d.key)).size).toBe(STARTER_FORMULARY.length);
    // Appending keeps the reference drugs' placeholder NDCs: ondansetron's first vial is still 99999-001-01.
    expect(STARTER_FORMULARY[0]!.key).toBe('ondansetron');
    expect(STARTER_FORMULARY[0]!.products[0]!.ndc10).toBe('99999-001-01');
  });

  it('flags chemotherapy only on antineoplastics and antibodies, never on supportive drugs', () => {
    expect(byKey('fluorouracil').chemo).toBe(true);
    for (const key of ['ondansetron', 'dexamethasone', 'leucovorin', 'granisetron', 'iron-sucrose']) expect(byKey(key).chemo).toBe(false);
  });

  it('ondansetron is J2405 per 1 mg', () => {
    const code = hcpcsForDate(byKey('ondansetron'), '2026-05-14');
    expect(code).toMatchObject({ code: 'J2405', billingAmount: '1', billingUnit: 'mg', descriptor: 'per' });
  });

  it('hydromorphone is J1171 (0.1 mg) from 2024-10-01 and J1170 (up to 4 mg) before', () => {
    const h = byKey('hydromorphone');
    expect(hcpcsForDate(h, '2024-10-01')).toMatchObject({ code: 'J1171', billingAmount: '0.1', effectiveFrom: '2024-10-01' });
    expect(hcpcsForDate(h, '2024-09-30')).toMatchObject({ code: 'J1170', billingAmount: '4', descriptor: 'up to' });
    expect(hcpcsForDate(h, '2024-09-30')!.note).toMatch(/UNCONFIRMED/);
  });

  it('other dated replacements', () => {
    expect(hcpcsForDate(byKey('naloxone'), '2025-07-01')?.code).toBe('J2312');
    expect(hcpcsForDate(byKey('naloxone'), '2025-06-30')?.code).toBe('J2310');
    expect(hcpcsForDate(byKey('furosemide'), '2025-04-01')?.code).toBe('J1938');
    expect(hcpcsForDate(byKey('adenosine'), '2014-12-31')?.code).toBe('J0150');
    expect(hcpcsForDate(byKey('adenosine'), '2015-01-01')?.code).toBe('J0153');
    expect(hcpcsForDate(byKey('metoprolol'), '2025-06-30')?.code).toBe('J3490');
    expect(hcpcsForDate(byKey('fentanyl'), '2026-01-01')).toMatchObject({ code: 'J3010', billingAmount: '0.1', billingUnit: 'mg' });
    expect(byKey('fentanyl').defaultDoseUnit).toBe('mcg');
  });

  it('hydration fluids bill by volume (coding-rules.md §10): NS J7030/J7040/J7050, LR J7120', () => {
    const ns = byKey('sodium-chloride-0.9');
    expect(ns.supplyBilling).toBe(true);
    expect(ns.typicalKinds[0]).toBe('hydration');
    expect(ns.hcpcs.map((c) => [c.code, c.billingAmount, c.billingUnit]).sort()).toEqual([
      ['J7030', '1000', 'mL'],
      ['J7040', '500', 'mL'],
      ['J7050', '250', 'mL'],
    ]);
    expect(hcpcsForDate(byKey('lactated-ringers'), '2026-05-14')).toMatchObject({ code: 'J7120', billingAmount: '1000', billingUnit: 'mL', descriptor: 'up to' });
  });

  it('NDC-10 → NDC-11 for every segmentation', () => {
    expect(ndc10To11('0574-4072-05')).toBe('00574407205');
    expect(ndc10To11('51655-089-52')).toBe('51655008952');
    expect(ndc10To11('58118-1397-3')).toBe('58118139703');
    expect(ndc10To11('1234567890')).toBeNull();
  });

  it('uses only placeholder NDCs under the fictitious labeler 99999', () => {
    const products = STARTER_FORMULARY.flatMap((d) => d.products);
    expect(products.length).toBeGreaterThan(30);
    for (const p of products) {
      expect(p.placeholderNdc).toBe(true);
      expect(p.ndc10.startsWith('99999-')).toBe(true);
      expect(p.ndc11).toBe(ndc10To11(p.ndc10));
    }
  });
});
