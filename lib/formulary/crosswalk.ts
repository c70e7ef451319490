// CMS's ASP NDC–HCPCS crosswalk (issue 13 item 3): read the quarterly CSV,
// check every row, and compare it with the formulary's products and codes to
// give a preview an admin confirms. Pure: the caller reads the formulary
// (db/formulary-import.ts) and writes what the preview lists.
//
// The file (CMS, "ASP pricing files", https://www.cms.gov/medicare/payment/part-b-drugs/asp-pricing-files):
// ISO-8859-1 CSV, a few title/note lines, then a header row whose columns CMS
// names `_2025_CODE` (the year changes every year), `Short Description`,
// `LABELER NAME`, `NDC2` (11-digit NDC as 5-4-2), `Drug Name`, `HCPCS dosage`
// ("1 MG", "250 MG", "1 ML"), `PKG SIZE`, `PKG QTY`, `BILLUNITS` (billable units
// per NDC unit) and `BILLUNITSPKG` (billable units per package). A public loader
// of the same layout skips 8 lines (coderxio/sagerx
// dags/cms_ndc_hcpcs/load-asp_ndc_hcpcs.sql); we find the header by its names.
import { parse } from 'csv-parse/sync';
import { cmp, divToText, mul, parseDecimal, toText, type Dec } from '@/lib/coding/units';
import type { AmountUnit, ContainerType } from './define';

// --- Reading the file ---------------------------------------------------------

/**
 * The file's text. CMS publishes ISO-8859-1; a copy re-saved as UTF-8 (Excel
 * does) is read as UTF-8. windows-1252 is WHATWG's name for ISO-8859-1 and a
 * superset of it, so both decode the same.
 */
