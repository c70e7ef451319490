// What a coder must confirm before "Mark coded" (issue 13 item 5, issue 15
// item 4): the claim must not carry a placeholder or unknown NDC, an unusual
// bedside dose or an open engine error without someone having looked at it.
// Pure, so the review, the confirmation dialog and the server derive the same
// list from the same data; the server never takes the client's list.
//
// Extending (issue 15): add a kind to ConfirmationKind and one collector
// function below, called from confirmationsBeforeCoding; the review, the
// dialog and the server pick the new items up with no other change.
import { ORDER_TYPE_LABEL } from './administration-schema';
import type { FinalLine } from './claim-lines';
import { RULES, type AddOnProblem, type CodingWarning } from './coding';
import type { LapsedDecision } from './coding-review';
import { ndc10To11, type FormularyDrug } from './formulary/starter-formulary';
import { encounterDoseLabels } from './dose-label';
import { firstChartedAt } from './engine-input';
import { formatElapsed } from './timeline';
import type { AdministrationView } from './types';

/**
 * - `placeholder-ndc`: a drug line carries an NDC of a placeholder product
 *   (labeler 99999, lib/formulary/define.ts), not a real package.
 * - `unlisted-ndc`: a dose was charted with an NDC the formulary does not know
 *   (the nurse confirmed it at the bedside with a reason, or it predates the check).
 * - `dose-outside-range`: a dose the nurse confirmed at the bedside as outside the usual range.
 * - `engine-error`: an error-level engine warning, or an add-on left without its
 *   primary by the coder's decisions (coding-rules.md §8).
 * - `jw-jz-decision`: a drug line the engine left for the coder to decide JW/JZ
 *   on (R-HCPCS-WASTE-UNKNOWN: single-dose container, discarded amount not
 *   charted; R-HCPCS-PAYMENT-STATUS: JW/JZ added while the code's OPPS payment
 *   status is unknown; R-HCPCS-CONTAINER-UNKNOWN: the container type is not
 *   recorded — drug-reference.md §2), and the coder has not decided
 *   (no override, removal or added line on those doses' drug lines).
 * - `lapsed-decision`: an earlier decision of the coder the chart no longer
 *   supports (lib/coding-review.ts lapsedDecisions), not yet decided again.
 * - `order-awaiting-cosign`: a dose given on a verbal or telephone order the
 *   ordering provider has still to co-sign (R-DOC-ORDER; no co-signature is recorded yet).
 * - `drug-without-administration`: a drug supply (HCPCS) line whose doses have
 *   no administration (CPT) line left — removed by the coder, or the doses
 *   entered in error — so the claim bills a drug no one is shown to have given.
 * - `late-entry`: a dose charted long after it was given without a late-entry
 *   reason (the engine's R-DOC-LATE-ENTRY, measured from the original entry).
 */
export type ConfirmationKind =
  | 'placeholder-ndc'
  | 'unlisted-ndc'
  | 'dose-outside-range'
  | 'jw-jz-decision'
  | 'lapsed-decision'
  | 'order-awaiting-cosign'
  | 'late-entry'
  | 'drug-without-administration'
  | 'engine-error';

/** 'block': cannot be marked coded until fixed; 'reason': the coder may go on with a reason. */
export type ConfirmationLevel = 'block' | 'reason';

export interface ConfirmationItem {
  /** Stable for the same chart and lines, e.g. "placeholder-ndc:hcpcs:J2405:2026-03-02:JZ:99999000101" or "dose-outside-range:12". */
  key: string;
  kind: ConfirmationKind;
  level: ConfirmationLevel;
  /** One sentence a coder can check against the chart (names the NDC, the dose, the reason given). */
  message: string;
  /** Claim lines (FinalLine.key) the item concerns; [] when it concerns doses only. */
  lineKeys: string[];
  /** Doses (administration ids as text) the item concerns. */
  administrationIds: string[];
  /** The nurse's reason given at the bedside, when there is one. */
  bedsideReason: string | null;
}

export interface ConfirmationInput {
  /** The coder's working (or final) lines. */
  lines: readonly FinalLine[];
  /** The encounter's doses; only active ones are considered. */
  administrations: readonly AdministrationView[];
  /** The engine's warnings over the current chart. */
  warnings: readonly CodingWarning[];
  /** Add-on integrity over the working lines (WorkingLines.problems). */
  problems?: readonly AddOnProblem[];
  /** The coder's decisions the chart no longer supports (WorkingLines.lapsed). */
  lapsed?: readonly LapsedDecision[];
  formulary: readonly FormularyDrug[];
  /** Facility time zone, for naming doses "Ondansetron HCl 4 mg at 10:00". */
  timeZone: string;
  /** Name doses with their date (the encounter spans calendar days). */
  withDate?: boolean;
  /**
   * The facility's late-entry threshold (minutes from given to first charted,
   * EncounterDetail.lateEntryThresholdMinutes): late entries with the nurse's
   * reason are listed for the coder as bedside confirmations are. Omitted: not listed.
   */
  lateEntryThresholdMinutes?: number;
}

