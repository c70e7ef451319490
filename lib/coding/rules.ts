// Rule ids (coding-rules.md), code paraphrases and the add-on/primary table.
// CPT descriptors are AMA copyright: only short paraphrases appear here.

export const RULES = {
  PUSH_DEF: 'R-PUSH-DEF',
  SHORT_INFUSION: 'R-SHORT-INFUSION',
  INFUSION_NO_STOP: 'R-INFUSION-NO-STOP',
  INITIAL: 'R-INITIAL',
  INITIAL_OVERRIDE: 'R-INITIAL-OVERRIDE',
  SECOND_SITE: 'R-SECOND-SITE',
  PUSH_NEW_DRUG: 'R-PUSH-NEW-DRUG',
  PUSH_SAME_DRUG: 'R-PUSH-SAME-DRUG',
  SAME_DRUG_30MIN: 'R-SAME-DRUG-30MIN',
  SAME_DRUG_OFFICE: 'R-SAME-DRUG-OFFICE',
  CHEMO_SAME_DRUG: 'R-CHEMO-SAME-DRUG',
  INFUSION_ADDL_HOUR: 'R-INFUSION-ADDL-HOUR',
  INFUSION_SEQUENTIAL: 'R-INFUSION-SEQUENTIAL',
  INFUSION_CONCURRENT: 'R-INFUSION-CONCURRENT',
  CONCURRENT_LIMIT: 'R-CONCURRENT-LIMIT',
  CHEMO_PUMP: 'R-CHEMO-PUMP',
  INF_REPEAT: 'R-INF-REPEAT',
  HYDRATION_MIN: 'R-HYDRATION-MIN',
  HYDRATION_SECONDARY: 'R-HYDRATION-SECONDARY',
  HYDRATION_ADDL_HOUR: 'R-HYDRATION-ADDL-HOUR',
  HYDRATION_OVERLAP: 'R-HYDRATION-OVERLAP',
  HYDRATION_TOTAL: 'R-HYDRATION-TOTAL',
  INJECTION: 'R-INJECTION',
  BUNDLED: 'R-BUNDLED',
  INTEGRAL: 'R-INTEGRAL',
  ADDON_NEEDS_PRIMARY: 'R-ADDON-NEEDS-PRIMARY',
  CROSS_MIDNIGHT: 'R-CROSS-MIDNIGHT',
  STOP_BEFORE_START: 'R-TIME-STOP-BEFORE-START',
  FUTURE_TIME: 'R-TIME-FUTURE',
  LATE_ENTRY: 'R-DOC-LATE-ENTRY',
  DOC_DRUG: 'R-DOC-DRUG',
  DOC_DOSE: 'R-DOC-DOSE',
  DOC_ROUTE: 'R-DOC-ROUTE',
  DOC_START: 'R-DOC-START',
  DOC_STOP: 'R-DOC-STOP',
  DOC_SITE: 'R-DOC-SITE',
  DOC_RATIONALE: 'R-DOC-RATIONALE',
  DOC_SIGNER: 'R-DOC-SIGNER',
  DOC_ORDER: 'R-DOC-ORDER',
  DOC_WASTE: 'R-DOC-WASTE',
  HCPCS_UNITS: 'R-HCPCS-UNITS',
  HCPCS_JW: 'R-HCPCS-JW',
  HCPCS_NOC: 'R-HCPCS-NOC',
  HCPCS_UNIT_MISMATCH: 'R-HCPCS-UNIT-MISMATCH',
  HCPCS_WASTE_UNKNOWN: 'R-HCPCS-WASTE-UNKNOWN',
  HCPCS_PAYMENT_STATUS: 'R-HCPCS-PAYMENT-STATUS',
  HCPCS_CONTAINER_UNKNOWN: 'R-HCPCS-CONTAINER-UNKNOWN',
} as const;

export type RuleId = (typeof RULES)[keyof typeof RULES];

/** Short paraphrases (not CPT text) for coder screens. */
export const CODE_LABELS: Record<string, string> = {
  '96360': 'Hydration, initial, 31 min to 1 h',
  '96361': 'Hydration, each additional hour / secondary hydration',
  '96365': 'IV infusion, initial, up to 1 h',
  '96366': 'IV infusion, each additional hour',
  '96367': 'IV infusion, additional sequential new drug, up to 1 h',
  '96368': 'IV infusion, concurrent',
  '96372': 'IM/SC injection',
  '96374': 'IV push, single or initial drug',
  '96375': 'IV push, each additional sequential new drug',
  '96376': 'IV push, each additional sequential same drug (facility only)',
  '96409': 'Chemo IV push, single or initial drug',
  '96411': 'Chemo IV push, each additional drug',
  '96413': 'Chemo IV infusion, initial, up to 1 h',
  '96415': 'Chemo IV infusion, each additional hour',
  '96416': 'Chemo infusion, prolonged (more than 8 h), initiation, requiring a pump',
  '96417': 'Chemo IV infusion, additional sequential drug, up to 1 h',
};

