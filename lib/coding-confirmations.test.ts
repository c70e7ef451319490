import { describe, expect, it } from 'vitest';
import type { FinalLine } from './claim-lines';
import { codeEncounter, type CodingWarning } from './coding';
import { enc, push } from './coding/test-support/build';
import { fixtureFormulary } from './coding/test-support/fixture-formulary';
import { suggestedLines, workingLines } from './coding-review';
import { blockingItems, chartedNdc11, chartedNdcDisplay, confirmationsBeforeCoding, ndc11Display, itemsNeedingReason, ndcDisplay, ndcFlag, type ConfirmationInput } from './coding-confirmations';
import { administration, CLASSIC_ADMINISTRATIONS, CLASSIC_LINES, FORMULARY, ONDANSETRON_VIAL } from './export/test-fixtures';
import type { FormularyDrug, FormularyProduct } from './formulary/starter-formulary';

// A real (non-placeholder) ondansetron package, as a site would enter it.
const REAL_VIAL: FormularyProduct = { ...ONDANSETRON_VIAL, ndc10: '0409-4755-03', ndc11: '00409475503', placeholderNdc: false };
const withReal: FormularyDrug[] = FORMULARY.map((d) => (d.key === 'ondansetron' ? { ...d, products: [...d.products, REAL_VIAL] } : d));
const realLines: FinalLine[] = CLASSIC_LINES.map((l) => (l.kind === 'hcpcs' ? { ...l, ndc11: REAL_VIAL.ndc11 } : l));
const realDoses = CLASSIC_ADMINISTRATIONS.map((a) => ({ ...a, ndc: REAL_VIAL.ndc10 }));

function input(over: Partial<ConfirmationInput> = {}): ConfirmationInput {
  return { lines: realLines, administrations: realDoses, warnings: [], problems: [], formulary: withReal, timeZone: 'America/New_York', ...over };
}

