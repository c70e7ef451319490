import { describe, expect, it } from 'vitest';
import { encounterInstants, queriedDoseLabel, formatElapsed, spansCalendarDays, timelineFacts, timelineTime, type TimelineInput } from './timeline';

const t = (iso: string) => new Date(`2026-03-02T${iso}:00Z`);
const row = (id: number, drugKey: string, start: string, extra: Partial<TimelineInput> = {}): TimelineInput => ({
  id,
  drugKey,
  startAt: t(start),
  stopAt: new Date(t(start).getTime() + 60_000),
  chartedAt: new Date(t(start).getTime() + 120_000),
  status: 'active',
  ...extra,
});

describe('timeline facts', () => {
  it('measures the interval since the previous dose of the same drug, start to start', () => {
    const facts = timelineFacts([row(2, 'ondansetron', '15:45'), row(1, 'ondansetron', '15:00'), row(3, 'morphine', '15:50')], 60);
    expect(facts.get(1)?.minutesSincePreviousSameDrug).toBeNull();
    expect(facts.get(2)?.minutesSincePreviousSameDrug).toBe(45);
    expect(facts.get(3)?.minutesSincePreviousSameDrug).toBeNull();
    expect(facts.get(2)?.durationMinutes).toBe(1);
    expect(facts.get(2)?.previousSameDrugAt).toEqual(t('15:00'));
    expect(facts.get(1)?.previousSameDrugAt).toBeNull();
  });

  it('skips entries in error when finding the previous dose', () => {
    const facts = timelineFacts(
      [row(1, 'ondansetron', '15:00'), row(2, 'ondansetron', '15:20', { status: 'entered-in-error' }), row(3, 'ondansetron', '15:40')],
      60,
    );
    expect(facts.get(3)?.minutesSincePreviousSameDrug).toBe(40);
  });

  it('flags a late entry only beyond the threshold', () => {
    const onTime = row(1, 'x', '15:00', { chartedAt: t('16:00') });
    const late = row(2, 'y', '15:00', { chartedAt: t('16:01') });
    const facts = timelineFacts([onTime, late], 60);
    expect(facts.get(1)?.lateEntry).toBe(false);
    expect(facts.get(2)?.lateEntry).toBe(true);
  });

  it('an amendment made days later is no late entry: lateness counts from the original entry (issue 15)', () => {
    const original = row(1, 'x', '15:00', { chartedAt: t('15:05'), status: 'amended' });
    const amendment = row(2, 'x', '15:00', { chartedAt: new Date(t('15:05').getTime() + 6 * 24 * 3_600_000), amendsId: 1 });
    const facts = timelineFacts([original, amendment], 60);
    expect(facts.get(2)?.lateEntry).toBe(false);
    const lateOriginal = row(3, 'y', '15:00', { chartedAt: t('16:01'), status: 'amended' });
    const itsAmendment = row(4, 'y', '15:00', { chartedAt: t('16:30'), amendsId: 3 });
    expect(timelineFacts([lateOriginal, itsAmendment], 60).get(4)?.lateEntry).toBe(true);
  });
});

describe('elapsed time as the timeline reads it', () => {
  const at = (iso: string) => new Date(iso);
  const after = (minutes: number) => formatElapsed(at('2026-03-02T10:00:00Z'), new Date(at('2026-03-02T10:00:00Z').getTime() + minutes * 60_000));

  it('reads minutes, then hours and minutes, under a day', () => {
    expect(after(0)).toBe('0 min');
    expect(after(15)).toBe('15 min');
    expect(after(30)).toBe('30 min');
    expect(after(59)).toBe('59 min');
    expect(after(60)).toBe('1 h 00 min');
    expect(after(23 * 60 + 59)).toBe('23 h 59 min');
  });

  it('reads days and hours from exactly 24 hours on, never thousands of hours', () => {
    expect(after(24 * 60)).toBe('1 d');
    expect(after(27 * 60)).toBe('1 d 3 h');
    expect(after(27 * 60 + 5)).toBe('1 d 3 h 5 min');
    expect(after(24 * 60 + 1)).toBe('1 d 1 min');
    expect(after(72 * 60)).toBe('3 d');
    expect(after(6554 * 60)).toBe('273 d 2 h');
    expect(after(6554 * 60)).not.toContain('6554');
  });

  it('truncates seconds and ignores the order of its arguments', () => {
    expect(formatElapsed(at('2026-03-02T10:00:00Z'), at('2026-03-02T10:30:59Z'))).toBe('30 min');
    expect(formatElapsed(at('2026-03-03T13:00:00Z'), at('2026-03-02T10:00:00Z'))).toBe('1 d 3 h');
  });

  it('counts 24 elapsed hours as a day across a DST change', () => {
    // America/New_York springs forward on 2026-03-08: 24 h elapsed, 23 h on the wall clock.
    expect(formatElapsed(at('2026-03-07T12:00:00Z'), at('2026-03-08T12:00:00Z'))).toBe('1 d');
  });
});

