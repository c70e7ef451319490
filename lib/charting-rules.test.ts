import { describe, expect, it } from 'vitest';
import { checkTiming } from './charting-rules';

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
});
