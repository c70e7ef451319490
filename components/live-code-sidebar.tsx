'use client';
import { useMemo, useSyncExternalStore } from 'react';
import { codeEncounter, type AdministrationInput as EngineAdministration, type EncounterCodingResult, type EncounterInput } from '@/lib/coding';
import { documentationGaps } from '@/lib/coding/documentation';
import { NOW, type AdministrationFormInput } from '@/lib/administration-schema';
import { draftInstant } from '@/lib/draft-times';
import { engineInput, DRAFT_ID, type EngineContext } from '@/lib/engine-input';
import type { AdministrationView, FormularyEntry, Setting } from '@/lib/types';
import { CodeSidebar } from './code-sidebar';
import { judgeDraft, type Clinician } from './push-form';

/** The push form's draft as last published: its field values and the formulary drug they name (null: none picked). */
export interface Draft {
  values: AdministrationFormInput;
  drug: FormularyEntry | null;
}

/**
 * The draft between the push form and the sidebar (issue 16 item 4): the form
 * publishes every change from its field subscription, inside the input event,
 * and only the sidebar (useSyncExternalStore) re-renders for it; the
 * workspace, the form and the timeline do not. `set` ignores a draft whose
 * values and drug are the same as the last one's (a re-validation, a blur).
 */
export interface DraftStore {
  get: () => Draft | null;
  set: (values: AdministrationFormInput, drug: FormularyEntry | null) => void;
  subscribe: (listener: () => void) => () => void;
}

