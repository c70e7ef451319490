// The formulary's data types and the constructors the starter lists use
// (drugs-ed.ts, drugs-infusion.ts). Plain data with no imports: shared by the
// coding engine, the forms and the database seed.
//
// NDCs: the reference gives no real NDCs. Every product below uses the
// fictitious labeler code 99999 (`placeholderNdc: true`) so nothing here can be
// mistaken for a real manufacturer's package; a site replaces them with its own.

export type AmountUnit = 'mg' | 'mcg' | 'g' | 'mL' | 'mEq' | 'units';
export type ContainerType = 'single-dose' | 'multiple-dose' | 'pharmacy-bulk';
export type AdministrationKindHint = 'push' | 'infusion' | 'hydration' | 'injection';
/**
 * A HCPCS code's payment under the hospital outpatient system (OPPS Addendum B
 * status indicator): K/G = separately payable, N = packaged; unknown = not checked.
 * JW/JZ apply only to separately payable drugs (drug-reference.md §2).
 */
export type PaymentStatus = 'separately-payable' | 'packaged' | 'unknown';
export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['separately-payable', 'packaged', 'unknown'];

/**
 * Dose limits for one dose of a drug given by the listed kinds, in `unit`
 * (product-notes.md §11: far outside the usual range asks for confirmation;
 * above the label's maximum is refused).
 */
export interface DoseLimit {
  kinds: AdministrationKindHint[];
  unit: AmountUnit;
  /** A common adult dose (decimal string). */
  usual: string;
  /** Top of the usual adult range: above it the nurse confirms with a reason. */
  softMax: string;
  /** The largest single dose the label (or the named reference) allows: above it the dose is refused. Null = no stated maximum. */
  hardMax: string | null;
  /** Short name of the source shown to the nurse, e.g. "label", "label, IM"; the full citation is a comment beside the data. */
  source: string;
}

export interface HcpcsCode {
  code: string;
  /** Amount one HCPCS unit represents, as an exact decimal string; null for NOC codes (units = containers). */
  billingAmount: string | null;
  billingUnit: 'mg' | 'mcg' | 'g' | 'mEq' | 'units' | 'mL' | null;
  /** 'per' = exactly that amount; 'up to' = one unit covers any amount up to it; 'noc' = unclassified. */
  descriptor: 'per' | 'up to' | 'noc';
  /** Short paraphrase of the long descriptor's unit, e.g. "per 1 mg", "up to 10 mg". */
  descriptorText: string;
  /** First date of service (YYYY-MM-DD) the code applies to; null = since before any date we handle. */
  effectiveFrom: string | null;
  /** Last date of service (inclusive); null = still in effect. */
  effectiveTo: string | null;
  /** OPPS payment status of this code (absent = unknown). */
  paymentStatus?: PaymentStatus;
  note?: string;
}

export interface FormularyProduct {
  /** Hyphenated 10-digit NDC as printed on the package. */
  ndc10: string;
  /** 11-digit (5-4-2) billing NDC, digits only. */
  ndc11: string;
  description: string;
  containerType: ContainerType;
  /** Drug amount in one container, exact decimal string. */
  amountPerContainer: string;
  amountUnit: AmountUnit;
  /** Drug amount per mL (unit = amountUnit), used to convert doses charted in mL. */
  amountPerMl?: string;
  placeholderNdc: boolean;
}

export interface FormularyDrug {
  /** Stable slug, e.g. 'ondansetron'. */
  key: string;
  name: string;
  /** Other names a nurse may type (brands, salts); matched after normalisation. */
  aliases: string[];
  chemo: boolean;
  defaultDoseUnit: AmountUnit;
  /** A common adult dose for the type-ahead, not a dosing recommendation. */
  usualDose: string;
  strengthText: string;
  typicalKinds: AdministrationKindHint[];
  /** HCPCS codes with effective dates; several may apply on one date (then the fewest units wins). */
  hcpcs: HcpcsCode[];
  products: FormularyProduct[];
  /** false = no HCPCS supply line (carrier/hydration fluids). */
  supplyBilling: boolean;
  /** Conversion for doses charted in mEq. */
  mgPerMeq?: string;
  /** DEA schedule of a controlled substance (21 CFR 1308.12–1308.15); absent = not controlled. Wasting any amount needs a witness. */
  controlledSchedule?: 'II' | 'III' | 'IV' | 'V';
  /** Per-kind dose limits with their source (issue 13); absent = no check beyond typing errors. */
  doseLimits?: DoseLimit[];
  note?: string;
}

