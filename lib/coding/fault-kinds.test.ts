// Issue 14: the fault kinds published coder questions exposed, each with the
// issue's example and cases of our own (boundaries included). Formularies are
// fixtures (test-support/fixture-formulary.ts), not the starter data.
import { describe, it, expect } from 'vitest';
import { codeEncounter, RULES, type AdministrationInput, type EncounterCodingResult, type EncounterOptions } from './index';
import { enc, hydration, infusion, injection, push, rules, units } from './test-support/build';
import { fixtureFormulary, FLUIDS, DEXAMETHASONE, FENTANYL, POTASSIUM, ondansetron } from './test-support/fixture-formulary';

const NEXT_DAY = '2026-05-15';
const warningsOf = (r: EncounterCodingResult, rule: string) => r.warnings.filter((w) => w.rule === rule);
const supply = (r: EncounterCodingResult) => r.supplyLines.map((l) => [l.code, l.units, l.modifiers]);
const facility = (a: AdministrationInput[], o?: EncounterOptions) => codeEncounter(enc('facility', a, o));
const office = (a: AdministrationInput[], o?: EncounterOptions) => codeEncounter(enc('non-facility', a, o));

describe('1. R-CONCURRENT-LIMIT: overlapping infusions after the one 96368', () => {
  const three = [infusion('v', 'vancomycin', '14:00', '15:00'), infusion('c', 'cefepime', '14:30', '15:30'), infusion('m', 'magnesium sulfate', '15:15', '16:00')];

  it('issue example: vancomycin, cefepime, magnesium → 96365, 96368, 96367 and a warning naming the magnesium', () => {
    const r = facility(three);
    expect(units(r)).toEqual({ '96365': 1, '96368': 1, '96367': 1 });
    expect(r.lines.find((l) => l.code === '96367')!.administrationIds).toEqual(['m']);
    const w = warningsOf(r, RULES.CONCURRENT_LIMIT);
    expect(w).toEqual([expect.objectContaining({ severity: 'warning', administrationIds: ['m'] })]);
    expect(w[0]!.message).toMatch(/magnesium sulfate 15:15–16:00 .*coded as a sequential infusion.*confirm/);
  });

  it('concurrentLimit "none" keeps the old reading (no code) but still warns, naming the infusion', () => {
    const r = facility(three, { concurrentLimit: 'none' });
    expect(units(r)).toEqual({ '96365': 1, '96368': 1 });
    expect(warningsOf(r, RULES.CONCURRENT_LIMIT)).toEqual([expect.objectContaining({ administrationIds: ['m'] })]);
    expect(warningsOf(r, RULES.CONCURRENT_LIMIT)[0]!.message).toMatch(/magnesium sulfate.*not reported \(option concurrentLimit: none\)/);
  });

  it('the sequential reading keeps its additional hours: 105 min → 96367 + 96366 × 1', () => {
    const r = facility([...three.slice(0, 2), infusion('m', 'magnesium sulfate', '15:15', '17:00')]);
    expect(units(r)).toEqual({ '96365': 1, '96368': 1, '96367': 1, '96366': 1 });
    expect(r.lines.find((l) => l.code === '96366')!.administrationIds).toEqual(['m']);
  });

  it('the same drug overlapping after 96368 follows the repeat-infusion rule (96366 × 1), with both warnings', () => {
    const r = facility([...three.slice(0, 2), infusion('v2', 'vancomycin', '15:10', '16:00')]);
    expect(units(r)).toEqual({ '96365': 1, '96368': 1, '96366': 1 });
    expect(warningsOf(r, RULES.CONCURRENT_LIMIT).map((w) => w.administrationIds)).toEqual([['v2']]);
    expect(warningsOf(r, RULES.INF_REPEAT).length).toBeGreaterThan(0);
  });

  it('removing one infusion never makes codes appear on the others: every infusion keeps a line or a warning naming it', () => {
    const four = [...three, infusion('k', 'ketorolac', '15:20', '16:10')];
    for (let drop = -1; drop < four.length; drop++) {
      const chart = four.filter((_, i) => i !== drop);
      const r = facility(chart);
      for (const a of chart) {
        const named = r.lines.some((l) => l.administrationIds.includes(a.id)) || r.warnings.some((w) => w.administrationIds.includes(a.id));
        expect(named, `${a.id} without ${drop}`).toBe(true);
      }
      expect(r.lines.filter((l) => l.code === '96368')).toHaveLength(1);
    }
  });
});