describe('what a coder must confirm before Mark coded', () => {
  it('nothing when the lines carry a real NDC, the doses are usual and no error is open', () => {
    expect(confirmationsBeforeCoding(input())).toEqual([]);
  });

  it('a drug line with a placeholder NDC needs a reason and names the NDC as printed', () => {
    const items = confirmationsBeforeCoding(input({ lines: CLASSIC_LINES, administrations: CLASSIC_ADMINISTRATIONS }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'placeholder-ndc', level: 'reason', lineKeys: ['hcpcs:J2405:2026-03-02:JZ'], administrationIds: ['1', '2'] });
    // One NDC format on the review: the billing NDC-11 as 5-4-2, not the package's 5-3-2 in one place and digits in another.
    expect(items[0]!.message).toBe(`J2405: NDC ${ONDANSETRON_VIAL.ndc11.slice(0, 5)}-${ONDANSETRON_VIAL.ndc11.slice(5, 9)}-${ONDANSETRON_VIAL.ndc11.slice(9)} is a placeholder, not a real package: replace it before billing.`);
    expect(ONDANSETRON_VIAL.ndc10).toMatch(/^99999-/);
  });

  it('a dose with an NDC the formulary does not know, confirmed at the bedside, carries the nurse\'s reason', () => {
    const doses = [realDoses[0]!, { ...realDoses[1]!, ndc: '12345-6789-01', ndcConfirmationReason: 'Pharmacy substitute vial, new supplier' }];
    const [item, ...rest] = confirmationsBeforeCoding(input({ administrations: doses }));
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ kind: 'unlisted-ndc', level: 'reason', administrationIds: ['2'], bedsideReason: 'Pharmacy substitute vial, new supplier' });
    expect(item!.lineKeys).toEqual(['cpt:96376:2', 'hcpcs:J2405:2026-03-02:JZ']);
    expect(item!.message).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN: NDC 12345-6789-01 is not in the formulary — charted with reason: Pharmacy substitute vial, new supplier');
  });

  it('an unknown NDC charted without a reason (before the bedside check) is flagged too', () => {
    const doses = [{ ...realDoses[0]!, ndc: '12345678901' }, realDoses[1]!];
    const items = confirmationsBeforeCoding(input({ administrations: doses }));
    expect(items.map((i) => i.kind)).toEqual(['unlisted-ndc']);
    expect(items[0]!.message).toContain('charted without a reason');
  });

  it('a dose confirmed outside the usual range at the bedside: above the soft maximum when the limit says so', () => {
    const limited = withReal.map((d) =>
      d.key === 'ondansetron' ? { ...d, doseLimits: [{ kinds: ['push' as const], unit: 'mg' as const, usual: '4', softMax: '8', hardMax: '16', source: 'label' }] } : d,
    );
    const doses = [{ ...realDoses[0]!, doseValue: '12', doseConfirmationReason: 'Ordered 12 mg by Dr. Reyes for refractory vomiting' }, realDoses[1]!];
    const items = confirmationsBeforeCoding(input({ administrations: doses, formulary: limited }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'dose-outside-range', level: 'reason', administrationIds: ['1'], bedsideReason: 'Ordered 12 mg by Dr. Reyes for refractory vomiting' });
    expect(items[0]!.message).toBe(
      'Ondansetron HCl 12 mg at 10:00 by Nora Quinn, RN: Dose above the usual range (usual up to 8 mg, label), confirmed at the bedside: Ordered 12 mg by Dr. Reyes for refractory vomiting',
    );
    // Without limits in the formulary the direction is not guessed.
    const unlimited: FormularyDrug[] = withReal.map((d) => {
      const copy = { ...d };
      delete copy.doseLimits;
      return copy;
    });
    const plain = confirmationsBeforeCoding(input({ administrations: doses, formulary: unlimited }));
    expect(plain[0]!.message).toContain('Dose outside the usual range, confirmed at the bedside: Ordered 12 mg');
  });

  it('an error-level engine warning blocks; warnings and info do not; an entered-in-error dose is ignored', () => {
    const warnings: CodingWarning[] = [
      { rule: 'R-DOC-STOP', severity: 'error', administrationIds: ['2'], message: 'Ondansetron HCl infusion started 10:45 has no stop time.' },
      { rule: 'R-DOC-SITE', severity: 'warning', administrationIds: ['1'], message: 'no site' },
      { rule: 'R-INFO', severity: 'info', administrationIds: ['1'], message: 'fyi' },
    ];
    const voided = administration({ id: 3, status: 'entered-in-error', ndc: '12345-6789-01', ndcConfirmationReason: 'x', doseConfirmationReason: 'y' });
    const items = confirmationsBeforeCoding(input({ warnings, administrations: [...realDoses, voided] }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'engine-error', level: 'block', lineKeys: ['cpt:96376:2', 'hcpcs:J2405:2026-03-02:JZ'] });
    expect(items[0]!.message).toBe('R-DOC-STOP: Ondansetron HCl infusion started 10:45 has no stop time.');
  });

  it('an orphan add-on counts from the working lines, not from the engine warning the coder may have resolved', () => {
    const engineSaid: CodingWarning[] = [{ rule: 'R-ADDON-NEEDS-PRIMARY', severity: 'error', administrationIds: ['2'], message: 'stale' }];
    expect(confirmationsBeforeCoding(input({ warnings: engineSaid }))).toEqual([]);
    const problems = [{ index: 0, code: '96376', administrationIds: ['2'], acceptedPrimaries: ['96374'], message: '96376 is an add-on without its primary.' }];
    const items = confirmationsBeforeCoding(input({ lines: realLines.slice(1), problems }));
    expect(items).toMatchObject([{ kind: 'engine-error', level: 'block', lineKeys: ['cpt:96376:2'] }]);
  });

  it('blocking items come first; the helpers split block from reason', () => {
    const warnings: CodingWarning[] = [{ rule: 'R-FUTURE-TIME', severity: 'error', administrationIds: ['1'], message: 'in the future' }];
    const items = confirmationsBeforeCoding(input({ lines: CLASSIC_LINES, warnings }));
    expect(items.map((i) => i.kind)).toEqual(['engine-error', 'placeholder-ndc']);
    expect(blockingItems(items).map((i) => i.kind)).toEqual(['engine-error']);
    expect(itemsNeedingReason(items).map((i) => i.kind)).toEqual(['placeholder-ndc']);
  });
});

