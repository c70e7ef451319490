// Final claim lines as a CSV file that a billing system imports and a
// spreadsheet opens correctly: RFC 4180 quoting, CRLF, a UTF-8 byte-order mark
// (so Excel reads "Tomás" as UTF-8) and a guard against formula injection.
// Pure: plain data in, text out.
import { revenueCode, type FinalLine } from '../claim-lines';
import { ndcFlag, type NdcFlag } from '../coding-confirmations';
import { convert, mul, parseDecimal, sum, type Dec, type DoseUnit } from '../coding/units';
import type { FormularyDrug, FormularyProduct } from '../formulary/starter-formulary';
import type { AdministrationView, Setting } from '../types';

export interface Person {
  name: string;
  credentials: string;
}

/** NDC unit-of-measure qualifiers of the 837 CTP05 / CMS-1500 24A (drug-reference.md §1.2). */
export type NdcUnitQualifier = 'UN' | 'ML' | 'GR' | 'F2' | 'ME';

export interface ClaimCsvRow {
  encounterId: number;
  mrn: string;
  /** YYYY-MM-DD in the facility's zone. */
  dateOfService: string;
  code: string;
  /** In claim order; written space-separated in one column ("JW", "59 XU"). */
  modifiers: string[];
  units: number;
  /** 11 digits, no hyphens; '' when there is no NDC (CPT lines, unknown product). */
  ndc11: string;
  /** Exact decimal text ("4", "0.5"); '' when unknown. */
  ndcQuantity: string;
  ndcUnitQualifier: NdcUnitQualifier | '';
  /** UB-04 revenue code; '' outside facility claims. */
  revenueCode: string;
  /** Who gave the doses behind the line, distinct, in charting order. */
  performers: Person[];
  coder: Person;
  /**
   * Why the line's NDC may not be billed as it is: 'placeholder' (a placeholder
   * product, labeler 99999: replace it with the real package's NDC),
   * 'not-in-formulary' (charted at the bedside as unknown to the formulary);
   * '' for a real formulary product or no NDC (issue 13 item 5).
   */
  ndcFlag: NdcFlag | '';
}

/**
 * Column names are the file's contract with billing imports; the first twelve
 * match the export the app shipped first, so a billing import that reads them
 * by position sees no change. New columns are appended at the end only.
 */
export const CLAIM_CSV_HEADER = [
  'encounter_id',
  'mrn',
  'date_of_service',
  'code',
  'modifiers',
  'units',
  'ndc_11',
  'ndc_quantity',
  'ndc_unit_qualifier',
  'revenue_code',
  'performer',
  'coder',
  'ndc_flag',
] as const;

const NUMBER = /^-?\d+(?:\.\d+)?$/;
// OWASP CSV injection: Excel, LibreOffice and Google Sheets treat a cell
// starting with one of these as a formula (tab and CR also start one in some).
const FORMULA_START = /^[=+\-@\t\r]/;

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Free text: a leading apostrophe makes the spreadsheet show the text instead of running it. */
function textCell(value: string): string {
  return quote(FORMULA_START.test(value) ? `'${value}` : value);
}

/**
 * Numbers we produced ourselves ("-1" included) are never prefixed: an apostrophe
 * would turn them into text for every importer. Anything else arriving in a
 * numeric column is treated as free text.
 */
function numberCell(value: number | string): string {
  const text = String(value);
  return NUMBER.test(text) ? quote(text) : textCell(text);
}

function personText(p: Person): string {
  return p.credentials ? `${p.name}, ${p.credentials}` : p.name;
}

/**
 * The CSV text. `bom: false` drops the byte-order mark for an importer that
 * would read it as part of the first column's name; spreadsheets need it to
 * read UTF-8 (accented names) correctly, so it is on by default.
 */
