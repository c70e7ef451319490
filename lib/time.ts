// Instants are stored in UTC and always shown in the facility's own zone, so a
// 10:00 push reads 10:00 on every screen, whatever the viewer's computer says.
import { format, isValid, parse } from 'date-fns';
import { tz } from '@date-fns/tz';

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH = new Date(0);

export function formatInZone(instant: Date, timeZone: string, pattern: string): string {
  return format(instant, pattern, { in: tz(timeZone) });
}

/** "10:45" */
export function formatTime(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone, 'HH:mm');
}

/** "2026-03-02 10:45" */
export function formatDateTime(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone, 'yyyy-MM-dd HH:mm');
}

const abbreviationFormats = new Map<string, Intl.DateTimeFormat>();

/** "EST" / "EDT" for America/New_York; a GMT offset where the zone has no name. */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  let fmt = abbreviationFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    abbreviationFormats.set(timeZone, fmt);
  }
  return fmt.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** The value of an `<input type="datetime-local">` showing `instant` in the facility's zone. */
export function toLocalInput(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone, "yyyy-MM-dd'T'HH:mm");
}

/**
 * Reads "YYYY-MM-DDTHH:mm" as wall-clock time in `timeZone` with date-fns'
 * parser (never `new Date(y, m, d)`, which turns year 0026 into 1926). Returns
 * null for malformed input or a date that does not exist (2026-02-30). A wall
 * time skipped by a DST change resolves forward (02:30 → 03:30); a repeated one
 * (fall back) reads as its first occurrence.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  if (!LOCAL_INPUT.test(value)) return null;
  const local = parse(value, "yyyy-MM-dd'T'HH:mm", EPOCH, { in: tz(timeZone) });
  return isValid(local) ? new Date(local.getTime()) : null;
}

/**
 * A calendar date "YYYY-MM-DD" that exists (2026-02-30 does not), parsed with
 * date-fns; the year is read as written (0026 stays 0026).
 */
export function isCalendarDate(value: string): boolean {
  return CALENDAR_DATE.test(value) && isValid(parse(value, 'yyyy-MM-dd', EPOCH));
}

/** The start (00:00) of calendar day "YYYY-MM-DD" in `timeZone`, as a UTC instant; null when the date does not exist. */
export function startOfLocalDay(date: string, timeZone: string): Date | null {
  return isCalendarDate(date) ? fromLocalInput(`${date}T00:00`, timeZone) : null;
}

/** Whole minutes from a to b, seconds truncated (coding-rules.md §1). */
export function wholeMinutes(from: Date, to: Date): number {
  return Math.trunc((to.getTime() - from.getTime()) / 60_000);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
