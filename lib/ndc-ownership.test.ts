import { describe, expect, it } from 'vitest';
import { STARTER_FORMULARY } from './formulary/starter-formulary';
import { ndcKeys, ndcOwnership, UNKNOWN_NDC_MESSAGE } from './ndc-ownership';

const drugs = STARTER_FORMULARY.map((d, i) => ({ ...d, id: i + 1 }));
const byKey = (key: string) => drugs.find((d) => d.key === key)!;
const ondansetron = byKey('ondansetron');
const metoclopramide = byKey('metoclopramide');
const ondansetronVial = ondansetron.products[0]!;
const metoclopramideVial = metoclopramide.products[0]!;
// A real-shaped 4-4-2 NDC and the same package in other spellings.
const real = { ...ondansetron, products: [{ ndc10: '0409-4888-01', ndc11: '00409488801' }] };

describe('ndcKeys', () => {
  it.each([
    ['0409-4888-01', { ndc11: '00409488801', ndc10Digits: null }],
    ['51655-089-52', { ndc11: '51655008952', ndc10Digits: null }],
    ['58118-1397-3', { ndc11: '58118139703', ndc10Digits: null }],
    ['00409488801', { ndc11: '00409488801', ndc10Digits: null }],
    ['00409-4888-01', { ndc11: '00409488801', ndc10Digits: null }],
    ['0409488801', { ndc11: null, ndc10Digits: '0409488801' }],
    ['04094888', null],
    ['04-09-488801', null],
    ['ondansetron', null],
  ])('%s', (text, expected) => {
    expect(ndcKeys(text)).toEqual(expected);
  });
});

describe('ndcOwnership', () => {
  it('one of the charted drug\'s products, as printed, hyphen-free or 11-digit', () => {
    expect(ndcOwnership(drugs, ondansetron, ondansetronVial.ndc10)).toEqual({ kind: 'own', ndc11: ondansetronVial.ndc11 });
    expect(ndcOwnership(drugs, ondansetron, ondansetronVial.ndc11)).toEqual({ kind: 'own', ndc11: ondansetronVial.ndc11 });
    expect(ndcOwnership(drugs, ondansetron, ondansetronVial.ndc10.replace(/-/g, ''))).toEqual({ kind: 'own', ndc11: ondansetronVial.ndc11 });
    // 4-4-2 printed, compared as 5-4-2: "0409-4888-01", "00409-4888-01" and "00409488801" are one package.
    for (const text of ['0409-4888-01', '00409-4888-01', '00409488801', '0409488801']) expect(ndcOwnership([real], real, text).kind).toBe('own');
  });

  it("another drug's vial is refused, naming both drugs", () => {
    const r = ndcOwnership(drugs, ondansetron, metoclopramideVial.ndc10);
    expect(r).toMatchObject({ kind: 'other', drug: { key: 'metoclopramide' }, message: 'This vial is metoclopramide, not ondansetron' });
    expect(ndcOwnership(drugs, ondansetron, metoclopramideVial.ndc11).kind).toBe('other');
  });

  it('an NDC no drug has is unknown (refused unless confirmed)', () => {
    expect(ndcOwnership(drugs, ondansetron, '12345-678-90')).toEqual({ kind: 'unknown', message: UNKNOWN_NDC_MESSAGE });
    // The same digits padded in another segment are another package.
    expect(ndcOwnership([real], real, '04094-888-01').kind).toBe('unknown');
  });
});
