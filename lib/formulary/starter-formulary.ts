// Starter formulary: the drugs and fluids a new site starts with (issue 13),
// shared by the coding engine and the database seed. The lists live beside
// this file; their order fixes the placeholder NDCs (99999-NNN-01), so new
// drugs are appended, never inserted.
import type { FormularyDrug, HcpcsCode } from './define';
import { ED_DRUGS } from './drugs-ed';
import { INFUSION_DRUGS } from './drugs-infusion';

export * from './define';

export const STARTER_FORMULARY: FormularyDrug[] = [...ED_DRUGS, ...INFUSION_DRUGS];

function inEffect(c: HcpcsCode, date: string): boolean {
  return (c.effectiveFrom === null || c.effectiveFrom <= date) && (c.effectiveTo === null || date <= c.effectiveTo);
}

/** All codes in effect for `drug` on a date of service 'YYYY-MM-DD' (ISO dates compare as strings). */
export function hcpcsCandidatesForDate(drug: Pick<FormularyDrug, 'hcpcs'>, date: string): HcpcsCode[] {
  return drug.hcpcs.filter((c) => inEffect(c, date));
}

/** The code in effect on a date of service, or undefined when none is (caller falls back to J3490). */
export function hcpcsForDate(drug: Pick<FormularyDrug, 'hcpcs'>, date: string): HcpcsCode | undefined {
  return drug.hcpcs.find((c) => inEffect(c, date));
}