/** Initial (primary) administration codes. */
export const INITIAL_CODES = new Set(['96360', '96365', '96374', '96409', '96413']);

/**
 * Add-on code → codes that make it reportable. coding-rules.md §4 lists 96375
 * and 96376; the others follow the CPT parentheticals as summarised by
 * CMS/MAC/AAPC pages (coding-rules.md §8).
 */
export const ADD_ON_PRIMARIES: Record<string, readonly string[]> = {
  '96361': ['96360', '96365', '96374', '96409', '96413'],
  '96366': ['96365', '96367'],
  '96367': ['96365', '96374', '96409', '96413'],
  '96368': ['96365', '96366', '96413', '96415', '96416'],
  '96375': ['96365', '96374', '96409', '96413'],
  '96376': ['96360', '96365', '96374', '96409', '96413'],
  '96411': ['96409', '96413'],
  '96415': ['96413', '96417'],
  '96417': ['96413'],
};

export function isAddOn(code: string): boolean {
  return code in ADD_ON_PRIMARIES;
}

export interface AddOnProblem {
  /** Index into the lines given. */
  index: number;
  code: string;
  administrationIds: string[];
  acceptedPrimaries: readonly string[];
  message: string;
}

/**
 * coding-rules.md §8: an add-on is never reported without a valid primary in
 * the same encounter. A primary that is itself an add-on (96367 for 96366) only
 * counts when it is valid, so this iterates to a fixed point. Used by the engine
 * and again by the coder workspace after manual overrides.
 */
export function checkAddOnIntegrity(lines: ReadonlyArray<{ code: string; units?: number; administrationIds?: readonly string[] }>): AddOnProblem[] {
  const present = (l: { units?: number }) => l.units === undefined || l.units > 0;
  // Validity is a property of codes, not lines: decide it over the handful of
  // distinct codes, and walk the lines again only when some add-on fails.
  const codes = new Set<string>();
  for (const l of lines) if (present(l)) codes.add(l.code);
  const invalid = invalidAddOns(codes);
  if (invalid.size === 0) return [];
  const problems: AddOnProblem[] = [];
  lines.forEach((l, index) => {
    if (!present(l) || !invalid.has(l.code)) return;
    const acceptedPrimaries = ADD_ON_PRIMARIES[l.code]!;
    problems.push({
      index,
      code: l.code,
      administrationIds: [...(l.administrationIds ?? [])],
      acceptedPrimaries,
      message: `${l.code} is an add-on code and needs one of ${acceptedPrimaries.join(', ')} on the same encounter.`,
    });
  });
  return problems;
}

/** The add-on codes among `codes` without a valid primary among them (a primary that is itself an add-on must be valid). */
export function invalidAddOns(codes: ReadonlySet<string>): Set<string> {
  const valid = new Set<string>();
  for (const c of codes) if (!isAddOn(c)) valid.add(c);
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of codes) {
      if (valid.has(c) || !isAddOn(c)) continue;
      if (ADD_ON_PRIMARIES[c]!.some((p) => valid.has(p))) {
        valid.add(c);
        changed = true;
      }
    }
  }
  const invalid = new Set<string>();
  for (const c of codes) if (!valid.has(c)) invalid.add(c);
  return invalid;
}

/**
 * Additional hours for a time-based service lasting `minutes` (coding-rules.md §5):
 * only time more than 30 minutes beyond the last full hour counts.
 * 90 → 0, 91 → 1, 150 → 1, 151 → 2.
 */
export function additionalHours(minutes: number): number {
  if (minutes <= 60) return 0;
  const extra = minutes - 60;
  return Math.floor(extra / 60) + (extra % 60 > 30 ? 1 : 0);
}

/** Secondary hydration units (coding-rules.md §6): 0 when ≤ 30 min, else 1 plus the hour formula. 45 → 1, 90 → 1, 91 → 2. */
export function secondaryHydrationUnits(minutes: number): number {
  if (minutes <= 30) return 0;
  return 1 + additionalHours(minutes);
}
