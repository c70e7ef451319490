import { describe, expect, it } from 'vitest';
import { encounterStatusLabel, STATUS_LABEL } from './format';

describe('encounter status as people read it', () => {
  const closedAt = new Date('2026-03-02T18:00:00Z');
  it('reads Closed after "Close visit", whatever the coding state', () => {
    expect(encounterStatusLabel({ status: 'open', closedAt })).toBe('Closed');
    expect(encounterStatusLabel({ status: 'ready-for-coding', closedAt })).toBe('Closed · Ready for coding');
    expect(encounterStatusLabel({ status: 'coded', closedAt })).toBe('Closed · Coded');
  });
  it('reads the coding state while the visit is not closed', () => {
    for (const status of ['open', 'ready-for-coding', 'coded'] as const) expect(encounterStatusLabel({ status, closedAt: null })).toBe(STATUS_LABEL[status]);
  });
});