export type NdcFlag = 'placeholder' | 'not-in-formulary';

/** The fictitious labeler of placeholder NDCs (lib/formulary/define.ts `product`). */
const PLACEHOLDER_LABELER = '99999';

/**
 * A charted NDC as the 11-digit billing NDC: 11 digits as they are, a
 * hyphenated 10-digit NDC converted (5-4-2), 10 bare digits only when a
 * formulary product prints them; null when it cannot be known.
 */
export function chartedNdc11(raw: string | null | undefined, formulary: readonly FormularyDrug[]): string | null {
  if (!raw) return null;
  const text = raw.trim();
  const digits = text.replace(/-/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 11) return digits;
  if (text.includes('-')) return ndc10To11(text);
  if (digits.length === 10) {
    for (const drug of formulary) for (const p of drug.products) if (p.ndc10.replace(/-/g, '') === digits) return p.ndc11;
  }
  return null;
}

/**
 * Whether an 11-digit NDC on a claim line may be billed as it is: 'placeholder'
 * when it is a placeholder product's (placeholderNdc) or under the fictitious
 * labeler 99999, 'not-in-formulary' when no formulary product has it, null for
 * a real product of the formulary (or no NDC at all).
 */
export function ndcFlag(ndc11: string | null | undefined, formulary: readonly FormularyDrug[]): NdcFlag | null {
  if (!ndc11) return null;
  const product = findProduct(ndc11, formulary);
  if (product?.placeholderNdc || ndc11.startsWith(PLACEHOLDER_LABELER)) return 'placeholder';
  return product ? null : 'not-in-formulary';
}

/**
 * The billing NDC-11 as the coder reads it everywhere on the review: 5-4-2
 * hyphenated ("00409475503" → "00409-4755-03"); anything else as it is.
 */
export function ndc11Display(ndc11: string): string {
  return /^\d{11}$/.test(ndc11) ? `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}` : ndc11;
}

/**
 * A charted NDC in the review's one format: the 5-4-2 NDC-11 where it can be
 * known (chartedNdc11), else exactly as charted.
 */
export function chartedNdcDisplay(raw: string, formulary: readonly FormularyDrug[]): string {
  const ndc11 = chartedNdc11(raw, formulary);
  return ndc11 ? ndc11Display(ndc11) : raw.trim();
}

/** "99999-001-01" as on the package when the formulary knows it; else the billing NDC as 5-4-2 (FHIR notes). */
export function ndcDisplay(ndc11: string, formulary: readonly FormularyDrug[]): string {
  const product = findProduct(ndc11, formulary);
  if (product) return product.ndc10;
  return /^\d{11}$/.test(ndc11) ? `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}` : ndc11;
}

function findProduct(ndc11: string, formulary: readonly FormularyDrug[]) {
  for (const drug of formulary) for (const p of drug.products) if (p.ndc11 === ndc11) return p;
  return undefined;
}

/**
 * Everything a coder must confirm before "Mark coded", blocking items first,
 * then by kind in the order of ConfirmationKind, then in line/dose order.
 * Empty when there is nothing to confirm. Errors block; the rest need the
 * coder's reason (issue 13 item 5, issue 15 item 4).
 */
export function confirmationsBeforeCoding(input: ConfirmationInput): ConfirmationItem[] {
  const items = [
    ...engineErrors(input),
    ...placeholderNdcs(input),
    ...unlistedNdcs(input),
    ...dosesOutsideRange(input),
    ...jwJzDecisions(input),
    ...lapsedDecisionItems(input),
    ...ordersAwaitingCosign(input),
    ...lateEntries(input),
    ...lateEntriesWithReason(input),
    ...drugsWithoutAdministration(input),
  ];
  return [...items.filter((i) => i.level === 'block'), ...items.filter((i) => i.level !== 'block')];
}

/** Items that stop "Mark coded" outright. */
export function blockingItems(items: readonly ConfirmationItem[]): ConfirmationItem[] {
  return items.filter((i) => i.level === 'block');
}

