// Exact decimal arithmetic for doses and billing units. Floating point
// over-bills (0.07 / 0.01 = 7.000000000000001 → 8 units; stack-notes.md,
// drug-reference.md §1.2), so amounts are BigInt mantissas with a decimal scale.

export type DoseUnit = 'mg' | 'mcg' | 'g' | 'mL' | 'mEq' | 'units';

/** value = n / 10^s, n ≥ 0, s ≥ 0 */
export interface Dec {
  n: bigint;
  s: number;
}

const DECIMAL = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const POW10: bigint[] = [];
function pow10(k: number): bigint {
  let p = POW10[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    POW10[k] = p;
  }
  return p;
}

/** Parses a non-negative decimal given as a string or a number (numbers via their shortest decimal string); null when it is not one. */
export function parseDecimal(value: number | string): Dec | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    text = String(value);
  } else {
    text = value.trim();
  }
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  if (intPart === '' && frac === '') return null;
  const exp = m[3] ? Number(m[3]) : 0;
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 60) return null;
  let n = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
  let s = frac.length - exp;
  if (s < 0) {
    n *= pow10(-s);
    s = 0;
  }
  return normalise({ n, s });
}

function normalise(d: Dec): Dec {
  let { n, s } = d;
  while (s > 0 && n % 10n === 0n) {
    n /= 10n;
    s -= 1;
  }
  return { n, s };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.n * pow10(s - a.s), b.n * pow10(s - b.s), s];
}

export const ZERO: Dec = { n: 0n, s: 0 };

export function add(a: Dec, b: Dec): Dec {
  const [x, y, s] = align(a, b);
  return normalise({ n: x + y, s });
}

/**
 * Exact sum of many amounts. Same value as folding with `add`, but aligned to
 * one scale and normalised once: a long encounter sums hundreds of doses per
 * supply line, and `add` allocates several BigInts per step.
 */
export function sum(values: readonly Dec[]): Dec {
  let s = 0;
  for (const v of values) if (v.s > s) s = v.s;
  let n = 0n;
  for (const v of values) n += v.s === s ? v.n : v.n * pow10(s - v.s);
  return normalise({ n, s });
}

/** max(0, a − b) */
export function subClamp(a: Dec, b: Dec): Dec {
  const [x, y, s] = align(a, b);
  return x > y ? normalise({ n: x - y, s }) : ZERO;
}

export function mul(a: Dec, b: Dec): Dec {
  return normalise({ n: a.n * b.n, s: a.s + b.s });
}

export function cmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Dec): boolean {
  return a.n === 0n;
}

/** Multiplies by 10^k (k may be negative). */
export function shift(a: Dec, k: number): Dec {
  if (k >= 0) return a.s >= k ? normalise({ n: a.n, s: a.s - k }) : { n: a.n * pow10(k - a.s), s: 0 };
  return normalise({ n: a.n, s: a.s - k });
}

function ratio(a: Dec, b: Dec): [bigint, bigint] {
  // a / b = (a.n · 10^b.s) / (b.n · 10^a.s)
  return [a.n * pow10(b.s), b.n * pow10(a.s)];
}

/** ceil(a / b); b must be > 0. */
export function ceilDiv(a: Dec, b: Dec): bigint {
  const [num, den] = ratio(a, b);
  return (num + den - 1n) / den;
}

/** floor(a / b); b must be > 0. */
export function floorDiv(a: Dec, b: Dec): bigint {
  const [num, den] = ratio(a, b);
  return num / den;
}

/** a / b as text with up to `digits` decimals, prefixed "≈ " when inexact. */
export function divToText(a: Dec, b: Dec, digits = 3): string {
  const [num, den] = ratio(a, b);
  const scaled = num * pow10(digits);
  const q = scaled / den;
  const exact = scaled % den === 0n;
  return (exact ? '' : '≈ ') + toText({ n: q, s: digits });
}

export function toText(a: Dec): string {
  const d = normalise(a);
  const digits = d.n.toString();
  if (d.s === 0) return digits;
  const padded = digits.padStart(d.s + 1, '0');
  return `${padded.slice(0, padded.length - d.s)}.${padded.slice(padded.length - d.s)}`;
}

/** Mass units relative to mg, as a power of ten. */
const MASS_EXP: Partial<Record<DoseUnit, number>> = { g: 3, mg: 0, mcg: -3 };

export type Dimension = 'mass' | 'volume' | 'mEq' | 'units';

export function dimensionOf(unit: DoseUnit): Dimension {
  if (unit in MASS_EXP) return 'mass';
  if (unit === 'mL') return 'volume';
  return unit === 'mEq' ? 'mEq' : 'units';
}

/** Converts between units of the same dimension (g ↔ mg ↔ mcg); null when the dimensions differ. */
export function convert(a: Dec, from: DoseUnit, to: DoseUnit): Dec | null {
  if (from === to) return a;
  const f = MASS_EXP[from];
  const t = MASS_EXP[to];
  if (f === undefined || t === undefined) return null;
  return shift(a, f - t);
}

export function formatAmount(a: Dec, unit: string): string {
  return `${toText(a)} ${unit}`;
}
