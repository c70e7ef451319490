import { describe, expect, it } from 'vitest';
import { concentrationFor, judgeDose, shortDrugName, type DoseLimitDrug } from './dose-limits';
import type { AmountUnit, DoseLimit } from './formulary/define';
import { STARTER_FORMULARY } from './formulary/starter-formulary';

const starter = (key: string) => STARTER_FORMULARY.find((d) => d.key === key)!;

// The starter ondansetron (2 mg/mL vials) with the limits issue 13 names: usual 4, soft max 8, hard max 16 mg IV (label).
const ONDANSETRON: DoseLimitDrug = {
  ...starter('ondansetron'),
  doseLimits: [{ kinds: ['push', 'infusion'], unit: 'mg', usual: '4', softMax: '8', hardMax: '16', source: 'label' }],
};
// Fixtures for the other units: a limit in mcg, one in mEq (with mg per mEq), one in g, one with no maximum, one in mL.
const FENTANYL: DoseLimitDrug = { key: 'fentanyl', name: 'Fentanyl citrate', products: [], doseLimits: [{ kinds: ['push'], unit: 'mcg', usual: '50', softMax: '100', hardMax: '250', source: 'reference' }] };
const POTASSIUM: DoseLimitDrug = {
  key: 'potassium-chloride',
  name: 'Potassium chloride',
  mgPerMeq: '74.55',
  products: [],
  doseLimits: [{ kinds: ['infusion'], unit: 'mEq', usual: '10', softMax: '20', hardMax: '40', source: 'label' }],
};
const MAGNESIUM: DoseLimitDrug = { key: 'magnesium-sulfate', name: 'Magnesium sulfate', products: [], doseLimits: [{ kinds: ['infusion'], unit: 'g', usual: '2', softMax: '4', hardMax: null, source: 'reference' }] };
const SALINE: DoseLimitDrug = { key: 'sodium-chloride-0.9', name: 'Sodium chloride 0.9%', products: [], doseLimits: [{ kinds: ['hydration'], unit: 'mL', usual: '1000', softMax: '2000', hardMax: '3000', source: 'reference' }] };

