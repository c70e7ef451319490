import { describe, expect, it } from 'vitest';
import type { FinalLine } from './claim-lines';
import { codeEncounter } from './coding';
import { chosenInitial, diffLines, followCorrections, isEmptyDiff, lineControlNames, suggestedLines, workingLines, type RecordedOverride } from './coding-review';
import { chainRoots, currentVersions, engineInput } from './engine-input';
import { administration, CLASSIC_ADMINISTRATIONS, FORMULARY, finalLine } from './export/test-fixtures';
import type { AdministrationView } from './types';

const line = finalLine;
const at = new Date('2026-03-02T16:00:00Z');
const rec = (id: number, op: RecordedOverride['op']): RecordedOverride => ({ id, coderName: 'Casey', at, op });

describe('working lines', () => {
  const suggested = [line('96374', 1, ['1']), line('96376', 1, ['2']), line('J2405', 8, ['1', '2'], 'hcpcs', ['JZ'])];

  it('applies a change with its reason and keeps the engine values beside it', () => {
    const { lines } = workingLines(suggested, [
      rec(1, { op: 'change', lineKey: 'hcpcs:J2405:1+2', value: { code: 'J2405', units: 8, modifiers: [], basis: { code: 'J2405', units: 8, modifiers: ['JZ'] } }, reason: 'no JZ' }),
    ]);
    expect(lines[2]).toMatchObject({ modifiers: [], source: 'override', overrideReason: 'no JZ', engine: { code: 'J2405', units: 8, modifiers: ['JZ'] } });
  });

  it('an added line, read back from the database with no line key, replays with chain roots (it crashed the review)', () => {
    const stored = { op: 'add', lineKey: undefined, value: { code: 'J3490', units: 2, modifiers: [], administrationIds: ['1'], kind: 'hcpcs' }, reason: 'NOC supply' } as unknown as RecordedOverride['op'];
    const { lines } = workingLines(suggested, [rec(1, stored)], new Map([['1', '1'], ['2', '2']]));
    expect(lines.map((l) => l.code)).toContain('J3490');
  });

  it('flags an orphan add-on when its primary is removed, and accept-all starts over', () => {
    const removed = workingLines(suggested, [rec(1, { op: 'remove', lineKey: 'cpt:96374:1', reason: 'x' })]);
    expect(removed.problems.map((p) => p.code)).toEqual(['96376']);
    const reset = workingLines(suggested, [rec(1, { op: 'remove', lineKey: 'cpt:96374:1', reason: 'x' }), rec(2, { op: 'accept-all' })]);
    expect(reset.lines).toHaveLength(3);
    expect(reset.problems).toEqual([]);
  });

  it('a decision made against other engine numbers lapses (charge follows chart)', () => {
    const changed = [suggested[0]!, suggested[1]!, line('J2405', 12, ['1', '2'], 'hcpcs', ['JZ'])];
    const ops = [rec(1, { op: 'change', lineKey: 'hcpcs:J2405:1+2', value: { code: 'J2405', units: 8, modifiers: [], basis: { code: 'J2405', units: 8, modifiers: ['JZ'] } }, reason: 'no JZ' })];
    const { lines, stale } = workingLines(changed, ops);
    expect(lines[2]).toMatchObject({ units: 12, source: 'engine' });
    expect(stale).toHaveLength(1);
  });
});

