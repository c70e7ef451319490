import { formatElapsed } from './elapsed';
import { describe, expect, it } from 'vitest';
import { codeEncounter } from './coding';
import { repeatPushInterval, repeatPushReferences, type PushDose } from './repeat-push-reference';
import { formatTime } from './time';

const NY = 'America/New_York';
const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00-05:00`);
const push = (id: number, drugKey: string, hhmm: string, status: PushDose['status'] = 'active'): PushDose => ({ id, drugKey, startAt: at(hhmm), status });

describe('the push a 96376 was measured from', () => {
  it('is the last earlier reported push of that drug, not a later unreported one', () => {
    // 14:00 initial, 14:20 not reportable (within 30 min), 14:35 is 96376 measured from 14:00.
    const doses = [push(1, 'ondansetron', '14:00'), push(2, 'ondansetron', '14:20'), push(3, 'ondansetron', '14:35'), push(4, 'ondansetron', '15:10')];
    const lines = [
      { code: '96374', administrationIds: ['1'] },
      { code: '96376', administrationIds: ['3'] },
      { code: '96376', administrationIds: ['4'] },
    ];
    const refs = repeatPushReferences(doses, lines);
    expect(refs.get(3)).toEqual({ referenceId: 1, referenceAt: at('14:00'), minutes: 35 });
    expect(refs.get(4)).toEqual({ referenceId: 3, referenceAt: at('14:35'), minutes: 35 });
    expect(refs.has(2)).toBe(false);
    expect(repeatPushInterval(at('14:35'), refs.get(3)!, (d) => formatTime(d, NY))).toBe('35 min after the reported 14:00 push');
  });

  it('skips other drugs and versions no longer current; null when the drug was first given by infusion', () => {
    const doses = [push(1, 'morphine', '13:00'), push(2, 'ondansetron', '13:10', 'entered-in-error'), push(3, 'ondansetron', '13:20'), push(4, 'ondansetron', '14:00'), push(5, 'ketorolac', '14:10')];
    const refs = repeatPushReferences(doses, [
      { code: '96374', administrationIds: ['1'] },
      { code: '96375', administrationIds: ['2', '3'] },
      { code: '96376', administrationIds: ['4'] },
      { code: '96376', administrationIds: ['5'] },
      { code: 'J2405', administrationIds: ['4'] },
    ]);
    expect(refs.get(4)).toMatchObject({ referenceId: 3, minutes: 40 });
    expect(refs.get(5)).toBeNull();
    expect(repeatPushInterval(at('14:10'), null, (d) => formatTime(d, NY))).toBe('same drug given earlier (no earlier reported push)');
  });

  it('agrees with the engine: the reference is the push its R-PUSH-SAME-DRUG explanation names', () => {
    const doses = [push(1, 'ondansetron', '14:00'), push(2, 'ondansetron', '14:27'), push(3, 'ondansetron', '15:02'), push(4, 'ondansetron', '15:20')];
    const result = codeEncounter({
      setting: 'facility',
      options: { timeZone: NY },
      administrations: doses.map((d) => ({
        id: String(d.id),
        drug: 'ondansetron',
        drugKey: d.drugKey,
        kind: 'push' as const,
        start: d.startAt.toISOString().replace('.000', ''),
        site: 'L AC',
      })),
    });
    const refs = repeatPushReferences(doses, result.lines);
    const repeat = result.lines.filter((l) => l.code === '96376');
    // 14:27 came 27 min after 14:00 and was not reported, so 15:02 is measured from 14:00 (62 min), not from 14:27.
    expect(repeat.map((l) => l.administrationIds)).toEqual([['3']]);
    expect(refs.get(3)).toMatchObject({ referenceId: 1, minutes: 62 });
    for (const line of repeat) {
      const ref = refs.get(Number(line.administrationIds[0]))!;
      // The engine writes the interval as people read it (62 min → "1 h 02 min"), as the print does.
      expect(line.explanation).toContain(`${formatElapsed(ref.referenceAt, new Date(ref.referenceAt.getTime() + ref.minutes * 60_000))} after the ${formatTime(ref.referenceAt, NY)} push`);
      expect(line.explanation).toContain('1 h 02 min after the');
    }
  });
});