type Row = [string, DoseLimitDrug, DoseLimit['kinds'][number], string, AmountUnit, 'ok' | 'confirm' | 'refuse'];
const cases: Row[] = [
  ['usual dose', ONDANSETRON, 'push', '4', 'mg', 'ok'],
  ['exactly the soft maximum', ONDANSETRON, 'push', '8', 'mg', 'ok'],
  ['just above the soft maximum', ONDANSETRON, 'push', '8.000001', 'mg', 'confirm'],
  ['12 mg', ONDANSETRON, 'push', '12', 'mg', 'confirm'],
  ['exactly the hard maximum (allowed, above the usual range)', ONDANSETRON, 'push', '16', 'mg', 'confirm'],
  ['just above the hard maximum', ONDANSETRON, 'push', '16.000001', 'mg', 'refuse'],
  ['400 mg', ONDANSETRON, 'push', '400', 'mg', 'refuse'],
  ['exactly a tenth of the usual dose', ONDANSETRON, 'push', '0.4', 'mg', 'ok'],
  ['just below a tenth of the usual dose', ONDANSETRON, 'push', '0.399999', 'mg', 'confirm'],
  ['g → mg: 0.008 g is 8 mg', ONDANSETRON, 'push', '0.008', 'g', 'ok'],
  ['g → mg: 0.016001 g is above 16 mg', ONDANSETRON, 'push', '0.016001', 'g', 'refuse'],
  ['g → mg: 0.4 g', ONDANSETRON, 'push', '0.4', 'g', 'refuse'],
  ['mcg → mg: 8000 mcg is 8 mg', ONDANSETRON, 'push', '8000', 'mcg', 'ok'],
  ['mcg → mg: 8001 mcg', ONDANSETRON, 'push', '8001', 'mcg', 'confirm'],
  ['mcg → mg: 400 mcg is exactly a tenth', ONDANSETRON, 'push', '400', 'mcg', 'ok'],
  ['mL via the single 2 mg/mL strength: 4 mL = 8 mg', ONDANSETRON, 'push', '4', 'mL', 'ok'],
  ['mL: 8 mL = 16 mg', ONDANSETRON, 'push', '8', 'mL', 'confirm'],
  ['mL: 8.5 mL = 17 mg', ONDANSETRON, 'push', '8.5', 'mL', 'refuse'],
  ['units cannot be compared with mg: confirm, never ok', ONDANSETRON, 'push', '4', 'units', 'confirm'],
  ['no limit for the kind (IM): the label maximum still applies', ONDANSETRON, 'injection', '400', 'mg', 'refuse'],
  ['mg → mcg: 0.1 mg fentanyl = 100 mcg', FENTANYL, 'push', '0.1', 'mg', 'ok'],
  ['mg → mcg: 0.25 mg = the hard maximum', FENTANYL, 'push', '0.25', 'mg', 'confirm'],
  ['mg → mcg: 0.2501 mg', FENTANYL, 'push', '0.2501', 'mg', 'refuse'],
  ['mcg: 5 mcg is a tenth of 50', FENTANYL, 'push', '5', 'mcg', 'ok'],
  ['mcg: 4.9 mcg', FENTANYL, 'push', '4.9', 'mcg', 'confirm'],
  ['mEq: 20 mEq', POTASSIUM, 'infusion', '20', 'mEq', 'ok'],
  ['mEq: 40 mEq', POTASSIUM, 'infusion', '40', 'mEq', 'confirm'],
  ['mEq: 41 mEq', POTASSIUM, 'infusion', '41', 'mEq', 'refuse'],
  ['mg → mEq: 1491 mg = exactly 20 mEq (74.55 mg/mEq)', POTASSIUM, 'infusion', '1491', 'mg', 'ok'],
  ['mg → mEq: 1491.01 mg is above 20 mEq', POTASSIUM, 'infusion', '1491.01', 'mg', 'confirm'],
  ['mg → mEq: 2982.01 mg is above 40 mEq', POTASSIUM, 'infusion', '2982.01', 'mg', 'refuse'],
  ['g: no stated maximum, far above the soft maximum = confirm', MAGNESIUM, 'infusion', '40', 'g', 'confirm'],
  ['g: 4000 mg = 4 g', MAGNESIUM, 'infusion', '4000', 'mg', 'ok'],
  ['mL: 3000 mL of fluid', SALINE, 'hydration', '3000', 'mL', 'confirm'],
  ['mL: 3001 mL of fluid', SALINE, 'hydration', '3001', 'mL', 'refuse'],
  ['mL: 1000 mL', SALINE, 'hydration', '1000', 'mL', 'ok'],
];

