import { describe, expect, it } from 'vitest';
import { codeEncounter, RULES } from './coding';
import { chainRoots, concentrationFor, engineInput, toEngineAdministration } from './engine-input';
import { fixtureFormulary } from './coding/test-support/fixture-formulary';
import { administration } from './export/test-fixtures';
import { STARTER_FORMULARY } from './formulary/starter-formulary';

const ctx = { setting: 'facility' as const, timeZone: 'America/New_York', formulary: STARTER_FORMULARY };

describe('stored doses as engine input: the order (R-DOC-ORDER)', () => {
  it('passes the ordering provider snapshot and the order type, and asks the engine to require them', () => {
    const a = administration({ id: 5, orderingProviderId: 3, orderingProviderName: 'Amara Osei, MD', orderType: 'verbal' });
    expect(toEngineAdministration(a).order).toEqual({ provider: 'Amara Osei, MD', type: 'verbal' });
    expect(engineInput(ctx, [a]).options?.requireOrder).toBe(true);
  });

  it('a dose stored without an order (charted before migration 0007) gets an R-DOC-ORDER gap', () => {
    const ordered = administration({ id: 1, orderingProviderId: 3, orderingProviderName: 'Amara Osei, MD', orderType: 'written' });
    const legacy = administration({ id: 2, startAt: new Date('2026-03-02T15:45:00Z'), stopAt: new Date('2026-03-02T15:46:00Z') });
    const r = codeEncounter(engineInput(ctx, [ordered, legacy]));
    expect(r.warnings.filter((w) => w.rule === RULES.DOC_ORDER).map((w) => w.administrationIds)).toEqual([['2']]);
  });
});

describe('stored doses as engine input: issue 14 fields', () => {
  const formulary = fixtureFormulary('separately-payable');

  it('passes pump and integralTo as stored, null when absent', () => {
    const a = administration({ id: 7, kind: 'infusion', chemo: true, pump: 'portable', integralTo: null });
    expect(toEngineAdministration(a, formulary)).toMatchObject({ pump: 'portable', integralTo: null });
    expect(toEngineAdministration(administration({ id: 8, integralTo: 'blood transfusion' }), formulary)).toMatchObject({ pump: null, integralTo: 'blood transfusion' });
  });

  it("takes the concentration from the charted product's amount per mL (NDC in either form); none without a known NDC", () => {
    expect(concentrationFor({ drugKey: 'ondansetron', ndc: '99999-901-01' }, formulary)).toEqual({ value: '2', unit: 'mg' });
    expect(concentrationFor({ drugKey: 'ondansetron', ndc: '99999090101' }, formulary)).toEqual({ value: '2', unit: 'mg' });
    expect(concentrationFor({ drugKey: 'ondansetron', ndc: '99999-999-99' }, formulary)).toBeNull();
    expect(concentrationFor({ drugKey: 'ondansetron', ndc: null }, formulary)).toBeNull();
  });

  it('a dose charted in mL with the NDC known is billed in mg (2 mL of 2 mg/mL → J2405 × 4, JZ)', () => {
    const a = administration({ id: 9, doseValue: '2', doseUnit: 'mL', ndc: '99999090101' });
    const r = codeEncounter(engineInput({ ...ctx, setting: 'non-facility', formulary }, [a]));
    expect(r.supplyLines.map((l) => [l.code, l.units, l.modifiers])).toEqual([['J2405', 4, ['JZ']]]);
  });
});

describe('an amendment is a correction, not a late charting (issue 15 fresh-coder fault)', () => {
  const given = new Date('2026-03-02T15:00:00Z');
  const original = administration({ id: 1, startAt: given, stopAt: null, chartedAt: new Date('2026-03-02T15:05:00Z'), status: 'amended', orderingProviderName: 'Amara Osei, MD', orderType: 'written' });
  // Amended six and a half days later (393750 min after the dose): the site was wrong.
  const amendment = administration({ ...original, id: 2, amendsId: 1, status: 'active', site: 'R hand 22G', chartedAt: new Date(given.getTime() + 393_750 * 60_000) });

  it('each entry names its chain\'s original entry, through several corrections', () => {
    const third = administration({ ...amendment, id: 3, amendsId: 2 });
    expect(chainRoots([original, administration({ ...amendment, status: 'amended' }), third, administration({ id: 9 })])).toEqual(
      new Map([['1', '1'], ['2', '1'], ['3', '1'], ['9', '9']]),
    );
  });

  it('the engine gets the original entry\'s charting time, so the amended dose is no late entry', () => {
    const input = engineInput(ctx, [original, amendment]);
    expect(input.administrations.map((a) => [a.id, a.chartedAt])).toEqual([['2', '2026-03-02T15:05:00.000Z']]);
    expect(codeEncounter(input).warnings.map((w) => w.rule)).not.toContain(RULES.LATE_ENTRY);
  });

  it('a dose first charted late is still a late entry after it is amended', () => {
    const late = { ...original, chartedAt: new Date('2026-03-02T19:00:00Z') };
    const r = codeEncounter(engineInput(ctx, [late, { ...amendment, chartedAt: new Date('2026-03-09T10:00:00Z') }]));
    expect(r.warnings.filter((w) => w.rule === RULES.LATE_ENTRY).map((w) => w.administrationIds)).toEqual([['2']]);
    expect(r.warnings.find((w) => w.rule === RULES.LATE_ENTRY)!.message).toContain('was charted 4 h 00 min later');
  });

  it("the facility's late-entry threshold reaches the engine (30 min: a dose charted 45 min later is late)", () => {
    const late = { ...original, status: 'active' as const, chartedAt: new Date(original.startAt.getTime() + 45 * 60_000) };
    expect(codeEncounter(engineInput(ctx, [late])).warnings.map((w) => w.rule)).not.toContain(RULES.LATE_ENTRY);
    expect(codeEncounter(engineInput({ ...ctx, lateEntryThresholdMinutes: 30 }, [late])).warnings.map((w) => w.rule)).toContain(RULES.LATE_ENTRY);
  });
});

describe('the formulary reaches the engine as the same list', () => {
  it('is passed on, not copied, so the engine builds its name index once per list (issue 16: 3 % of a charting was rebuilding it)', () => {
    const frozen = Object.freeze([...STARTER_FORMULARY]);
    const input = engineInput({ ...ctx, formulary: frozen }, [administration({ id: 1 })]);
    expect(input.options?.formulary).toBe(frozen);
    expect(() => codeEncounter(input)).not.toThrow();
  });
});