describe('lines that still need a JW/JZ decision', () => {
  const wasteUnknown: CodingWarning = {
    rule: 'R-HCPCS-WASTE-UNKNOWN',
    severity: 'warning',
    administrationIds: ['1', '2'],
    message: 'Ondansetron HCl from a single-dose container: chart the amount discarded (or none) so the claim can carry JW or JZ.',
  };
  const drugLine = realLines[2]!;

  it('a drug line the engine left undecided (discarded amount not charted) needs a reason and names the line and its doses', () => {
    const items = confirmationsBeforeCoding(input({ warnings: [wasteUnknown] }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'jw-jz-decision', level: 'reason', lineKeys: [drugLine.key], administrationIds: ['1', '2'] });
    expect(items[0]!.message).toContain('J2405-JZ × 8 (Ondansetron HCl 4 mg at 10:00 by Nora Quinn, RN; Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN) still needs your JW/JZ decision');
    expect(itemsNeedingReason(items)).toHaveLength(1);
  });

  it('an unknown OPPS payment status (info) asks too; other infos and warnings do not', () => {
    const status: CodingWarning = { rule: 'R-HCPCS-PAYMENT-STATUS', severity: 'info', administrationIds: ['1', '2'], message: 'status not recorded' };
    const other: CodingWarning = { rule: 'R-DOC-SITE', severity: 'warning', administrationIds: ['1', '2'], message: 'no site' };
    expect(confirmationsBeforeCoding(input({ warnings: [status, other] })).map((i) => `${i.kind}:${i.key}`)).toEqual(['jw-jz-decision:jw-jz-decision:R-HCPCS-PAYMENT-STATUS:1+2']);
  });

  it('gone once the coder decides: an override of the drug line, its removal or an added line for those doses', () => {
    const overridden = realLines.map((l) => (l.key === drugLine.key ? { ...l, modifiers: ['JW'], source: 'override' as const } : l));
    expect(confirmationsBeforeCoding(input({ lines: overridden, warnings: [wasteUnknown] }))).toEqual([]);
    expect(confirmationsBeforeCoding(input({ lines: realLines.slice(0, 2), warnings: [wasteUnknown] }))).toEqual([]);
    const added = [...realLines, { ...drugLine, key: 'added:9', modifiers: ['JW'], units: 2, administrationIds: ['2'], source: 'added' as const }];
    expect(confirmationsBeforeCoding(input({ lines: added, warnings: [wasteUnknown] }))).toEqual([]);
  });

  it('over the real engine: an unknown OPPS status in a facility asks about the J2405-JZ line until the coder overrides it; packaged asks nothing', () => {
    const dose = [push('1', 'ondansetron', '10:00', { dose: { value: '4', unit: 'mg' }, ndc: '99999-901-01' })];
    const doses = [administration({ id: 1 })];
    const over = (status: 'unknown' | 'packaged', decide: boolean) => {
      const formulary = fixtureFormulary(status);
      const result = codeEncounter(enc('facility', dose, { formulary }));
      const suggested = suggestedLines(result, '2026-05-14');
      const drugLine = suggested.find((l) => l.kind === 'hcpcs')!;
      const decision = { code: drugLine.code, units: drugLine.units, modifiers: drugLine.modifiers };
      const { lines, problems } = workingLines(
        suggested,
        decide ? [{ id: 1, coderName: 'Casey', at: new Date(), op: { op: 'change', lineKey: drugLine.key, value: { ...decision, basis: decision }, reason: 'status confirmed separately payable' } }] : [],
      );
      return { drugLine, items: confirmationsBeforeCoding({ lines, administrations: doses, warnings: result.warnings, problems, formulary, timeZone: 'America/New_York' }) };
    };
    const unknown = over('unknown', false);
    expect(unknown.drugLine.modifiers).toEqual(['JZ']);
    expect(unknown.items.filter((i) => i.kind === 'jw-jz-decision')).toEqual([expect.objectContaining({ level: 'reason', lineKeys: [unknown.drugLine.key], administrationIds: ['1'] })]);
    expect(over('unknown', true).items.filter((i) => i.kind === 'jw-jz-decision')).toEqual([]);
    expect(over('packaged', false).items.filter((i) => i.kind === 'jw-jz-decision')).toEqual([]);
  });

  it('an R-DOC-WASTE error blocks as an engine error and is not listed again as a JW/JZ decision', () => {
    const docWaste: CodingWarning = { rule: 'R-DOC-WASTE', severity: 'error', administrationIds: ['1'], message: 'discarded amount not charted' };
    const items = confirmationsBeforeCoding(input({ warnings: [docWaste, wasteUnknown] }));
    expect(items.map((i) => i.kind)).toEqual(['engine-error', 'jw-jz-decision']);
    expect(blockingItems(items).map((i) => i.message)).toEqual(['R-DOC-WASTE: discarded amount not charted']);
  });
});

