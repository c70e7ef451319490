// Server-side documentation rules of coding-rules.md §9 that need the server's
// clock or stored facts. Pure: the caller passes "now" and the facility.
import { fromLocalInput, wholeMinutes } from './time';

/** Clock skew a bedside device may have before a time counts as "in the future". */
export const FUTURE_ALLOWANCE_MINUTES = 2;

export interface TimingFacts {
  start: Date;
  stop: Date | null;
  chartedAt: Date;
  lateEntryThresholdMinutes: number;
  lateEntryReason: string | undefined;
}

export function checkTiming(f: TimingFacts): Record<string, string> {
  const errors: Record<string, string> = {};
  const limit = f.chartedAt.getTime() + FUTURE_ALLOWANCE_MINUTES * 60_000;
  if (f.start.getTime() > limit) errors.start = 'The time given is in the future';
  if (f.stop && f.stop.getTime() > limit) errors.stop = 'The stop time is in the future';
  if (f.stop && f.stop.getTime() < f.start.getTime()) errors.stop = 'The stop time is before the start time';
  if (isLateEntry(f.start, f.chartedAt, f.lateEntryThresholdMinutes) && !f.lateEntryReason) {
    errors.lateEntryReason = `Charted more than ${f.lateEntryThresholdMinutes} min after it was given: enter a late-entry reason`;
  }
  return errors;
}

export function isLateEntry(start: Date, chartedAt: Date, thresholdMinutes: number): boolean {
  return wholeMinutes(start, chartedAt) > thresholdMinutes;
}

/** The form's wall-clock start and stop read in the facility's zone, with a field error for a time that does not exist. */
export function administeredTimes(
  input: { start: string; stop?: string | undefined },
  timeZone: string,
): { start: Date | null; stop: Date | null; errors: Record<string, string> } {
  const start = fromLocalInput(input.start, timeZone);
  const stop = input.stop ? fromLocalInput(input.stop, timeZone) : null;
  const errors: Record<string, string> = {};
  if (!start) errors.start = 'That time does not exist';
  if (input.stop && !stop) errors.stop = 'That time does not exist';
  return { start, stop, errors };
}
