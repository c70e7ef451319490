// Instants are stored in UTC and always shown in the facility's own zone, so a
// 10:00 push reads 10:00 on every screen, whatever the viewer's computer says.
import { format } from 'date-fns';
import { tz, TZDate } from '@date-fns/tz';

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

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
 * Reads "YYYY-MM-DDTHH:mm" as wall-clock time in `timeZone`. Returns null for
 * malformed input. A wall time skipped by a DST change resolves forward (02:30 → 03:30).
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = LOCAL_INPUT.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const local = new TZDate(year, month - 1, day, hour, minute, timeZone);
  if (Number.isNaN(local.getTime()) || local.getDate() !== day) return null;
  return new Date(local.getTime());
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