describe('2. R-CHEMO-PUMP: prolonged chemotherapy on a pump is 96416', () => {
  const cisplatin = infusion('cis', 'cisplatin', '09:00', '10:00', { chemo: true });
  const fu = (stop: string, extra: Partial<AdministrationInput> = {}) => infusion('fu', 'fluorouracil', '10:15', stop, { chemo: true, pump: 'portable', ...extra });

  it('issue example (office): cisplatin 09:00–10:00, fluorouracil on a portable pump 10:15 → next day 08:15 → 96413 × 1, 96416 × 1', () => {
    const r = office([cisplatin, fu(`${NEXT_DAY}T08:15:00Z`)]);
    expect(units(r)).toEqual({ '96413': 1, '96416': 1 });
    expect(r.lines.find((l) => l.code === '96416')).toMatchObject({ administrationIds: ['fu'], rule: RULES.CHEMO_PUMP });
  });

  it('without a pump the same 22 hours are billed by time, as before', () => {
    expect(units(office([cisplatin, fu(`${NEXT_DAY}T08:15:00Z`, { pump: null })]))).toEqual({ '96413': 1, '96417': 1, '96415': 21 });
  });

  it('exactly 8 h on a pump is coded by time with an info saying why 96416 does not apply; 8 h 1 min is 96416', () => {
    const eight = office([fu('18:15')]);
    expect(units(eight)).toEqual({ '96413': 1, '96415': 7 });
    expect(warningsOf(eight, RULES.CHEMO_PUMP)).toEqual([expect.objectContaining({ severity: 'info', administrationIds: ['fu'] })]);
    expect(warningsOf(eight, RULES.CHEMO_PUMP)[0]!.message).toMatch(/480 min: 96416 .* needs more than 8 hours/);
    const over = office([fu('18:16')]);
    expect(units(over)).toEqual({ '96416': 1 });
    expect(warningsOf(over, RULES.CHEMO_PUMP)).toEqual([]);
  });

  it('an implantable pump counts too; the pump never takes the initial slot from a push', () => {
    const r = facility([push('ond', 'ondansetron', '10:00'), fu(`${NEXT_DAY}T06:15:00Z`, { pump: 'implantable' })]);
    expect(units(r)).toEqual({ '96374': 1, '96416': 1 });
    expect(r.lines[0]).toMatchObject({ code: '96374', administrationIds: ['ond'] });
  });

  it('a pump on a non-chemo infusion changes nothing', () => {
    expect(units(facility([infusion('h', 'heparin', '10:00', '20:00', { pump: 'portable' })]))).toEqual({ '96365': 1, '96366': 9 });
  });
});

