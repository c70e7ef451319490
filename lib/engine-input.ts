// Builds the coding engine's input (coding-rules.md §12) from charted rows,
// the same way in the bedside sidebar and on the server.
import type { AdministrationInput, EncounterInput } from './coding';
import type { FormularyDrug } from './formulary/starter-formulary';
import type { AdministrationView, Setting } from './types';

export const DRAFT_ID = 'draft';

export interface EngineContext {
  setting: Setting;
  timeZone: string;
  formulary: FormularyDrug[];
  jwJz?: 'apply' | 'none';
}

/** A charted row as engine input; only current entries are coded. */
export function toEngineAdministration(a: AdministrationView): AdministrationInput {
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
  };
}

export function engineInput(ctx: EngineContext, rows: AdministrationView[], draft?: AdministrationInput | null): EncounterInput {
  const administrations = rows.filter((r) => r.status === 'active').map(toEngineAdministration);
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