export function decodeCrosswalkFile(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The columns we read, by role; `code` is `_YYYY_CODE` in CMS's file. */
type Column = 'code' | 'shortDescription' | 'labelerName' | 'ndc' | 'drugName' | 'dosage' | 'packageSize' | 'packageQuantity' | 'billableUnits' | 'billableUnitsPerPackage';

const COLUMN_NAMES: Record<Exclude<Column, 'code'>, string> = {
  shortDescription: 'SHORT DESCRIPTION',
  labelerName: 'LABELER NAME',
  ndc: 'NDC2',
  drugName: 'DRUG NAME',
  dosage: 'HCPCS DOSAGE',
  packageSize: 'PKG SIZE',
  packageQuantity: 'PKG QTY',
  billableUnits: 'BILLUNITS',
  billableUnitsPerPackage: 'BILLUNITSPKG',
};
/** `_2025_CODE`, `2025_CODE`, `_2025 CODE`, or plain `HCPCS CODE` / `CODE`. */
const CODE_COLUMN = /^_?(\d{4}[ _])?(HCPCS[ _])?CODE$/;
/** How far down the header may be: CMS's preamble is about 8 lines. */
const HEADER_SEARCH_LINES = 40;

const normaliseName = (name: string) => name.replace(/\s+/g, ' ').trim().toUpperCase();

/** One row of the file, checked. Amounts are decimal strings. */
export interface CrosswalkRow {
  /** Line of the file the row starts on (1-based, as an editor shows it). */
  line: number;
  code: string;
  shortDescription: string;
  labelerName: string;
  /** 11 digits, no hyphens. */
  ndc11: string;
  drugName: string;
  /** "250 MG" as in the file. */
  dosage: string;
  packageSize: string;
  packageQuantity: string;
  billableUnits: string;
  billableUnitsPerPackage: string;
}

export interface RowError {
  line: number;
  message: string;
}

export interface ParsedCrosswalk {
  /** Set when the file cannot be read at all (no header row): nothing else is meaningful. */
  fileError: string | null;
  /** Line of the header row, and the code column's name as the file spells it (e.g. `_2025_CODE`). */
  headerLine: number;
  codeColumn: string;
  rows: CrosswalkRow[];
  /** Malformed rows, each with its line: while there is one, nothing is applied. */
  errors: RowError[];
}

/** HCPCS Level II (J0696, Q0138) or a CPT code as CMS lists them (90375, 0001A). */
const HCPCS_CODE = /^([A-Z]\d{4}|\d{4}[0-9A-Z])$/;
const NDC_5_4_2 = /^(\d{5})-(\d{4})-(\d{2})$/;
const POSITIVE_DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

function findHeader(records: { record: string[]; line: number }[]): { index: number; columns: Record<Column, number>; codeColumn: string } | null {
  for (const [index, { record }] of records.slice(0, HEADER_SEARCH_LINES).entries()) {
    const names = record.map(normaliseName);
    const code = names.findIndex((n) => CODE_COLUMN.test(n));
    if (code < 0) continue;
    const columns = { code } as Record<Column, number>;
    let complete = true;
    for (const [key, name] of Object.entries(COLUMN_NAMES) as [Exclude<Column, 'code'>, string][]) {
      const at = names.indexOf(name);
      if (at < 0) complete = false;
      columns[key] = at;
    }
    if (complete) return { index, columns, codeColumn: record[code]!.trim() };
  }
  return null;
}

/** A decimal string in canonical form ("40.0" → "40"), or null if not a positive number. */
function positive(value: string): string | null {
  if (!POSITIVE_DECIMAL.test(value)) return null;
  const d = parseDecimal(value);
  if (!d || d.n === 0n) return null;
  return toText(d);
}

/**
 * Reads CMS's crosswalk CSV: finds the header row by its column names (any
 * line among the first 40; the code column's year may be any), then checks each
 * row: HCPCS code, NDC2 as an 11-digit NDC (5-4-2, hyphens optional), positive
 * PKG QTY, BILLUNITS and BILLUNITSPKG, a HCPCS dosage. Empty lines are skipped.
 * Malformed rows come back in `errors` with their line ("line 12: NDC2 '1234'
 * is not an 11-digit NDC"); a file without the header is a `fileError`.
 */
export function parseCrosswalk(text: string): ParsedCrosswalk {
  const empty = (fileError: string): ParsedCrosswalk => ({ fileError, headerLine: 0, codeColumn: '', rows: [], errors: [] });
  let parsed: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    parsed = parse(text, {
      // The preamble lines have one column and the header ten: every line its own width.
      relax_column_count: true,
      // Titles and notes may hold a stray quote ("Effective 'Jan 2025'").
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  } catch (e) {
    const where = typeof e === 'object' && e !== null && 'lines' in e ? ` (near line ${String((e as { lines: unknown }).lines)})` : '';
    return empty(`The file is not a readable CSV${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  // csv-parse reports the line a record ends on; a quoted field may span lines.
  const records = parsed.map((p) => ({ record: p.record, line: p.info.lines - (p.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0) }));
  const header = findHeader(records);
  if (!header) {
    return empty(
      `No header row found in the first ${HEADER_SEARCH_LINES} lines: expected CMS's columns _YYYY_CODE, ${Object.values(COLUMN_NAMES).join(', ')}. Is this the ASP NDC–HCPCS crosswalk?`,
    );
  }
  const { columns } = header;
  const rows: CrosswalkRow[] = [];
  const errors: RowError[] = [];
  for (const { record, line } of records.slice(header.index + 1)) {
    if (record.every((f) => f.trim() === '')) continue;
    const get = (c: Column) => (record[columns[c]] ?? '').trim();
    const problems: string[] = [];
    const code = get('code').toUpperCase();
    if (code === '') problems.push(`${header.codeColumn} (HCPCS code) is missing`);
    else if (!HCPCS_CODE.test(code)) problems.push(`${header.codeColumn} '${get('code')}' is not a HCPCS code`);
    const ndcText = get('ndc');
    const ndc = NDC_5_4_2.exec(ndcText);
    const ndc11 = ndc ? `${ndc[1]}${ndc[2]}${ndc[3]}` : /^\d{11}$/.test(ndcText) ? ndcText : null;
    if (!ndc11) problems.push(`NDC2 '${ndcText}' is not an 11-digit NDC`);
    const numbers: Partial<Record<Column, string>> = {};
    for (const c of ['packageQuantity', 'billableUnits', 'billableUnitsPerPackage'] as const) {
      const value = positive(get(c));
      if (value === null) problems.push(`${COLUMN_NAMES[c]} '${get(c)}' is not a positive number`);
      else numbers[c] = value;
    }
    if (get('dosage') === '') problems.push('HCPCS dosage is missing');
    if (problems.length > 0) {
      errors.push({ line, message: problems.join('; ') });
      continue;
    }
    rows.push({
      line,
      code,
      shortDescription: get('shortDescription'),
      labelerName: get('labelerName'),
      ndc11: ndc11!,
      drugName: get('drugName'),
      dosage: get('dosage'),
      packageSize: get('packageSize'),
      packageQuantity: numbers.packageQuantity!,
      billableUnits: numbers.billableUnits!,
      billableUnitsPerPackage: numbers.billableUnitsPerPackage!,
    });
  }
  return { fileError: null, headerLine: records[header.index]!.line, codeColumn: header.codeColumn, rows, errors };
}

// --- NDC forms ----------------------------------------------------------------

/**
 * The hyphenated 10-digit NDC of an 11-digit (5-4-2) one: the padding zero is
 * dropped from the one segment that has it (4-4-2 ← 0xxxx, 5-3-2 ← xxxxx-0xxx,
 * 5-4-1 ← xxxxx-xxxx-0x; the reverse of define.ts ndc10To11). When more than
 * one segment starts with 0 the 10-digit form cannot be told without FDA's
 * directory (ambiguous), and when none does it has no 10-digit form: then the
 * 11-digit 5-4-2 form is kept and `derived` is false.
 */
export function ndc11To10(ndc11: string): { ndc10: string; derived: boolean } {
  const [a, b, c] = [ndc11.slice(0, 5), ndc11.slice(5, 9), ndc11.slice(9)];
  const candidates: string[] = [];
  if (a.startsWith('0')) candidates.push(`${a.slice(1)}-${b}-${c}`);
  if (b.startsWith('0')) candidates.push(`${a}-${b.slice(1)}-${c}`);
  if (c.startsWith('0')) candidates.push(`${a}-${b}-${c.slice(1)}`);
  return candidates.length === 1 ? { ndc10: candidates[0]!, derived: true } : { ndc10: `${a}-${b}-${c}`, derived: false };
}

// --- Comparing with the formulary ---------------------------------------------

/** The formulary as the import sees it (db/formulary-import.ts reads it). */
export interface CrosswalkState {
  /** HCPCS codes of active drugs (every dated row; the file lists current codes). */
  codes: { code: string; drugId: number; drugName: string }[];
  products: {
    id: number;
    drugId: number;
    ndc11: string;
    containerType: ContainerType;
    hcpcsCode: string | null;
    billableUnitsPerPackage: string | null;
    labelerName: string | null;
  }[];
}

export interface NewProduct {
  line: number;
  drugId: number;
  drugName: string;
  code: string;
  ndc11: string;
  /** Hyphenated 10-digit NDC, or the 11-digit 5-4-2 form when `ndc10Derived` is false (ambiguous). */
  ndc10: string;
  ndc10Derived: boolean;
  labelerName: string;
  description: string;
  /** Drug in one item of the package: BILLUNITSPKG ÷ PKG QTY × the HCPCS dosage. */
  amountPerContainer: string;
  amountUnit: AmountUnit;
  /** CMS gives none: the drug's most common container type (or single-dose), stored unconfirmed. */
  containerType: ContainerType;
  billableUnitsPerPackage: string;
  /** "10 × 1" (PKG QTY × PKG SIZE) as the file gives it. */
  packageText: string;
}

export interface ProductUpdate {
  line: number;
  productId: number;
  ndc11: string;
  code: string;
  /** The drug the product belongs to now (before the import). */
  drugId: number;
  drugName: string;
  codeChange: { old: string | null; new: string } | null;
  /** Set when the new code belongs to another formulary drug: the product moves to it on confirmation. */
  move: { newDrugId: number; newDrugName: string } | null;
  unitsChange: { old: string | null; new: string } | null;
  /** Only alongside a code or units change. */
  labelerChange: { old: string | null; new: string } | null;
}

export type IgnoreReason = 'code-not-in-formulary' | 'code-on-several-drugs' | 'ndc-under-several-codes' | 'unknown-dosage-unit';

export interface IgnoredGroup {
  code: string;
  shortDescription: string;
  reason: IgnoreReason;
  /** Lines of the rows, in file order. */
  lines: number[];
  /** NDCs of these rows already in the formulary (their products are left as they are). */
  knownNdcs: string[];
}

export interface CrosswalkPreview {
  fileError: string | null;
  headerLine: number;
  codeColumn: string;
  rowsRead: number;
  errors: RowError[];
  newProducts: NewProduct[];
  updates: ProductUpdate[];
  ignored: IgnoredGroup[];
  /** Rows for formulary products that match the formulary already. */
  unchanged: number;
  /** No file error, no malformed row, and something to write. */
  canApply: boolean;
}

const DOSAGE = /^(\d+(?:\.\d*)?|\.\d+)\s*([A-Z]+)$/;
const DOSAGE_UNITS: Record<string, AmountUnit> = {
  MG: 'mg', MCG: 'mcg', UG: 'mcg', G: 'g', GM: 'g', GRAM: 'g', ML: 'mL', MEQ: 'mEq', U: 'units', UNIT: 'units', UNITS: 'units', IU: 'units',
};

function dosageOf(text: string): { amount: Dec; unit: AmountUnit } | null {
  const m = DOSAGE.exec(text.toUpperCase().trim());
  if (!m) return null;
  const amount = parseDecimal(m[1]!);
  const unit = DOSAGE_UNITS[m[2]!];
  return amount && unit ? { amount, unit } : null;
}

/** Drug per item: BILLUNITSPKG ÷ PKG QTY × dosage; BILLUNITS × dosage when that division is not exact. */
function amountPerItem(row: CrosswalkRow, dosage: Dec): string {
  const perPackage = mul(parseDecimal(row.billableUnitsPerPackage)!, dosage);
  const exact = divToText(perPackage, parseDecimal(row.packageQuantity)!, 6);
  return exact.startsWith('≈') ? toText(mul(parseDecimal(row.billableUnits)!, dosage)) : exact;
}

function mostCommonContainer(state: CrosswalkState, drugId: number): ContainerType {
  const counts = new Map<ContainerType, number>();
  for (const p of state.products) if (p.drugId === drugId) counts.set(p.containerType, (counts.get(p.containerType) ?? 0) + 1);
  let best: ContainerType = 'single-dose';
  let most = counts.get('single-dose') ?? 0;
  for (const [type, n] of counts) if (n > most) [best, most] = [type, n];
  return best;
}

const sameDecimal = (a: string | null, b: string) => a !== null && parseDecimal(a) !== null && cmp(parseDecimal(a)!, parseDecimal(b)!) === 0;

/**
 * Compares the checked rows with the formulary. A row whose code belongs to
 * exactly one active drug is that drug's: a new NDC is a new product (source
 * 'cms-crosswalk', container type unconfirmed); a known NDC gets its HCPCS
 * code, billable units per package and labeler from the file, and moves to the
 * code's drug if that is another drug (only once the admin confirms the
 * preview). Rows of other codes are ignored and listed, grouped by code and
 * reason; so is an NDC the file lists under several of our codes, and a
 * HCPCS dosage whose unit PushChart has no unit for. Any malformed row (or a
 * file error) makes `canApply` false: the file is fixed first.
 */
export function previewCrosswalk(parsed: ParsedCrosswalk, state: CrosswalkState): CrosswalkPreview {
  const drugsOfCode = new Map<string, Map<number, string>>();
  for (const c of state.codes) {
    const m = drugsOfCode.get(c.code) ?? new Map<number, string>();
    m.set(c.drugId, c.drugName);
    drugsOfCode.set(c.code, m);
  }
  const drugName = new Map(state.codes.map((c) => [c.drugId, c.drugName]));
  const productByNdc = new Map(state.products.map((p) => [p.ndc11, p]));

  const ignoredBy = new Map<string, IgnoredGroup>();
  const ignore = (row: CrosswalkRow, reason: IgnoreReason) => {
    const key = `${row.code}|${reason}`;
    const g = ignoredBy.get(key) ?? { code: row.code, shortDescription: row.shortDescription, reason, lines: [], knownNdcs: [] };
    g.lines.push(row.line);
    if (productByNdc.has(row.ndc11) && !g.knownNdcs.includes(row.ndc11)) g.knownNdcs.push(row.ndc11);
    ignoredBy.set(key, g);
  };

  // An NDC listed under more than one of our codes cannot be placed by the file alone.
  const formularyCodesOfNdc = new Map<string, Set<string>>();
  for (const row of parsed.rows) {
    if (drugsOfCode.get(row.code)?.size !== 1) continue;
    const codes = formularyCodesOfNdc.get(row.ndc11) ?? new Set<string>();
    codes.add(row.code);
    formularyCodesOfNdc.set(row.ndc11, codes);
  }

  const newProducts: NewProduct[] = [];
  const updates: ProductUpdate[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const row of parsed.rows) {
    const drugs = drugsOfCode.get(row.code);
    if (!drugs) {
      ignore(row, 'code-not-in-formulary');
      continue;
    }
    if (drugs.size > 1) {
      ignore(row, 'code-on-several-drugs');
      continue;
    }
    if ((formularyCodesOfNdc.get(row.ndc11)?.size ?? 0) > 1) {
      ignore(row, 'ndc-under-several-codes');
      continue;
    }
    if (seen.has(row.ndc11)) continue; // the same NDC and code listed twice: the first row counts
    seen.add(row.ndc11);
    const [drugId, name] = [...drugs][0]!;
    const existing = productByNdc.get(row.ndc11);
    if (!existing) {
      const dosage = dosageOf(row.dosage);
      if (!dosage) {
        ignore(row, 'unknown-dosage-unit');
        continue;
      }
      const { ndc10, derived } = ndc11To10(row.ndc11);
      newProducts.push({
        line: row.line,
        drugId,
        drugName: name,
        code: row.code,
        ndc11: row.ndc11,
        ndc10,
        ndc10Derived: derived,
        labelerName: row.labelerName,
        description: `${row.drugName || name} (${row.labelerName || 'labeler not given'}): ${row.dosage} per billing unit, package ${row.packageQuantity} × ${row.packageSize || '?'}`,
        amountPerContainer: amountPerItem(row, dosage.amount),
        amountUnit: dosage.unit,
        containerType: mostCommonContainer(state, drugId),
        billableUnitsPerPackage: row.billableUnitsPerPackage,
        packageText: `${row.packageQuantity} × ${row.packageSize || '?'}`,
      });
      continue;
    }
    const codeChange = existing.hcpcsCode === row.code ? null : { old: existing.hcpcsCode, new: row.code };
    const move = existing.drugId === drugId ? null : { newDrugId: drugId, newDrugName: name };
    const unitsChange = sameDecimal(existing.billableUnitsPerPackage, row.billableUnitsPerPackage) ? null : { old: existing.billableUnitsPerPackage, new: row.billableUnitsPerPackage };
    // The labeler's name is carried along with a real change; a renamed labeler alone is no billing change.
    const labelerChange = (existing.labelerName ?? '') === row.labelerName ? null : { old: existing.labelerName, new: row.labelerName };
    if (!codeChange && !move && !unitsChange) {
      unchanged += 1;
      continue;
    }
    updates.push({
      line: row.line,
      productId: existing.id,
      ndc11: row.ndc11,
      code: row.code,
      drugId: existing.drugId,
      drugName: drugName.get(existing.drugId) ?? `drug ${existing.drugId}`,
      // A product that moves to another drug changes code even if it had none stored.
      codeChange: codeChange ?? (move ? { old: existing.hcpcsCode, new: row.code } : null),
      move,
      unitsChange,
      labelerChange,
    });
  }
  const blocked = parsed.fileError !== null || parsed.errors.length > 0;
  return {
    fileError: parsed.fileError,
    headerLine: parsed.headerLine,
    codeColumn: parsed.codeColumn,
    rowsRead: parsed.rows.length + parsed.errors.length,
    errors: parsed.errors,
    newProducts,
    updates,
    ignored: [...ignoredBy.values()],
    unchanged,
    canApply: !blocked && newProducts.length + updates.length > 0,
  };
}

/** "line 12: NDC2 '1234' is not an 11-digit NDC" */
export const rowErrorText = (e: RowError) => `line ${e.line}: ${e.message}`;

export const IGNORE_REASON_TEXT: Record<IgnoreReason, string> = {
  'code-not-in-formulary': 'code not in the formulary',
  'code-on-several-drugs': 'code on more than one formulary drug: add these products by hand',
  'ndc-under-several-codes': 'NDC listed under more than one of our codes: add or move it by hand',
  'unknown-dosage-unit': 'HCPCS dosage unit PushChart does not use',
};