describe('3. R-HYDRATION-TOTAL: separate secondary hydration runs are added (CPT Assistant June 2007)', () => {
  const example = [
    infusion('cef', 'ceftriaxone', '09:00', '09:40'),
    hydration('h1', 'normal saline', '09:40', '10:00'),
    infusion('azi', 'azithromycin', '10:00', '11:00'),
    hydration('h2', 'normal saline', '11:00', '11:20'),
  ];

  it('issue example: 20 + 20 min → 96361 × 1 (40 min in total); per-run: no 96361', () => {
    const r = facility(example);
    expect(units(r)).toEqual({ '96365': 1, '96367': 1, '96361': 1 });
    const line = r.lines.find((l) => l.code === '96361')!;
    expect(line).toMatchObject({ rule: RULES.HYDRATION_TOTAL, administrationIds: ['h1', 'h2'] });
    expect(line.explanation).toContain('normal saline 09:40–10:00 20 min + normal saline 11:00–11:20 20 min = 40 min');
    const perRun = facility(example, { hydrationTime: 'per-run' });
    expect(units(perRun)).toEqual({ '96365': 1, '96367': 1 });
    expect(warningsOf(perRun, RULES.HYDRATION_MIN).map((w) => w.administrationIds)).toEqual([['h1'], ['h2']]);
  });

  it('exactly 30 min in total is not reportable; 31 min is 96361 × 1', () => {
    const runs = (second: string) => [infusion('cef', 'ceftriaxone', '09:00', '09:40'), hydration('h1', 'normal saline', '09:40', '09:55'), hydration('h2', 'normal saline', '11:00', second)];
    const thirty = facility(runs('11:15'));
    expect(units(thirty)).toEqual({ '96365': 1 });
    expect(warningsOf(thirty, RULES.HYDRATION_MIN)).toEqual([expect.objectContaining({ administrationIds: ['h1', 'h2'] })]);
    expect(warningsOf(thirty, RULES.HYDRATION_MIN)[0]!.message).toMatch(/= 30 min: 30 minutes or less is not reportable/);
    expect(units(facility(runs('11:16')))).toEqual({ '96365': 1, '96361': 1 });
  });

  it('two runs of 45 min are one 90-minute service (1 unit), not two', () => {
    const chart = [push('p', 'ondansetron', '08:00'), hydration('h1', 'normal saline', '08:10', '08:55'), hydration('h2', 'normal saline', '10:00', '10:45')];
    expect(units(facility(chart))).toEqual({ '96374': 1, '96361': 1 });
    expect(units(facility(chart, { hydrationTime: 'per-run' }))).toEqual({ '96374': 1, '96361': 2 });
  });

  it('each run counts after its overlap deduction; a single run is judged alone as before', () => {
    // h1 10:00–11:00 overlaps the infusion by 30 min → 30 min; h2 12:00–12:20 → 20; total 50 → 1 unit.
    const r = facility([infusion('inf', 'vancomycin', '09:30', '10:30'), hydration('h1', 'normal saline', '10:00', '11:00'), hydration('h2', 'normal saline', '12:00', '12:20')]);
    expect(units(r)).toEqual({ '96365': 1, '96361': 1 });
    expect(r.lines.find((l) => l.code === '96361')!.explanation).toContain('30 min after overlap + normal saline 12:00–12:20 20 min = 50 min');
    const single = facility([infusion('inf', 'vancomycin', '09:30', '10:30'), hydration('h1', 'normal saline', '10:00', '11:00')]);
    expect(single.lines.find((l) => l.code === '96361')).toBeUndefined();
    expect(rules(single)).toContain(RULES.HYDRATION_MIN);
  });
});

