import { describe, it, expect } from 'vitest';
import { parseInstant, toIsoUtc, wholeMinutes, ZoneClock } from './time';

describe('instants', () => {
  it('parses ISO 8601 instants with an offset, rejects the rest', () => {
    expect(parseInstant('2026-03-02T14:00:00Z')).toBe(Date.UTC(2026, 2, 2, 14));
    expect(parseInstant('2026-03-02T09:00:00-05:00')).toBe(Date.UTC(2026, 2, 2, 14));
    expect(parseInstant('2026-03-02T14:00Z')).toBe(Date.UTC(2026, 2, 2, 14));
    expect(parseInstant('2026-03-02T14:00:00.250Z')).toBe(Date.UTC(2026, 2, 2, 14, 0, 0, 250));
    for (const bad of ['2026-03-02 14:00', '2026-03-02T14:00:00', '2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '2026-03-02T24:00:00Z', '202a-03-02T14:00:00Z', '']) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });

  it('formats UTC without milliseconds and truncates durations to whole minutes', () => {
    expect(toIsoUtc(Date.UTC(2026, 2, 2, 14, 30, 5, 999))).toBe('2026-03-02T14:30:05Z');
    expect(wholeMinutes(0, 15 * 60_000 + 59_000)).toBe(15);
  });
});

describe('ZoneClock', () => {
  it('renders wall-clock time across a DST change', () => {
    const ny = new ZoneClock('America/New_York');
    expect(ny.hhmm(Date.UTC(2026, 2, 8, 6, 59))).toBe('01:59');
    expect(ny.hhmm(Date.UTC(2026, 2, 8, 7, 0))).toBe('03:00');
    expect(ny.date(Date.UTC(2026, 2, 8, 3, 0))).toBe('2026-03-07');
    expect(ny.label(Date.UTC(2026, 10, 1, 5, 30), true)).toBe('1 Nov 01:30');
    expect(ny.label(Date.UTC(2026, 10, 1, 6, 30), true)).toBe('1 Nov 01:30');
  });

  it('handles half-hour zones and UTC', () => {
    const adl = new ZoneClock('Australia/Adelaide');
    expect(adl.hhmm(Date.UTC(2026, 5, 1, 0, 0))).toBe('09:30');
    expect(new ZoneClock('UTC').label(Date.UTC(2026, 4, 14, 8, 5), true)).toBe('14 May 08:05');
  });
});
