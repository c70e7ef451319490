import { describe, expect, it } from 'vitest';
import { eventsAfterSigning } from './after-signing';

const KINDS = new Set(['administration.amended', 'administration.amended-addendum', 'encounter.addendum', 'encounter.unlocked', 'encounter.signed']);
const row = (id: number, event: string, iso: string) => ({ id, event, at: new Date(iso) });

describe('changes after signing on the printed summary (issue 15)', () => {
  const charted = row(1, 'administration.charted', '2026-03-02T15:00:00Z');
  const amendedBefore = row(2, 'administration.amended', '2026-03-02T15:30:00Z');
  const addendum = row(3, 'administration.amended-addendum', '2026-03-03T09:00:00Z');
  const note = row(4, 'encounter.addendum', '2026-03-03T10:00:00Z');

  it('a chart signed without a signing event (the demo) lists what changed after its own signedAt', () => {
    const signedAt = new Date('2026-03-02T16:25:00Z');
    expect(eventsAfterSigning([charted, amendedBefore, addendum, note], signedAt, KINDS).map((r) => r.id)).toEqual([3, 4]);
  });

  it('with a signing event, the events after it (a re-signing after an unlock is listed too)', () => {
    const signed = row(3, 'encounter.signed', '2026-03-02T16:25:00Z');
    const unlocked = row(5, 'encounter.unlocked', '2026-03-03T08:00:00Z');
    const amended = row(6, 'administration.amended', '2026-03-03T08:10:00Z');
    const resigned = row(7, 'encounter.signed', '2026-03-03T08:20:00Z');
    const rows = [charted, amendedBefore, signed, unlocked, amended, resigned];
    expect(eventsAfterSigning(rows, new Date('2026-03-03T08:20:00Z'), KINDS).map((r) => r.id)).toEqual([5, 6, 7]);
  });

  it('a snapshot signedAt earlier than the first signing event counts from the snapshot', () => {
    const resigned = row(5, 'encounter.signed', '2026-03-04T08:00:00Z');
    expect(eventsAfterSigning([charted, addendum, resigned], new Date('2026-03-02T16:25:00Z'), KINDS).map((r) => r.id)).toEqual([3, 5]);
  });

  it('an unsigned chart lists nothing', () => {
    expect(eventsAfterSigning([charted, addendum, note], null, KINDS)).toEqual([]);
  });
});
