import { wholeMinutes } from './time';

export interface TimelineInput {
  id: number;
  drugKey: string;
  startAt: Date;
  stopAt: Date | null;
  chartedAt: Date;
  status: 'active' | 'entered-in-error' | 'amended';
}

export interface TimelineFacts {
  durationMinutes: number | null;
  /** Minutes since the previous current entry of the same drug, start to start. */
  minutesSincePreviousSameDrug: number | null;
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
  for (const row of ordered) {
    const previous = lastStartByDrug.get(row.drugKey);
    facts.set(row.id, {
      durationMinutes: row.stopAt ? wholeMinutes(row.startAt, row.stopAt) : null,
      minutesSincePreviousSameDrug: previous && row.status === 'active' ? wholeMinutes(previous, row.startAt) : null,
      lateEntry: wholeMinutes(row.startAt, row.chartedAt) > lateEntryThresholdMinutes,
    });
    if (row.status === 'active') lastStartByDrug.set(row.drugKey, row.startAt);
  }
  return facts;
}
