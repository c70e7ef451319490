import { describe, it, expect } from 'vitest';
import { codeEncounter, RULES } from './index';
import type { AdministrationInput, EncounterOptions, SupplyLine } from './index';
import { enc, push, injection } from './test-support/build';
import { ceilDiv, floorDiv, parseDecimal, divToText } from './units';

function supply(admins: AdministrationInput[], options?: EncounterOptions): SupplyLine[] {
  return codeEncounter(enc('facility', admins, options)).supplyLines;
}

/** JW/JZ in an office: the same whatever OPPS payment status the starter data records (issue 14). */
function officeSupply(admins: AdministrationInput[], options?: EncounterOptions): SupplyLine[] {
  return codeEncounter(enc('non-facility', admins, options)).supplyLines;
}

const dosed = (id: string, drug: string, start: string, value: string | number, unit: 'mg' | 'mcg' | 'g' | 'mL' | 'mEq', extra: Partial<AdministrationInput> = {}) =>
  push(id, drug, start, { dose: { value, unit }, ...extra });

describe('exact decimal units', () => {
  it('0.07 mg at 0.01 mg per unit is 7 units, not 8', () => {
    expect(ceilDiv(parseDecimal(0.07)!, parseDecimal('0.01')!)).toBe(7n);
    expect(ceilDiv(parseDecimal('0.56')!, parseDecimal(0.01)!)).toBe(56n);
    expect(floorDiv(parseDecimal('3.9')!, parseDecimal('1')!)).toBe(3n);
    expect(parseDecimal(1e-7)).toEqual({ n: 1n, s: 7 });
    expect(parseDecimal('-1')).toBeNull();
    expect(divToText(parseDecimal('75')!, parseDecimal('100')!)).toBe('0.75');
    expect(divToText(parseDecimal('1')!, parseDecimal('3')!)).toBe('≈ 0.333');
  });

  it('naloxone 0.07 mg → J2312 × 7', () => {
    const [line] = supply([dosed('a1', 'naloxone', '2026-05-14T10:00:00Z', 0.07, 'mg')]);
    expect(line).toMatchObject({ code: 'J2312', units: 7 });
  });
});

