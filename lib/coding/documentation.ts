// Documentation elements each administration needs (coding-rules.md §9, from
// published 96374–96376 documentation guidance and payer policies). A gap is a
// warning that blocks "ready for coding"; it never drops the entry.
import { RULES } from './rules';

export type DocGapRule =
  | typeof RULES.DOC_DRUG
  | typeof RULES.DOC_DOSE
  | typeof RULES.DOC_ROUTE
  | typeof RULES.DOC_START
  | typeof RULES.DOC_STOP
  | typeof RULES.DOC_SITE
  | typeof RULES.DOC_RATIONALE
  | typeof RULES.DOC_SIGNER
  | typeof RULES.DOC_ORDER;

/** The bedside checklist, in the order a nurse charts. */
export const DOC_GAP_LABELS: Readonly<Record<DocGapRule, string>> = {
  [RULES.DOC_DRUG]: 'Drug name',
  [RULES.DOC_DOSE]: 'Dose with unit',
  [RULES.DOC_ROUTE]: 'Route (IV push, infusion, IM/SC)',
  [RULES.DOC_START]: 'Start time',
  [RULES.DOC_STOP]: 'Stop time',
  [RULES.DOC_SITE]: 'Access site',
  [RULES.DOC_RATIONALE]: 'Reason for the drug (indication)',
  [RULES.DOC_SIGNER]: 'Your signature and credentials',
  [RULES.DOC_ORDER]: 'Ordering provider and order type',
};

export interface DocGap {
  rule: DocGapRule;
  field: string;
  label: string;
}

/** Loose shape so the bedside form can check a draft before it is valid input. */
export interface DraftAdministration {
  kind?: string | null;
  drug?: string | null;
  dose?: { value?: number | string | null; unit?: string | null } | null;
  route?: string | null;
  start?: string | null;
  stop?: string | null;
  site?: string | null;
  rationale?: string | null;
  performer?: string | null;
  /** Who ordered it and how (R-DOC-ORDER); checked only with `requireOrder`. */
  order?: { provider?: string | null; type?: string | null } | null;
}

export interface DocumentationOptions {
  /** Missing fields are gaps too, not only present empty ones. */
  requireDocumentation?: boolean;
  /**
   * R-DOC-ORDER (coding-rules.md §9: "the ordering provider and order type …
   * payers ask for the order behind each drug and service"): an administration
   * whose `order` lacks a provider or a type is a gap. Off by default, so plain
   * §12 input codes exactly as before.
   */
  requireOrder?: boolean;
}

function blank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  // A visible ASCII first character settles it without trim() (called for every field of every administration).
  const first = v.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return v.trim() === '';
}

/**
 * A field is a gap when its key is present with an empty value, or when
 * `requireDocumentation` is set and it is missing. A key absent from plain §12
 * input is not a gap. A push or infusion with `stop: null` always lacks its stop.
 */
function has(adm: DraftAdministration, field: keyof DraftAdministration): boolean {
  return adm[field] !== undefined && Object.prototype.hasOwnProperty.call(adm, field);
}

function check(gaps: DocGap[], adm: DraftAdministration, require: boolean, rule: DocGapRule, field: keyof DraftAdministration, empty: boolean): void {
  const present = has(adm, field);
  if ((present && empty) || (!present && require)) gaps.push({ rule, field, label: DOC_GAP_LABELS[rule] });
}

/**
 * A field is a gap when its key is present with an empty value, or when
 * `requireDocumentation` is set and it is missing. A key absent from plain §12
 * input is not a gap. A push or infusion with `stop: null` always lacks its stop.
 */
// Not frozen: for…of over a frozen array leaves V8's fast path and allocates per
// dose; `readonly` keeps it unchanged.
const NO_GAPS: readonly DocGap[] = [];

/**
 * The documentation elements `adm` lacks, in charting order (coding-rules.md
 * §9), each with its rule, field and label; an empty frozen array when none.
 * With `requireOrder`, a missing provider or order type adds R-DOC-ORDER (field "order").
 */
export function documentationGaps(adm: DraftAdministration, options: DocumentationOptions = {}): readonly DocGap[] {
  const gaps = elementGaps(adm, options);
  if (options.requireOrder !== true) return gaps;
  const order = adm.order;
  if (order && !blank(order.provider) && !blank(order.type)) return gaps;
  return [...gaps, { rule: RULES.DOC_ORDER, field: 'order', label: DOC_GAP_LABELS[RULES.DOC_ORDER] }];
}

function elementGaps(adm: DraftAdministration, options: DocumentationOptions): readonly DocGap[] {
  // Fast paths (the engine asks for every administration): input whose present
  // fields are all filled has no gaps.
  if (options.requireDocumentation !== true && !blank(adm.drug) && !blank(adm.start) && (adm.stop !== null || adm.kind === 'injection') && (adm.site === undefined || !blank(adm.site))) {
    // Plain §12 input.
    if (adm.dose === undefined && adm.route === undefined && adm.rationale === undefined && adm.performer === undefined) return NO_GAPS;
    // App input with the optional fields charted: the same answer the checks below give.
    if (
      (adm.kind === 'injection' || adm.stop === undefined || !blank(adm.stop)) &&
      (adm.dose === undefined || (!!adm.dose && !blank(adm.dose.value) && !blank(adm.dose.unit))) &&
      (adm.route === undefined || !blank(adm.route)) &&
      (adm.rationale === undefined || !blank(adm.rationale)) &&
      (adm.performer === undefined || !blank(adm.performer))
    ) {
      return NO_GAPS;
    }
  }
  const require = options.requireDocumentation === true;
  const gaps: DocGap[] = [];
  check(gaps, adm, require, RULES.DOC_DRUG, 'drug', blank(adm.drug));
  const dose = adm.dose;
  check(gaps, adm, require, RULES.DOC_DOSE, 'dose', !dose || blank(dose.value) || blank(dose.unit));
  // The kind (push, infusion, …) records the route, so a missing route key is
  // only a gap when the kind is missing too.
  if (adm.route !== undefined || blank(adm.kind)) check(gaps, adm, require, RULES.DOC_ROUTE, 'route', blank(adm.route));
  check(gaps, adm, require, RULES.DOC_START, 'start', blank(adm.start));
  // IM/SC injections have no stop time.
  if (adm.kind !== 'injection') check(gaps, adm, require, RULES.DOC_STOP, 'stop', blank(adm.stop));
  check(gaps, adm, require, RULES.DOC_SITE, 'site', blank(adm.site));
  check(gaps, adm, require, RULES.DOC_RATIONALE, 'rationale', blank(adm.rationale));
  check(gaps, adm, require, RULES.DOC_SIGNER, 'performer', blank(adm.performer));
  return gaps;
}
