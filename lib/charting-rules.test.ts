import { describe, expect, it } from 'vitest';
import {
  administeredTimes,
  checkEncounterTimes,
  checkTiming,
  documentedAtForAmendment,
  wasteProblem,
  type EncounterTimes,
} from './charting-rules';
import { fromLocalInput } from './time';

const now = new Date('2026-03-02T16:00:00Z');
const base = { chartedAt: now, lateEntryThresholdMinutes: 60, lateEntryReason: undefined, stop: null };
const minus = (m: number) => new Date(now.getTime() - m * 60_000);

describe('server-side timing rules', () => {
  it('accepts a time up to 2 minutes ahead of the server clock, refuses beyond', () => {
    expect(checkTiming({ ...base, start: new Date(now.getTime() + 2 * 60_000) })).toEqual({});
    expect(checkTiming({ ...base, start: new Date(now.getTime() + 2 * 60_000 + 1000) })).toHaveProperty('start');
  });

  it('refuses a stop before the start', () => {
    expect(checkTiming({ ...base, start: minus(10), stop: minus(11) })).toEqual({ stop: 'The stop time is before the start time' });
  });

  it('asks for a late-entry reason only past the threshold (60 min: no, 61: yes)', () => {
    expect(checkTiming({ ...base, start: minus(60) })).toEqual({});
    expect(checkTiming({ ...base, start: minus(61) })).toHaveProperty('lateEntryReason');
    expect(checkTiming({ ...base, start: minus(61), lateEntryReason: 'Code blue, charted after' })).toEqual({});
  });

  it('measures the future against `now` and lateness against `chartedAt` when they differ (amendments)', () => {
    const firstCharted = minus(120);
    expect(checkTiming({ ...base, chartedAt: firstCharted, now, start: minus(150) })).toEqual({});
    expect(checkTiming({ ...base, chartedAt: firstCharted, now, start: minus(181) })).toHaveProperty('lateEntryReason');
  });
});

const NY = 'America/New_York';
const at = (local: string) => fromLocalInput(local, NY)!;
const encounter: EncounterTimes = {
  openedAt: at('2026-03-02T09:00'),
  closedAt: null,
  birthDate: '1979-09-30',
  timeZone: NY,
  lateEntryThresholdMinutes: 60,
};
const dose = (start: string, stop: string | null = null, kind = 'push') => ({
  start: at(start),
  stop: stop ? at(stop) : null,
  kind,
  chartedAt: at('2026-03-02T12:00'),
  lateEntryReason: 'charted late on purpose' as string | undefined,
});

describe('times that cannot be true (issue 12 item 4)', () => {
  it.each([
    ['15 min before the visit opened', dose('2026-03-02T08:45', '2026-03-02T08:45'), {}],
    ['16 min before the visit opened', dose('2026-03-02T08:44', '2026-03-02T08:44'), { start: expect.stringMatching(/more than 15 min before/) }],
    ['a 60-minute push', dose('2026-03-02T09:30', '2026-03-02T10:30'), {}],
    ['a 61-minute push', dose('2026-03-02T09:30', '2026-03-02T10:31'), { stop: expect.stringMatching(/61 min is not possible/) }],
    ['a 61-minute injection', dose('2026-03-02T09:30', '2026-03-02T10:31', 'injection'), { stop: expect.stringMatching(/at most 60/) }],
    ['a 61-minute infusion', dose('2026-03-02T09:30', '2026-03-02T10:31', 'infusion'), {}],
  ])('%s', (_name, facts, expected) => {
    expect(checkEncounterTimes(facts, encounter)).toEqual(expected);
  });

  it('an infusion or hydration may last 72 hours, not 72 hours 1 minute', () => {
    const long = { ...encounter, openedAt: at('2026-03-20T09:00') };
    for (const kind of ['infusion', 'hydration']) {
      expect(checkEncounterTimes({ ...dose('2026-03-20T10:00', '2026-03-23T10:00', kind) }, long)).toEqual({});
      expect(checkEncounterTimes({ ...dose('2026-03-20T10:00', '2026-03-23T10:01', kind) }, long)).toEqual({
        stop: expect.stringMatching(/more than 72 hours/),
      });
    }
  });

  it('refuses a start before the patient was born (in the facility zone) and years before 1900', () => {
    const old = { ...encounter, openedAt: at('1900-01-01T00:00'), birthDate: '1979-09-30' };
    expect(checkEncounterTimes(dose('1979-09-29T23:59', '1979-09-29T23:59'), old).start).toMatch(/before the patient was born/);
    expect(checkEncounterTimes(dose('1979-09-30T00:00', '1979-09-30T00:00'), old)).toEqual({});
    // The birth day in the zone, not in UTC: 23:30 on 29 Sep in New York is already 30 Sep in UTC.
    expect(checkEncounterTimes(dose('1979-09-29T23:30', '1979-09-29T23:30'), old).start).toMatch(/before the patient was born/);
    expect(checkEncounterTimes(dose('1979-10-01T00:00', '1979-10-01T00:00'), old)).toEqual({});
    expect(checkEncounterTimes(dose('1978-12-31T23:59', '1978-12-31T23:59'), old).start).toMatch(/before the patient was born/);
    const y26 = fromLocalInput('0026-03-02T10:00', NY)!;
    expect(checkEncounterTimes({ ...dose('2026-03-02T10:00'), start: y26, stop: y26 }, encounter).start).toBe('The year 0026 is before 1900: check the date');
    const y1899 = at('1899-12-31T23:59');
    expect(checkEncounterTimes({ ...dose('2026-03-02T10:00'), start: y1899, stop: y1899 }, { ...encounter, openedAt: y1899, birthDate: '1800-01-01' }).start).toMatch(/1899 is before 1900/);
  });

  it('closed means closed: nothing given after the close; charted after it needs a late-entry reason', () => {
    const closed = { ...encounter, closedAt: at('2026-03-02T11:00') };
    const late = (start: string, reason?: string) => ({ ...dose(start, start), chartedAt: at('2026-03-02T11:20'), lateEntryReason: reason });
    expect(checkEncounterTimes(late('2026-03-02T11:01', 'x'), closed).start).toMatch(/closed at 2026-03-02 11:00/);
    expect(checkEncounterTimes(late('2026-03-02T10:50'), closed)).toEqual({ lateEntryReason: expect.stringMatching(/after the visit closed/) });
    expect(checkEncounterTimes(late('2026-03-02T10:50', 'Charted after transfer'), closed)).toEqual({});
    // Charted before the close: no reason needed for the close (the threshold rule is checkTiming's).
    expect(checkEncounterTimes({ ...late('2026-03-02T10:50'), chartedAt: at('2026-03-02T10:55') }, closed)).toEqual({});
    expect(checkEncounterTimes({ ...dose('2026-03-02T10:00', '2026-03-02T11:30', 'infusion'), chartedAt: at('2026-03-02T10:55') }, closed).stop).toMatch(/cannot be after the close/);
  });

  it('an amendment is documented when its first version was charted', () => {
    expect(documentedAtForAmendment([at('2026-03-02T12:00'), at('2026-03-02T10:05'), at('2026-03-02T11:00')])).toEqual(at('2026-03-02T10:05'));
  });
});