/** Items the coder may pass with a reason. */
export function itemsNeedingReason(items: readonly ConfirmationItem[]): ConfirmationItem[] {
  return items.filter((i) => i.level === 'reason');
}

/** The dose as every picker names it (lib/dose-label.ts), among the encounter's doses. */
function doseName(input: ConfirmationInput, id: number): string {
  return encounterDoseLabels(input.administrations, { timeZone: input.timeZone, withDate: input.withDate ?? false }).get(id) ?? 'a dose no longer on this chart';
}

function active(input: ConfirmationInput): AdministrationView[] {
  return input.administrations.filter((a) => a.status === 'active');
}

function linesOf(input: ConfirmationInput, administrationId: string): string[] {
  return input.lines.filter((l) => l.administrationIds.includes(administrationId)).map((l) => l.key);
}

function placeholderNdcs(input: ConfirmationInput): ConfirmationItem[] {
  return input.lines
    .filter((l) => l.kind === 'hcpcs' && ndcFlag(l.ndc11, input.formulary) === 'placeholder')
    .map((l) => {
      const ndc = ndc11Display(l.ndc11!);
      return {
        key: `placeholder-ndc:${l.key}:${l.ndc11}`,
        kind: 'placeholder-ndc' as const,
        level: 'reason' as const,
        message: `${l.code}: NDC ${ndc} is a placeholder, not a real package: replace it before billing.`,
        lineKeys: [l.key],
        administrationIds: [...l.administrationIds],
        bedsideReason: null,
      };
    });
}

function unlistedNdcs(input: ConfirmationInput): ConfirmationItem[] {
  const out: ConfirmationItem[] = [];
  for (const a of active(input)) {
    const reason = a.ndcConfirmationReason?.trim() || null;
    if (!a.ndc?.trim() && !reason) continue;
    const ndc11 = chartedNdc11(a.ndc, input.formulary);
    const known = ndc11 !== null && findProduct(ndc11, input.formulary) !== undefined;
    // The nurse's confirmation says the NDC was unknown when charted; an NDC
    // the formulary still does not know (a row charted before the check) is flagged too.
    if (known && !reason) continue;
    const id = String(a.id);
    const dose = doseName(input, a.id);
    const ndc = a.ndc?.trim() ? chartedNdcDisplay(a.ndc, input.formulary) : 'with no NDC';
    out.push({
      key: `unlisted-ndc:${id}`,
      kind: 'unlisted-ndc',
      level: 'reason',
      message: reason
        ? `${dose}: NDC ${ndc} is not in the formulary — charted with reason: ${reason}`
        : `${dose}: NDC ${ndc} is not in the formulary — charted without a reason.`,
      lineKeys: linesOf(input, id),
      administrationIds: [id],
      bedsideReason: reason,
    });
  }
  return out;
}

/** 'above' / 'below' when the drug's limit for this kind is in the dose's unit; null otherwise. */
function direction(a: AdministrationView, formulary: readonly FormularyDrug[]): { side: 'above' | 'below'; text: string } | null {
  const drug = formulary.find((d) => d.key === a.drugKey);
  const limit = drug?.doseLimits?.find((l) => l.kinds.includes(a.kind) && l.unit === a.doseUnit);
  const dose = Number(a.doseValue);
  if (!limit || !Number.isFinite(dose)) return null;
  if (dose > Number(limit.softMax)) return { side: 'above', text: `usual up to ${limit.softMax} ${limit.unit}, ${limit.source}` };
  if (dose < Number(limit.usual) / 10) return { side: 'below', text: `usual ${limit.usual} ${limit.unit}, ${limit.source}` };
  return null;
}

function dosesOutsideRange(input: ConfirmationInput): ConfirmationItem[] {
  const out: ConfirmationItem[] = [];
  for (const a of active(input)) {
    const reason = a.doseConfirmationReason?.trim();
    if (!reason) continue;
    const id = String(a.id);
    const dir = direction(a, input.formulary);
    const what = dir ? `Dose ${dir.side} the usual range (${dir.text})` : 'Dose outside the usual range';
    out.push({
      key: `dose-outside-range:${id}`,
      kind: 'dose-outside-range',
      level: 'reason',
      message: `${doseName(input, a.id)}: ${what}, confirmed at the bedside: ${reason}`,
      lineKeys: linesOf(input, id),
      administrationIds: [id],
      bedsideReason: reason,
    });
  }
  return out;
}

