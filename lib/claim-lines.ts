// A coder's final claim lines: the engine's suggestion, possibly overridden,
// frozen when the encounter is marked coded. Shared by review, export and print.

export interface FinalLine {
  /** Stable within one review: "cpt:96374:12" or "hcpcs:J2405:2026-03-02:JZ". */
  key: string;
  kind: 'cpt' | 'hcpcs';
  code: string;
  units: number;
  modifiers: string[];
  /** Administration ids (database ids as strings) the line derives from. */
  administrationIds: string[];
  rule: string;
  explanation: string;
  /** HCPCS lines: the 11-digit NDC when known. */
  ndc11: string | null;
  /** YYYY-MM-DD in the facility's time zone. */
  dateOfService: string;
  source: 'engine' | 'override' | 'added';
  /** What the engine suggested, when a coder changed the line. */
  engine?: { code: string; units: number; modifiers: string[] } | null;
  overrideReason?: string | null;
}

/** Facility (UB-04) revenue codes: IV therapy administration vs drugs that need detailed coding. */
export function revenueCode(line: Pick<FinalLine, 'kind'>, setting: 'facility' | 'non-facility'): string {
  if (setting !== 'facility') return '';
  return line.kind === 'cpt' ? '0260' : '0636';
}