describe('"now" is the server clock at save (issue 12 item 1)', () => {
  const clock = new Date('2026-03-02T19:07:35.123Z'); // 14:07:35 EST
  it('stamps an untouched start to the minute; a push whose stop is "now" stops at its start', () => {
    expect(administeredTimes({ start: 'now', stop: 'now', kind: 'push' }, NY, clock)).toEqual({
      start: new Date('2026-03-02T19:07:00Z'),
      stop: new Date('2026-03-02T19:07:00Z'),
      errors: {},
    });
    const typed = administeredTimes({ start: '2026-03-02T14:00', stop: 'now', kind: 'push' }, NY, clock);
    expect(typed.stop).toEqual(typed.start);
  });

  it('an infusion whose stop is "now" stops at the clock; typed times stay as typed', () => {
    expect(administeredTimes({ start: '2026-03-02T13:00', stop: 'now', kind: 'infusion' }, NY, clock)).toEqual({
      start: new Date('2026-03-02T18:00:00Z'),
      stop: new Date('2026-03-02T19:07:00Z'),
      errors: {},
    });
    expect(administeredTimes({ start: '2026-02-30T13:00', kind: 'push' }, NY, clock).errors).toEqual({ start: 'That time does not exist' });
  });
});

describe('waste fits in the container (issue 12 item 10)', () => {
  const vial = { description: 'Morphine 4 mg/mL, 1 mL', amountPerContainer: '4', amountUnit: 'mg' as const, amountPerMl: '4' };
  const ten = { ...vial, description: 'Morphine 10 mg/mL, 1 mL', amountPerContainer: '10', amountPerMl: '10' };
  it.each([
    [{ value: '2', unit: 'mg' as const }, '2', vial, null],
    [{ value: '2', unit: 'mg' as const }, '2.1', vial, 'At most 2 mg can be wasted: a 4 mg container minus the 2 mg dose'],
    [{ value: '4', unit: 'mg' as const }, '0.001', vial, 'At most 0 mg can be wasted: a 4 mg container minus the 4 mg dose'],
    [{ value: '2000', unit: 'mcg' as const }, '2000', vial, null], // converted: 2 mg + 2 mg
    [{ value: '0.5', unit: 'mL' as const }, '0.5', vial, null], // via 4 mg/mL
    [{ value: '0.5', unit: 'mL' as const }, '0.6', vial, 'At most 2 mg can be wasted: a 4 mg container minus the 0.5 mL dose'],
    [{ value: '6', unit: 'mg' as const }, '2', vial, null], // two containers
    [{ value: '6', unit: 'mg' as const }, '2.5', vial, 'At most 2 mg can be wasted: 2 containers of 4 mg minus the 6 mg dose'],
    [{ value: '4', unit: 'mg' as const }, '6', ten, null],
    [{ value: '4', unit: 'mg' as const }, '0', vial, null],
    [{ value: '4', unit: 'units' as const }, '1', vial, expect.stringMatching(/chart the dose in mg to record a waste/)],
    [{ value: '4', unit: 'mg' as const }, '100', null, null], // container unknown: not checked
  ])('dose %j, waste %s', (d, waste, container, expected) => {
    expect(wasteProblem(d, waste, container)).toEqual(expected);
  });

  it('converts mEq through mg per mEq', () => {
    const kcl = { description: 'KCl 40 mEq', amountPerContainer: '2982', amountUnit: 'mg' as const };
    expect(wasteProblem({ value: '20', unit: 'mEq' }, '20', kcl, '74.55')).toBeNull();
    expect(wasteProblem({ value: '20', unit: 'mEq' }, '21', kcl, '74.55')).toMatch(/At most 1491 mg/);
  });
});
