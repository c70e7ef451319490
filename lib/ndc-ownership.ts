// "The NDC belongs to the drug" (issue 13 item 5): a typed or scanned NDC must
// be one of the charted drug's products. One pure function for the bedside
// form and the server (db/administrations.ts checkDose), which is the authority.
import { shortDrugName } from './dose-limits';
import { ndc10To11 } from './formulary/define';

/** A drug as the rule needs it: identity and its products' NDCs. */
export interface NdcOwnerDrug {
  id: number;
  key: string;
  name: string;
  products: readonly { ndc10: string; ndc11: string }[];
}

/**
 * A charted NDC as match keys: the 11-digit billing NDC (5-4-2) when the text
 * says which segment to pad — hyphenated 4-4-2, 5-3-2 or 5-4-1, or 11 digits
 * (hyphenated 5-4-2 or not) — else, for 10 digits without hyphens (which
 * segment is short is unknown), those 10 digits. Null when not an NDC.
 * "0409-4888-01" → { ndc11: "00409488801" }; "1234567890" → { ndc10Digits: "1234567890" }.
 */
export function ndcKeys(ndc: string): { ndc11: string; ndc10Digits: null } | { ndc11: null; ndc10Digits: string } | null {
  const text = ndc.trim();
  const digits = text.replace(/-/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 11 && (/^\d{11}$/.test(text) || /^\d{5}-\d{4}-\d{2}$/.test(text))) return { ndc11: digits, ndc10Digits: null };
  if (digits.length !== 10) return null;
  if (!text.includes('-')) return { ndc11: null, ndc10Digits: digits };
  const ndc11 = ndc10To11(text);
  return ndc11 ? { ndc11, ndc10Digits: null } : null;
}

export type NdcOwnership<D extends NdcOwnerDrug = NdcOwnerDrug> =
  /** One of the charted drug's products (its 11-digit NDC). */
  | { kind: 'own'; ndc11: string }
  /** A product of another formulary drug: refused. */
  | { kind: 'other'; drug: D; message: string }
  /** No formulary drug has it (or the text is no NDC): refused unless confirmed with a reason. */
  | { kind: 'unknown'; message: string };

export const UNKNOWN_NDC_MESSAGE = 'This NDC is not in the formulary: check the vial, or confirm it with a reason (the coder will see it flagged)';

/**
 * Whose vial is `ndc`? Compares 11-digit forms (product.ndc11), or the 10
 * digits of the printed NDC when the text has no hyphens. `drugs` is the
 * formulary (every drug whose products should be recognised); `drug` is the
 * charted one. Message for another drug's vial, e.g. "This vial is
 * metoclopramide, not ondansetron". Source: issue 13 item 5, product-notes.md §11.
 */
export function ndcOwnership<D extends NdcOwnerDrug>(drugs: readonly D[], drug: Pick<NdcOwnerDrug, 'id' | 'key' | 'products'>, ndc: string): NdcOwnership<D> {
  const keys = ndcKeys(ndc);
  if (!keys) return { kind: 'unknown', message: UNKNOWN_NDC_MESSAGE };
  const matches = (p: { ndc10: string; ndc11: string }) => (keys.ndc11 ? p.ndc11 === keys.ndc11 : p.ndc10.replace(/-/g, '') === keys.ndc10Digits);
  const own = drug.products.find(matches);
  if (own) return { kind: 'own', ndc11: own.ndc11 };
  const other = drugs.find((d) => d.id !== drug.id && d.products.some(matches));
  if (other) return { kind: 'other', drug: other, message: wrongVialMessage(other, drug) };
  return { kind: 'unknown', message: UNKNOWN_NDC_MESSAGE };
}

/** "This vial is metoclopramide, not ondansetron". */
export function wrongVialMessage(vialOf: { key: string }, charted: { key: string }): string {
  return `This vial is ${shortDrugName(vialOf)}, not ${shortDrugName(charted)}`;
}
