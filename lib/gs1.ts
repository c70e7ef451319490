// GS1 element strings as a 2D DataMatrix on a US vial carries them (DSCSA
// product identifier): GTIN (01), expiry (17), lot (10), serial (21), with FNC1
// sent as ASCII 29 (GS) after a variable-length field, or the human-readable form
// with parentheses. drug-reference.md §3.1–3.2; GS1 General Specifications
// §3 (AI definitions) and §7.8 (element strings), https://ref.gs1.org/standards/genspecs/.
//
// Hand-written rather than gs1-barcode-parser-mod (drug-reference.md §3.4): we
// need four AIs, our own GTIN check digit (the library skips it), typed output,
// and no 168 KB untyped CommonJS in the bedside bundle.
import { getDaysInMonth } from 'date-fns';
import { TZDate } from '@date-fns/tz';

/** ASCII 29, what scanners send for FNC1 inside a GS1 symbol. */
export const GS = '\u001d';

/**
 * AIs we read, with their data length: a number is fixed, `max` is variable
 * (ended by GS or the end of the string). Source: GS1 General Specifications
 * §3.2, table of AIs. Others common on pharma labels are listed so a label
 * that carries them still parses; any other AI is refused, never guessed.
 */
const AIS: Record<string, { fixed: number } | { max: number }> = {
  '00': { fixed: 18 }, // SSCC
  '01': { fixed: 14 }, // GTIN
  '02': { fixed: 14 }, // GTIN of contained items
  '10': { max: 20 }, // batch / lot
  '11': { fixed: 6 }, // production date
  '12': { fixed: 6 }, // due date
  '13': { fixed: 6 }, // packaging date
  '15': { fixed: 6 }, // best before
  '16': { fixed: 6 }, // sell by
  '17': { fixed: 6 }, // expiration date
  '20': { fixed: 2 }, // variant
  '21': { max: 20 }, // serial
  '22': { max: 20 }, // consumer product variant
  '30': { max: 8 }, // variable count
  '37': { max: 8 }, // count of trade items
  '240': { max: 30 }, // additional product id
  '241': { max: 30 }, // customer part number
  '250': { max: 30 }, // secondary serial
  '7003': { fixed: 10 }, // expiration date and time
  '710': { max: 20 }, // national healthcare reimbursement numbers (DE, FR, ES, …)
  '711': { max: 20 },
  '712': { max: 20 },
  '713': { max: 20 },
  '714': { max: 20 },
  '715': { max: 20 },
};

/** AIM symbology identifiers a scanner may prefix (ISO/IEC 15424): GS1 DataMatrix, GS1-128, GS1 QR, GS1 DataBar. */
const SYMBOLOGY = /^\](?:d2|C1|Q3|e0)/;

export interface Gs1Vial {
  /** GTIN-14, check digit verified. */
  gtin: string;
  /** "YYYY-MM-DD"; AI 17 day 00 means the last day of that month (GS1 General Specifications §3.4.6). */
  expiry?: string;
  lot?: string;
  serial?: string;
}

export type Gs1Result = { ok: true; vial: Gs1Vial } | { ok: false; error: string };

/** GS1 mod-10 check digit over every digit but the last (GS1 General Specifications §7.9.1). */
export function gs1CheckDigitOk(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const d = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

/** Whether the text looks like a GS1 element string (rather than a bare NDC, UPC or a drug name). */
export function looksLikeGs1(text: string): boolean {
  const t = text.trim().replace(SYMBOLOGY, '').replace(/^\u001d/, '');
  return /^\(\d{2,4}\)/.test(t) || (/^01\d{14}/.test(t) && t.length > 16);
}

/**
 * Century of a 2-digit GS1 year: GS1 General Specifications §7.12, a year
 * more than 49 ahead of `referenceYear` is last century, more than 50 behind
 * is next century.
 */
function fullYear(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** "YYMMDD" → "YYYY-MM-DD" (day 00 = end of month), or null for an impossible date. */
function gs1Date(yymmdd: string, referenceYear: number): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const year = fullYear(Number(m[1]), referenceYear);
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (month < 1 || month > 12) return null;
  const last = getDaysInMonth(new TZDate(year, month - 1, 1, 'UTC'));
  if (day === 0) day = last;
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function elements(text: string): Array<[string, string]> | string {
  const out: Array<[string, string]> = [];
  if (text.startsWith('(')) {
    // Human-readable: (AI)data(AI)data… — the parentheses delimit, no GS needed.
    const re = /\((\d{2,4})\)([^(]*)/gy;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = re.exec(text)) !== null) {
      const [, ai, data] = m as unknown as [string, string, string];
      const def = AIS[ai];
      if (!def) return `Unrecognised barcode element (${ai})`;
      const value = data.replace(/\u001d/g, '');
      if ('fixed' in def ? value.length !== def.fixed : value.length < 1 || value.length > def.max) return `Barcode element (${ai}) has the wrong length`;
      out.push([ai, value]);
      end = re.lastIndex;
    }
    return end === text.length && out.length > 0 ? out : 'Not a GS1 barcode';
  }
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      i += 1;
      continue;
    }
    const ai = [2, 3, 4].map((n) => text.slice(i, i + n)).find((cand) => /^\d+$/.test(cand) && AIS[cand]);
    if (!ai) return `Unrecognised barcode element at “${text.slice(i, i + 4)}”`;
    const def = AIS[ai]!;
    i += ai.length;
    let value: string;
    if ('fixed' in def) {
      value = text.slice(i, i + def.fixed);
      if (value.length !== def.fixed || value.includes(GS)) return `Barcode element (${ai}) is cut short`;
      i += def.fixed;
    } else {
      const gs = text.indexOf(GS, i);
      const stop = gs === -1 ? text.length : gs;
      value = text.slice(i, stop);
      if (value.length < 1 || value.length > def.max) return `Barcode element (${ai}) has the wrong length`;
      i = stop;
    }
    out.push([ai, value]);
  }
  return out.length > 0 ? out : 'Not a GS1 barcode';
}

/**
 * Parses a scanned GS1 element string (raw with GS separators, with or
 * without an AIM prefix such as "]d2", or the "(01)…(17)…" form) into the
 * vial's GTIN, expiry, lot and serial. `referenceYear` (the current year in
 * the facility's zone) decides the century of AI 17. Errors: unknown AI, bad
 * length, no GTIN, failed GTIN check digit, impossible expiry date.
 */
export function parseGs1(text: string, referenceYear: number): Gs1Result {
  const t = text.trim().replace(SYMBOLOGY, '').replace(/^\u001d/, '');
  const parsed = elements(t);
  if (typeof parsed === 'string') return { ok: false, error: parsed };
  const get = (ai: string) => parsed.find(([a]) => a === ai)?.[1];
  const gtin = get('01');
  if (!gtin || !/^\d{14}$/.test(gtin)) return { ok: false, error: 'The barcode has no product number (GTIN)' };
  if (!gs1CheckDigitOk(gtin)) return { ok: false, error: 'The product number failed its check digit: scan again' };
  const vial: Gs1Vial = { gtin };
  const exp = get('17');
  if (exp !== undefined) {
    const iso = gs1Date(exp, referenceYear);
    if (!iso) return { ok: false, error: 'The expiry date in the barcode is not a real date' };
    vial.expiry = iso;
  }
  const lot = get('10');
  if (lot !== undefined) vial.lot = lot;
  const serial = get('21');
  if (serial !== undefined) vial.serial = serial;
  return { ok: true, vial };
}
