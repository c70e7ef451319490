import { describe, expect, it } from 'vitest';
import { STARTER_FORMULARY } from './starter-formulary';
import { normaliseDrugText, searchFormulary } from './search';

const first = (query: string) => searchFormulary(STARTER_FORMULARY, query)[0];
const keys = (query: string) => searchFormulary(STARTER_FORMULARY, query).map((m) => m.drug.key);

describe('searchFormulary over the starter formulary', () => {
  // Over the data as it is: every drug added later is covered without editing this test.
  const aliasRows = STARTER_FORMULARY.flatMap((d) => d.aliases.map((alias) => ({ key: d.key, alias })));

  it('the starter list has aliases to test', () => {
    expect(aliasRows.length).toBeGreaterThan(10);
  });

  it.each(aliasRows)('alias "$alias" finds $key first, exactly', ({ key, alias }) => {
    const [top, second] = searchFormulary(STARTER_FORMULARY, alias);
    expect(top?.drug.key).toBe(key);
    expect(top?.rank).toBe('exact');
    // Two drugs sharing one alias would make the pick a coin toss.
    if (second?.rank === 'exact') expect(second.drug.key, `"${alias}" is an exact name or alias of two drugs`).toBe(key);
  });

  it.each(STARTER_FORMULARY.map((d) => ({ key: d.key, name: d.name })))('generic name "$name" finds $key first, with no alias shown', ({ key, name }) => {
    expect(first(name)).toMatchObject({ drug: { key }, rank: 'exact' });
    expect(first(name)?.matchedAlias).toBeUndefined();
    expect(first(name.toUpperCase())?.drug.key).toBe(key);
  });

  it('"NS" finds sodium chloride 0.9% first (an exact alias beats the substring in "ondansetron")', () => {
    const found = keys('NS');
    expect(found[0]).toBe('sodium-chloride-0.9');
    expect(found).toContain('ondansetron');
    expect(first('NS')?.matchedAlias).toBe('ns');
  });

  it('"LR" finds lactated Ringer\'s first', () => {
    expect(first('LR')?.drug.key).toBe('lactated-ringers');
  });

  it.each(['zofran', 'ZOFRAN', 'Zofrán', ' zofran ', 'Zof'])('"%s" finds ondansetron and names the brand', (q) => {
    expect(first(q)).toMatchObject({ drug: { key: 'ondansetron' }, matchedAlias: 'zofran' });
  });

  it('punctuation and spacing do not matter: solu-medrol = solumedrol = solu medrol = SOLU MEDROL', () => {
    for (const q of ['solu-medrol', 'solumedrol', 'solu medrol', 'SOLU MEDROL', 'solu med']) {
      expect(first(q)?.drug.key, q).toBe('methylprednisolone');
    }
  });

  it('normal saline by its full name, and by its words in another order', () => {
    expect(first('normal saline')).toMatchObject({ drug: { key: 'sodium-chloride-0.9' }, rank: 'exact', matchedAlias: 'normal saline' });
    expect(first('saline normal')?.drug.key).toBe('sodium-chloride-0.9');
  });

  it('a query with no match gives []', () => {
    expect(searchFormulary(STARTER_FORMULARY, 'qqqzzz')).toEqual([]);
    expect(searchFormulary(STARTER_FORMULARY, 'zofran xyzzy')).toEqual([]);
  });

  it('a blank query lists every drug by name; limit caps it', () => {
    const all = searchFormulary(STARTER_FORMULARY, '  ');
    expect(all).toHaveLength(STARTER_FORMULARY.length);
    expect(all.every((m) => m.rank === 'all')).toBe(true);
    expect(searchFormulary(STARTER_FORMULARY, '', 8)).toHaveLength(8);
  });
});

describe('searchFormulary ranking', () => {
  const drugs = [
    { key: 'b', name: 'Bbb chloride', aliases: [] },
    { key: 'a', name: 'Chloroprocaine', aliases: [] },
    { key: 'c', name: 'Achlorine', aliases: ['Xchlor'] },
    { key: 'd', name: 'Zeta', aliases: ['chlor'] },
  ];

  it('exact, then a word prefix (by name), then a substring', () => {
    expect(searchFormulary(drugs, 'chlor').map((m) => [m.drug.key, m.rank])).toEqual([
      ['d', 'exact'],
      ['b', 'prefix'],
      ['a', 'prefix'],
      ['c', 'substring'],
    ]);
  });

  it('the order does not depend on the input order', () => {
    const reversed = [...drugs].reverse();
    expect(searchFormulary(reversed, 'chlor').map((m) => m.drug.key)).toEqual(searchFormulary(drugs, 'chlor').map((m) => m.drug.key));
  });

  it('an alias shown only when it, not the name, matched best', () => {
    const [prefixByName] = searchFormulary([{ key: 'x', name: 'Ondansetron', aliases: ['ondansetron injection'] }], 'ondans');
    expect(prefixByName?.matchedAlias).toBeUndefined();
  });
});

describe('normaliseDrugText', () => {
  it.each([
    ['Zofrán', 'zofran'],
    ['Solu-Medrol', 'solu medrol'],
    ['  0.9% NaCl ', '0 9 nacl'],
    ["Lactated Ringer's", 'lactated ringer s'],
    ['MgSO₄', 'mgso4'],
    ['Ｚｏｆｒａｎ', 'zofran'],
  ])('%s → %s', (input, out) => {
    expect(normaliseDrugText(input)).toBe(out);
  });
});