function sameValues(a: AdministrationFormInput, b: AdministrationFormInput): boolean {
  const keys = Object.keys(a) as Array<keyof AdministrationFormInput>;
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

export function createDraftStore(): DraftStore {
  let draft: Draft | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => draft,
    set(values, drug) {
      if (draft && draft.drug === drug && sameValues(draft.values, values)) return;
      // A copy: the form library may hand over its own live object.
      draft = { values: { ...values }, drug };
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** No other formulary drugs: the dose verdict reads only the picked drug's own products (see draftDoseRefused). */
const NO_OTHER_DRUGS: readonly FormularyEntry[] = [];

/**
 * True when the form refuses the draft's dose (above the drug's hard maximum:
 * components/push-form.tsx judgeDraft, i.e. lib/dose-limits.ts judgeDose, the
 * verdict the server applies too). Such a draft can never be saved, so the
 * sidebar does not count it (400 mg ondansetron is not "J2405 × 400").
 * The NDC's owner among other drugs does not change the dose verdict (only
 * the picked drug's own product gives a concentration for a dose in mL), so
 * no formulary list is searched: a keystroke stays cheap.
 */
export function draftDoseRefused(values: AdministrationFormInput, drug: FormularyEntry | null): boolean {
  return judgeDraft(drug, NO_OTHER_DRUGS, values).dose.kind === 'refuse';
}

/**
 * The draft as the engine reads it, at the time it stands for: an untouched
 * ("now") time is the live clock `nowMs`, never the time the page loaded.
 * Null until a drug is picked and the start is a time.
 */
export function draftToEngine(draft: AdministrationFormInput, drug: FormularyEntry | null, timeZone: string, signer: Clinician, nowMs: number): EngineAdministration | null {
  const start = draftInstant(draft.start, nowMs, timeZone);
  if (!drug || !start) return null;
  const stop = draft.kind === 'injection' ? null : draftInstant(draft.stop, nowMs, timeZone);
  return {
    id: DRAFT_ID,
    drug: drug.name,
    drugKey: drug.key,
    kind: draft.kind,
    chemo: drug.chemo,
    start: start.toISOString(),
    stop: stop && stop >= start ? stop.toISOString() : null,
    site: draft.site ?? '',
    dose: DECIMAL.test(draft.doseValue ?? '') ? { value: draft.doseValue, unit: draft.doseUnit } : null,
    rationale: draft.rationale ?? '',
    performer: `${signer.name}, ${signer.credentials}`,
    ndc: draft.ndc || null,
    wasted: draft.wastedValue && DECIMAL.test(draft.wastedValue) ? { value: draft.wastedValue, unit: draft.doseUnit } : null,
    // Issue 14: as the nurse chooses them, so the sidebar shows 96416 or no administration code before Save.
    pump: draft.kind === 'infusion' && draft.pump ? draft.pump : null,
    integralTo: draft.integral ? draft.integralTo?.trim() || null : null,
  };
}

/**
 * What the sidebar codes of the published draft: its engine administration
 * (draftToEngine; null with no draft, no signer or nothing codable yet), and
 * whether its dose is refused (draftDoseRefused). A refused draft has no
 * administration: it adds no code, no unit and no banner, so the sidebar shows
 * the saved state, and says the draft is not counted.
 */
export function sidebarDraft(draft: Draft | null, signer: Clinician | null, timeZone: string, nowMs: number): { administration: EngineAdministration | null; refused: boolean } {
  if (!draft) return { administration: null, refused: false };
  if (draftDoseRefused(draft.values, draft.drug)) return { administration: null, refused: true };
  return { administration: signer ? draftToEngine(draft.values, draft.drug, timeZone, signer, nowMs) : null, refused: false };
}

/**
 * The sidebar's engine result for the saved rows' engine input `saved`
 * (lib/engine-input.ts engineInput, built once per change of the rows) plus
 * the draft: the same as coding engineInput(ctx, rows, draft), without
 * rebuilding the saved rows' input on every keystroke, and with the same
 * formulary list each time, so the engine's formulary index is built once.
 * `savedResult` is the saved rows' own result, read when there is no draft or
 * the engine cannot read a half-typed one yet (`code` throws: the engine,
 * lib/coding codeEncounter, unless a test stands in for it).
 */
export function codeWithDraft(
  saved: EncounterInput,
  draft: EngineAdministration | null,
  savedResult: () => EncounterCodingResult,
  code: (input: EncounterInput) => EncounterCodingResult = codeEncounter,
): EncounterCodingResult {
  if (draft) {
    try {
      return code({ ...saved, administrations: [...saved.administrations, draft] });
    } catch {
      // A half-typed draft the engine cannot read yet: show the saved state.
    }
  }
  return savedResult();
}

export interface LiveCodeSidebarProps {
  draftStore: DraftStore;
  ctx: EngineContext;
  /** The encounter's stored rows (the sidebar codes the saved ones, id > 0, with the draft). */
  rows: AdministrationView[];
  labels: Map<string, string>;
  setting: Setting;
  timeZone: string;
  /** The live clock (UTC ms). */
  now: number;
  /** The clinician charting (the draft's performer); null for a viewer who cannot chart. */
  signer: Clinician | null;
  /** Show the draft's documentation checklist (the viewer may chart). */
  canChart: boolean;
}

/**
 * The code sidebar, live: reads the draft from `draftStore` and codes it with
 * the saved rows. What does not depend on the draft (the saved rows' engine
 * input and result) is built once per change of the rows.
 */
export function LiveCodeSidebar({ draftStore, ctx, rows, labels, setting, timeZone, now, signer, canChart }: LiveCodeSidebarProps) {
  const draft = useSyncExternalStore(draftStore.subscribe, draftStore.get, () => null);
  const savedRows = useMemo(() => rows.filter((r) => r.id > 0), [rows]);
  const saved = useMemo(() => engineInput(ctx, savedRows), [ctx, savedRows]);
  const savedResult = useMemo(() => {
    let result: EncounterCodingResult | undefined;
    return () => (result ??= codeEncounter(saved));
  }, [saved]);
  const drugsGiven = useMemo(() => new Set(savedRows.filter((r) => r.status === 'active').map((r) => r.drugKey)), [savedRows]);

  const { administration: draftAdministration, refused } = sidebarDraft(draft, signer, timeZone, now);
  // A keystroke the engine does not read (a lot number, a witness's email) keeps the last result.
  const draftKey = draftAdministration ? JSON.stringify(draftAdministration) : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- draftKey stands for draftAdministration's content
  const result = useMemo(() => codeWithDraft(saved, draftAdministration, savedResult), [saved, savedResult, draftKey]);

  const draftFacts =
    draft?.drug && draftAdministration
      ? { name: draft.drug.name, at: new Date(draftAdministration.start), live: draft.values.start === NOW, givenBefore: drugsGiven.has(draft.drug.key) }
      : null;
  const draftGaps = draft
    ? documentationGaps(
        {
          kind: draft.values.kind,
          drug: draft.drug?.name ?? '',
          dose: { value: draft.values.doseValue ?? '', unit: draft.values.doseUnit ?? '' },
          start: draft.values.start ?? '',
          stop: draft.values.kind === 'injection' ? undefined : draft.values.stop || null,
          site: draft.values.site ?? '',
          rationale: draft.values.rationale ?? '',
          performer: signer?.name ?? '',
        },
        { requireDocumentation: true },
      )
    : null;

  return <CodeSidebar result={result} labels={labels} setting={setting} timeZone={timeZone} now={now} draft={draftFacts} draftGaps={canChart ? draftGaps : null} draftRefused={refused && canChart} />;
}
