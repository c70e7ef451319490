import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { comparePending, sortPending, type PendingLine } from './administration-codes';

const line = fc.record({ day: fc.nat({ max: 2 }), initial: fc.nat({ max: 2 }), at: fc.nat({ max: 5 }), id: fc.constantFrom('a1', 'a2', 'a10'), seq: fc.nat({ max: 3 }) });

describe('sortPending', () => {
  it('gives exactly the stable sort, ties included, whatever the emission order', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.nat({ max: 60 }), (keys, sortedPrefix) => {
        // Emission is usually a sorted prefix followed by a few late lines: build inputs of that shape too.
        const lines: PendingLine[] = keys.map((k, n) => ({ ...k, line: { code: String(n), units: 1, modifiers: [], administrationIds: [], rule: 'R', explanation: '' } }));
        const prefix = lines.slice(0, sortedPrefix).sort(comparePending);
        const input = [...prefix, ...lines.slice(sortedPrefix)];
        const expected = input.slice().sort(comparePending).map((p) => p.line.code);
        expect(sortPending(input.slice()).map((p) => p.line.code)).toEqual(expected);
      }),
    );
  });
});
