import { describe, expect, it } from 'vitest';
import { chartVersion } from './chart-version';

const entry = (id: number, voided = false) => ({ id, voidedAt: voided ? new Date('2026-03-02T15:00:00Z') : null });

describe('chartVersion', () => {
  it('is 0:0:0 for an empty chart', () => expect(chartVersion([])).toBe('0:0:0'));
  it('changes when an entry is charted, amended (a new version) or marked in error', () => {
    const shown = chartVersion([entry(4), entry(9)]);
    expect(chartVersion([entry(4), entry(9), entry(12)])).not.toBe(shown);
    expect(chartVersion([entry(4), entry(9, true)])).not.toBe(shown);
    expect(chartVersion([entry(9), entry(4)])).toBe(shown);
  });
});
