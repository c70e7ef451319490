// Dose plausibility (issue 13 item 4; product-notes.md §11 "True by default":
// a dose far outside the usual range asks for confirmation, one above the
// label's maximum is refused). One pure function, run by the bedside form as
// the nurse types and again, as the authority, by the server (db/administrations.ts
// checkDose) for every new dose and every amendment.
import { cmp, convert, mul, parseDecimal, toText, type Dec } from './coding/units';
import type { AdministrationKindHint, AmountUnit, DoseLimit } from './formulary/define';

/** What the check needs of a formulary drug (a FormularyEntry, or the server's rows in that shape). */
export interface DoseLimitDrug {
  key: string;
  name: string;
  /** Absent or empty = no limits known for this drug: no check (the browser's list may not carry them yet). */
  doseLimits?: readonly DoseLimit[] | undefined;
  /** mg in one mEq (decimal string), to compare doses charted in mEq with limits in mg and back. */
  mgPerMeq?: string | undefined;
  /** The drug's products: 11-digit NDC and strength per mL (null/absent = not stated). */
  products: readonly { ndc11: string; amountUnit: AmountUnit; amountPerMl?: string | null | undefined }[];
  /** The kinds the drug is usually given by: one without a limit of its own is judged by the other kinds' limits, with no question about the kind. */
  typicalKinds?: readonly AdministrationKindHint[] | undefined;
}

/** A product's strength: `amount` of `unit` in one mL (e.g. ondansetron 2 mg/mL). */
export interface Concentration {
  amountPerMl: string;
  unit: AmountUnit;
}

export type DoseVerdict =
  | { kind: 'ok' }
  /** Needs "Reason for this dose": above the soft maximum, below a tenth of the usual dose, or not comparable. */
  | { kind: 'confirm'; message: string }
  /** Above the hard maximum: never charted. */
  | { kind: 'refuse'; message: string };

/** How a nurse names a drug in a sentence: the formulary key in words ("ondansetron", "sodium chloride 0.9"). */
export function shortDrugName(drug: { key: string }): string {
  return drug.key.replace(/-/g, ' ');
}

const ROUTE: Record<AdministrationKindHint, string> = { push: 'IV', infusion: 'IV', hydration: 'IV', injection: 'IM/SC' };

/** A quantity in a comparable base: mass in mg, 'units' in units, or volume in mL when no strength is known. */
interface Quantity {
  base: 'mg' | 'units' | 'mL';
  amount: Dec;
}

/**
 * `value unit` in its comparable base. Only multiplications, so the result is
 * exact: g/mcg → mg by a power of ten, mEq → mg by `mgPerMeq`, mL → mg (or
 * units) by the concentration. Null when the unit cannot be expressed (mEq
 * without mgPerMeq, a concentration in mL).
 */
function quantity(value: Dec, unit: AmountUnit, mgPerMeq: Dec | null, concentration: { amount: Dec; unit: AmountUnit } | null, depth = 0): Quantity | null {
  if (unit === 'units') return { base: 'units', amount: value };
  if (unit === 'mEq') return mgPerMeq ? { base: 'mg', amount: mul(value, mgPerMeq) } : null;
  if (unit === 'mL') {
    if (!concentration || depth > 0 || concentration.unit === 'mL') return { base: 'mL', amount: value };
    return quantity(mul(value, concentration.amount), concentration.unit, mgPerMeq, null, depth + 1);
  }
  const mg = convert(value, unit, 'mg');
  return mg ? { base: 'mg', amount: mg } : null;
}

function concentrationDec(c: Concentration | null | undefined): { amount: Dec; unit: AmountUnit } | null {
  const amount = c ? parseDecimal(c.amountPerMl) : null;
  return c && amount ? { amount, unit: c.unit } : null;
}

/**
 * The concentration of a dose charted in mL: the charted product's (`ndc11`
 * of one of the drug's products), else the drug's own when every product of
 * it with a stated strength has the same one (then the vial does not matter).
 * Null when unknown or ambiguous.
 */
export function concentrationFor(drug: Pick<DoseLimitDrug, 'products'>, ndc11: string | null): Concentration | null {
  // Strengths that parse, as "unit:decimal" (normalised, so "2" and "2.0" are one strength).
  const strengths = drug.products.flatMap((p) => {
    const d = p.amountPerMl ? parseDecimal(p.amountPerMl) : null;
    return d ? [{ p, key: `${p.amountUnit}:${toText(d)}` }] : [];
  });
  const charted = ndc11 ? strengths.find((s) => s.p.ndc11 === ndc11) : undefined;
  const pick = charted ?? (strengths.length > 0 && strengths.every((s) => s.key === strengths[0]!.key) ? strengths[0] : undefined);
  return pick ? { amountPerMl: pick.p.amountPerMl!, unit: pick.p.amountUnit } : null;
}