describe('decisions that lapsed say which (issue 15 item 2)', () => {
  // J2405 is packaged under OPPS: the engine suggests no modifier; the coder adds JZ against 16 units.
  const drug = (units: number, modifiers: string[] = []) => line('J2405', units, ['1', '2'], 'hcpcs', modifiers);
  const jz = (id: number, units: number) =>
    rec(id, { op: 'change', lineKey: 'hcpcs:J2405:1+2', value: { code: 'J2405', units, modifiers: ['JZ'], basis: { code: 'J2405', units, modifiers: [] } }, reason: 'payer wants JZ' });

  it('names the line and the decision beside it when the chart changes the numbers it was made against', () => {
    const { lines, lapsed } = workingLines([line('96374', 1, ['1']), drug(12)], [jz(1, 16)]);
    expect(lines[1]).toMatchObject({ units: 12, modifiers: [], source: 'engine' });
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({ lineKey: 'hcpcs:J2405:1+2', message: 'Your JZ on J2405 was made against 16 units; the chart now gives 12.' });
  });

  it('goes once the coder decides again on that line, and the earlier decision does not come back if the chart returns', () => {
    const again = workingLines([drug(12)], [jz(1, 16), jz(2, 12)]);
    expect(again.lapsed).toEqual([]);
    expect(again.lines[0]).toMatchObject({ units: 12, modifiers: ['JZ'], source: 'override' });
    // The chart goes back to 16: the last decision (against 12) lapses; the first is not revived.
    const back = workingLines([drug(16)], [jz(1, 16), jz(2, 12)]);
    expect(back.lines[0]).toMatchObject({ units: 16, modifiers: [], source: 'engine' });
    expect(back.lapsed.map((l) => [l.override.id, l.message])).toEqual([[2, 'Your JZ on J2405 was made against 12 units; the chart now gives 16.']]);
    // A removal decided again clears it too; accept-all clears every notice.
    expect(workingLines([drug(12)], [jz(1, 16), rec(2, { op: 'remove', lineKey: 'hcpcs:J2405:1+2', value: { basis: { code: 'J2405', units: 12, modifiers: [] } }, reason: 'x' })]).lapsed).toEqual([]);
    expect(workingLines([drug(12)], [jz(1, 16), rec(2, { op: 'accept-all' })]).lapsed).toEqual([]);
  });

  it('a line whose key changed (the engine now adds JZ) carries the notice, and deciding on the new key clears it', () => {
    const moved = line('J2405', 12, ['1', '2'], 'hcpcs', ['JZ']);
    moved.key = 'hcpcs:J2405:2026-03-02:JZ:';
    const ops = [rec(1, { op: 'remove', lineKey: 'hcpcs:J2405:2026-03-02::', value: { basis: { code: 'J2405', units: 16, modifiers: [] } }, reason: 'bundled' })];
    const { lapsed } = workingLines([moved], ops);
    expect(lapsed[0]).toMatchObject({ lineKey: moved.key, message: 'Your removal of J2405 was made against J2405 × 16; the chart now gives J2405-JZ × 12.' });
    const decided = [...ops, rec(2, { op: 'change', lineKey: moved.key, value: { code: 'J2405', units: 12, modifiers: [], basis: { code: 'J2405', units: 12, modifiers: ['JZ'] } }, reason: 'packaged' })];
    expect(workingLines([moved], decided).lapsed).toEqual([]);
  });

  it('a decision on a line the chart no longer gives is listed without a line', () => {
    const { lapsed } = workingLines([line('96374', 1, ['1'])], [rec(1, { op: 'remove', lineKey: 'cpt:96376:2', value: { basis: { code: '96376', units: 1, modifiers: [] } }, reason: 'x' })]);
    expect(lapsed).toMatchObject([{ lineKey: null, message: 'Your removal of 96376 was made against 96376 × 1; the chart no longer gives this line.' }]);
  });
});

describe('what changed since coding', () => {
  it('reports removed administration lines and changed drug units', () => {
    const before = [line('96374', 1, ['1']), line('96376', 1, ['2']), line('J2405', 8, ['1', '2'], 'hcpcs')];
    const after = [line('96374', 1, ['1']), line('J2405', 4, ['1'], 'hcpcs')];
    const diff = diffLines(before, after);
    expect(diff.removed.map((l) => l.code)).toEqual(['96376']);
    expect(diff.added).toEqual([]);
    expect(diff.changed.map((c) => `${c.before.units}->${c.after.units}`)).toEqual(['8->4']);
  });
});