describe('dates on a timeline that crosses midnight in the facility zone', () => {
  const ny = 'America/New_York';
  it('is one day when every instant falls on the same local date, even across UTC midnight', () => {
    // 18:00 and 23:59 EST on 2 March are 23:00Z on the 2nd and 04:59Z on the 3rd.
    expect(spansCalendarDays([new Date('2026-03-02T23:00:00Z'), new Date('2026-03-03T04:59:00Z')], ny)).toBe(false);
  });
  it('spans days when an instant passes local midnight', () => {
    expect(spansCalendarDays([new Date('2026-03-02T23:00:00Z'), new Date('2026-03-03T05:00:00Z')], ny)).toBe(true);
    expect(spansCalendarDays([new Date('2026-03-02T23:00:00Z'), null, new Date('2026-03-03T05:00:00Z')], 'UTC')).toBe(true);
  });
  it('reads the earliest and latest instant whatever their order, and DST days stay one day', () => {
    const early = new Date('2026-03-03T05:30:00Z'); // 00:30 on 3 Mar in New York
    const late = new Date('2026-03-03T23:00:00Z'); // 18:00 on 3 Mar
    expect(spansCalendarDays([late, early, new Date('2026-03-03T12:00:00Z')], ny)).toBe(false);
    expect(spansCalendarDays([late, new Date('2026-03-03T04:59:00Z'), early], ny)).toBe(true); // 23:59 on 2 Mar in the middle of the list
    // 8 Mar 2026: clocks go forward at 02:00 in New York; 00:10 and 23:50 local are one day.
    expect(spansCalendarDays([new Date('2026-03-08T05:10:00Z'), new Date('2026-03-09T03:50:00Z')], ny)).toBe(false);
    expect(spansCalendarDays([new Date('2026-03-08T05:10:00Z'), new Date('2026-03-09T04:00:00Z')], ny)).toBe(true);
    expect(spansCalendarDays([null, undefined], ny)).toBe(false);
  });
  it('counts the opening and closing of the encounter and each stop time', () => {
    const rows = [{ startAt: new Date('2026-03-02T15:00:00Z'), stopAt: new Date('2026-03-03T05:30:00Z') }];
    expect(spansCalendarDays(encounterInstants({ openedAt: new Date('2026-03-02T14:00:00Z'), closedAt: null }, rows), ny)).toBe(true);
    expect(spansCalendarDays(encounterInstants({ openedAt: new Date('2026-03-02T14:00:00Z'), closedAt: new Date('2026-03-02T20:00:00Z') }, []), ny)).toBe(false);
  });
  it('shows the date only when asked', () => {
    const i = new Date('2026-03-02T20:07:00Z');
    expect(timelineTime(i, ny, false)).toBe('15:07');
    expect(timelineTime(i, ny, true)).toBe('2026-03-02 15:07');
  });
  it('a query names its dose as the pickers do (lib/dose-label.ts), never by its id', () => {
    const dose = { id: 41, drugName: 'ondansetron', doseValue: '4', doseUnit: 'mg', startAt: new Date('2026-03-02T20:07:00Z'), performerName: 'Nora Quinn', performerCredentials: 'RN' };
    expect(queriedDoseLabel(41, [dose], ny, false)).toBe('ondansetron 4 mg at 15:07 by Nora Quinn, RN');
    expect(queriedDoseLabel(41, [dose], ny, true)).toBe('ondansetron 4 mg at 2 Mar 15:07 by Nora Quinn, RN');
    expect(queriedDoseLabel(41, [dose], ny, false)).not.toContain('41');
    expect(queriedDoseLabel(7, [dose], ny, false)).toBe('an entry no longer on this chart');
    expect(queriedDoseLabel(null, [dose], ny, false)).toBeNull();
  });
});