function engineErrors(input: ConfirmationInput): ConfirmationItem[] {
  // The engine's add-on error is re-checked over the working lines (problems):
  // a coder who removed the orphan line has resolved it.
  const errors = input.warnings.filter((w) => w.severity === 'error' && w.rule !== RULES.ADDON_NEEDS_PRIMARY);
  const fromEngine = errors.map((w) => ({
    key: `engine-error:${w.rule}:${w.administrationIds.join('+')}`,
    kind: 'engine-error' as const,
    level: 'block' as const,
    message: `${w.rule}: ${w.message}`,
    lineKeys: input.lines.filter((l) => l.administrationIds.some((id) => w.administrationIds.includes(id))).map((l) => l.key),
    administrationIds: [...w.administrationIds],
    bedsideReason: null,
  }));
  const fromLines = (input.problems ?? []).map((p) => ({
    key: `engine-error:${RULES.ADDON_NEEDS_PRIMARY}:${p.code}:${p.administrationIds.join('+')}`,
    kind: 'engine-error' as const,
    level: 'block' as const,
    message: `${RULES.ADDON_NEEDS_PRIMARY}: ${p.message}`,
    lineKeys: input.lines.filter((l) => l.kind === 'cpt' && l.code === p.code && l.administrationIds.join('+') === p.administrationIds.join('+')).map((l) => l.key),
    administrationIds: [...p.administrationIds],
    bedsideReason: null,
  }));
  return [...fromEngine, ...fromLines];
}

/**
 * Engine rules (lib/coding/rules.ts ids, never message text) that leave JW/JZ
 * on a drug line to the coder. Error-level ones (R-DOC-WASTE) already block as
 * engine errors and are not listed twice.
 */
const JW_JZ_DECISION_RULES: ReadonlySet<string> = new Set([RULES.HCPCS_WASTE_UNKNOWN, RULES.HCPCS_PAYMENT_STATUS, RULES.HCPCS_CONTAINER_UNKNOWN]);

function jwJzDecisions(input: ConfirmationInput): ConfirmationItem[] {
  const out: ConfirmationItem[] = [];
  const seen = new Set<string>();
  for (const w of input.warnings) {
    if (w.severity === 'error' || !JW_JZ_DECISION_RULES.has(w.rule)) continue;
    const drugLines = input.lines.filter((l) => l.kind === 'hcpcs' && l.administrationIds.some((id) => w.administrationIds.includes(id)));
    // No drug line left (removed), or one the coder overrode or added for these doses: decided.
    if (drugLines.length === 0 || drugLines.some((l) => l.source !== 'engine')) continue;
    const key = `jw-jz-decision:${w.rule}:${w.administrationIds.join('+')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lines = drugLines.map((l) => `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} × ${l.units}`).join(', ');
    const doses = w.administrationIds.map((id) => doseName(input, Number(id))).join('; ');
    out.push({
      key,
      kind: 'jw-jz-decision',
      level: 'reason',
      message: `${lines} (${doses}) still needs your JW/JZ decision: ${w.message} Override the line with JW/JZ (or none), or query the nurse.`,
      lineKeys: drugLines.map((l) => l.key),
      administrationIds: [...w.administrationIds],
      bedsideReason: null,
    });
  }
  return out;
}

function lineName(l: Pick<FinalLine, 'code' | 'modifiers' | 'units'>): string {
  return `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} × ${l.units}`;
}

/** Each lapsed decision, naming the line it concerns now and the decision (its notice sentence). */
function lapsedDecisionItems(input: ConfirmationInput): ConfirmationItem[] {
  return (input.lapsed ?? []).map((d) => {
    const line = d.lineKey ? input.lines.find((l) => l.key === d.lineKey) : undefined;
    const reason = 'reason' in d.override.op && d.override.op.reason ? ` Your reason then: ${d.override.op.reason.replace(/[.!?]+$/u, '')}.` : '';
    return {
      key: `lapsed-decision:${d.override.id}`,
      kind: 'lapsed-decision' as const,
      level: 'reason' as const,
      message: line
        ? `Line ${lineName(line)}: ${d.message}${reason} Decide again on this line, or code it as the chart now gives it.`
        : `${d.message}${reason} The line is no longer on the claim.`,
      lineKeys: line ? [line.key] : [],
      administrationIds: line ? [...line.administrationIds] : [],
      bedsideReason: null,
    };
  });
}

/** Doses given on a verbal or telephone order: the ordering provider still has to co-sign it. */
function ordersAwaitingCosign(input: ConfirmationInput): ConfirmationItem[] {
  return active(input)
    .filter((a) => a.orderType === 'verbal' || a.orderType === 'telephone')
    .map((a) => {
      const id = String(a.id);
      return {
        key: `order-awaiting-cosign:${id}`,
        kind: 'order-awaiting-cosign' as const,
        level: 'reason' as const,
        message: `${doseName(input, a.id)}: ${ORDER_TYPE_LABEL[a.orderType!].toLowerCase()} from ${a.orderingProviderName ?? 'a provider not recorded'} still awaits the provider's co-signature.`,
        lineKeys: linesOf(input, id),
        administrationIds: [id],
        bedsideReason: null,
      };
    });
}

