// What a scanner or a typed NDC gives us, reduced to the 10 NDC digits we can
// match against the formulary's products (drug-reference.md §3).
import { gs1CheckDigitOk as checkDigitOk, looksLikeGs1, parseGs1 } from './gs1';

const gs1CheckDigitOk = checkDigitOk;

/**
 * NDC digits (10, unhyphenated) or an 11-digit billing NDC from scanned or
 * typed text: hyphenated NDC-10, NDC-11, UPC-A ("3" + NDC-10 + check), GTIN-14
 * ("003" + NDC-10 + check) or a GS1 element string starting with (01)/01.
 * Returns null when the text is not a product code or a check digit fails.
 */
export function ndcFromScan(text: string): { ndc10Digits?: string; ndc11?: string } | null {
  const raw = text.trim().replace(/^\]d2|^\]C1/, '');
  const gs1 = /^\(?01\)?(\d{14})/.exec(raw);
  if (gs1) {
    const gtin = gs1[1]!;
    return gtin.startsWith('003') && gs1CheckDigitOk(gtin) ? { ndc10Digits: gtin.slice(3, 13) } : null;
  }
  if (/^\d{4,5}-\d{3,4}-\d{1,2}$/.test(raw)) {
    const digits = raw.replace(/-/g, '');
    return digits.length === 10 ? { ndc10Digits: digits } : digits.length === 11 ? { ndc11: digits } : null;
  }
  if (!/^\d+$/.test(raw)) return null;
  if (raw.length === 10) return { ndc10Digits: raw };
  if (raw.length === 11) return { ndc11: raw };
  if (raw.length === 12) return raw.startsWith('3') && gs1CheckDigitOk(raw) ? { ndc10Digits: raw.slice(1, 11) } : null;
  if (raw.length === 14) return raw.startsWith('003') && gs1CheckDigitOk(raw) ? { ndc10Digits: raw.slice(3, 13) } : null;
  return null;
}

/** What one scan of a vial tells us: the product code, and from a 2D DataMatrix also expiry and lot. */
export interface VialScan {
  ndc10Digits?: string;
  ndc11?: string;
  /** "YYYY-MM-DD" (GS1 AI 17, day 00 = end of month). */
  expiry?: string;
  lot?: string;
  serial?: string;
}

/**
 * Reads a scan or typed code: a GS1 element string (DataMatrix, with GS
 * separators, an AIM prefix or parentheses) gives NDC, expiry, lot and
 * serial; a bare NDC, UPC-A or GTIN-14 gives the NDC only (see ndcFromScan).
 * `referenceYear` decides the century of a GS1 expiry. Returns
 * `{ error }` for a GS1 string that does not parse or whose GTIN is not a US
 * drug ("003…"), null for text that is not a code at all (a drug name).
 */
export function scanVial(text: string, referenceYear: number): { ok: true; scan: VialScan } | { ok: false; error: string } | null {
  if (looksLikeGs1(text)) {
    const r = parseGs1(text, referenceYear);
    if (!r.ok) return r;
    // drug-reference.md §3.1: a unit's GTIN-14 is "003" + NDC-10 + check digit.
    if (!r.vial.gtin.startsWith('003')) return { ok: false, error: 'This barcode is not a US drug product (no NDC inside): type the NDC' };
    const { gtin, ...rest } = r.vial;
    return { ok: true, scan: { ndc10Digits: gtin.slice(3, 13), ...rest } };
  }
  const code = ndcFromScan(text);
  return code ? { ok: true, scan: code } : null;
}
