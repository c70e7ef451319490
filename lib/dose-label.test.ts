import { describe, expect, it } from 'vitest';
import { doseLabel, doseLabels, doseOptions, encounterDoseLabels, type NamedDose } from './dose-label';
import { encounterInstants, spansCalendarDays } from './timeline';

const ny = 'America/New_York';
const dose = (over: Partial<NamedDose> & Pick<NamedDose, 'id'>): NamedDose => ({
  drugName: 'Ondansetron HCl',
  doseValue: '4',
  doseUnit: 'mg',
  startAt: new Date('2026-03-02T15:45:00Z'),
  performerName: 'Nora Quinn',
  performerCredentials: 'RN',
  site: 'L forearm',
  chartedAt: new Date('2026-03-02T15:47:00Z'),
  status: 'active',
  ...over,
});

describe('one name for a dose', () => {
  it('drug, dose, local time and performer; no internal id', () => {
    const label = doseLabel(dose({ id: 4711 }), { timeZone: ny, withDate: false });
    expect(label).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN');
    expect(label).not.toContain('4711');
  });

  it('two same-minute doses of the same drug get distinct labels (site, then charted-at time, then charting order)', () => {
    const naming = { timeZone: ny, withDate: false };
    // Different sites: the site tells them apart; the charted-at time is not needed.
    const bySite = doseLabels([dose({ id: 1 }), dose({ id: 2, site: 'R antecubital', startAt: new Date('2026-03-02T15:45:40Z') })], naming);
    expect(bySite.get(1)).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN (site L forearm)');
    expect(bySite.get(2)).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN (site R antecubital)');
    // Same site: the charted-at time (to the second) does.
    const byCharting = doseLabels([dose({ id: 1 }), dose({ id: 2, chartedAt: new Date('2026-03-02T15:47:31Z') })], naming);
    expect(byCharting.get(1)).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN (site L forearm, charted 10:47:00)');
    expect(byCharting.get(2)).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN (site L forearm, charted 10:47:31)');
    // Nothing differs that a person can see: numbered in charting order, still no id.
    const twins = doseLabels([dose({ id: 92 }), dose({ id: 91 })], naming);
    expect(new Set(twins.values()).size).toBe(2);
    expect([...twins.values()].join(' ')).not.toMatch(/9[12]/);
    expect(twins.get(91)).toMatch(/\[entry 1 of 2\]$/);
    // A dose alone keeps the plain name.
    expect(doseLabels([dose({ id: 1 }), dose({ id: 2, doseValue: '8' })], naming).get(1)).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN');
  });

  it('a cross-midnight encounter shows dates on every dose', () => {
    const late = dose({ id: 1, startAt: new Date('2026-03-03T04:50:00Z') }); // 23:50 in New York
    const early = dose({ id: 2, startAt: new Date('2026-03-03T05:20:00Z'), chartedAt: new Date('2026-03-03T05:21:00Z') }); // 00:20 the next day
    const withDate = spansCalendarDays(encounterInstants({ openedAt: new Date('2026-03-03T04:30:00Z'), closedAt: null }, [late, { ...early, stopAt: null }].map((d) => ({ startAt: d.startAt, stopAt: null }))), ny);
    expect(withDate).toBe(true);
    const options = doseOptions([late, early], { timeZone: ny, withDate });
    expect(options).toEqual([
      { id: '1', label: 'Ondansetron HCl 4 mg at 2 Mar 23:50 by Nora Quinn, RN' },
      { id: '2', label: 'Ondansetron HCl 4 mg at 3 Mar 00:20 by Nora Quinn, RN' },
    ]);
  });

  it('pickers offer current doses only; a reference to an earlier version says so and does not make the current one longer', () => {
    const naming = { timeZone: ny, withDate: false };
    const amended = dose({ id: 1, status: 'amended' });
    const current = dose({ id: 2, chartedAt: new Date('2026-03-02T16:10:00Z') });
    expect(doseOptions([amended, current], naming)).toEqual([{ id: '2', label: 'Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN' }]);
    const names = encounterDoseLabels([amended, current], naming);
    expect(names.get(1)).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN (since amended)');
    expect(names.get(2)).toBe('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN');
  });
});

describe('a dose reads as the engine writes it (issue 15 Deliver 3)', () => {
  it('across midnight the label writes the day as the engine\'s explanations do ("29 Nov 21:32")', async () => {
    const { codeEncounter } = await import('./coding');
    const { engineInput } = await import('./engine-input');
    const { administration, FORMULARY } = await import('./export/test-fixtures');
    const rows = [
      administration({ id: 1, startAt: new Date('2026-11-30T02:32:00Z'), stopAt: null, chartedAt: new Date('2026-11-30T02:40:00Z') }),
      administration({ id: 2, drugId: 9, drugKey: 'morphine', drugName: 'Morphine sulfate', ndc: null, startAt: new Date('2026-12-01T03:32:00Z'), stopAt: null, chartedAt: new Date('2026-12-01T03:40:00Z') }),
    ];
    const result = codeEncounter(engineInput({ setting: 'facility', timeZone: 'America/New_York', formulary: FORMULARY }, rows));
    const labels = doseLabels(rows, { timeZone: 'America/New_York', withDate: true });
    expect(labels.get(1)).toBe('Ondansetron HCl 4 mg at 29 Nov 21:32 by Nora Quinn, RN');
    expect(labels.get(2)).toBe('Morphine sulfate 4 mg at 30 Nov 22:32 by Nora Quinn, RN');
    const texts = result.lines.map((l) => l.explanation).join(' ');
    expect(texts).toContain('29 Nov 21:32');
    expect(texts).toContain('30 Nov 22:32');
  });
});
