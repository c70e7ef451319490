import { describe, expect, it } from 'vitest';
import { codeEncounter, type AdministrationInput } from '@/lib/coding';
import { DRAFT_ID, engineInput } from '@/lib/engine-input';
import { STARTER_FORMULARY } from '@/lib/formulary/starter-formulary';
import { draftBanner } from './code-sidebar';

const NY = 'America/New_York';
const dose = (id: string, start: string): AdministrationInput => ({
  id,
  drug: 'Ondansetron HCl',
  drugKey: 'ondansetron',
  kind: 'push',
  chemo: false,
  start,
  stop: start,
  site: 'L antecubital 20G',
  dose: { value: '4', unit: 'mg' },
  rationale: 'Nausea',
  performer: 'Nora Quinn, RN',
  ndc: null,
  wasted: null,
});

function sidebar(setting: 'facility' | 'non-facility', draftStart: string, live = false, now = Date.parse('2026-03-02T17:00:00Z')) {
  const input = engineInput({ setting, timeZone: NY, formulary: STARTER_FORMULARY }, [], null);
  input.administrations.push(dose('1', '2026-03-02T15:00:00Z'), dose(DRAFT_ID, draftStart));
  const result = codeEncounter(input);
  const banner = draftBanner(result, { name: 'Ondansetron HCl', at: new Date(draftStart), live, givenBefore: true }, NY, now);
  const warning = result.warnings.find((w) => w.rule === 'R-SAME-DRUG-30MIN' && w.administrationIds.includes(DRAFT_ID));
  return { banner, warning, draftLines: result.lines.filter((l) => l.administrationIds.includes(DRAFT_ID)).map((l) => l.code) };
}

describe('the eligibility banner reads the same engine result as the warnings, at the draft time', () => {
  it('29 minutes after the first push (typed, the wall clock two hours later): not reportable, like the warning', () => {
    const { banner, warning, draftLines } = sidebar('facility', '2026-03-02T15:29:00Z');
    expect(banner).toEqual({ reportable: false, text: 'Ondansetron HCl again at 10:29 would not be separately reportable — eligible from 10:30.' });
    expect(warning?.message).toContain('eligible from 10:30');
    expect(draftLines).toEqual([]);
  });

  it('exactly 30 minutes after: reportable as 96376, and no warning', () => {
    const { banner, warning, draftLines } = sidebar('facility', '2026-03-02T15:30:00Z');
    expect(banner).toEqual({ reportable: true, text: 'Ondansetron HCl again at 10:30 would be separately reportable (96376).' });
    expect(warning).toBeUndefined();
    expect(draftLines).toEqual(['96376']);
  });

  it('a live draft counts down from the clock; a typed one does not', () => {
    const now = Date.parse('2026-03-02T15:18:00Z');
    expect(sidebar('facility', '2026-03-02T15:18:00Z', true, now).banner?.text).toBe(
      'Ondansetron HCl again now would not be separately reportable — eligible from 10:30 (in 12 min).',
    );
  });

  it('in an office a repeat is never reportable, whatever the time', () => {
    const { banner } = sidebar('non-facility', '2026-03-02T16:30:00Z');
    expect(banner?.reportable).toBe(false);
    expect(banner?.text).toBe('Ondansetron HCl again at 11:30 would not be separately reportable.');
  });

  it('no banner for a drug not given before in this encounter', () => {
    const result = codeEncounter(engineInput({ setting: 'facility', timeZone: NY, formulary: STARTER_FORMULARY }, [], dose(DRAFT_ID, '2026-03-02T15:00:00Z')));
    expect(draftBanner(result, { name: 'Ondansetron HCl', at: new Date('2026-03-02T15:00:00Z'), live: false, givenBefore: false }, NY, 0)).toBeNull();
  });
});
