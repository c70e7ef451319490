import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, fromLocalInput, isCalendarDate, isValidTimeZone, startOfLocalDay, toLocalInput, wholeMinutes, zoneAbbreviation } from './time';

const NY = 'America/New_York';

describe('facility time zone', () => {
  it('shows a UTC instant in the facility zone, standard and daylight time', () => {
    expect(formatTime(new Date('2026-03-02T15:00:00Z'), NY)).toBe('10:00');
    expect(formatTime(new Date('2026-07-02T14:00:00Z'), NY)).toBe('10:00');
    expect(zoneAbbreviation(new Date('2026-03-02T15:00:00Z'), NY)).toBe('EST');
    expect(zoneAbbreviation(new Date('2026-07-02T15:00:00Z'), NY)).toBe('EDT');
  });

  it('reads a wall-clock entry in the facility zone back to the same UTC instant', () => {
    const instant = fromLocalInput('2026-03-02T10:45', NY);
    expect(instant?.toISOString()).toBe('2026-03-02T15:45:00.000Z');
    expect(toLocalInput(instant!, NY)).toBe('2026-03-02T10:45');
    expect(fromLocalInput('2026-03-02T10:45', 'UTC')?.toISOString()).toBe('2026-03-02T10:45:00.000Z');
  });

  it('keeps the date right across midnight in the zone', () => {
    expect(formatDateTime(new Date('2026-03-03T04:30:00Z'), NY)).toBe('2026-03-02 23:30');
  });

  it('refuses malformed or impossible entries', () => {
    expect(fromLocalInput('2026-02-30T10:00', NY)).toBeNull();
    expect(fromLocalInput('2026-03-02 10:00', NY)).toBeNull();
    expect(fromLocalInput('2026-03-02T24:00', NY)).toBeNull();
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone(NY)).toBe(true);
  });

  it('counts whole minutes, truncating seconds', () => {
    const a = new Date('2026-03-02T15:00:00Z');
    expect(wholeMinutes(a, new Date('2026-03-02T15:15:59Z'))).toBe(15);
    expect(wholeMinutes(a, new Date('2026-03-02T15:16:00Z'))).toBe(16);
  });

  it('reads year 0026 as 0026, never 1926 (issue 12 item 4)', () => {
    const y26 = fromLocalInput('0026-03-02T10:00', 'UTC');
    expect(y26?.getUTCFullYear()).toBe(26);
    expect(y26?.toISOString()).toBe('0026-03-02T10:00:00.000Z');
    expect(fromLocalInput('0026-03-02T10:00', NY)?.getUTCFullYear()).toBe(26);
    expect(fromLocalInput('1926-03-02T10:00', NY)?.getUTCFullYear()).toBe(1926);
    expect(startOfLocalDay('0026-03-02', 'UTC')?.toISOString()).toBe('0026-03-02T00:00:00.000Z');
  });

  it('resolves DST gaps forward and repeated hours to their first occurrence', () => {
    expect(fromLocalInput('2026-03-08T02:30', NY)?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(fromLocalInput('2026-11-01T01:30', NY)?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('knows which calendar dates exist', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(startOfLocalDay('1979-09-30', NY)?.toISOString()).toBe('1979-09-30T04:00:00.000Z');
  });
});