describe('4. R-DOC-WASTE: no JW/JZ for a discarded amount nobody charted', () => {
  const form = { formulary: fixtureFormulary('separately-payable') };
  const vial = { containerType: 'single-dose', containerAmount: { value: '4', unit: 'mg' } } as const;
  const ond = (value: string, extra: Partial<AdministrationInput> = {}) => push('a1', 'ondansetron', '10:00', { dose: { value, unit: 'mg' }, ...vial, ...extra });

  it('issue example (office): 2 mg from a 4 mg single-dose vial, no waste charted → J2405 × 2, no JW, no JZ, R-DOC-WASTE error', () => {
    const r = office([ond('2')], form);
    expect(supply(r)).toEqual([['J2405', 2, []]]);
    expect(warningsOf(r, RULES.DOC_WASTE)).toEqual([expect.objectContaining({ severity: 'error', administrationIds: ['a1'] })]);
    expect(warningsOf(r, RULES.DOC_WASTE)[0]!.message).toMatch(/chart the amount discarded, or 0 if none was/);
    expect(r.supplyLines[0]!.explanation).toMatch(/No JW\/JZ: the amount discarded is not charted/);
  });

  it('issue example: the same with 2 mg waste charted → J2405 × 2 and a JW line of 2', () => {
    const r = office([ond('2', { wasted: { value: '2', unit: 'mg' } })], form);
    expect(supply(r)).toEqual([['J2405', 2, []], ['J2405', 2, ['JW']]]);
    expect(warningsOf(r, RULES.DOC_WASTE)).toEqual([]);
  });

  it('dose + waste = container is fine; one more is an error and no JW/JZ', () => {
    expect(warningsOf(office([ond('3', { wasted: { value: '1', unit: 'mg' } })], form), RULES.DOC_WASTE)).toEqual([]);
    const over = office([ond('3', { wasted: { value: '1.5', unit: 'mg' } })], form);
    expect(warningsOf(over, RULES.DOC_WASTE)).toEqual([expect.objectContaining({ severity: 'error', administrationIds: ['a1'] })]);
    expect(warningsOf(over, RULES.DOC_WASTE)[0]!.message).toMatch(/3 mg given \+ 1.5 mg discarded is more than the 4 mg single-dose container/);
    expect(supply(over)).toEqual([['J2405', 3, []]]);
  });

  it('the whole vial given needs no waste charted (JZ); 0 charted as discarded is JZ', () => {
    expect(supply(office([ond('4')], form))).toEqual([['J2405', 4, ['JZ']]]);
    const zero = office([ond('2', { wasted: { value: '0', unit: 'mg' } })], form);
    expect(supply(zero)).toEqual([['J2405', 2, ['JZ']]]);
    expect(warningsOf(zero, RULES.DOC_WASTE)).toEqual([]);
  });

  it('a packaged drug in a facility takes no JW/JZ, so its waste is not asked for; a multiple-dose vial neither', () => {
    expect(warningsOf(facility([ond('2')], { formulary: fixtureFormulary('packaged') }), RULES.DOC_WASTE)).toEqual([]);
    expect(warningsOf(office([ond('2', { containerType: 'multiple-dose' })], form), RULES.DOC_WASTE)).toEqual([]);
  });

  it('an R-DOC-WASTE error is a documentation gap (the app blocks signing on non-info R-DOC-* warnings)', () => {
    const gaps = office([ond('2')], form).warnings.filter((w) => w.rule.startsWith('R-DOC-') && w.severity !== 'info');
    expect(gaps.map((w) => w.rule)).toEqual([RULES.DOC_WASTE]);
  });
});

describe('5. JW/JZ only on separately payable codes in facility encounters', () => {
  const whole = [push('a1', 'ondansetron', '10:00', { dose: { value: '4', unit: 'mg' }, ndc: '99999-901-01' })];

  it('issue example: ondansetron 4 mg, whole 4 mg single-dose vial, packaged → J2405 × 4 without JZ and a note; in an office → JZ', () => {
    const f = facility(whole, { formulary: fixtureFormulary('packaged') });
    expect(supply(f)).toEqual([['J2405', 4, []]]);
    expect(f.supplyLines[0]!.explanation).toMatch(/No JW\/JZ: J2405 is packaged under the hospital outpatient system \(OPPS status indicator N\)/);
    expect(supply(office(whole, { formulary: fixtureFormulary('packaged') }))).toEqual([['J2405', 4, ['JZ']]]);
  });

  it('separately payable in a facility: JZ, no warning', () => {
    const r = facility(whole, { formulary: fixtureFormulary('separately-payable') });
    expect(supply(r)).toEqual([['J2405', 4, ['JZ']]]);
    expect(warningsOf(r, RULES.HCPCS_PAYMENT_STATUS)).toEqual([]);
  });

  it('unknown (or not recorded) status in a facility: JZ or JW plus an info asking to confirm; none in an office', () => {
    for (const status of ['unknown', undefined] as const) {
      const r = facility(whole, { formulary: fixtureFormulary(status) });
      expect(supply(r)).toEqual([['J2405', 4, ['JZ']]]);
      expect(warningsOf(r, RULES.HCPCS_PAYMENT_STATUS)).toEqual([expect.objectContaining({ severity: 'info', administrationIds: ['a1'] })]);
    }
    const jw = facility([push('a1', 'ondansetron', '10:00', { dose: { value: '3', unit: 'mg' }, ndc: '99999-901-01', wasted: { value: '1', unit: 'mg' } })], { formulary: fixtureFormulary('unknown') });
    expect(supply(jw)).toEqual([['J2405', 3, []], ['J2405', 1, ['JW']]]);
    expect(warningsOf(jw, RULES.HCPCS_PAYMENT_STATUS)[0]!.message).toMatch(/JW was added/);
    expect(warningsOf(office(whole, { formulary: fixtureFormulary('unknown') }), RULES.HCPCS_PAYMENT_STATUS)).toEqual([]);
  });

  it('packaged with waste charted: no JW line either', () => {
    const r = facility([push('a1', 'ondansetron', '10:00', { dose: { value: '3', unit: 'mg' }, ndc: '99999-901-01', wasted: { value: '1', unit: 'mg' } })], { formulary: fixtureFormulary('packaged') });
    expect(supply(r)).toEqual([['J2405', 3, []]]);
  });
});

