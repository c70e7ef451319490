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
