import { encounterDoseLabels, type NamedDose } from './dose-label';
import { firstChartedAt } from './engine-input';
export { formatElapsed } from './elapsed';
import { formatInZone, formatTime, wholeMinutes } from './time';

export interface TimelineInput {
  id: number;
  drugKey: string;
  startAt: Date;
  stopAt: Date | null;
  chartedAt: Date;
  status: 'active' | 'entered-in-error' | 'amended';
  /** The entry this one corrects; late entry is measured from the original entry's charting. */
  amendsId?: number | null;
}

export interface TimelineFacts {
  durationMinutes: number | null;
  /** Minutes since the previous current entry of the same drug, start to start. */
  minutesSincePreviousSameDrug: number | null;
  /** Start of that previous entry (UTC instant), for the "1 d 3 h" reading of the interval. */
  previousSameDrugAt: Date | null;
  /** Charted more than the facility's threshold after it was given. */
  lateEntry: boolean;
}

/**
 * Derived facts the timeline shows beside each entry. Only current entries
 * (not amended or in error) count as "the previous dose", as in coding.
 */
export function timelineFacts(rows: TimelineInput[], lateEntryThresholdMinutes: number): Map<number, TimelineFacts> {
  const ordered = [...rows].sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.id - b.id);
  const lastStartByDrug = new Map<string, Date>();
  const facts = new Map<number, TimelineFacts>();
  // An amendment corrects an entry; it is not a late charting of the dose (issue 15).
  const firstCharted = firstChartedAt(rows.map((r) => ({ id: r.id, amendsId: r.amendsId ?? null, chartedAt: r.chartedAt })));
  for (const row of ordered) {
    const previous = lastStartByDrug.get(row.drugKey);
    const counts = previous !== undefined && row.status === 'active';
    facts.set(row.id, {
      durationMinutes: row.stopAt ? wholeMinutes(row.startAt, row.stopAt) : null,
      minutesSincePreviousSameDrug: counts ? wholeMinutes(previous, row.startAt) : null,
      previousSameDrugAt: counts ? previous : null,
      lateEntry: wholeMinutes(row.startAt, firstCharted.get(row.id) ?? row.chartedAt) > lateEntryThresholdMinutes,
    });
    if (row.status === 'active') lastStartByDrug.set(row.drugKey, row.startAt);
  }
  return facts;
}

/**
 * Whether the instants fall on more than one calendar day in the facility's
 * zone (an ED visit crossing midnight): the timeline then shows dates.
 * Only the earliest and the latest instant are formatted: a local calendar
 * day never goes backwards as time goes forwards (DST moves the clock, not
 * the date order), so every instant between them falls on one of their days.
 * Formatting each instant in the zone cost a third of the queue summary's
 * time on a 200-dose encounter (issue 16 profile).
 */
export function spansCalendarDays(instants: ReadonlyArray<Date | null | undefined>, timeZone: string): boolean {
  let earliest: Date | null = null;
  let latest: Date | null = null;
  for (const instant of instants) {
    if (!instant) continue;
    if (earliest === null || instant.getTime() < earliest.getTime()) earliest = instant;
    if (latest === null || instant.getTime() > latest.getTime()) latest = instant;
  }
  if (earliest === null || latest === null) return false;
  return formatInZone(earliest, timeZone, 'yyyy-MM-dd') !== formatInZone(latest, timeZone, 'yyyy-MM-dd');
}

/** Every instant a timeline shows for an encounter: opened, closed, and each dose's start and stop. */
export function encounterInstants(
  encounter: { openedAt: Date; closedAt: Date | null },
  rows: ReadonlyArray<{ startAt: Date; stopAt: Date | null }>,
): Array<Date | null> {
  return [encounter.openedAt, encounter.closedAt, ...rows.flatMap((r) => [r.startAt, r.stopAt])];
}

/** "15:07", or "2026-03-02 15:07" when the encounter spans days, in the facility's zone. */
export function timelineTime(instant: Date, timeZone: string, withDate: boolean): string {
  return withDate ? formatInZone(instant, timeZone, 'yyyy-MM-dd HH:mm') : formatTime(instant, timeZone);
}

/**
 * The dose a query cites, named for a person as every picker names it
 * (lib/dose-label.ts encounterDoseLabels over `rows`, the encounter's doses);
 * "an entry no longer on this chart" when the id names no row of `rows`, null
 * without an id.
 */
export function queriedDoseLabel(
  administrationId: number | null,
  rows: ReadonlyArray<NamedDose>,
  timeZone: string,
  withDate: boolean,
): string | null {
  if (administrationId === null) return null;
  return encounterDoseLabels(rows, { timeZone, withDate }).get(administrationId) ?? 'an entry no longer on this chart';
}
