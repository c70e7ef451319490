// Final claim lines as CSV a billing system or a spreadsheet opens correctly:
// RFC 4180 quoting, CRLF, a UTF-8 byte-order mark, and no formula injection.
import { revenueCode, type FinalLine } from './claim-lines';
import type { FormularyDrug } from './formulary/starter-formulary';
import type { AdministrationView, Setting } from './types';

export const CLAIM_CSV_COLUMNS = [
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
] as const;

export type ClaimCsvRow = Record<(typeof CLAIM_CSV_COLUMNS)[number], string | number>;

/** A spreadsheet would run "=…", "+…", "-…", "@…" as a formula: prefix text that starts so. */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function claimLinesCsv(rows: ClaimCsvRow[]): string {
  const lines = [CLAIM_CSV_COLUMNS.map(cell).join(',')];
  for (const row of rows) lines.push(CLAIM_CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * NDC quantity is the amount dispensed in the package's unit (drug-reference.md
 * §1.2), not HCPCS units: mL when the product's concentration is known, else
 * containers (UN).
 */
export function ndcQuantity(
  doses: Pick<AdministrationView, 'doseValue' | 'doseUnit' | 'wastedValue'>[],
  product: FormularyDrug['products'][number] | undefined,
  wasteLine = false,
): { quantity: string; qualifier: 'ML' | 'UN' } | null {
  if (!product) return null;
  const perMl = product.amountPerMl ? Number(product.amountPerMl) : null;
  const sameUnit = doses.every((d) => d.doseUnit === product.amountUnit);
  // A JW line reports the discarded amount; every other line the amount given.
  const total = doses.reduce((sum, d) => sum + Number(wasteLine ? (d.wastedValue ?? 0) : d.doseValue), 0);
  if (perMl && sameUnit) return { quantity: String(Math.round((total / perMl) * 1000) / 1000), qualifier: 'ML' };
  const perContainer = Number(product.amountPerContainer);
  const containers = sameUnit && perContainer > 0 ? Math.max(1, Math.ceil(total / perContainer - 1e-9)) : doses.length;
  return { quantity: String(containers), qualifier: 'UN' };
}

export interface ClaimCsvInput {
  encounter: { id: number; mrn: string; setting: Setting };
  lines: FinalLine[];
  administrations: AdministrationView[];
  formulary: FormularyDrug[];
  coder: string;
}

export function claimCsvRows({ encounter, lines, administrations, formulary, coder }: ClaimCsvInput): ClaimCsvRow[] {
  const byId = new Map(administrations.map((a) => [String(a.id), a]));
  const productByNdc11 = new Map(formulary.flatMap((d) => d.products.map((p) => [p.ndc11, p] as const)));
  return lines.map((line) => {
    const doses = line.administrationIds.map((id) => byId.get(id)).filter((a): a is AdministrationView => a !== undefined);
    const performer = [...new Set(doses.map((d) => `${d.performerName}, ${d.performerCredentials}`))].join('; ');
    const ndc = line.kind === 'hcpcs' && line.ndc11 ? ndcQuantity(doses, productByNdc11.get(line.ndc11), line.modifiers.includes('JW')) : null;
    return {
      encounter_id: encounter.id,
      mrn: encounter.mrn,
      date_of_service: line.dateOfService,
      code: line.code,
      modifiers: line.modifiers.join(' '),
      units: line.units,
      ndc_11: line.kind === 'hcpcs' ? (line.ndc11 ?? '') : '',
      ndc_quantity: ndc?.quantity ?? '',
      ndc_unit_qualifier: ndc?.qualifier ?? '',
      revenue_code: revenueCode(line, encounter.setting),
      performer,
      coder,
    };
  });
}
