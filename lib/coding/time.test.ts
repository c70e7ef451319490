import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseInstant, readInstant, toIsoUtc, wholeMinutes, ZoneClock } from './time';

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

  it('reads any valid instant from 1900 on as Date.UTC does, whatever its offset form', () => {
    const digits = (n: number, width: number) => String(n).padStart(width, '0');
    const parts = fc.tuple(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }));
    fc.assert(
      fc.property(parts, fc.constantFrom('Z', '+00:00', '+0000', 'z'), ([y, mo, d, h, mi, s, ms], zone) => {
        const text = `${digits(y, 4)}-${digits(mo, 2)}-${digits(d, 2)}T${digits(h, 2)}:${digits(mi, 2)}:${digits(s, 2)}.${digits(ms, 3)}${zone}`;
        expect(parseInstant(text)).toBe(Date.UTC(y, mo - 1, d, h, mi, s, ms));
      }),
      { numRuns: 1000 },
    );
    expect(parseInstant(new Date(Date.UTC(2026, 2, 2, 14, 0, 5, 7)).toISOString())).toBe(Date.UTC(2026, 2, 2, 14, 0, 5, 7));
    for (const bad of ['2026-03-02T14:00:00.2a0Z', '2026-03-02T14:00:00,250Z.', '2026-03-02T14:00:00.250X', '2026-02-29T00:00:00.000Z']) expect(parseInstant(bad), bad).toBeNull();
  });

  it('refuses years before 1900 and impossible dates, saying which (the old parser read 0050 as 1950)', () => {
    expect(readInstant('0050-03-02T14:00:00Z')).toEqual({ ok: false, error: 'year 0050 is before 1900: check the date' });
    expect(readInstant('1899-12-31T23:59:59Z')).toEqual({ ok: false, error: 'year 1899 is before 1900: check the date' });
    expect(readInstant('1900-01-01T00:00:00Z')).toEqual({ ok: true, ms: Date.UTC(1900, 0, 1) });
    expect(readInstant('2026-02-30T10:00:00Z')).toEqual({ ok: false, error: '2026-02-30 is not a date' });
    expect(readInstant('2026-04-31T10:00:00Z')).toMatchObject({ ok: false, error: '2026-04-31 is not a date' });
    expect(readInstant('2024-02-29T10:00:00Z')).toEqual({ ok: true, ms: Date.UTC(2024, 1, 29, 10) });
    expect(readInstant('2026-03-02T14:00:00')).toMatchObject({ ok: false, error: expect.stringContaining('invalid ISO 8601 instant') });
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
