import { describe, expect, it } from 'vitest';
import { codeEncounter, RULES } from './coding';
import { engineInput, toEngineAdministration } from './engine-input';
import { administration } from './export/test-fixtures';
import { STARTER_FORMULARY } from './formulary/starter-formulary';

const ctx = { setting: 'facility' as const, timeZone: 'America/New_York', formulary: STARTER_FORMULARY };

describe('stored doses as engine input: the order (R-DOC-ORDER)', () => {
  it('passes the ordering provider snapshot and the order type, and asks the engine to require them', () => {
    const a = administration({ id: 5, orderingProviderId: 3, orderingProviderName: 'Amara Osei, MD', orderType: 'verbal' });
    expect(toEngineAdministration(a).order).toEqual({ provider: 'Amara Osei, MD', type: 'verbal' });
    expect(engineInput(ctx, [a]).options?.requireOrder).toBe(true);
  });

  it('a dose stored without an order (charted before migration 0007) gets an R-DOC-ORDER gap', () => {
    const ordered = administration({ id: 1, orderingProviderId: 3, orderingProviderName: 'Amara Osei, MD', orderType: 'written' });
    const legacy = administration({ id: 2, startAt: new Date('2026-03-02T15:45:00Z'), stopAt: new Date('2026-03-02T15:46:00Z') });
    const r = codeEncounter(engineInput(ctx, [ordered, legacy]));
    expect(r.warnings.filter((w) => w.rule === RULES.DOC_ORDER).map((w) => w.administrationIds)).toEqual([['2']]);
  });
});
