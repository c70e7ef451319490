import { describe, expect, it } from 'vitest';
import type { AdministrationView } from './types';
import { mergeCharted } from './merge-charted';

const row = (id: number, startIso: string, status: AdministrationView['status'] = 'active') => ({ id, startAt: new Date(startIso), status }) as AdministrationView;

describe('doses charted on this screen merged into the page rows (issue 16 item 1)', () => {
  it('adds a charted dose in administered-time order, ties by id', () => {
    const page = [row(1, '2026-03-02T15:00:00Z'), row(3, '2026-03-02T15:30:00Z')];
    const merged = mergeCharted(page, [row(4, '2026-03-02T15:10:00Z'), row(5, '2026-03-02T15:30:00Z')]);
    expect(merged.map((r) => r.id)).toEqual([1, 4, 3, 5]);
  });

  it('a row the page already has wins (the page is the fresher state, e.g. after an amendment)', () => {
    const page = [row(1, '2026-03-02T15:00:00Z', 'amended'), row(2, '2026-03-02T15:00:00Z')];
    const merged = mergeCharted(page, [row(1, '2026-03-02T15:00:00Z', 'active')]);
    expect(merged).toBe(page);
    expect(merged[0]!.status).toBe('amended');
  });

  it('nothing charted here: the page rows themselves (the same array, so memoized views are not redone)', () => {
    const page = [row(1, '2026-03-02T15:00:00Z')];
    expect(mergeCharted(page, [])).toBe(page);
  });
});
