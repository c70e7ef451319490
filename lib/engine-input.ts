// Builds the coding engine's input (coding-rules.md §12) from charted rows,
// the same way in the bedside sidebar and on the server.
import type { AdministrationInput, EncounterInput } from './coding';
import { ndc10To11, type FormularyDrug } from './formulary/starter-formulary';
import type { AdministrationView, Setting } from './types';

export const DRAFT_ID = 'draft';

export interface EngineContext {
  setting: Setting;
  timeZone: string;
  formulary: readonly FormularyDrug[];
  jwJz?: 'apply' | 'none';
  /** The facility's late-entry threshold in minutes (R-DOC-LATE-ENTRY); the engine's default, 60, when omitted. */
  lateEntryThresholdMinutes?: number;
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
 * Every charted entry's id → the id of the original entry of its amendment
 * chain (a correction is a new row naming the version it replaces, `amendsId`;
 * db/schema.ts). An entry that amends nothing is its own root. Ids as text, as
 * the engine names doses. A chain whose earlier version is missing from `rows`
 * stops at the earliest version present; a cycle (impossible in stored data:
 * an amendment always names an older row) stops where it would repeat.
 */
export function chainRoots(rows: readonly Pick<AdministrationView, 'id' | 'amendsId'>[]): Map<string, string> {
  const amends = new Map(rows.map((r) => [r.id, r.amendsId]));
  const roots = new Map<string, string>();
  for (const r of rows) {
    let root = r.id;
    const seen = new Set<number>([root]);
    for (let prev = amends.get(root); prev != null && amends.has(prev) && !seen.has(prev); prev = amends.get(root)) {
      root = prev;
      seen.add(root);
    }
    roots.set(String(r.id), String(root));
  }
  return roots;
}

/**
 * Any charted entry's id → the id of the current (active) version of its
 * amendment chain, ids as text; an entry whose chain was entered in error has
 * none (absent). A decision that named a dose before it was corrected follows
 * it to its correction.
 */
export function currentVersions(rows: readonly Pick<AdministrationView, 'id' | 'amendsId' | 'status'>[]): Map<string, string> {
  const roots = chainRoots(rows);
  const activeOfRoot = new Map(rows.filter((r) => r.status === 'active').map((r) => [roots.get(String(r.id))!, String(r.id)]));
  const out = new Map<string, string>();
  for (const r of rows) {
    const current = activeOfRoot.get(roots.get(String(r.id))!);
    if (current !== undefined) out.set(String(r.id), current);
  }
  return out;
}

/**
 * When each entry was first charted (UTC instant): the chartedAt of the
 * original entry of its amendment chain. An amendment corrects an entry; it
 * is not a late charting of the dose, so late entry (R-DOC-LATE-ENTRY) is
 * measured from here (issue 15: an amendment six days on read "charted 393750
 * min later").
 */
export function firstChartedAt(rows: readonly Pick<AdministrationView, 'id' | 'amendsId' | 'chartedAt'>[]): Map<number, Date> {
  const roots = chainRoots(rows);
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return new Map(rows.map((r) => [r.id, byId.get(roots.get(String(r.id))!)!.chartedAt]));
}

/**
 * A charted row as engine input; only current entries are coded. With the
 * formulary, a charted NDC also gives the product's concentration.
 * `originalChartedAt`: when the chain's original entry was charted (firstChartedAt);
 * the row's own chartedAt when omitted.
 */
export function toEngineAdministration(a: AdministrationView, formulary: readonly FormularyDrug[] = [], originalChartedAt: Date = a.chartedAt): AdministrationInput {
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
    chartedAt: originalChartedAt.toISOString(),
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
  const charted = firstChartedAt(rows);
  const administrations = rows.filter((r) => r.status === 'active').map((r) => toEngineAdministration(r, ctx.formulary, charted.get(r.id)));
  if (draft) administrations.push(draft);
  return {
    setting: ctx.setting,
    options: {
      timeZone: ctx.timeZone,
      formulary: ctx.formulary, // the same list every time: the engine's formulary index is built once per list
      requireDocumentation: true,
      // Every stored dose must name its order (coding-rules.md §9, issue 12 item 5).
      requireOrder: true,
      ...(ctx.jwJz ? { jwJz: ctx.jwJz } : {}),
      ...(ctx.lateEntryThresholdMinutes !== undefined ? { lateEntryThresholdMinutes: ctx.lateEntryThresholdMinutes } : {}),
    },
    administrations,
  };
}