describe('lines and decisions follow the amendment chain, not the row (issue 15 fresh-coder fault)', () => {
  // Two 4 mg ondansetron pushes: 96374 (dose 1), 96376 (dose 2), J2405 × 8. A correction is a new row (id 3) amending dose 2.
  const ctx = { setting: 'facility' as const, timeZone: 'America/New_York', formulary: FORMULARY };
  const [first, second] = CLASSIC_ADMINISTRATIONS as [AdministrationView, AdministrationView];
  const amended = (over: Partial<AdministrationView>): AdministrationView[] => [
    first,
    { ...second, status: 'amended' },
    administration({ ...second, id: 3, amendsId: 2, chartedAt: new Date('2026-03-08T09:00:00Z'), correctionReason: 'Wrong site charted', ...over }),
  ];
  function review(rows: AdministrationView[], overrides: RecordedOverride[]) {
    const roots = chainRoots(rows);
    const suggested = suggestedLines(codeEncounter(engineInput(ctx, rows)), '2026-03-02', roots);
    return { suggested, roots, ...workingLines(suggested, overrides, roots) };
  }
  const before = review(CLASSIC_ADMINISTRATIONS, []);
  const drugKey = before.suggested.find((l) => l.code === 'J2405')!.key;
  const addOnKey = before.suggested.find((l) => l.code === '96376')!.key;
  const jz = (id: number, key: string, units: number) =>
    rec(id, { op: 'change', lineKey: key, value: { code: 'J2405', units, modifiers: ['JZ'], basis: { code: 'J2405', units, modifiers: [] } }, reason: 'Payer wants JZ' });
  const addOn59 = rec(2, { op: 'change', lineKey: addOnKey, value: { code: '96376', units: 1, modifiers: ['59'], basis: { code: '96376', units: 1, modifiers: [] } }, reason: 'Separate site' });

  it('an administration line is keyed by its doses\' original entries, whatever was amended', () => {
    expect(addOnKey).toBe('cpt:96376::2');
    const after = review(amended({ site: 'R hand 22G' }), []);
    expect(after.suggested.find((l) => l.code === '96376')).toMatchObject({ key: 'cpt:96376::2', administrationIds: ['3'] });
  });

  it('amending the site keeps every decision applied, with no lapsed notice', () => {
    const { lines, lapsed, stale } = review(amended({ site: 'R hand 22G' }), [jz(1, drugKey, 8), addOn59]);
    expect(stale).toEqual([]);
    expect(lapsed).toEqual([]);
    expect(lines.find((l) => l.code === '96376')).toMatchObject({ modifiers: ['59'], source: 'override', administrationIds: ['3'] });
    expect(lines.find((l) => l.code === 'J2405')).toMatchObject({ modifiers: ['JZ'], source: 'override' });
  });

  it('amending the dose lapses only the decision on the line whose numbers changed, named with what the chart now gives', () => {
    const { lines, lapsed } = review(amended({ doseValue: '8' }), [jz(1, drugKey, 8), addOn59]);
    expect(lines.find((l) => l.code === '96376')).toMatchObject({ modifiers: ['59'], source: 'override' });
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({ lineKey: drugKey, message: 'Your JZ on J2405 was made against 8 units; the chart now gives 12.' });
  });

  it('deciding again on that line clears the notice', () => {
    const { lines, lapsed } = review(amended({ doseValue: '8' }), [jz(1, drugKey, 8), addOn59, jz(3, drugKey, 12)]);
    expect(lapsed).toEqual([]);
    expect(lines.find((l) => l.code === 'J2405')).toMatchObject({ units: 12, modifiers: ['JZ'], source: 'override' });
  });

  it('a decision recorded against an amended row\'s id (before keys named the chain) still reads as the same line', () => {
    const rows = amended({ site: 'R hand 22G' });
    const legacy = rec(2, { op: 'remove', lineKey: 'cpt:96376::3', value: { basis: { code: '96376', units: 1, modifiers: [] } }, reason: 'Bundled by payer' });
    // Corrected twice: 4 amends 3 amends 2; the decision named row 3.
    const next = [...rows.slice(0, 2), { ...rows[2]!, status: 'amended' as const }, administration({ ...second, id: 4, amendsId: 3, site: 'R forearm 20G' })];
    const { lines, lapsed } = review(next, [legacy]);
    expect(lines.some((l) => l.code === '96376')).toBe(false);
    expect(lapsed).toEqual([]);
  });

  it('a drug line whose key moved (a corrected NDC) keeps a decision whose numbers still hold', () => {
    const { lines, lapsed } = review(amended({ ndc: '99999-0001-01' }), [jz(1, 'hcpcs:J2405:2026-03-02::00000000000', 8)]);
    expect(lapsed).toEqual([]);
    expect(lines.find((l) => l.code === 'J2405')).toMatchObject({ modifiers: ['JZ'], source: 'override' });
  });

  it('the changes since coding do not list a corrected dose\'s unchanged line as removed and new', () => {
    const after = review(amended({ site: 'R hand 22G' }), []);
    expect(isEmptyDiff(diffLines(before.suggested, after.lines, after.roots))).toBe(true);
  });
});

