import { describe, expect, it } from 'vitest';
import { timelineFacts } from '@/lib/timeline';
import { sincePreviousTexts } from './since-previous';

const t = (hhmm: string) => new Date(`2026-11-29T${hhmm}:00Z`);
const time = (d: Date) => d.toISOString().slice(11, 16);
// Ondansetron 21:32 (id 1) corrected by id 5 (same start); ondansetron again 22:12 (id 2); a dose entered in error at 22:20 (id 3).
const doses = [
  { id: 1, drugKey: 'ondansetron', startAt: t('21:32'), status: 'amended' as const },
  { id: 2, drugKey: 'ondansetron', startAt: t('22:12'), status: 'active' as const },
  { id: 3, drugKey: 'ondansetron', startAt: t('22:20'), status: 'entered-in-error' as const },
  { id: 5, drugKey: 'ondansetron', startAt: t('21:32'), status: 'active' as const, amendsId: 1 },
];
const facts = timelineFacts(
  doses.map((d) => ({ ...d, stopAt: null, chartedAt: d.startAt, amendsId: 'amendsId' in d ? d.amendsId : null })),
  60,
);

describe('print: since previous same drug counts only current rows, as the review timeline (issue 15 review)', () => {
  it('the corrected first dose is a first dose, not "given earlier"; the repeat is measured from it', () => {
    const lines = [
      { kind: 'cpt' as const, code: '96374', administrationIds: ['5'] },
      { kind: 'cpt' as const, code: '96376', administrationIds: ['2'] },
    ];
    const texts = sincePreviousTexts(doses, lines, facts, time);
    expect(texts.get(5)).toBe('—');
    expect(texts.get(2)).toBe('40 min after the reported 21:32 push');
    expect(texts.get(1)).toBe('—');
    expect(texts.get(3)).toBe('—');
  });

  it('a drug supply line carrying a CPT code (an old bad override) does not make its doses repeat pushes', () => {
    const lines = [
      { kind: 'cpt' as const, code: '96374', administrationIds: ['5'] },
      { kind: 'cpt' as const, code: '96376', administrationIds: ['2'] },
      { kind: 'hcpcs' as const, code: '96376', administrationIds: ['5', '2'] },
    ];
    const texts = sincePreviousTexts(doses, lines, facts, time);
    expect(texts.get(5)).toBe('—');
    expect(texts.get(5)).not.toMatch(/given earlier/);
  });

  it('without a 96376, a later current dose reads the elapsed time from the previous current dose', () => {
    expect(sincePreviousTexts(doses, [], facts, time).get(2)).toBe('40 min');
  });
});