describe('HCPCS units from the dose (drug-reference.md §1.2)', () => {
  it.each([
    ['ondansetron', '8', 'mg', '2026-05-14T10:00:00Z', 'J2405', 8],
    ['hydromorphone', '0.5', 'mg', '2025-01-10T10:00:00Z', 'J1171', 5],
    ['naloxone', '0.4', 'mg', '2025-07-01T10:00:00Z', 'J2312', 40],
    ['fentanyl', '125', 'mcg', '2026-05-14T10:00:00Z', 'J3010', 2],
    ['fentanyl', '50', 'mcg', '2026-05-14T10:00:00Z', 'J3010', 1],
    ['morphine', '4', 'mg', '2026-05-14T10:00:00Z', 'J2270', 1],
    ['morphine', '12', 'mg', '2026-05-14T10:00:00Z', 'J2270', 2],
    ['famotidine', '20', 'mg', '2026-05-14T10:00:00Z', 'J1308', 80],
    ['diphenhydramine', '75', 'mg', '2026-05-14T10:00:00Z', 'J1200', 2],
    ['magnesium sulfate', '2', 'g', '2026-05-14T10:00:00Z', 'J3475', 4],
  ] as const)('%s %s %s on %s → %s × %i', (drug, value, unit, start, code, expected) => {
    const lines = supply([dosed('a1', drug, start, value, unit)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ code, units: expected, rule: RULES.HCPCS_UNITS, administrationIds: ['a1'] });
    expect(lines[0]!.explanation).toContain(code);
  });

  it('shows the maths in the explanation', () => {
    const [line] = supply([dosed('a1', 'fentanyl', '2026-05-14T10:00:00Z', '125', 'mcg')]);
    expect(line!.explanation).toContain('125 mcg = 0.125 mg ÷ 0.1 mg (J3010 per 0.1 mg (100 mcg)) = 1.25 → 2 units');
  });

  it('picks the code in effect on the date of service', () => {
    expect(supply([dosed('a1', 'hydromorphone', '2024-09-30T10:00:00Z', '0.5', 'mg')])[0]).toMatchObject({ code: 'J1170', units: 1 });
    expect(supply([dosed('a1', 'hydromorphone', '2024-10-01T10:00:00Z', '0.5', 'mg')])[0]).toMatchObject({ code: 'J1171', units: 5 });
    expect(supply([dosed('a1', 'naloxone', '2025-06-30T10:00:00Z', '0.4', 'mg')])[0]).toMatchObject({ code: 'J2310', units: 1 });
    expect(supply([dosed('a1', 'furosemide', '2025-03-01T10:00:00Z', '40', 'mg')])[0]).toMatchObject({ code: 'J1940', units: 2 });
    // Two legacy codes in effect: the one needing fewer units wins.
    expect(supply([dosed('a1', 'methylprednisolone', '2024-03-01T10:00:00Z', '125', 'mg')])[0]).toMatchObject({ code: 'J2930', units: 1 });
  });

  it('date of service is the facility-zone date', () => {
    const [line] = supply([dosed('a1', 'hydromorphone', '2024-10-01T02:00:00Z', '0.5', 'mg')], { timeZone: 'America/New_York' });
    expect(line).toMatchObject({ code: 'J1170', dateOfService: '2024-09-30' });
  });

  it('drugs without a specific code use J3490 with a note (R-HCPCS-NOC)', () => {
    const [k] = supply([dosed('a1', 'ketamine', '2026-05-14T10:00:00Z', '20', 'mg')]);
    expect(k).toMatchObject({ code: 'J3490', units: 1, rule: RULES.HCPCS_NOC });
    expect(k!.explanation).toMatch(/No specific HCPCS code for ketamine/);
    const [m] = supply([dosed('a1', 'metoprolol', '2025-06-01T10:00:00Z', '5', 'mg')]);
    expect(m).toMatchObject({ code: 'J3490', rule: RULES.HCPCS_NOC });
    expect(m!.explanation).toContain('J0616');
    const [u] = supply([dosed('a1', 'unlistedamab', '2026-05-14T10:00:00Z', '5', 'mg')]);
    expect(u).toMatchObject({ code: 'J3490' });
  });

  it('sums per code per date of service by default; per-dose rounding is an option', () => {
    const admins = [
      dosed('a1', 'fentanyl', '2026-05-14T10:00:00Z', '25', 'mcg'),
      dosed('a2', 'fentanyl', '2026-05-14T11:00:00Z', '25', 'mcg'),
      dosed('a3', 'fentanyl', '2026-05-14T12:00:00Z', '25', 'mcg'),
    ];
    const day = supply(admins);
    expect(day).toHaveLength(1);
    expect(day[0]).toMatchObject({ code: 'J3010', units: 1, administrationIds: ['a1', 'a2', 'a3'] });
    expect(supply(admins, { hcpcsRounding: 'per-dose' })[0]).toMatchObject({ code: 'J3010', units: 3 });
  });

  it('separate dates of service are separate lines', () => {
    const lines = supply([dosed('a1', 'ondansetron', '2026-05-14T23:00:00Z', '4', 'mg'), dosed('a2', 'ondansetron', '2026-05-15T01:00:00Z', '4', 'mg')]);
    expect(lines.map((l) => [l.dateOfService, l.units])).toEqual([['2026-05-14', 4], ['2026-05-15', 4]]);
  });

  it('converts mL with the product strength and mEq with the drug factor', () => {
    const [ml] = supply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '2', 'mL', { ndc: '99999-001-01' })]);
    expect(ml).toMatchObject({ code: 'J2405', units: 4 });
    const noStrength = codeEncounter(enc('facility', [dosed('a1', 'morphine', '2026-05-14T10:00:00Z', '1', 'mL')]));
    expect(noStrength.supplyLines).toEqual([]);
    expect(noStrength.warnings.map((w) => w.rule)).toContain(RULES.HCPCS_UNIT_MISMATCH);
  });

  it('no dose, or a hydration fluid not in the formulary, gives no supply line (fluid lines: fluid-lines.test.ts)', () => {
    expect(supply([push('a1', 'ondansetron', '2026-05-14T10:00:00Z')])).toEqual([]);
    expect(supply([{ id: 'h', drug: 'house saline', kind: 'hydration', start: '2026-05-14T10:00:00Z', stop: '2026-05-14T11:00:00Z', dose: { value: '1000', unit: 'mL' } }])).toEqual([]);
  });

  it('injections get supply lines too', () => {
    expect(supply([injection('i1', 'ketorolac', '2026-05-14T10:00:00Z', { dose: { value: '30', unit: 'mg' } })])[0]).toMatchObject({ code: 'J1885', units: 2 });
  });
});

