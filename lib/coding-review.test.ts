import { describe, expect, it } from 'vitest';
import type { FinalLine } from './claim-lines';
import { diffLines, workingLines, type RecordedOverride } from './coding-review';

const line = (code: string, units: number, ids: string[], kind: 'cpt' | 'hcpcs' = 'cpt', modifiers: string[] = []): FinalLine => ({
  key: `${kind}:${code}:${ids.join('+')}`,
  kind,
  code,
  units,
  modifiers,
  administrationIds: ids,
  rule: 'R',
  explanation: '',
  ndc11: null,
  dateOfService: '2026-03-02',
  source: 'engine',
});
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