export const UNCONFIRMED_END = 'End date UNCONFIRMED (CMS Oct-2025 file lacks termination dates): assumed the day before the replacement code was added.';

export function per(code: string, amount: string, unit: 'mg' | 'mcg' | 'g' | 'mEq', from: string | null, to: string | null = null, note?: string): HcpcsCode {
  return { code, billingAmount: amount, billingUnit: unit, descriptor: 'per', descriptorText: `per ${amount} ${unit}`, effectiveFrom: from, effectiveTo: to, ...(note ? { note } : {}) };
}

export function upTo(code: string, amount: string, unit: 'mg' | 'mcg' | 'g', from: string | null, to: string | null = null, note?: string): HcpcsCode {
  return { code, billingAmount: amount, billingUnit: unit, descriptor: 'up to', descriptorText: `up to ${amount} ${unit}`, effectiveFrom: from, effectiveTo: to, ...(note ? { note } : {}) };
}

export function noc(from: string | null = null, to: string | null = null, note?: string): HcpcsCode {
  return { code: 'J3490', billingAmount: null, billingUnit: null, descriptor: 'noc', descriptorText: 'unclassified drugs (units = containers)', effectiveFrom: from, effectiveTo: to, ...(note ? { note } : {}) };
}

/** "0574-4072-05" → "00574407205"; "51655-089-52" → "51655008952"; "58118-1397-3" → "58118139703". Null when not a hyphenated NDC-10. */
export function ndc10To11(ndc10: string): string | null {
  const m = /^(\d+)-(\d+)-(\d+)$/.exec(ndc10.trim());
  if (!m) return null;
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  if (a.length + b.length + c.length !== 10) return null;
  if (a.length === 4 && b.length === 4 && c.length === 2) return `0${a}${b}${c}`;
  if (a.length === 5 && b.length === 3 && c.length === 2) return `${a}0${b}${c}`;
  if (a.length === 5 && b.length === 4 && c.length === 1) return `${a}${b}0${c}`;
  return null;
}

/**
 * A product constructor numbering placeholder NDCs 99999-NNN-01 (5-3-2, under the
 * fictitious labeler 99999) from `first`: each starter list has its own range,
 * so appending a drug to one list never renumbers another list's products
 * (existing databases keep the NDCs they were seeded with).
 */
export function placeholderProducts(first: number) {
  let seq = first - 1;
  return function product(description: string, containerType: ContainerType, amountPerContainer: string, amountUnit: AmountUnit, amountPerMl?: string): FormularyProduct {
    seq += 1;
    if (seq > 999) throw new Error('placeholder NDC range exhausted (product code has 3 digits)');
    const ndc10 = `99999-${String(seq).padStart(3, '0')}-01`;
    return {
      ndc10,
      ndc11: ndc10To11(ndc10)!,
      description,
      containerType,
      amountPerContainer,
      amountUnit,
      ...(amountPerMl ? { amountPerMl } : {}),
      placeholderNdc: true,
    };
  };
}

type DrugInit = Omit<FormularyDrug, 'chemo' | 'supplyBilling' | 'aliases' | 'typicalKinds'> &
  Partial<Pick<FormularyDrug, 'supplyBilling' | 'aliases' | 'typicalKinds'>>;
export function drug(d: DrugInit): FormularyDrug {
  // None of the 31 reference drugs is chemotherapy/highly complex (drug-reference.md §1).
  return { chemo: false, supplyBilling: true, aliases: [], typicalKinds: ['push'], ...d };
}

