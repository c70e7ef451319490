// The engine's one sort: administrations by (start, id), ties in chart order,
// so the output never depends on the order the chart lists them in.

/** Below this many entries a native sort of packed keys is cheaper than radix passes. */
const RADIX_MIN = 256;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Chart positions `valid` (ascending) ordered by (start, id), ties kept in
 * chart order: exactly a stable sort by clock.
 *
 * A comparator sort makes n·log n calls into JavaScript, and V8's native sort
 * of a 10,000-element Float64Array took 26× as long as of 1,000 elements, a
 * visible share of a long encounter. So: no sort at all when the chart is
 * already in clock order (the usual case); a stable radix sort on whole
 * milliseconds for a long chart; a native sort of packed exact keys for a
 * short one. Only runs with the same start are then ordered by id.
 */
export function clockOrder(list: ReadonlyArray<{ id: string }>, starts: Float64Array, valid: readonly number[]): number[] {
  const m = valid.length;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  let inOrder = true;
  let prev = -Infinity;
  for (let k = 0; k < m; k++) {
    const s = starts[valid[k]!]!;
    if (s < min) min = s;
    if (s > max) max = s;
    if (s < prev) inOrder = false;
    prev = s;
    if (!Number.isInteger(s)) integral = false;
  }
  let order: number[];
  if (inOrder) {
    order = valid.slice();
  } else if (integral && m >= RADIX_MIN && max - min <= Number.MAX_SAFE_INTEGER) {
    order = radixOrder(valid, starts, min, max - min);
  } else if (integral && (max - min + 1) * list.length <= Number.MAX_SAFE_INTEGER) {
    // The packed key (start − min)·n + position is an exact integer.
    const n = list.length;
    const keys = new Float64Array(m);
    for (let k = 0; k < m; k++) keys[k] = (starts[valid[k]!]! - min) * n + valid[k]!;
    keys.sort();
    order = new Array<number>(m);
    for (let k = 0; k < m; k++) order[k] = keys[k]! % n;
  } else {
    order = valid.slice().sort((x, y) => starts[x]! - starts[y]! || x - y);
  }
  // Runs sharing a start are in chart order; order each by id with a stable
  // insertion sort. Runs are short (a few entries charted at the same minute),
  // and ids are read only inside them: each read is a visit to the charted entry.
  for (let k = 1; k < m; k++) {
    const i = order[k]!;
    const s = starts[i]!;
    if (starts[order[k - 1]!] !== s) continue;
    const id = list[i]!.id;
    let j = k;
    while (j > 0 && starts[order[j - 1]!] === s && list[order[j - 1]!]!.id > id) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = i;
  }
  return order;
}

/** Stable LSD radix sort of `valid` by start − min (an exact integer ≤ range). */
function radixOrder(valid: readonly number[], starts: Float64Array, min: number, range: number): number[] {
  const m = valid.length;
  // Charted times are whole minutes or seconds: dividing by that step usually
  // leaves keys under 2^31, whose digits are cheap integer operations.
  let step = 60_000;
  for (let k = 0; k < m && step > 1; k++) {
    const d = starts[valid[k]!]! - min;
    while (step > 1 && d % step !== 0) step = step === 60_000 ? 1000 : 1;
  }
  const keys = new Float64Array(m);
  let src = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    keys[k] = (starts[valid[k]!]! - min) / step;
    src[k] = k;
  }
  const top = range / step;
  let dst = new Int32Array(m);
  const counts = new Int32Array(BUCKETS);
  const small = top < 2 ** 31;
  let shift = 0;
  // Digits by shifting when keys fit 31 bits, else by exact division by powers of two.
  for (let scale = 1; scale <= top; scale *= BUCKETS, shift += DIGIT_BITS) {
    counts.fill(0);
    for (let k = 0; k < m; k++) counts[digit(keys[src[k]!]!, scale, shift, small)]!++;
    let total = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b]!;
      counts[b] = total;
      total += c;
    }
    for (let k = 0; k < m; k++) {
      const p = src[k]!;
      dst[counts[digit(keys[p]!, scale, shift, small)]!++] = p;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  const order = new Array<number>(m);
  for (let k = 0; k < m; k++) order[k] = valid[src[k]!]!;
  return order;
}

function digit(key: number, scale: number, shift: number, small: boolean): number {
  return small ? (key >>> shift) & (BUCKETS - 1) : Math.floor(key / scale) % BUCKETS;
}
