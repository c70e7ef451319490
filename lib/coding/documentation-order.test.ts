// R-DOC-ORDER (coding-rules.md §9): with the option `requireOrder`, every
// administration must name its ordering provider and order type; without it the
// engine's output is exactly what it was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeEncounter, documentationGaps, parseEncounterInput, RULES, type EncounterInput } from './index';
import { enc, push, rules, units } from './test-support/build';

const written = { provider: 'Amara Osei, MD', type: 'written' as const };

describe('R-DOC-ORDER with requireOrder', () => {
  it('flags a dose without an order, without a provider or without a type, and only those', () => {
    const r = codeEncounter(
      enc(
        'facility',
        [
          push('ok', 'ondansetron', '10:00', { order: written }),
          push('none', 'ondansetron', '10:45'),
          push('no-provider', 'morphine', '11:00', { order: { provider: '  ', type: 'verbal' } }),
          push('no-type', 'ketorolac', '11:10', { order: { provider: 'Amara Osei, MD', type: null } }),
          push('null', 'famotidine', '11:20', { order: null }),
        ],
        { requireOrder: true },
      ),
    );
    const flagged = r.warnings.filter((w) => w.rule === RULES.DOC_ORDER);
    expect(flagged.map((w) => w.administrationIds)).toEqual([['none'], ['no-provider'], ['no-type'], ['null']]);
    expect(flagged.every((w) => w.severity === 'warning')).toBe(true);
    expect(flagged[0]!.message).toMatch(/ordering provider and order type not documented/);
  });

  it('accepts every order type, a standing protocol included', () => {
    for (const type of ['written', 'verbal', 'telephone', 'protocol'] as const) {
      const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00', { order: { provider: 'Amara Osei, MD', type } })], { requireOrder: true }));
      expect(rules(r)).not.toContain(RULES.DOC_ORDER);
    }
  });

  it('is a documentation gap, so it blocks signing like the other R-DOC gaps, and changes no code', () => {
    const input = enc('facility', [push('a1', 'ondansetron', '10:00'), push('a2', 'ondansetron', '10:45')]);
    const plain = codeEncounter(input);
    const required = codeEncounter({ ...input, options: { requireOrder: true } });
    expect(required.warnings.filter((w) => w.rule.startsWith('R-DOC-') && w.severity !== 'info').map((w) => w.rule)).toEqual([RULES.DOC_ORDER, RULES.DOC_ORDER]);
    expect(units(required)).toEqual(units(plain));
    expect(required.lines).toEqual(plain.lines);
    expect(documentationGaps({ drug: 'x', start: 'y', stop: 'z', order: written }, { requireOrder: true })).toEqual([]);
    expect(documentationGaps({ drug: 'x', start: 'y', stop: 'z' }, { requireOrder: true }).map((g) => g.rule)).toEqual([RULES.DOC_ORDER]);
  });

  it('rejects an unknown order type and a non-object order at the schema', () => {
    const bad = parseEncounterInput({ setting: 'facility', administrations: [{ ...push('a1', 'ondansetron', '10:00'), order: { provider: 'X', type: 'email' } }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toMatch(/administrations\[0\]\.order\.type/);
    const notObject = parseEncounterInput({ setting: 'facility', administrations: [{ ...push('a1', 'ondansetron', '10:00'), order: 'written' }] });
    expect(notObject.ok).toBe(false);
    expect(parseEncounterInput({ setting: 'facility', options: { requireOrder: 'yes' }, administrations: [] }).ok).toBe(false);
  });
});

describe('R-DOC-ORDER without the option', () => {
  it('never appears, even for a dose with an empty order', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00', { order: { provider: '', type: null } }), push('a2', 'ondansetron', '10:45')]));
    expect(rules(r)).not.toContain(RULES.DOC_ORDER);
  });

  it('leaves every published case byte-for-byte unchanged, with or without order fields', () => {
    const cases = JSON.parse(readFileSync(new URL('./fixtures/public-cases.json', import.meta.url), 'utf8')) as { id: string; input: unknown }[];
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) {
      const parsed = parseEncounterInput(c.input);
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      const before = JSON.stringify(codeEncounter(parsed.value));
      const withOrders: EncounterInput = { ...parsed.value, administrations: parsed.value.administrations.map((a, i) => ({ ...a, order: i % 2 ? written : null })) };
      expect(JSON.stringify(codeEncounter(withOrders)), c.id).toBe(before);
      expect(before).not.toContain('R-DOC-ORDER');
    }
  });
});