describe('every line\'s controls have a name no other line shares (issue 15)', () => {
  const names = new Map([
    ['1', 'Ondansetron HCl 4 mg at 10:00 by Nora Quinn, RN'],
    ['2', 'Famotidine 20 mg at 10:05 by Nora Quinn, RN'],
  ]);
  it('two lines with the same code are told apart by their doses', () => {
    const got = lineControlNames([line('96375', 1, ['1']), line('96375', 1, ['2'])], names);
    expect([...got.values()]).toEqual(['96375 for Ondansetron HCl 4 mg at 10:00 by Nora Quinn, RN', '96375 for Famotidine 20 mg at 10:05 by Nora Quinn, RN']);
  });
  it('lines still alike (added without doses) are numbered in claim order', () => {
    const added = (key: string): FinalLine => ({ ...line('J3490', 2, []), key, source: 'added' });
    const got = lineControlNames([added('added:1'), added('added:2'), line('J2405', 8, ['1', '2'], 'hcpcs')], names);
    expect([...got.values()]).toEqual([
      'J3490 × 2 (added by the coder) (line 1 of 2)',
      'J3490 × 2 (added by the coder) (line 2 of 2)',
      'J2405 for Ondansetron HCl 4 mg at 10:00 by Nora Quinn, RN; Famotidine 20 mg at 10:05 by Nora Quinn, RN',
    ]);
    expect(new Set(got.values()).size).toBe(3);
  });
});

describe('decisions that cite a dose follow it to its correction', () => {
  const rows = [
    administration({ id: 1 }),
    administration({ id: 2, status: 'amended' }),
    administration({ id: 3, amendsId: 2 }),
    administration({ id: 4, status: 'entered-in-error' }),
  ];
  it('an added line\'s doses and the office\'s initial service name the current version; a voided dose stays as recorded', () => {
    const current = currentVersions(rows);
    const moved = followCorrections(
      [
        rec(1, { op: 'add', value: { code: '96375', units: 1, modifiers: [], administrationIds: ['2', '4'], kind: 'cpt' }, reason: 'Separate push' }),
        rec(2, { op: 'initial', value: { administrationId: '2' }, reason: 'Primary reason for the visit' }),
        rec(3, { op: 'accept-all' }),
      ],
      current,
    );
    expect(moved.map((o) => o.op)).toEqual([
      { op: 'add', value: { code: '96375', units: 1, modifiers: [], administrationIds: ['3', '4'], kind: 'cpt' }, reason: 'Separate push' },
      { op: 'initial', value: { administrationId: '3' }, reason: 'Primary reason for the visit' },
      { op: 'accept-all' },
    ]);
    expect(chosenInitial(moved)).toBeNull();
    expect(chosenInitial(moved.slice(0, 2))).toEqual({ administrationId: '3', reason: 'Primary reason for the visit' });
  });
});