describe('judgeDose', () => {
  it.each(cases)('%s → %s', (_label, drug, kind, value, unit, expected) => {
    expect(judgeDose(drug, kind, { value, unit }, unit === 'mL' ? concentrationFor(drug, null) : null).kind).toBe(expected);
  });

  it('a kind the limits do not cover keeps the hard maximum and asks about the kind (ondansetron as hydration, potassium as a push)', () => {
    expect(judgeDose(ONDANSETRON, 'hydration', { value: '400', unit: 'mg' })).toEqual({ kind: 'refuse', message: 'ondansetron: at most 16 mg in one IV dose (label); 400 mg cannot be charted' });
    expect(judgeDose({ ...ONDANSETRON, typicalKinds: ['push'] }, 'hydration', { value: '4', unit: 'mg' })).toEqual({
      kind: 'confirm',
      message: 'ondansetron is not usually given as hydration (its limits are for an IV push or an IV infusion): check the kind, or confirm with a reason',
    });
    expect(judgeDose({ ...ONDANSETRON, typicalKinds: ['push'] }, 'injection', { value: '12', unit: 'mg' })).toMatchObject({ kind: 'confirm', message: expect.stringContaining('above the usual range') });
    expect(judgeDose(POTASSIUM, 'push', { value: '40', unit: 'mEq' })).toMatchObject({ kind: 'confirm', message: expect.stringContaining('not usually given as an IV push') });
    expect(judgeDose(POTASSIUM, 'push', { value: '41', unit: 'mEq' }).kind).toBe('refuse');
    // A typical kind without a limit of its own is judged by the amounts alone.
    expect(judgeDose({ ...ONDANSETRON, typicalKinds: ['push', 'injection'] }, 'injection', { value: '4', unit: 'mg' })).toEqual({ kind: 'ok' });
    expect(judgeDose({ ...ONDANSETRON, typicalKinds: ['push', 'injection'] }, 'injection', { value: '17', unit: 'mg' }).kind).toBe('refuse');
  });

  it('a drug without limits (the browser list before they load) is not checked', () => {
    expect(judgeDose({ ...starter('ondansetron'), doseLimits: undefined }, 'push', { value: '400', unit: 'mg' })).toEqual({ kind: 'ok' });
    expect(judgeDose({ ...ONDANSETRON, doseLimits: [] }, 'push', { value: '400', unit: 'mg' })).toEqual({ kind: 'ok' });
  });

  it('names the limit and its source', () => {
    expect(judgeDose(ONDANSETRON, 'push', { value: '400', unit: 'mg' })).toEqual({ kind: 'refuse', message: 'ondansetron: at most 16 mg in one IV dose (label); 400 mg cannot be charted' });
    expect(judgeDose(ONDANSETRON, 'push', { value: '12', unit: 'mg' })).toEqual({
      kind: 'confirm',
      message: '12 mg is above the usual range for ondansetron (up to 8 mg IV, label): confirm with a reason',
    });
    expect(judgeDose(ONDANSETRON, 'push', { value: '0.012', unit: 'g' })).toMatchObject({ message: expect.stringMatching(/^0\.012 g \(= 12 mg\) is above the usual range/) });
    expect(judgeDose(ONDANSETRON, 'push', { value: '0.2', unit: 'mg' })).toMatchObject({ message: expect.stringContaining('less than a tenth of the usual ondansetron dose (4 mg IV, label)') });
  });

  it('a dose in mL with no known strength asks to check the unit instead of passing', () => {
    const mixed: DoseLimitDrug = {
      ...ONDANSETRON,
      products: [
        { ndc11: '99999000101', amountPerMl: '2', amountUnit: 'mg' },
        { ndc11: '99999000201', amountPerMl: '4', amountUnit: 'mg' },
      ],
    };
    expect(concentrationFor(mixed, null)).toBeNull();
    const v = judgeDose(mixed, 'push', { value: '2', unit: 'mL' }, null);
    expect(v).toMatchObject({ kind: 'confirm', message: expect.stringContaining("without the vial's strength") });
    // With the charted vial's strength it is an ordinary dose: 2 mL × 4 mg/mL = 8 mg; 5 mL = 20 mg is refused.
    expect(judgeDose(mixed, 'push', { value: '2', unit: 'mL' }, concentrationFor(mixed, '99999000201')).kind).toBe('ok');
    expect(judgeDose(mixed, 'push', { value: '5', unit: 'mL' }, concentrationFor(mixed, '99999000201')).kind).toBe('refuse');
  });

  it('a refusal wins over a confirmation from another limit for the same kind', () => {
    const two: DoseLimitDrug = { ...ONDANSETRON, doseLimits: [{ kinds: ['push'], unit: 'units', usual: '1', softMax: '2', hardMax: null, source: 'x' }, ...ONDANSETRON.doseLimits!] };
    expect(judgeDose(two, 'push', { value: '400', unit: 'mg' }).kind).toBe('refuse');
  });

  it('short names are the formulary keys in words', () => {
    expect(shortDrugName({ key: 'sodium-chloride-0.9' })).toBe('sodium chloride 0.9');
  });
});
