import { describe, expect, it, vi } from 'vitest';
import { codeEncounter } from '@/lib/coding';
import { NOW, type AdministrationFormInput } from '@/lib/administration-schema';
import { DRAFT_ID, engineInput } from '@/lib/engine-input';
import { administration } from '@/lib/export/test-fixtures';
import { STARTER_FORMULARY } from '@/lib/formulary/starter-formulary';
import type { FormularyEntry } from '@/lib/types';
import { codeWithDraft, createDraftStore, draftToEngine } from './live-code-sidebar';

const NY = 'America/New_York';
const ctx = { setting: 'facility' as const, timeZone: NY, formulary: STARTER_FORMULARY, lateEntryThresholdMinutes: 60 };
const ondansetron: FormularyEntry = { ...STARTER_FORMULARY.find((d) => d.key === 'ondansetron')!, id: 1 };
const nurse = { id: 'user-nurse-1', name: 'Nora Quinn', credentials: 'RN' };

const formValues = (over: Partial<AdministrationFormInput> = {}): AdministrationFormInput => ({
  encounterId: 1,
  drugId: 1,
  doseValue: '4',
  doseUnit: 'mg',
  kind: 'push',
  start: NOW,
  stop: NOW,
  site: 'L antecubital 20G',
  rationale: 'Nausea',
  orderingProviderId: '1',
  orderType: 'written',
  idempotencyKey: 'k',
  ...over,
});

/** 50 ondansetron pushes 4 minutes apart from 10:00 EST, as the keystroke bench charts them. */
const rows = Array.from({ length: 50 }, (_, i) =>
  administration({
    id: i + 1,
    startAt: new Date(Date.parse('2026-03-02T15:00:00Z') + i * 240_000),
    stopAt: new Date(Date.parse('2026-03-02T15:00:00Z') + i * 240_000),
    chartedAt: new Date(Date.parse('2026-03-02T15:01:00Z') + i * 240_000),
    orderingProviderName: 'Amara Osei, MD',
    orderType: 'written',
  }),
);
const nowMs = Date.parse('2026-03-02T19:00:00Z');

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('the draft store between the push form and the sidebar', () => {
  it('tells its listeners of a changed draft, not of the same values again, and keeps its own copy', () => {
    const store = createDraftStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    expect(store.get()).toBeNull();

    const live = formValues({ doseValue: '4' });
    store.set(live, ondansetron);
    expect(listener).toHaveBeenCalledTimes(1);
    const first = store.get();
    // The form library mutates its own values object: the published draft does not change with it.
    live.doseValue = '41';
    expect(store.get()?.values.doseValue).toBe('4');

    store.set(formValues({ doseValue: '4' }), ondansetron);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toBe(first);

    store.set(formValues({ doseValue: '41' }), ondansetron);
    store.set(formValues({ doseValue: '41' }), null);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(store.get()).toEqual({ values: formValues({ doseValue: '41' }), drug: null });

    unsubscribe();
    store.set(formValues({ doseValue: '8' }), ondansetron);
    expect(listener).toHaveBeenCalledTimes(3);
  });
});

describe('the draft as the engine reads it', () => {
  it('an untouched time is the live clock; an injection has no stop; a pump only on an infusion', () => {
    const d = draftToEngine(formValues({ pump: 'portable' }), ondansetron, NY, nurse, nowMs)!;
    expect(d).toMatchObject({ id: DRAFT_ID, start: '2026-03-02T19:00:00.000Z', stop: '2026-03-02T19:00:00.000Z', pump: null, performer: 'Nora Quinn, RN' });
    expect(draftToEngine(formValues({ kind: 'injection' }), ondansetron, NY, nurse, nowMs)!.stop).toBeNull();
    expect(draftToEngine(formValues({ kind: 'infusion', pump: 'portable' }), ondansetron, NY, nurse, nowMs)!.pump).toBe('portable');
    expect(draftToEngine(formValues({ start: '2026-03-02T13:45' }), ondansetron, NY, nurse, nowMs)!.start).toBe('2026-03-02T18:45:00.000Z');
  });

  it('no drug or no readable start: nothing to code; a half-typed dose is no dose', () => {
    expect(draftToEngine(formValues(), null, NY, nurse, nowMs)).toBeNull();
    expect(draftToEngine(formValues({ start: '' }), ondansetron, NY, nurse, nowMs)).toBeNull();
    expect(draftToEngine(formValues({ doseValue: '4.' }), ondansetron, NY, nurse, nowMs)!.dose).toBeNull();
  });
});

describe('coding the draft with the saved rows built once', () => {
  const saved = engineInput(ctx, rows);

  it('gives what coding the rows and the draft together gives, for several drafts in a row', () => {
    for (const doseValue of ['4', '41', '8', '0.5']) {
      for (const start of [NOW, '2026-03-02T13:45', '2026-03-02T10:10']) {
        const draft = draftToEngine(formValues({ doseValue, start }), ondansetron, NY, nurse, nowMs);
        expect(codeWithDraft(saved, draft, () => codeEncounter(saved))).toEqual(codeEncounter(engineInput(ctx, rows, draft)));
      }
    }
  });

  it('leaves the saved rows\' input as it was (it is shared by every keystroke), and reads the same formulary list', () => {
    const frozen = deepFreeze(engineInput(ctx, rows));
    const list = frozen.options!.formulary;
    const draft = draftToEngine(formValues({ doseValue: '8' }), ondansetron, NY, nurse, nowMs);
    expect(() => codeWithDraft(frozen, draft, () => codeEncounter(frozen))).not.toThrow();
    expect(frozen.administrations).toHaveLength(50);
    expect(frozen.options!.formulary).toBe(list);
  });

  it('without a draft, the saved result, computed only then', () => {
    const savedResult = vi.fn(() => codeEncounter(saved));
    const draft = draftToEngine(formValues(), ondansetron, NY, nurse, nowMs);
    codeWithDraft(saved, draft, savedResult);
    expect(savedResult).not.toHaveBeenCalled();
    expect(codeWithDraft(saved, null, savedResult)).toEqual(codeEncounter(engineInput(ctx, rows)));
    expect(savedResult).toHaveBeenCalledTimes(1);
  });

  it('a draft the engine cannot read yet (it throws) shows the saved state', () => {
    const draft = draftToEngine(formValues(), ondansetron, NY, nurse, nowMs);
    const refusing = (input: typeof saved) => {
      if (input.administrations.some((a) => a.id === DRAFT_ID)) throw new Error('unreadable draft');
      return codeEncounter(input);
    };
    const result = codeWithDraft(saved, draft, () => codeEncounter(saved), refusing);
    expect(result).toEqual(codeEncounter(saved));
    expect(result.lines.some((l) => l.administrationIds.includes(DRAFT_ID))).toBe(false);
    expect(codeWithDraft(saved, draft, () => codeEncounter(saved)).lines.some((l) => l.administrationIds.includes(DRAFT_ID))).toBe(true);
  });
});