/**
 * The engine's late entries (R-DOC-LATE-ENTRY, by rule id): charted long after
 * the dose without a reason. The delay is measured from the chain's original
 * entry (an amendment is a correction, lib/engine-input.ts firstChartedAt) and
 * shown as people read it ("6 d 13 h", lib/timeline.ts formatElapsed), not in raw minutes.
 */
function lateEntries(input: ConfirmationInput): ConfirmationItem[] {
  const charted = firstChartedAt(input.administrations);
  const byId = new Map(input.administrations.map((a) => [String(a.id), a]));
  const delay = (id: string) => {
    const a = byId.get(id);
    const at = a ? charted.get(a.id) : undefined;
    return a && at ? `charted ${formatElapsed(a.startAt, at)} after it was given` : 'charted long after it was given';
  };
  return input.warnings
    .filter((w) => w.rule === RULES.LATE_ENTRY && w.severity !== 'error')
    .map((w) => ({
      key: `late-entry:${w.administrationIds.join('+')}`,
      kind: 'late-entry' as const,
      level: 'reason' as const,
      message: `${w.administrationIds.map((id) => `${doseName(input, Number(id))}: ${delay(id)}`).join('; ')}, with no late-entry reason (${RULES.LATE_ENTRY}).`,
      lineKeys: input.lines.filter((l) => l.administrationIds.some((id) => w.administrationIds.includes(id))).map((l) => l.key),
      administrationIds: [...w.administrationIds],
      bedsideReason: null,
    }));
}

/**
 * Late entries the nurse gave a reason for (the engine flags only those
 * without one, R-DOC-LATE-ENTRY): a dose first charted more than the
 * facility's threshold after it was given, the delay measured from the chain's
 * original entry (lib/engine-input.ts firstChartedAt), listed with the reason
 * as bedside confirmations are, so the coder confirms it knowingly.
 */
function lateEntriesWithReason(input: ConfirmationInput): ConfirmationItem[] {
  const threshold = input.lateEntryThresholdMinutes;
  if (threshold === undefined) return [];
  const charted = firstChartedAt(input.administrations);
  return active(input)
    .filter((a) => a.lateEntryReason && (charted.get(a.id) ?? a.chartedAt).getTime() - a.startAt.getTime() > threshold * 60_000)
    .map((a) => {
      const id = String(a.id);
      return {
        key: `late-entry-with-reason:${id}`,
        kind: 'late-entry' as const,
        level: 'reason' as const,
        message: `${doseName(input, a.id)}: charted ${formatElapsed(a.startAt, charted.get(a.id) ?? a.chartedAt)} after it was given (late entry); the nurse's reason: ${a.lateEntryReason}`,
        lineKeys: linesOf(input, id),
        administrationIds: [id],
        bedsideReason: a.lateEntryReason,
      };
    });
}

/**
 * Drug supply lines none of whose doses has an administration line left (the
 * coder removed them, or the doses were entered in error): the claim would
 * bill a drug without its administration. Lines citing no dose (added without
 * one) are not judged.
 */
function drugsWithoutAdministration(input: ConfirmationInput): ConfirmationItem[] {
  const current = new Set(active(input).map((a) => String(a.id)));
  const administered = new Set(input.lines.filter((l) => l.kind === 'cpt').flatMap((l) => l.administrationIds));
  return input.lines
    .filter((l) => l.kind === 'hcpcs' && l.administrationIds.length > 0 && !l.administrationIds.some((id) => current.has(id) && administered.has(id)))
    .map((l) => ({
      key: `drug-without-administration:${l.key}`,
      kind: 'drug-without-administration' as const,
      level: 'reason' as const,
      message: `${lineName(l)} (${l.administrationIds.map((id) => doseName(input, Number(id))).join('; ')}): no administration line is left for ${l.administrationIds.length === 1 ? 'this dose' : 'these doses'} (removed, or entered in error). Restore the administration line, remove the drug line, or give your reason.`,
      lineKeys: [l.key],
      administrationIds: [...l.administrationIds],
      bedsideReason: null,
    }));
}
