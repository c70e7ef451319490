// How a dose is named to a person, everywhere a coder or nurse picks or reads
// one (issue 15 item 3): the query and initial-service pickers, "From:" under a
// claim line, the Amend and Mark-in-error buttons, a query's "about", the
// Mark-coded confirmations. One function, so a dose reads the same in each
// place and a coder can find it on the chart. Never an internal id.
import { formatInZone } from './time';
import type { AdministrationStatus } from './types';

/** The fields a dose is named by (AdministrationView has them all). */
export interface NamedDose {
  id: number;
  drugName: string;
  doseValue: string;
  doseUnit: string;
  /** Given at (UTC instant). */
  startAt: Date;
  performerName: string;
  performerCredentials?: string | null;
  /** Access site, added only to tell two otherwise alike doses apart. */
  site?: string | null;
  /** Charted at (UTC instant), added when drug, dose, time, performer and site are all alike. */
  chartedAt?: Date | null;
  /** A non-current version says so ("amended", "entered in error"). */
  status?: AdministrationStatus;
}

export interface DoseNaming {
  /** The facility's IANA zone: times are shown there. */
  timeZone: string;
  /** Show the date ("2 Mar 23:50", as the coding engine's texts write it) because the encounter spans calendar days in that zone (lib/timeline.ts spansCalendarDays over encounterInstants). */
  withDate: boolean;
}

const STATUS_WORDS: Record<Exclude<AdministrationStatus, 'active'>, string> = {
  amended: 'since amended',
  'entered-in-error': 'entered in error',
};

/**
 * The day as the coding engine writes it in its explanations and warnings
 * ("29 Nov 21:32", lib/coding/time.ts ZoneClock), so a dose named here and in
 * a line's explanation reads the same.
 */
export const DOSE_DATE_TIME = 'd MMM HH:mm';

function when(instant: Date, naming: DoseNaming): string {
  return formatInZone(instant, naming.timeZone, naming.withDate ? DOSE_DATE_TIME : 'HH:mm');
}

/**
 * One dose on its own: "Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN"
 * ("at 29 Nov 21:32" when `naming.withDate`; "(since amended)" / "(entered
 * in error)" on a version that is no longer current). Use doseLabels when the
 * dose is one of several a person chooses between.
 */
export function doseLabel(dose: NamedDose, naming: DoseNaming): string {
  const performer = [dose.performerName, dose.performerCredentials].filter(Boolean).join(', ');
  const base = `${dose.drugName} ${dose.doseValue} ${dose.doseUnit} at ${when(dose.startAt, naming)}${performer ? ` by ${performer}` : ''}`;
  return dose.status && dose.status !== 'active' ? `${base} (${STATUS_WORDS[dose.status]})` : base;
}

/**
 * Every dose of `doses` named with doseLabel, no two alike: where two labels
 * would be equal (same drug, dose, minute and performer) each gets what tells
 * them apart, in this order until they differ: the site, the charted-at time
 * (to the second), and as a last resort "entry 2 of 3" in charting order.
 * Returns a map keyed by the dose's id; the label shows no id.
 */
export function doseLabels(doses: ReadonlyArray<NamedDose>, naming: DoseNaming): Map<number, string> {
  const out = new Map<number, string>();
  const groups = groupBy(doses, (d) => doseLabel(d, naming));
  for (const [base, group] of groups) {
    if (group.length === 1) {
      out.set(group[0]!.id, base);
      continue;
    }
    const details: ((d: NamedDose) => string)[] = [
      (d) => (d.site?.trim() ? `site ${d.site.trim()}` : 'no site charted'),
      (d) => (d.chartedAt ? `charted ${formatInZone(d.chartedAt, naming.timeZone, naming.withDate ? `${DOSE_DATE_TIME}:ss` : 'HH:mm:ss')}` : 'charting time unknown'),
    ];
    // Add details one at a time, only as many as it takes for the group to read apart.
    let used = 0;
    const withDetails = (d: NamedDose, n: number) => (n === 0 ? base : `${base} (${details.slice(0, n).map((f) => f(d)).join(', ')})`);
    while (used < details.length && new Set(group.map((d) => withDetails(d, used))).size < group.length) used += 1;
    const labelled = group.map((d) => ({ d, label: withDetails(d, used) }));
    const still = groupBy(labelled, (x) => x.label);
    for (const [label, alike] of still) {
      if (alike.length === 1) {
        out.set(alike[0]!.d.id, label);
        continue;
      }
      // Charting order (then id, never shown) numbers the ones nothing else tells apart.
      const ordered = [...alike].sort((a, b) => (a.d.chartedAt?.getTime() ?? 0) - (b.d.chartedAt?.getTime() ?? 0) || a.d.id - b.d.id);
      ordered.forEach((x, i) => out.set(x.d.id, `${label} [entry ${i + 1} of ${ordered.length}]`));
    }
  }
  return out;
}

/**
 * The doses a person picks from, as options: only current doses, in the given
 * order, each labelled as doseLabels labels it among them.
 */
export function doseOptions(doses: ReadonlyArray<NamedDose>, naming: DoseNaming): { id: string; label: string }[] {
  const current = doses.filter((d) => (d.status ?? 'active') === 'active');
  const labels = doseLabels(current, naming);
  return current.map((d) => ({ id: String(d.id), label: labels.get(d.id)! }));
}

/**
 * Names for every dose of an encounter, current ones told apart among current
 * ones (as the pickers show them, doseOptions) and earlier versions carrying
 * their status, so a reference reads the same as the picker entry.
 */
export function encounterDoseLabels(doses: ReadonlyArray<NamedDose>, naming: DoseNaming): Map<number, string> {
  const current = doses.filter((d) => (d.status ?? 'active') === 'active');
  const other = doses.filter((d) => (d.status ?? 'active') !== 'active');
  return new Map([...doseLabels(other, naming), ...doseLabels(current, naming)]);
}

function groupBy<T>(items: ReadonlyArray<T>, key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
