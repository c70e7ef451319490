// Builds the coding engine's input (coding-rules.md §12) from charted rows,
// the same way in the bedside sidebar and on the server.
import type { AdministrationInput, EncounterInput } from './coding';
import { ndc10To11, type FormularyDrug } from './formulary/starter-formulary';
import type { AdministrationView, Setting } from './types';

export const DRAFT_ID = 'draft';

export interface EngineContext {
  setting: Setting;
  timeZone: string;
  formulary: FormularyDrug[];
  jwJz?: 'apply' | 'none';
}

/**
 * The charted product's strength per mL (coding-rules.md §10: a dose charted in
 * mL is billed through it), from the formulary product of the charted NDC
 * (hyphenated NDC-10 or 11 digits); null when the NDC is unknown or the
 * product records no amount per mL.
 */
export function concentrationFor(a: Pick<AdministrationView, 'drugKey' | 'ndc'>, formulary: readonly FormularyDrug[]): AdministrationInput['concentration'] {
  const ndc = a.ndc?.trim();
  if (!ndc) return null;
  const digits = ndc.replace(/-/g, '');
  const ndc11 = digits.length === 11 ? digits : ndc10To11(ndc);
  const drugs = a.drugKey ? formulary.filter((d) => d.key === a.drugKey) : formulary;
  for (const d of drugs) {
    const p = d.products.find((x) => x.ndc11 === ndc11 || x.ndc10.replace(/-/g, '') === digits);
    if (p) return p.amountPerMl && p.amountUnit !== 'mL' ? { value: p.amountPerMl, unit: p.amountUnit } : null;
  }
  return null;
}

/**
 * A charted row as engine input; only current entries are coded. With the
 * formulary, a charted NDC also gives the product's concentration.
 */
export function toEngineAdministration(a: AdministrationView, formulary: readonly FormularyDrug[] = []): AdministrationInput {
  return {
    id: String(a.id),
    drug: a.drugName,
    drugKey: a.drugKey,
    kind: a.kind,
    chemo: a.chemo,
    start: a.startAt.toISOString(),
    stop: a.stopAt ? a.stopAt.toISOString() : null,
    site: a.site,
    dose: { value: a.doseValue, unit: a.doseUnit as 'mg' },
    rationale: a.rationale,
    performer: `${a.performerName}, ${a.performerCredentials}`,
    ndc: a.ndc,
    wasted: a.wastedValue && a.wastedUnit ? { value: a.wastedValue, unit: a.wastedUnit as 'mg' } : null,
    chartedAt: a.chartedAt.toISOString(),
    lateEntryReason: a.lateEntryReason,
    // R-DOC-ORDER: the snapshot "Name, credentials" taken at charting, and how it was ordered.
    order: { provider: a.orderingProviderName ?? null, type: a.orderType ?? null },
    // Issue 14 (migration 0008): prolonged chemo on a pump (R-CHEMO-PUMP), part of another procedure (R-INTEGRAL).
    pump: a.pump ?? null,
    integralTo: a.integralTo ?? null,
    concentration: concentrationFor(a, formulary),
  };
}

export function engineInput(ctx: EngineContext, rows: AdministrationView[], draft?: AdministrationInput | null): EncounterInput {
  const administrations = rows.filter((r) => r.status === 'active').map((r) => toEngineAdministration(r, ctx.formulary));
  if (draft) administrations.push(draft);
  return {
    setting: ctx.setting,
    options: {
      timeZone: ctx.timeZone,
      formulary: ctx.formulary,
      requireDocumentation: true,
      // Every stored dose must name its order (coding-rules.md §9, issue 12 item 5).
      requireOrder: true,
      ...(ctx.jwJz ? { jwJz: ctx.jwJz } : {}),
    },
    administrations,
  };
}