describe('NDC flags', () => {
  it('placeholder for a placeholder product or labeler 99999, not-in-formulary for an unknown NDC, none for a real product', () => {
    expect(ndcFlag(ONDANSETRON_VIAL.ndc11, withReal)).toBe('placeholder');
    expect(ndcFlag('99999098701', withReal)).toBe('placeholder');
    expect(ndcFlag('12345678901', withReal)).toBe('not-in-formulary');
    expect(ndcFlag(REAL_VIAL.ndc11, withReal)).toBeNull();
    expect(ndcFlag(null, withReal)).toBeNull();
  });

  it('prints the package NDC when known, else the billing NDC as 5-4-2; reads charted NDCs in either form', () => {
    expect(ndcDisplay(REAL_VIAL.ndc11, withReal)).toBe('0409-4755-03');
    expect(ndcDisplay('12345678901', withReal)).toBe('12345-6789-01');
    // The review's one format: 5-4-2 NDC-11, whatever form was charted.
    expect(ndc11Display(REAL_VIAL.ndc11)).toBe('00409-4755-03');
    expect(chartedNdcDisplay('0409-4755-03', withReal)).toBe('00409-4755-03');
    expect(chartedNdcDisplay('0409475503', withReal)).toBe('00409-4755-03');
    expect(chartedNdcDisplay('not an ndc', withReal)).toBe('not an ndc');
    expect(chartedNdc11('0409-4755-03', withReal)).toBe('00409475503');
    expect(chartedNdc11('0409475503', withReal)).toBe('00409475503');
    expect(chartedNdc11('1234567890', withReal)).toBeNull();
    expect(chartedNdc11('00409475503', withReal)).toBe('00409475503');
  });
});

