// Issue 13: ceftriaxone 1 g IM in an office is 96372 × 1 and J0696 (per 250 mg) × 4,
// not J3490 × 1 — through the engine, with the starter formulary.
import { describe, it, expect } from 'vitest';
import { codeEncounter, parseEncounterInput } from '../coding';
import { STARTER_FORMULARY } from './starter-formulary';

describe('ceftriaxone 1 g IM in a non-facility encounter', () => {
  it('codes 96372 × 1 and J0696 × 4', () => {
    const parsed = parseEncounterInput({
      setting: 'non-facility',
      options: { formulary: STARTER_FORMULARY, timeZone: 'America/New_York' },
      administrations: [
        {
          id: 'a1', drug: 'Ceftriaxone sodium', drugKey: 'ceftriaxone', kind: 'injection',
          start: '2026-05-14T14:00:00Z', stop: null, site: 'R ventrogluteal', route: 'IM',
          dose: { value: 1, unit: 'g' },
        },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const r = codeEncounter(parsed.value);
    // Administration codes are in `lines`, drug-supply (HCPCS) lines in `supplyLines`.
    const all = [...r.lines, ...r.supplyLines];
    const units = (code: string) => all.filter((l) => l.code === code).reduce((s, l) => s + l.units, 0);
    expect(r.lines.map((l) => [l.code, l.units])).toEqual([['96372', 1]]);
    expect(units('J0696')).toBe(4);
    expect(r.supplyLines.find((l) => l.code === 'J0696')?.administrationIds).toEqual(['a1']);
    expect(all.some((l) => l.code === 'J3490')).toBe(false);
  });
});
