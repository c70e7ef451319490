// A coder's final claim lines: the engine's suggestion, possibly overridden,
// frozen when the encounter is marked coded. Shared by review, export and print.
import { formatInZone } from './time';

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

/**
 * Each claim line's date of service: the local date (facility zone, YYYY-MM-DD)
 * of the first administration it derives from, for CPT lines as for HCPCS
 * lines, so a cross-midnight encounter's 96375 for a dose given after midnight
 * is dated the day it was given, as its drug line is. `doses`: the encounter's
 * rows (ids as numbers; any status, a line may cite an amended id). Returns
 * null for a line citing no known dose (the caller keeps its default).
 */
export function serviceDayOf(doses: readonly { id: number; startAt: Date }[], timeZone: string): (administrationIds: readonly string[]) => string | null {
  const start = new Map(doses.map((d) => [String(d.id), d.startAt]));
  return (ids) => {
    const times = ids.map((id) => start.get(id)).filter((d): d is Date => d !== undefined);
    if (times.length === 0) return null;
    return formatInZone(new Date(Math.min(...times.map((d) => d.getTime()))), timeZone, 'yyyy-MM-dd');
  };
}

/** Facility (UB-04) revenue codes: IV therapy administration vs drugs that need detailed coding. */
export function revenueCode(line: Pick<FinalLine, 'kind'>, setting: 'facility' | 'non-facility'): string {
  if (setting !== 'facility') return '';
  return line.kind === 'cpt' ? '0260' : '0636';
}