describe('Mark coded lists everything unresolved (issue 15 fresh-coder faults)', () => {
  it('a drug line whose container type is not recorded (R-HCPCS-CONTAINER-UNKNOWN, by rule id) asks for the JW/JZ decision until the coder decides', () => {
    const doses = [push('1', 'ondansetron', '10:00', { dose: { value: '4', unit: 'mg' } }), push('2', 'ondansetron', '10:45', { dose: { value: '4', unit: 'mg' } })];
    const result = codeEncounter(enc('non-facility', doses));
    expect(result.warnings.some((w) => w.rule === 'R-HCPCS-CONTAINER-UNKNOWN')).toBe(true);
    const suggested = suggestedLines(result, '2026-05-14');
    const drugLine = suggested.find((l) => l.kind === 'hcpcs')!;
    const items = (decided: boolean) => {
      const decision = { code: drugLine.code, units: drugLine.units, modifiers: ['JZ'] };
      const { lines } = workingLines(suggested, decided ? [{ id: 1, coderName: 'Casey', at: new Date(), op: { op: 'change', lineKey: drugLine.key, value: { ...decision, basis: { ...decision, modifiers: [] } }, reason: 'Single-dose vial, none discarded' } }] : []);
      return confirmationsBeforeCoding(input({ lines, warnings: result.warnings, administrations: CLASSIC_ADMINISTRATIONS })).filter((i) => i.kind === 'jw-jz-decision');
    };
    expect(items(false)).toEqual([expect.objectContaining({ key: 'jw-jz-decision:R-HCPCS-CONTAINER-UNKNOWN:1+2', level: 'reason', lineKeys: [drugLine.key] })]);
    expect(items(false)[0]!.message).toContain('(Ondansetron HCl 4 mg at 10:00 by Nora Quinn, RN; Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN) still needs your JW/JZ decision: ondansetron (J2405): the container type is not recorded.');
    expect(items(true)).toEqual([]);
  });

  it('a lapsed decision names the line and the decision, and goes once the coder decides again', () => {
    const drugLine = realLines[2]!;
    const jz = (id: number, units: number) => ({
      id,
      coderName: 'Casey',
      at: new Date('2026-03-02T16:00:00Z'),
      op: { op: 'change' as const, lineKey: drugLine.key, value: { code: 'J2405', units, modifiers: ['JW'], basis: { code: 'J2405', units, modifiers: ['JZ'] } }, reason: 'Payer wants JW' },
    });
    const suggested = realLines.map((l) => (l.key === drugLine.key ? { ...l, units: 12 } : l));
    const lapsedNow = workingLines(suggested, [jz(1, 8)]);
    const items = confirmationsBeforeCoding(input({ lines: lapsedNow.lines, lapsed: lapsedNow.lapsed }));
    expect(items).toEqual([expect.objectContaining({ key: 'lapsed-decision:1', kind: 'lapsed-decision', level: 'reason', lineKeys: [drugLine.key] })]);
    expect(items[0]!.message).toBe(
      'Line J2405-JZ × 12: Your JW, dropping JZ on J2405 was made against 8 units; the chart now gives 12. Your reason then: Payer wants JW. Decide again on this line, or code it as the chart now gives it.',
    );
    const decided = workingLines(suggested, [jz(1, 8), jz(2, 12)]);
    expect(confirmationsBeforeCoding(input({ lines: decided.lines, lapsed: decided.lapsed }))).toEqual([]);
  });

  it('verbal and telephone orders still awaiting co-signature are listed per dose; written and protocol orders are not', () => {
    const doses = [
      { ...realDoses[0]!, orderType: 'verbal' as const, orderingProviderName: 'Amara Osei, MD' },
      { ...realDoses[1]!, orderType: 'written' as const, orderingProviderName: 'Amara Osei, MD' },
    ];
    const items = confirmationsBeforeCoding(input({ administrations: doses }));
    expect(items).toEqual([expect.objectContaining({ key: 'order-awaiting-cosign:1', kind: 'order-awaiting-cosign', level: 'reason', administrationIds: ['1'], lineKeys: ['cpt:96374:1', realLines[2]!.key] })]);
    expect(items[0]!.message).toBe("Ondansetron HCl 4 mg at 10:00 by Nora Quinn, RN: verbal order from Amara Osei, MD still awaits the provider's co-signature.");
    const phoned = confirmationsBeforeCoding(input({ administrations: [{ ...doses[0]!, orderType: 'telephone' as const }, { ...doses[1]!, orderType: 'protocol' as const }] }));
    expect(phoned.map((i) => i.key)).toEqual(['order-awaiting-cosign:1']);
  });

  it('a late entry the engine found (R-DOC-LATE-ENTRY, by rule id) needs the coder\'s reason, names the dose and says the delay as people read it', () => {
    // Dose 2 given at 10:45 was first charted 6 d 13 h later; an amendment (id 3) corrected its site a day after that.
    const doses = [
      realDoses[0]!,
      { ...realDoses[1]!, status: 'amended' as const, chartedAt: new Date(realDoses[1]!.startAt.getTime() + (6 * 24 * 60 + 13 * 60) * 60_000) },
      { ...realDoses[1]!, id: 3, amendsId: 2, site: 'R hand 22G', chartedAt: new Date('2026-03-10T12:00:00Z') },
    ];
    const late: CodingWarning = { rule: 'R-DOC-LATE-ENTRY', severity: 'warning', administrationIds: ['3'], message: 'Ondansetron HCl given at 10:45 was charted 9435 min later: a late entry needs a reason.' };
    const items = confirmationsBeforeCoding(input({ administrations: doses, warnings: [late] }));
    expect(items).toEqual([expect.objectContaining({ key: 'late-entry:3', kind: 'late-entry', level: 'reason', administrationIds: ['3'] })]);
    expect(items[0]!.message).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN: charted 6 d 13 h after it was given, with no late-entry reason (R-DOC-LATE-ENTRY).');
    expect(blockingItems(items)).toEqual([]);
  });

  it('a late entry the nurse gave a reason for is listed with that reason, measured from the original charting against the facility threshold', () => {
    // Dose 2 (10:45) first charted 45 min later with a reason, then amended days later: late against 30 min, not against 60.
    const doses = [
      realDoses[0]!,
      { ...realDoses[1]!, status: 'amended' as const, chartedAt: new Date(realDoses[1]!.startAt.getTime() + 45 * 60_000), lateEntryReason: 'Code blue next door' },
      { ...realDoses[1]!, id: 3, amendsId: 2, site: 'R hand 22G', chartedAt: new Date('2026-03-10T12:00:00Z'), lateEntryReason: 'Code blue next door' },
    ];
    const items = confirmationsBeforeCoding(input({ administrations: doses, lateEntryThresholdMinutes: 30 }));
    expect(items).toEqual([expect.objectContaining({ key: 'late-entry-with-reason:3', kind: 'late-entry', level: 'reason', administrationIds: ['3'], bedsideReason: 'Code blue next door' })]);
    expect(items[0]!.message).toBe("Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN: charted 45 min after it was given (late entry); the nurse's reason: Code blue next door");
    expect(confirmationsBeforeCoding(input({ administrations: doses, lateEntryThresholdMinutes: 60 }))).toEqual([]);
  });

  it('a drug line whose doses have no administration line left (removed, or in error) is flagged to the coder', () => {
    const drugLine = realLines.find((l) => l.kind === 'hcpcs')!;
    const noAdmin = realLines.filter((l) => l.kind === 'hcpcs');
    const items = confirmationsBeforeCoding(input({ lines: noAdmin }));
    expect(items).toEqual([expect.objectContaining({ key: `drug-without-administration:${drugLine.key}`, kind: 'drug-without-administration', level: 'reason', lineKeys: [drugLine.key] })]);
    expect(items[0]!.message).toMatch(/^J2405.* × \d+ \(Ondansetron HCl 4 mg at 10:00 by Nora Quinn, RN; .*\): no administration line is left for these doses/);
    // Both doses entered in error: the administration lines still cite them, but no current dose stands behind the drug line.
    const inError = realDoses.map((a) => ({ ...a, status: 'entered-in-error' as const }));
    expect(confirmationsBeforeCoding(input({ administrations: inError })).map((i) => i.kind)).toContain('drug-without-administration');
    expect(confirmationsBeforeCoding(input({})).map((i) => i.kind)).not.toContain('drug-without-administration');
  });
});
