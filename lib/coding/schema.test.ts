import { describe, it, expect } from 'vitest';
import { encounterInputSchema, parseEncounterInput } from './schema';

const valid = {
  setting: 'facility',
  administrations: [{ id: 'a1', drug: 'ondansetron', kind: 'push', start: '2026-03-02T14:00:00Z', stop: '2026-03-02T14:01:00Z', site: 'L AC 20G' }],
};

describe('encounterInputSchema (coding-rules.md §12)', () => {
  it('accepts the §12 example and the app extras', () => {
    expect(encounterInputSchema.safeParse(valid).success).toBe(true);
    const extras = { ...valid, options: { timeZone: 'America/New_York', hcpcsRounding: 'per-dose', jwJz: 'none' }, administrations: [{ ...valid.administrations[0], dose: { value: 4, unit: 'mg' }, rationale: 'nausea', performer: 'A. Nurse RN', ndc: '99999-001-01', containerType: 'single-dose' }] };
    expect(encounterInputSchema.safeParse(extras).success).toBe(true);
  });

  it('names the field in every error', () => {
    const bad = {
      setting: 'facility',
      options: { timeZone: 'Mars/Olympus', sameDrugBoundary: 'sometimes' },
      administrations: [
        { id: 'a1', drug: 'x', kind: 'push', start: '2026-03-02T14:00:00Z', stop: null },
        { id: 'a1', drug: 'x', kind: 'push', start: 'yesterday', dose: { value: 'four', unit: 'mg' } },
      ],
    };
    const r = parseEncounterInput(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(expect.arrayContaining([
      'options.timeZone: unknown IANA time zone',
      "options.sameDrugBoundary: must be 'inclusive' or 'exclusive'",
      expect.stringMatching(/^administrations\[1\]\.start: invalid ISO 8601 instant/),
      'administrations[1].dose.value: must be a non-negative decimal number',
    ]));
  });

  it('rejects duplicate ids and stop before start', () => {
    const r = parseEncounterInput({ setting: 'facility', administrations: [valid.administrations[0], { ...valid.administrations[0], stop: '2026-03-02T13:00:00Z' }] });
    expect(r.ok ? [] : r.errors).toEqual(['administrations[1].id: duplicate id "a1" (also administrations[0])', 'administrations[1].stop: stop is before start']);
  });
});