describe('NDC and JW/JZ (drug-reference.md §2)', () => {
  const sdv4 = { containerType: 'single-dose', containerAmount: { value: '4', unit: 'mg' } } as const;

  it('a 4 mg dose from a 4 mg single-dose vial → JZ', () => {
    const lines = officeSupply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg', sdv4)]);
    expect(lines).toEqual([expect.objectContaining({ code: 'J2405', units: 4, modifiers: ['JZ'] })]);
    expect(lines[0]!.explanation).toMatch(/JZ/);
  });

  it('3 mg from a 4 mg single-dose vial of a per-1-mg code, 1 mg charted as discarded → 3 units + a JW line of 1', () => {
    const lines = officeSupply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '3', 'mg', { ...sdv4, wasted: { value: '1', unit: 'mg' } })]);
    expect(lines).toEqual([
      expect.objectContaining({ code: 'J2405', units: 3, modifiers: [], rule: RULES.HCPCS_UNITS }),
      expect.objectContaining({ code: 'J2405', units: 1, modifiers: ['JW'], rule: RULES.HCPCS_JW }),
    ]);
  });

  it('waste inside the unit already billed is JZ, never JW (up-to code)', () => {
    // 4 mg morphine from a 10 mg single-dose vial, 6 mg discarded: J2270 "up to 10 mg" already covers the vial.
    const lines = officeSupply([dosed('a1', 'morphine', '2026-05-14T10:00:00Z', '4', 'mg', { containerType: 'single-dose', containerAmount: { value: '10', unit: 'mg' }, wasted: { value: '6', unit: 'mg' } })]);
    expect(lines).toEqual([expect.objectContaining({ code: 'J2270', units: 1, modifiers: ['JZ'] })]);
  });

  it('charted waste is used as given, administered rounded up and waste rounded down', () => {
    const lines = officeSupply([dosed('a1', 'hydromorphone', '2026-05-14T10:00:00Z', '0.25', 'mg', { containerType: 'single-dose', wasted: { value: '0.75', unit: 'mg' } })]);
    expect(lines.map((l) => [l.units, l.modifiers])).toEqual([[3, []], [7, ['JW']]]);
  });

  it('the NDC of the product rides on the line as 11 digits and supplies the container facts', () => {
    const lines = officeSupply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg', { ndc: '99999-001-01' })]);
    expect(lines).toEqual([expect.objectContaining({ ndc11: '99999000101', modifiers: ['JZ'] })]);
  });

  it('multiple-dose containers and jwJz: none get no modifier, explained', () => {
    const mdv = officeSupply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg', { ndc: '99999-002-01' })]);
    expect(mdv[0]).toMatchObject({ modifiers: [] });
    expect(mdv[0]!.explanation).toMatch(/No JW\/JZ/);
    const none = officeSupply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '3', 'mg', sdv4)], { jwJz: 'none' });
    expect(none).toEqual([expect.objectContaining({ units: 3, modifiers: [] })]);
    expect(none[0]!.explanation).toMatch(/jwJz: none/);
  });

  it('an unhyphenated 10-digit NDC not in the formulary is ambiguous', () => {
    const r = codeEncounter(enc('facility', [dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg', { ndc: '1234567890' })]));
    expect(r.supplyLines[0]!.ndc11).toBeNull();
    expect(r.warnings.some((w) => /ambiguous|could be/.test(w.message))).toBe(true);
  });
});

describe('repeated doses share their supply working (one result per drug, day and dose)', () => {
  it('a dose charted with vial details is worked out on its own, before and after the same dose without them', () => {
    const plain = () => officeSupply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg')]);
    const withVial = () =>
      officeSupply([dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg', { containerType: 'single-dose', containerAmount: { value: '4', unit: 'mg' } })]);
    const first = plain();
    expect(first).toEqual([expect.objectContaining({ code: 'J2405', units: 4, modifiers: [] })]);
    expect(withVial()).toEqual([expect.objectContaining({ code: 'J2405', units: 4, modifiers: ['JZ'] })]);
    expect(plain()).toEqual(first);
  });

  it('the same dose in another unit, on another day or under another code is not mixed up', () => {
    const lines = supply([
      dosed('a1', 'fentanyl', '2026-05-14T10:00:00Z', '50', 'mcg'),
      dosed('a2', 'fentanyl', '2026-05-14T11:00:00Z', '50', 'mg'),
      dosed('a3', 'hydromorphone', '2024-09-30T10:00:00Z', '1', 'mg'),
      dosed('a4', 'hydromorphone', '2024-10-01T10:00:00Z', '1', 'mg'),
    ]);
    expect(lines.map((l) => [l.code, l.units, l.dateOfService])).toEqual([
      ['J1170', 1, '2024-09-30'],
      ['J1171', 10, '2024-10-01'],
      // 50 mcg + 50 mg = 50.05 mg against J3010's 0.1 mg: 500.5 → 501.
      ['J3010', 501, '2026-05-14'],
    ]);
  });
});

describe('container type not recorded (R-HCPCS-CONTAINER-UNKNOWN)', () => {
  const noVial = [dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg'), dosed('a2', 'ondansetron', '2026-05-14T12:00:00Z', '4', 'mg')];

  it('an office claim asks the coder to decide JW/JZ, by rule id, naming the doses of the line', () => {
    const r = codeEncounter(enc('non-facility', noVial));
    const asked = r.warnings.filter((w) => w.rule === RULES.HCPCS_CONTAINER_UNKNOWN);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ severity: 'warning', administrationIds: ['a1', 'a2'] });
    expect(asked[0]!.message).toContain('J2405');
    expect(r.supplyLines[0]!.modifiers).toEqual([]);
  });

  it('a code packaged under OPPS in a facility takes no JW/JZ whatever the container, so nothing is asked', () => {
    const r = codeEncounter(enc('facility', noVial));
    expect(r.warnings.some((w) => w.rule === RULES.HCPCS_CONTAINER_UNKNOWN)).toBe(false);
    expect(r.supplyLines[0]!.explanation).toContain('packaged under the hospital outpatient system');
  });

  it('a recorded container type, or the option jwJz: none, asks nothing', () => {
    const vial = [dosed('a1', 'ondansetron', '2026-05-14T10:00:00Z', '4', 'mg', { containerType: 'single-dose', containerAmount: { value: '4', unit: 'mg' } })];
    expect(codeEncounter(enc('non-facility', vial)).warnings.some((w) => w.rule === RULES.HCPCS_CONTAINER_UNKNOWN)).toBe(false);
    expect(codeEncounter(enc('non-facility', noVial, { jwJz: 'none' })).warnings.some((w) => w.rule === RULES.HCPCS_CONTAINER_UNKNOWN)).toBe(false);
  });
});
