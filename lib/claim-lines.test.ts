import { describe, expect, it } from 'vitest';
import { serviceDayOf } from './claim-lines';
import { codeEncounter } from './coding';
import { suggestedLines, workingLines } from './coding-review';
import { chainRoots, engineInput } from './engine-input';
import { claimCsvRows, claimLinesCsv } from './export/claim-csv';
import { administration, FORMULARY } from './export/test-fixtures';

// A cross-midnight ED stay (America/New_York): ondansetron on 29 Nov 21:32 local, morphine on 30 Nov 22:32 local.
const zone = 'America/New_York';
const rows = [
  administration({ id: 1, startAt: new Date('2026-11-30T02:32:00Z'), stopAt: new Date('2026-11-30T02:33:00Z'), chartedAt: new Date('2026-11-30T02:40:00Z') }),
  administration({ id: 2, drugId: 9, drugKey: 'morphine', drugName: 'Morphine sulfate', doseValue: '4', ndc: null, startAt: new Date('2026-12-01T03:32:00Z'), stopAt: new Date('2026-12-01T03:33:00Z'), chartedAt: new Date('2026-12-01T03:40:00Z'), rationale: 'Pain' }),
];

describe('each claim line is dated by its own first dose (issue 15 review: cross-midnight)', () => {
  const dayOf = serviceDayOf(rows, zone);
  const result = codeEncounter(engineInput({ setting: 'facility', timeZone: zone, formulary: FORMULARY }, rows));
  const suggested = suggestedLines(result, '2026-11-29', chainRoots(rows), dayOf);

  it('reads the local date of the earliest cited dose', () => {
    expect(dayOf(['2'])).toBe('2026-11-30');
    expect(dayOf(['2', '1'])).toBe('2026-11-29');
    expect(dayOf(['99'])).toBeNull();
  });

  it('dates CPT lines as their HCPCS lines: the 96375 for the dose given on 30 Nov is dated 30 Nov', () => {
    const byCode = (code: string) => suggested.filter((l) => l.code === code).map((l) => l.dateOfService);
    expect(byCode('96374')).toEqual(['2026-11-29']);
    expect(byCode('96375')).toEqual(['2026-11-30']);
    const morphineDrug = suggested.find((l) => l.kind === 'hcpcs' && l.administrationIds.includes('2'));
    if (morphineDrug) expect(morphineDrug.dateOfService).toBe('2026-11-30');
    for (const l of suggested) expect(l.dateOfService).toBe(dayOf(l.administrationIds));
  });

  it('a line the coder adds is dated by the dose it cites, and the CSV carries each line\'s date', () => {
    const { lines } = workingLines(suggested, [{ id: 1, coderName: 'Casey Morgan, CPC', at: new Date(), op: { op: 'add', value: { kind: 'hcpcs', code: 'J2270', units: 1, modifiers: [], administrationIds: ['2'] }, reason: 'drug line' } }], chainRoots(rows), dayOf);
    expect(lines.at(-1)!.dateOfService).toBe('2026-11-30');
    const rows96375 = claimCsvRows({ encounter: { id: 4, mrn: 'ED-7788', setting: 'facility' }, lines, administrations: rows, formulary: FORMULARY, coder: { name: 'Casey Morgan', credentials: 'CPC' } }).filter((r) => r.code === '96375');
    expect(rows96375.map((r) => r.dateOfService)).toEqual(['2026-11-30']);
    expect(claimLinesCsv(rows96375, { bom: false })).toContain('2026-11-30');
  });
});
