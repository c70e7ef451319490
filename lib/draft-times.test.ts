import { describe, expect, it } from 'vitest';
import { NOW } from './administration-schema';
import { draftInstant, expiredOnDayGiven, givenMinutesAgo } from './draft-times';
import { fromLocalInput } from './time';

const NY = 'America/New_York';
const at = (local: string) => fromLocalInput(local, NY)!.getTime();

describe('"given N min ago?" notice', () => {
  const now = at('2026-03-02T14:30');
  it('appears only when the typed time is more than 10 minutes before now', () => {
    expect(givenMinutesAgo('2026-03-02T14:20', now, NY)).toBeNull(); // exactly 10
    expect(givenMinutesAgo('2026-03-02T14:19', now, NY)).toBe(11);
    expect(givenMinutesAgo('2026-03-02T14:05', now, NY)).toBe(25);
    expect(givenMinutesAgo('2026-03-02T14:00', now, NY)).toBe(30); // boundary of the 30-minute rule
    expect(givenMinutesAgo('2026-03-02T13:30', now, NY)).toBe(60);
  });
  it('counts seconds of the moment of saving (10 min 59 s is still 10)', () => {
    expect(givenMinutesAgo('2026-03-02T14:20', now + 59_000, NY)).toBeNull();
    expect(givenMinutesAgo('2026-03-02T14:20', now + 60_000, NY)).toBe(11);
  });
  it('never for "now", a future time or an unreadable value', () => {
    expect(givenMinutesAgo(NOW, now, NY)).toBeNull();
    expect(givenMinutesAgo('2026-03-02T15:00', now, NY)).toBeNull();
    expect(givenMinutesAgo('2026-03-02T', now, NY)).toBeNull();
  });
  it('reads the typed time in the facility zone, across a DST change', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT: 01:55 to 03:10 is 15 minutes.
    expect(givenMinutesAgo('2026-03-08T01:55', at('2026-03-08T03:10'), NY)).toBe(15);
  });
});

describe('draft instants and expired products', () => {
  it('"now" is the live clock, a typed time its instant in the zone', () => {
    expect(draftInstant(NOW, 1_000, NY)?.getTime()).toBe(1_000);
    expect(draftInstant('2026-03-02T10:00', 0, NY)?.toISOString()).toBe('2026-03-02T15:00:00.000Z');
    expect(draftInstant('', 0, NY)).toBeNull();
  });
  it('a product is expired when its date is before the day given (in the facility zone), usable on the day itself', () => {
    const given = new Date(at('2026-03-02T00:30'));
    expect(expiredOnDayGiven('2026-03-01', given, NY)).toBe(true);
    expect(expiredOnDayGiven('2026-03-02', given, NY)).toBe(false);
    // 00:30 in New York is 23:30 on 03-01 in Chicago: the same vial is still in date there.
    expect(expiredOnDayGiven('2026-03-01', given, 'America/Chicago')).toBe(false);
    expect(expiredOnDayGiven(undefined, given, NY)).toBe(false);
    expect(expiredOnDayGiven('2026-03-01', null, NY)).toBe(false);
  });
});