/**
 * Judges one dose against the drug's limits for the charted kind
 * (DoseLimit: usual, softMax, hardMax in `unit`, with the `source` shown).
 *
 * - no limits at all (or a dose that is not a decimal: the schema reports
 *   those) → ok;
 * - a kind the drug's limits do not cover (ondansetron charted as hydration,
 *   potassium as a push) → judged against every limit of the drug: refused
 *   only when above every hard maximum (the label's largest single dose by any
 *   route still applies); a kind that is not among the drug's typical kinds
 *   also asks for a reason naming it (issue 13 review);
 * - above `hardMax` → refuse: "ondansetron: at most 16 mg in one IV dose (label)";
 *   exactly `hardMax` is allowed (it is the label's maximum), with a
 *   confirmation when that is above `softMax`;
 * - above `softMax` → confirm ("12 mg is above the usual range for ondansetron
 *   (up to 8 mg IV, label): confirm with a reason"); exactly `softMax` → ok;
 * - below a tenth of `usual` → confirm; exactly a tenth → ok;
 * - a unit that cannot be compared with the limit's (mL with no known
 *   concentration against a limit in mg, units against mg, mEq without
 *   mgPerMeq) → confirm, asking to check the unit: never passed silently.
 *
 * Units: mg/g/mcg convert exactly (powers of ten on decimal mantissas, no
 * floating point), mEq ↔ mg through `drug.mgPerMeq`, mL through
 * `concentration` (amount per mL of the charted product; see concentrationFor).
 * Source of the rule: product-notes.md §11 and issue 13 item 4.
 */
export function judgeDose(
  drug: DoseLimitDrug,
  kind: AdministrationKindHint,
  dose: { value: string; unit: AmountUnit },
  concentration: Concentration | null = null,
): DoseVerdict {
  const all = drug.doseLimits ?? [];
  const limits = all.filter((l) => l.kinds.includes(kind));
  if (all.length === 0 || !parseDecimal(dose.value)) return { kind: 'ok' };
  if (limits.length > 0) return judgeAgainst(drug, limits, kind, dose, concentration);
  // No limit for this kind: each limit judged on its own kind's terms.
  const verdicts = all.map((l) => judgeAgainst(drug, [l], l.kinds[0]!, dose, concentration));
  if (verdicts.every((v) => v.kind === 'refuse')) return verdicts[0]!;
  const other = verdicts.find((v) => v.kind === 'confirm');
  if (drug.typicalKinds?.includes(kind)) return other ?? { kind: 'ok' };
  const usualKinds = [...new Set(all.flatMap((l) => l.kinds))].map((k) => KIND_WORDS[k]).join(' or ');
  const unusual = `${shortDrugName(drug)} is not usually given as ${KIND_WORDS[kind]} (its limits are for ${usualKinds}): check the kind, or confirm with a reason`;
  return { kind: 'confirm', message: other && other.kind === 'confirm' ? `${unusual}; ${other.message}` : unusual };
}

const KIND_WORDS: Record<AdministrationKindHint, string> = { push: 'an IV push', infusion: 'an IV infusion', hydration: 'hydration', injection: 'an IM/SC injection' };

/** judgeDose for limits that cover the charted kind. */
function judgeAgainst(
  drug: DoseLimitDrug,
  limits: DoseLimit[],
  kind: AdministrationKindHint,
  dose: { value: string; unit: AmountUnit },
  concentration: Concentration | null,
): DoseVerdict {
  const value = parseDecimal(dose.value)!;
  const mgPerMeq = drug.mgPerMeq ? parseDecimal(drug.mgPerMeq) : null;
  const strength = concentrationDec(concentration);
  const name = shortDrugName(drug);
  const route = ROUTE[kind];
  const given = `${toText(value)} ${dose.unit}`;
  let confirm: string | null = null;
  for (const limit of limits) {
    const at = (s: string | null) => {
      const d = s === null ? null : parseDecimal(s);
      return d ? quantity(d, limit.unit, mgPerMeq, strength) : null;
    };
    const q = quantity(value, dose.unit, mgPerMeq, strength);
    const soft = at(limit.softMax);
    const usual = at(limit.usual);
    const hard = at(limit.hardMax);
    if (!q || !soft || q.base !== soft.base) {
      confirm ??=
        dose.unit === 'mL'
          ? `${given} cannot be checked against the ${name} limits in ${limit.unit} without the vial's strength: scan or type the vial's NDC, or chart the dose in ${limit.unit}, or confirm with a reason`
          : `${given} cannot be compared with the ${name} limits in ${limit.unit}: check the unit, or confirm with a reason`;
      continue;
    }
    // "(= 12 mg)" when the nurse charted in another unit than the limit's.
    const inLimitUnit = dose.unit === limit.unit ? '' : sameUnitText(q, limit.unit);
    if (hard && hard.base === q.base && cmp(q.amount, hard.amount) > 0) {
      return { kind: 'refuse', message: `${name}: at most ${limit.hardMax} ${limit.unit} in one ${route} dose (${limit.source}); ${given}${inLimitUnit} cannot be charted` };
    }
    if (cmp(q.amount, soft.amount) > 0) {
      confirm ??= `${given}${inLimitUnit} is above the usual range for ${name} (up to ${limit.softMax} ${limit.unit} ${route}, ${limit.source}): confirm with a reason`;
    } else if (usual && usual.base === q.base && cmp(mul(q.amount, { n: 10n, s: 0 }), usual.amount) < 0) {
      confirm ??= `${given}${inLimitUnit} is less than a tenth of the usual ${name} dose (${limit.usual} ${limit.unit} ${route}, ${limit.source}): confirm with a reason`;
    }
  }
  return confirm ? { kind: 'confirm', message: confirm } : { kind: 'ok' };
}

/** " (= 12 mg)": the dose in the limit's unit when that is a mass unit, else in mg (other units would need a division). */
function sameUnitText(q: Quantity, unit: AmountUnit): string {
  if (q.base !== 'mg') return '';
  const v = unit === 'mg' || unit === 'g' || unit === 'mcg' ? convert(q.amount, 'mg', unit) : null;
  return v ? ` (= ${toText(v)} ${unit})` : ` (= ${toText(q.amount)} mg)`;
}
