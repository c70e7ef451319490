import { describe, expect, it } from 'vitest';
import { decisionsInForce, workingLines, type RecordedOverride } from './coding-review';
import { finalLine } from './export/test-fixtures';

const line = finalLine;
const rec = (id: number, op: RecordedOverride['op']): RecordedOverride => ({ id, coderName: 'Casey Morgan, CPC', at: new Date(Date.UTC(2026, 2, 2, 16, id)), op });
const basis = { code: '96376', units: 1, modifiers: [] };
const suggested = [line('96374', 1, ['1']), line('96376', 1, ['2']), line('J2405', 8, ['1', '2'], 'hcpcs', ['JZ'])];
const remove = rec(1, { op: 'remove', lineKey: 'cpt:96376:2', value: { basis }, reason: 'Not a separate push' });
const restore = rec(2, { op: 'change', lineKey: 'cpt:96376:2', value: { ...basis, basis, restored: true }, reason: 'It was a separate push after all' });

describe('a removed line stays on the review and can come back (issue 15 review)', () => {
  it('keeps the removed line with the decision that removed it: who, when, why', () => {
    const w = workingLines(suggested, [remove]);
    expect(w.lines.map((l) => l.code)).toEqual(['96374', 'J2405']);
    expect(w.removed).toHaveLength(1);
    expect(w.removed[0]!.line).toMatchObject({ code: '96376', key: 'cpt:96376:2' });
    expect(w.removed[0]!.override).toMatchObject({ coderName: 'Casey Morgan, CPC', op: { reason: 'Not a separate push' } });
  });

  it('restoring puts the engine line back in its place, as the engine suggested it', () => {
    const w = workingLines(suggested, [remove, restore]);
    expect(w.removed).toEqual([]);
    expect(w.lines.map((l) => `${l.code}:${l.source}`)).toEqual(['96374:engine', '96376:engine', 'J2405:engine']);
    expect(w.lapsed).toEqual([]);
  });

  it('a removal after a restore removes it again; accept-all forgets removals', () => {
    const again = rec(3, { op: 'remove', lineKey: 'cpt:96376:2', value: { basis }, reason: 'Checked again' });
    expect(workingLines(suggested, [remove, restore, again]).removed.map((r) => r.override.id)).toEqual([3]);
    expect(workingLines(suggested, [remove, rec(4, { op: 'accept-all' })]).removed).toEqual([]);
  });

  it('counts the decisions "Accept all" would discard: overrides, added and removed lines, the initial choice', () => {
    const change = rec(5, { op: 'change', lineKey: 'hcpcs:J2405:1+2', value: { code: 'J2405', units: 8, modifiers: [], basis: { code: 'J2405', units: 8, modifiers: ['JZ'] } }, reason: 'packaged' });
    const add = rec(6, { op: 'add', value: { kind: 'hcpcs', code: 'J3490', units: 1, modifiers: [], administrationIds: [] }, reason: 'unlisted drug' });
    const w = workingLines(suggested, [remove, change, add]);
    expect(decisionsInForce(w, false)).toBe(3);
    expect(decisionsInForce(w, true)).toBe(4);
    expect(decisionsInForce(workingLines(suggested, []), false)).toBe(0);
  });
});
