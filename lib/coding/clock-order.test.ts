import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { clockOrder } from './clock-order';

/** The definition: a stable sort of chart positions by (start, id). */
function reference(list: ReadonlyArray<{ id: string }>, starts: Float64Array, valid: number[]): number[] {
  return valid
    .slice()
    .sort((x, y) => starts[x]! - starts[y]! || (list[x]!.id < list[y]!.id ? -1 : list[x]!.id > list[y]!.id ? 1 : 0) || x - y);
}

const MINUTE = 60_000;
const BASE = Date.UTC(2026, 4, 14, 6, 0);

/** Entries with few distinct ids and starts, so ties on both are common; some positions are skipped as invalid. */
const chart = (minLength: number, maxLength: number, spanMs: fc.Arbitrary<number>) =>
  fc.array(fc.record({ id: fc.constantFrom('a1', 'a2', 'a10', 'b', 'B'), at: spanMs, valid: fc.boolean() }), { minLength, maxLength }).map((items) => {
    const list = items.map((x) => ({ id: x.id }));
    const starts = new Float64Array(items.map((x) => BASE + x.at));
    const valid = items.flatMap((x, i) => (x.valid || i % 3 === 0 ? [i] : []));
    return { list, starts, valid };
  });

describe('clockOrder', () => {
  it('orders short charts like a stable sort by (start, id)', () => {
    fc.assert(
      fc.property(chart(0, 40, fc.integer({ min: 0, max: 20 }).map((m) => m * MINUTE)), ({ list, starts, valid }) => {
        expect(clockOrder(list, starts, valid)).toEqual(reference(list, starts, valid));
      }),
    );
  });

  it('orders long charts (the radix path) like a stable sort, whatever the span of times', () => {
    // Spans from one minute to centuries, and starts with seconds and milliseconds.
    const span = fc.oneof(
      fc.integer({ min: 0, max: 30 }).map((m) => m * MINUTE),
      fc.integer({ min: 0, max: 60 * 24 * 60 }).map((m) => m * MINUTE + (m % 7) * 1000),
      fc.integer({ min: 0, max: 2 ** 44 }),
    );
    fc.assert(
      fc.property(chart(400, 1200, span), ({ list, starts, valid }) => {
        expect(clockOrder(list, starts, valid)).toEqual(reference(list, starts, valid));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps chart order for a chart already in clock order, with id ties still ordered', () => {
    const list = [{ id: 'b' }, { id: 'a' }, { id: 'c' }, { id: 'a' }];
    const starts = new Float64Array([BASE, BASE, BASE + MINUTE, BASE + 2 * MINUTE]);
    expect(clockOrder(list, starts, [0, 1, 2, 3])).toEqual([1, 0, 2, 3]);
  });

  it('sorts starts far apart and fractional starts exactly', () => {
    const list = Array.from({ length: 300 }, (_, i) => ({ id: `a${i % 5}` }));
    // A century apart, in reverse, so every radix digit matters.
    const starts = new Float64Array(list.map((_, i) => BASE + (300 - i) * 3_155_760_000_000 + (i % 2)));
    const valid = list.map((_, i) => i);
    expect(clockOrder(list, starts, valid)).toEqual(reference(list, starts, valid));
    const fractional = new Float64Array([BASE + 0.5, BASE, BASE + 0.25]);
    expect(clockOrder(list.slice(0, 3), fractional, [0, 1, 2])).toEqual([1, 2, 0]);
  });
});