describe('6. hydration fluids yield their volume code; carrier fluid none', () => {
  const options = { formulary: FLUIDS };
  const ns = (value: string, kind: 'hydration' | 'infusion' = 'hydration', drug = 'normal saline') =>
    (kind === 'hydration' ? hydration : infusion)('f', drug, '10:00', '11:00', { dose: { value, unit: 'mL' } });

  it('issue example: NS 1,000 mL hydration 10:00–11:00 → 96360 × 1, J7030 × 1', () => {
    const r = facility([ns('1000')], options);
    expect(units(r)).toEqual({ '96360': 1 });
    expect(supply(r)).toEqual([['J7030', 1, []]]);
  });

  it('NS 500 mL → J7040 × 1, 250 mL → J7050 × 1 (units by volume, per each code’s descriptor)', () => {
    expect(supply(facility([ns('500')], options))).toEqual([['J7040', 1, []]]);
    expect(supply(facility([ns('250')], options))).toEqual([['J7050', 1, []]]);
  });

  it("lactated Ringer's 800 mL → J7120 × 1 (up to 1,000 mL); D5/NS 1,000 mL → J7042 × 2 (500 mL a unit)", () => {
    expect(supply(facility([ns('800', 'hydration', "lactated ringer's")], options))).toEqual([['J7120', 1, []]]);
    expect(supply(facility([ns('1000', 'hydration', 'd5ns')], options))).toEqual([['J7042', 2, []]]);
  });

  it('NS charted as an infusion carried a drug (piggyback, KVO): no fluid line; a KVO named entry neither', () => {
    expect(facility([ns('1000', 'infusion')], options).supplyLines).toEqual([]);
    expect(facility([hydration('k', 'NS KVO', '10:00', '11:00', { dose: { value: '100', unit: 'mL' } })], options).supplyLines).toEqual([]);
  });
});

describe('7. R-INTEGRAL: a drug given as part of another procedure', () => {
  const options = { formulary: fixtureFormulary('separately-payable').concat([]) };

  it('issue example: diphenhydramine push 09:00 integral to a blood transfusion, ondansetron push 11:00 → 96374 × 1 (the ondansetron) only', () => {
    const r = facility([push('d', 'diphenhydramine', '09:00', { integralTo: 'blood transfusion', dose: { value: '25', unit: 'mg' } }), push('o', 'ondansetron', '11:00')], options);
    expect(r.lines.map((l) => [l.code, l.units, l.administrationIds])).toEqual([['96374', 1, ['o']]]);
    expect(warningsOf(r, RULES.INTEGRAL)).toEqual([expect.objectContaining({ severity: 'info', administrationIds: ['d'] })]);
    expect(warningsOf(r, RULES.INTEGRAL)[0]!.message).toContain('blood transfusion');
  });

  it('its drug supply line stays', () => {
    const r = facility([push('d', 'diphenhydramine', '09:00', { integralTo: 'blood transfusion', dose: { value: '25', unit: 'mg' } })], options);
    expect(r.lines).toEqual([]);
    expect(supply(r)).toEqual([['J1200', 1, []]]);
  });

  it('never takes the initial slot, even as an infusion ranked above a push', () => {
    const r = facility([infusion('sed', 'midazolam', '08:00', '09:00', { integralTo: 'moderate sedation' }), push('o', 'ondansetron', '10:00')], options);
    expect(r.lines[0]).toMatchObject({ code: '96374', administrationIds: ['o'] });
    expect(units(r)).toEqual({ '96374': 1 });
  });

  it('a blank integralTo is no procedure; the same drug pushed later on its own is coded as a new drug', () => {
    expect(units(facility([push('d', 'diphenhydramine', '09:00', { integralTo: '  ' })], options))).toEqual({ '96374': 1 });
    const r = facility([push('o', 'ondansetron', '08:00'), push('d', 'diphenhydramine', '09:00', { integralTo: 'blood transfusion' }), push('d2', 'diphenhydramine', '12:00')], options);
    expect(units(r)).toEqual({ '96374': 1, '96375': 1 });
    expect(r.lines.find((l) => l.code === '96375')!.administrationIds).toEqual(['d2']);
  });
});

