import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { codeEncounter, parseEncounterInput } from './index';

interface PublicCase {
  id: string;
  description: string;
  input: unknown;
  expected: { codes: Record<string, number>; warningRules: string[] };
}

// The project's own copy of the published cases (the repository stands alone).
const cases = JSON.parse(readFileSync(new URL('./fixtures/public-cases.json', import.meta.url), 'utf8')) as PublicCase[];

describe('published worked cases (fixtures/public-cases.json)', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of cases) {
    it(`${c.id}: ${c.description}`, () => {
      const parsed = parseEncounterInput(c.input);
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      const result = codeEncounter(parsed.value);
      for (const [code, expectedUnits] of Object.entries(c.expected.codes)) {
        const total = result.lines.filter((l) => l.code === code).reduce((s, l) => s + l.units, 0);
        expect(total, `units of ${code}`).toBe(expectedUnits);
      }
      const warningRules = result.warnings.map((w) => w.rule);
      for (const rule of c.expected.warningRules) expect(warningRules).toContain(rule);
    });
  }
});
