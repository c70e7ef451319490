import { describe, expect, it } from 'vitest';
import { timelineFacts, type TimelineInput } from './timeline';

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
});