describe('8. doses in mL converted with the concentration', () => {
  const options = { formulary: fixtureFormulary() };

  it('issue example (office): dexamethasone injection 1.5 mL at 4 mg/mL → 96372 × 1, J1100 × 6', () => {
    const r = office([injection('dx', 'dexamethasone', '10:00', { dose: { value: '1.5', unit: 'mL' }, concentration: { value: 4, unit: 'mg' } })], options);
    expect(units(r)).toEqual({ '96372': 1 });
    expect(supply(r)).toEqual([['J1100', 6, []]]);
    expect(r.supplyLines[0]!.explanation).toMatch(/1.5 mL \(at 4 mg\/mL\) = 6 mg/);
  });

  it('without a concentration (two strengths on file, no NDC) the mismatch warning stays and there is no line', () => {
    const r = office([injection('dx', 'dexamethasone', '10:00', { dose: { value: '1.5', unit: 'mL' } })], options);
    expect(r.supplyLines).toEqual([]);
    expect(rules(r)).toContain(RULES.HCPCS_UNIT_MISMATCH);
  });

  it('the charted concentration wins over the product of the NDC; the NDC product is used without one', () => {
    const viaNdc = office([injection('dx', 'dexamethasone', '10:00', { dose: { value: '1.5', unit: 'mL' }, ndc: '99999-903-01' })], options);
    expect(supply(viaNdc)).toEqual([['J1100', 15, []]]);
    const charted = office([injection('dx', 'dexamethasone', '10:00', { dose: { value: '1.5', unit: 'mL' }, ndc: '99999-903-01', concentration: { value: '4', unit: 'mg' } })], options);
    expect(supply(charted)).toEqual([['J1100', 6, []]]);
  });

  it('across units: fentanyl 2 mL at 50 mcg/mL → J3010 × 1; 2.5 mL → × 2; potassium 50 mL at 0.2 mEq/mL → J3480 × 5', () => {
    const o = { formulary: [FENTANYL, POTASSIUM, DEXAMETHASONE, ondansetron()] };
    expect(supply(office([push('f', 'fentanyl', '10:00', { dose: { value: '2', unit: 'mL' }, concentration: { value: '50', unit: 'mcg' } })], o))).toEqual([['J3010', 1, []]]);
    expect(supply(office([push('f', 'fentanyl', '10:00', { dose: { value: '2.5', unit: 'mL' }, concentration: { value: '50', unit: 'mcg' } })], o))).toEqual([['J3010', 2, []]]);
    expect(supply(office([infusion('k', 'potassium chloride', '10:00', '11:00', { dose: { value: '50', unit: 'mL' }, concentration: { value: '0.2', unit: 'mEq' } })], o))).toEqual([['J3480', 5, []]]);
  });

  it('a discarded amount in mL is converted the same way (JW in mg units)', () => {
    const r = office([push('o', 'ondansetron', '10:00', { dose: { value: '1', unit: 'mL' }, wasted: { value: '1', unit: 'mL' }, ndc: '99999-901-01' })], { formulary: [ondansetron('separately-payable')] });
    expect(supply(r)).toEqual([['J2405', 2, []], ['J2405', 2, ['JW']]]);
  });
});
