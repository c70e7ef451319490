import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { codeEncounter } from '@/lib/coding';
import { NOW, type AdministrationFormInput } from '@/lib/administration-schema';
import { DRAFT_ID, engineInput } from '@/lib/engine-input';
import { administration } from '@/lib/export/test-fixtures';
import { STARTER_FORMULARY } from '@/lib/formulary/starter-formulary';
import type { FormularyEntry } from '@/lib/types';
import { CodeSidebar } from './code-sidebar';
import { codeWithDraft, createDraftStore, draftDoseRefused, draftToEngine, sidebarDraft } from './live-code-sidebar';

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

describe('a draft whose dose the form refuses (above the hard maximum)', () => {
  // Two ondansetron 4 mg pushes saved, as the tester's ED encounter had.
  const twoSaved = rows.slice(0, 2);
  const saved = engineInput(ctx, twoSaved);
  const savedResult = () => codeEncounter(saved);
  const j2405 = (r: ReturnType<typeof codeEncounter>) => r.supplyLines.find((l) => l.code === 'J2405');
  // The same vial as the saved doses: one J2405 line for all three.
  const draftOf = (over: Partial<AdministrationFormInput>) => ({ values: formValues({ ndc: rows[0]!.ndc!, ...over }), drug: ondansetron });

  it('is refused exactly when the form refuses it: above 16 mg in any unit; 16 mg, a half-typed or no dose, no drug are not', () => {
    for (const [doseValue, doseUnit] of [['400', 'mg'], ['40000', 'mg'], ['12.5', 'g'], ['17', 'mg'], ['16001', 'mcg']] as const) {
      expect(draftDoseRefused(formValues({ doseValue, doseUnit }), ondansetron), `${doseValue} ${doseUnit}`).toBe(true);
    }
    for (const [doseValue, doseUnit] of [['4', 'mg'], ['16', 'mg'], ['0.016', 'g'], ['4.', 'mg'], ['', 'mg']] as const) {
      expect(draftDoseRefused(formValues({ doseValue, doseUnit }), ondansetron), `${doseValue} ${doseUnit}`).toBe(false);
    }
    expect(draftDoseRefused(formValues({ doseValue: '400' }), null)).toBe(false);
  });

  it('adds nothing to the codes: the sidebar codes the saved doses only (J2405 × 8, not × 408)', () => {
    expect(j2405(savedResult())?.units).toBe(8);
    for (const [doseValue, doseUnit] of [['400', 'mg'], ['40000', 'mg'], ['12.5', 'g']] as const) {
      const d = sidebarDraft(draftOf({ doseValue, doseUnit }), nurse, NY, nowMs);
      expect(d).toEqual({ administration: null, refused: true });
      const result = codeWithDraft(saved, d.administration, savedResult);
      expect(result).toEqual(savedResult());
      expect(j2405(result)?.units).toBe(8);
    }
    // A dose that can be charted is counted, with the draft's id on its units.
    const ok = sidebarDraft(draftOf({ doseValue: '4' }), nurse, NY, nowMs);
    expect(ok.refused).toBe(false);
    const withDraft = codeWithDraft(saved, ok.administration, savedResult);
    expect(j2405(withDraft)).toMatchObject({ units: 12, administrationIds: expect.arrayContaining([DRAFT_ID]) });
  });

  it('the sidebar says the draft is not counted, and marks no line "if saved"', () => {
    const html = renderToStaticMarkup(
      createElement(CodeSidebar, { result: savedResult(), labels: new Map(), setting: 'facility', timeZone: NY, now: nowMs, draft: null, draftGaps: null, draftRefused: true }),
    );
    expect(html).toContain('data-testid="draft-not-counted"');
    expect(html).toContain('its dose cannot be charted');
    expect(html).not.toContain('if saved');
    expect(supplyText(html)).toMatch(/J2405.*× 8/);
  });
});

/** The "Drug supply (HCPCS)" lines' text, one per line. */
function supplyText(html: string): string {
  return [...html.matchAll(/<li[^>]*data-testid="supply-line"[^>]*>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'")).join('\n');
}

describe('drug supply lines in the sidebar', () => {
  const saved = engineInput(ctx, rows.slice(0, 2));
  const render = (result: ReturnType<typeof codeEncounter>) =>
    renderToStaticMarkup(createElement(CodeSidebar, { result, labels: new Map(), setting: 'facility', timeZone: NY, now: nowMs, draft: null, draftGaps: null }));

  it('a supply line whose units include the draft is marked "if saved"; the saved state\'s is not', () => {
    const draft = draftToEngine(formValues({ doseValue: '4', ndc: rows[0]!.ndc! }), ondansetron, NY, nurse, nowMs);
    const withDraft = render(codeWithDraft(saved, draft, () => codeEncounter(saved)));
    expect(supplyText(withDraft)).toMatch(/^J2405 × 12.*if saved$/m);
    expect(withDraft).not.toContain('draft-not-counted');

    const savedOnly = render(codeEncounter(saved));
    expect(supplyText(savedOnly)).toMatch(/^J2405 × 8/m);
    expect(supplyText(savedOnly)).not.toContain('if saved');
  });
});
