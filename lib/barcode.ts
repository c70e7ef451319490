// What a scanner or a typed NDC gives us, reduced to the 10 NDC digits we can
// match against the formulary's products (drug-reference.md §3).

/** GS1 mod-10 check digit over all digits but the last. */
function gs1CheckDigitOk(digits: string): boolean {
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const d = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

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