export function claimLinesCsv(rows: readonly ClaimCsvRow[], { bom = true }: { bom?: boolean } = {}): string {
  const lines = [CLAIM_CSV_HEADER.map(textCell).join(',')];
  for (const r of rows) {
    lines.push(
      [
        numberCell(r.encounterId),
        textCell(r.mrn),
        textCell(r.dateOfService),
        textCell(r.code),
        textCell(r.modifiers.join(' ')),
        numberCell(r.units),
        textCell(r.ndc11),
        r.ndcQuantity === '' ? quote('') : numberCell(r.ndcQuantity),
        textCell(r.ndcUnitQualifier),
        textCell(r.revenueCode),
        textCell(r.performers.map(personText).join('; ')),
        textCell(personText(r.coder)),
        textCell(r.ndcFlag),
      ].join(','),
    );
  }
  // RFC 4180: CRLF after every record, the last one included.
  return `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------
// NDC quantity

export interface NdcDose {
  value: string;
  unit: string;
}

export interface NdcQuantity {
  quantity: string;
  qualifier: NdcUnitQualifier;
}

/** Decimal places of an ML quantity: the 837 and NCPDP carry three. */
const ML_DECIMALS = 3;

function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

/** a / b rounded half-up to `digits` decimals, as text without trailing zeros. */
function divideRounded(a: Dec, b: Dec, digits: number): string {
  // a/b = (a.n·10^b.s) / (b.n·10^a.s)
  const num = a.n * pow10(b.s) * pow10(digits);
  const den = b.n * pow10(a.s);
  const q = (2n * num + den) / (2n * den);
  const text = q.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const frac = text.slice(text.length - digits).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

function ceilDiv(a: Dec, b: Dec): bigint {
  const num = a.n * pow10(b.s);
  const den = b.n * pow10(a.s);
  return (num + den - 1n) / den;
}

/** The dose in the product's amount unit, or null when it cannot be converted. */
function amountInProductUnit(dose: NdcDose, product: FormularyProduct, mgPerMeq: Dec | null): Dec | null {
  const value = parseDecimal(dose.value);
  if (!value) return null;
  const to = product.amountUnit as DoseUnit;
  if (dose.unit === 'mL') {
    const perMl = product.amountPerMl ? parseDecimal(product.amountPerMl) : null;
    if (to === 'mL') return value;
    return perMl ? mul(value, perMl) : null;
  }
  if (dose.unit === 'mEq' && to !== 'mEq') {
    if (!mgPerMeq) return null;
    return convert(mul(value, mgPerMeq), 'mg', to);
  }
  return convert(value, dose.unit as DoseUnit, to);
}

/**
 * The NDC quantity of one or more doses drawn from `product`: what left the
 * package, in the package's unit. It is not the HCPCS units (drug-reference.md
 * §1.2: ondansetron 8 mg = 8 units of J2405 but 4 ML of a 2 mg/mL solution).
 *
 * - A product with a concentration (amountPerMl) is reported in ML, the exact
 *   total rounded half-up to 3 decimals once (not per dose).
 * - Otherwise (a powder vial) in containers, UN: each dose opens its own
 *   single-dose container; doses from a multiple-dose or bulk container share
 *   it, so the total is divided once.
 *
 * GR, F2 and ME are valid qualifiers but never derived here: the formulary
 * describes products by concentration or by container, so ML or UN always applies.
 * Null when a dose cannot be converted to the product's unit, or totals zero.
 */
export function ndcQuantity(
  doses: NdcDose | readonly NdcDose[],
  product: FormularyProduct,
  drug?: Pick<FormularyDrug, 'mgPerMeq'>,
): NdcQuantity | null {
  const list: readonly NdcDose[] = Array.isArray(doses) ? doses : [doses as NdcDose];
  if (list.length === 0) return null;
  const mgPerMeq = drug?.mgPerMeq ? parseDecimal(drug.mgPerMeq) : null;
  const amounts: Dec[] = [];
  for (const d of list) {
    const a = amountInProductUnit(d, product, mgPerMeq);
    if (!a) return null;
    amounts.push(a);
  }
  const total = sum(amounts);
  if (total.n === 0n) return null;

  const perMl = product.amountPerMl ? parseDecimal(product.amountPerMl) : null;
  if (perMl && perMl.n > 0n) return { quantity: divideRounded(total, perMl, ML_DECIMALS), qualifier: 'ML' };
  if (product.amountUnit === 'mL') return { quantity: divideRounded(total, { n: 1n, s: 0 }, ML_DECIMALS), qualifier: 'ML' };

  const perContainer = parseDecimal(product.amountPerContainer);
  if (!perContainer || perContainer.n === 0n) return null;
  const containers =
    product.containerType === 'single-dose'
      ? amounts.reduce((n, a) => n + (a.n === 0n ? 0n : ceilDiv(a, perContainer)), 0n)
      : ceilDiv(total, perContainer);
  return { quantity: containers.toString(), qualifier: 'UN' };
}

// ---------------------------------------------------------------------------
// Rows from an encounter's final lines

export interface ClaimCsvEncounter {
  id: number;
  mrn: string;
  setting: Setting;
  /** Not needed: each line's date of service is already in the facility's zone. Accepted so one summary object serves both exports. */
  timeZone?: string;
}

export interface ClaimCsvInput {
  encounter: ClaimCsvEncounter;
  /** The coder's final lines (frozen at "Mark coded"). */
  lines: readonly FinalLine[];
  administrations: readonly AdministrationView[];
  formulary: readonly FormularyDrug[];
  coder: Person;
}

export function claimCsvRows({ encounter, lines, administrations, formulary, coder }: ClaimCsvInput): ClaimCsvRow[] {
  const byId = new Map(administrations.map((a) => [String(a.id), a]));
  const productByNdc11 = new Map<string, { product: FormularyProduct; drug: FormularyDrug }>();
  for (const drug of formulary) for (const product of drug.products) productByNdc11.set(product.ndc11, { product, drug });

  return lines.map((line) => {
    const doses = line.administrationIds.map((id) => byId.get(id)).filter((a): a is AdministrationView => a !== undefined);

    const performers: Person[] = [];
    const seen = new Set<string>();
    for (const d of doses) {
      const key = `${d.performerName}\u0000${d.performerCredentials}`;
      if (seen.has(key)) continue;
      seen.add(key);
      performers.push({ name: d.performerName, credentials: d.performerCredentials });
    }

    const ndc11 = line.kind === 'hcpcs' && line.ndc11 ? line.ndc11 : '';
    const known = ndc11 ? productByNdc11.get(ndc11) : undefined;
    // A JW line reports the discarded amount; every other drug line the amount given.
    const amounts: NdcDose[] = line.modifiers.includes('JW')
      ? doses.filter((d) => d.wastedValue !== null).map((d) => ({ value: d.wastedValue!, unit: d.wastedUnit ?? d.doseUnit }))
      : doses.map((d) => ({ value: d.doseValue, unit: d.doseUnit }));
    const ndc = known ? ndcQuantity(amounts, known.product, known.drug) : null;

    return {
      encounterId: encounter.id,
      mrn: encounter.mrn,
      dateOfService: line.dateOfService,
      code: line.code,
      modifiers: [...line.modifiers],
      units: line.units,
      ndc11,
      ndcQuantity: ndc?.quantity ?? '',
      ndcUnitQualifier: ndc?.qualifier ?? '',
      revenueCode: revenueCode(line, encounter.setting),
      performers,
      coder,
      ndcFlag: ndc11 ? (ndcFlag(ndc11, formulary) ?? '') : '',
    };
  });
}
