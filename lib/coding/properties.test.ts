import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { codeEncounter, checkAddOnIntegrity, INITIAL_CODES, type AdministrationInput, type EncounterInput } from './index';

const BASE = Date.UTC(2026, 4, 14, 6, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const DRUGS = ['ondansetron', 'Ondansetron HCl', 'morphine', 'ketorolac', 'famotidine', 'vancomycin'];
const CHEMO = ['vincristine', 'cisplatin'];

const administration = fc.record({
    kind: fc.constantFrom('push', 'push', 'infusion', 'hydration', 'injection'),
    drugIndex: fc.nat({ max: DRUGS.length - 1 }),
    chemo: fc.boolean(),
    startMin: fc.integer({ min: 0, max: 600 }),
    minutes: fc.option(fc.integer({ min: 0, max: 200 }), { freq: 8 }),
    site: fc.constantFrom('L AC 20G', 'L AC 20G', 'R hand 22G', undefined),
  });

const encounter = fc
  .record({
    setting: fc.constantFrom('facility', 'non-facility') as fc.Arbitrary<'facility' | 'non-facility'>,
    items: fc.array(administration, { minLength: 1, maxLength: 14 }),
    boundary: fc.constantFrom('inclusive', 'exclusive') as fc.Arbitrary<'inclusive' | 'exclusive'>,
  })
  .map(({ setting, items, boundary }): EncounterInput => ({
    setting,
    options: { sameDrugBoundary: boundary },
    administrations: items.map((it, i): AdministrationInput => {
      // Chemo is a property of the drug, so it stays consistent per drug.
      const chemo = it.chemo && it.kind !== 'hydration' && it.kind !== 'injection';
      const drug = chemo ? CHEMO[it.drugIndex % CHEMO.length]! : it.kind === 'hydration' ? 'normal saline' : DRUGS[it.drugIndex]!;
      const start = BASE + it.startMin * 60_000;
      const stop = it.kind === 'injection' || it.minutes === null ? null : iso(start + it.minutes * 60_000);
      return { id: `a${i}`, drug, kind: it.kind as AdministrationInput['kind'], chemo, start: iso(start), stop, ...(it.site ? { site: it.site } : {}) };
    }),
  }));

const RUNS = { numRuns: 200 };
const PUSH_CODES = new Set(['96374', '96375', '96376', '96409', '96411']);
const drugKey = (name: string) => name.toLowerCase().replace(' hcl', '');

describe('engine properties over random encounters', () => {
  it('never an add-on line without a valid primary', () => {
    fc.assert(fc.property(encounter, (input) => {
      expect(checkAddOnIntegrity(codeEncounter(input).lines)).toEqual([]);
    }), RUNS);
  });

  it('at most one initial line without separateSiteInitials', () => {
    fc.assert(fc.property(encounter, (input) => {
      const initials = codeEncounter(input).lines.filter((l) => INITIAL_CODES.has(l.code));
      expect(initials.length).toBeLessThanOrEqual(1);
    }), RUNS);
  });

  it('output does not depend on the order administrations are listed in', () => {
    fc.assert(fc.property(encounter, fc.integer(), (input, seed) => {
      const shuffled = [...input.administrations];
      let s = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) | 0;
        const j = Math.abs(s) % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(codeEncounter({ ...input, administrations: shuffled })).toEqual(codeEncounter(input));
    }), RUNS);
  });

  it('no 96376 in the non-facility setting', () => {
    fc.assert(fc.property(encounter, (input) => {
      const r = codeEncounter({ ...input, setting: 'non-facility' });
      expect(r.lines.some((l) => l.code === '96376')).toBe(false);
    }), RUNS);
  });

  it('no two reported pushes of the same drug less than 30 minutes apart', () => {
    fc.assert(fc.property(encounter, (input) => {
      const r = codeEncounter(input);
      const byId = new Map(input.administrations.map((a) => [a.id, a]));
      const starts = new Map<string, number[]>();
      for (const l of r.lines) {
        if (!PUSH_CODES.has(l.code)) continue;
        const a = byId.get(l.administrationIds[0]!)!;
        const key = drugKey(a.drug);
        starts.set(key, [...(starts.get(key) ?? []), Date.parse(a.start)]);
      }
      for (const list of starts.values()) {
        list.sort((x, y) => x - y);
        for (let i = 1; i < list.length; i++) expect(list[i]! - list[i - 1]!).toBeGreaterThanOrEqual(30 * 60_000);
      }
    }), RUNS);
  });

  it('is deterministic', () => {
    fc.assert(fc.property(encounter, (input) => {
      expect(JSON.stringify(codeEncounter(input))).toBe(JSON.stringify(codeEncounter(structuredClone(input))));
    }), RUNS);
  });

  it('every administration id in the output exists in the input', () => {
    fc.assert(fc.property(encounter, (input) => {
      const ids = new Set(input.administrations.map((a) => a.id));
      const r = codeEncounter(input);
      for (const l of [...r.lines, ...r.warnings, ...r.supplyLines]) for (const id of l.administrationIds) expect(ids.has(id)).toBe(true);
    }), RUNS);
  });
});
