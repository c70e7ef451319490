'use client';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { ActionResult } from '@/lib/action-result';
import {
  administrationSchema,
  DOSE_UNITS,
  type AdministrationFormInput,
  type AdministrationInput,
} from '@/lib/administration-schema';
import { fromLocalInput, toLocalInput } from '@/lib/time';
import type { FormularyEntry } from '@/lib/types';
import { DrugPicker } from './drug-picker';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass, showServerErrors } from './field';

export const RATIONALE_CHIPS = ['Nausea', 'Vomiting', 'Pain', 'Anxiety / agitation', 'Fever', 'Allergic reaction', 'Hypertension', 'Dehydration'];

const KIND_OPTIONS = [
  { value: 'push', label: 'IV push' },
  { value: 'infusion', label: 'IV infusion' },
  { value: 'hydration', label: 'Hydration' },
  { value: 'injection', label: 'IM/SC injection' },
] as const;

function timeLabels(kind: AdministrationFormInput['kind']): { start: string; stop: string } {
  if (kind === 'infusion' || kind === 'hydration') return { start: 'Started', stop: 'Stopped' };
  return { start: 'Given at', stop: 'Finished at' };
}

export interface Clinician {
  id: string;
  name: string;
  credentials: string;
}

export interface PushFormProps {
  encounterId: number;
  timeZone: string;
  lateEntryThresholdMinutes: number;
  formulary: FormularyEntry[];
  /** The signed-in clinician: every dose is signed by whoever charts it. */
  signer: Clinician;
  lastSite: string;
  /** Server time at render, so the first paint matches on server and client. */
  serverNow: number;
  now: number;
  onDraftChange: (draft: AdministrationFormInput, drug: FormularyEntry | null) => void;
  onSave: (values: AdministrationInput, drug: FormularyEntry) => Promise<ActionResult<{ id: number }>>;
}

/** Chart one administration: drug, dose, kind, times, site, rationale, signer. */
export function PushForm(props: PushFormProps) {
  const { encounterId, timeZone, formulary, signer, onDraftChange, onSave } = props;
  const drugInput = useRef<HTMLInputElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);

  const freshDefaults = (nowMs: number, site: string): AdministrationFormInput => {
    const now = toLocalInput(new Date(nowMs), timeZone);
    return {
      encounterId,
      drugId: 0,
      doseValue: '',
      doseUnit: 'mg',
      kind: 'push',
      start: now,
      stop: now,
      stopMissingReason: '',
      site,
      rationale: '',
      lateEntryReason: '',
      ndc: '',
      lot: '',
      expiry: '',
      wastedValue: '',
    };
  };

  const {
    register,
    handleSubmit,
    setValue,
    setError,
    setFocus,
    reset,
    control,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<AdministrationFormInput, unknown, AdministrationInput>({
    resolver: zodResolver(administrationSchema),
    defaultValues: freshDefaults(props.serverNow, props.lastSite),
  });

  const values = useWatch({ control }) as AdministrationFormInput;
  const drug = formulary.find((d) => d.id === Number(values.drugId)) ?? null;
  const labels = timeLabels(values.kind);
  const singleDose = drug?.products.some((p) => p.containerType === 'single-dose') ?? false;
  const startInstant = values.start ? fromLocalInput(values.start, timeZone) : null;
  const late = startInstant !== null && props.now - startInstant.getTime() > props.lateEntryThresholdMinutes * 60_000;
  const stopEmpty = !values.stop && values.kind !== 'injection';

  // The sidebar recodes on every change; effects of a keystroke flush before paint.
  useEffect(() => {
    onDraftChange(values, drug);
  }, [values, drug, onDraftChange]);

  const setNow = (field: 'start' | 'stop') => setValue(field, toLocalInput(new Date(), timeZone), { shouldValidate: field === 'stop' });

  const submit = async (input: AdministrationInput) => {
    setFormError(null);
    setSavedNote(null);
    if (!drug) return;
    const result = await onSave(input, drug);
    if (result.ok) {
      setSavedNote(`Saved: ${input.doseValue} ${input.doseUnit} ${drug.name} at ${input.start.slice(11)}`);
      reset(freshDefaults(Date.now(), input.site));
      drugInput.current?.focus();
      return;
    }
    setFormError(showServerErrors(result, setError) ?? 'Nothing was saved');
  };

  const err = (f: keyof AdministrationFormInput) => errors[f]?.message as string | undefined;

  return (
    <form onSubmit={(e) => void handleSubmit(submit)(e)} noValidate aria-label="Chart an administration" className="space-y-4">
      {formError ? (
        <p role="alert" className="rounded border-2 border-red-700 bg-white p-2 font-semibold text-red-800">
          {formError}
        </p>
      ) : null}
      {savedNote ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-2 font-semibold text-green-900">
          ✓ {savedNote}
        </p>
      ) : null}

      <Field id="drug" label="Drug" error={err('drugId')}>
        <DrugPicker
          formulary={formulary}
          value={drug}
          error={err('drugId')}
          inputRef={drugInput}
          onPick={(pick) => {
            if (!pick) {
              setValue('drugId', 0);
              setTimeout(() => drugInput.current?.focus(), 0);
              return;
            }
            setValue('drugId', pick.drug.id, { shouldValidate: true });
            setValue('doseUnit', pick.drug.defaultDoseUnit);
            setValue('doseValue', pick.drug.usualDose);
            setValue('ndc', pick.ndc ?? '');
            const usual = pick.drug.typicalKinds[0];
            if (usual && !pick.drug.typicalKinds.includes(getValues('kind'))) setValue('kind', usual);
            // The picker unmounts its input: keep keyboard users in the flow.
            setTimeout(() => setFocus('doseValue', { shouldSelect: true }), 0);
          }}
        />
      </Field>

      <div className="grid gap-4 sm:grid-cols-[1fr_auto_2fr]">
        <Field id="doseValue" label="Dose" error={err('doseValue')}>
          <input id="doseValue" inputMode="decimal" autoComplete="off" className={inputClass} {...register('doseValue')} {...describedBy('doseValue', errors.doseValue)} />
        </Field>
        <Field id="doseUnit" label="Unit" error={err('doseUnit')}>
          <select id="doseUnit" className={inputClass} {...register('doseUnit')} {...describedBy('doseUnit', errors.doseUnit)}>
            {DOSE_UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </Field>
        <p className="self-end pb-2 text-lg font-semibold" aria-live="polite" data-testid="dose-echo">
          {drug && values.doseValue ? `${values.doseValue} ${values.doseUnit} ${drug.name.split(' ')[0]!.toLowerCase()}` : ''}
        </p>
      </div>

      <fieldset>
        <legend className="mb-1 text-sm font-semibold">Kind</legend>
        <div className="flex flex-wrap gap-2">
          {KIND_OPTIONS.map((k) => (
            <label key={k.value} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-400 bg-white px-3 has-[:checked]:border-2 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50">
              <input type="radio" value={k.value} {...register('kind')} className="h-5 w-5" />
              {k.label}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="start" label={labels.start} error={err('start')}>
          <div className="flex gap-2">
            <input id="start" type="datetime-local" className={inputClass} {...register('start')} {...describedBy('start', errors.start)} />
            <button type="button" className={secondaryButtonClass} onClick={() => setNow('start')} aria-label={`${labels.start}: now`}>
              Now
            </button>
          </div>
        </Field>
        {values.kind !== 'injection' ? (
          <Field id="stop" label={labels.stop} error={err('stop')}>
            <div className="flex gap-2">
              <input id="stop" type="datetime-local" className={inputClass} {...register('stop')} {...describedBy('stop', errors.stop)} />
              <button type="button" className={secondaryButtonClass} onClick={() => setNow('stop')} aria-label={`${labels.stop}: now`}>
                Now
              </button>
            </div>
          </Field>
        ) : null}
      </div>
      <p className="text-sm text-slate-700">Times are in {timeZone}.</p>
      {stopEmpty ? (
        <Field id="stopMissingReason" label="Why is there no stop time?" error={err('stopMissingReason')}>
          <input id="stopMissingReason" className={inputClass} placeholder="e.g. infusion still running" {...register('stopMissingReason')} {...describedBy('stopMissingReason', errors.stopMissingReason)} />
        </Field>
      ) : null}
      {late || errors.lateEntryReason ? (
        <Field id="lateEntryReason" label="Late entry: reason for charting now" error={err('lateEntryReason')} hint={`Given more than ${props.lateEntryThresholdMinutes} min ago.`}>
          <input id="lateEntryReason" className={inputClass} {...register('lateEntryReason')} {...describedBy('lateEntryReason', errors.lateEntryReason, true)} />
        </Field>
      ) : null}

      <Field id="site" label="Access site" error={err('site')}>
        <input id="site" className={inputClass} placeholder="e.g. L antecubital 20G" {...register('site')} {...describedBy('site', errors.site)} />
      </Field>

      <Field id="rationale" label="Clinical rationale" error={err('rationale')}>
        <div className="mb-2 flex flex-wrap gap-2" role="group" aria-label="Common indications">
          {RATIONALE_CHIPS.map((chip) => (
            <button
              key={chip}
              type="button"
              aria-pressed={values.rationale === chip}
              className="min-h-11 rounded-full border border-slate-500 bg-white px-4 text-sm font-semibold aria-pressed:border-2 aria-pressed:border-blue-800 aria-pressed:bg-blue-50"
              onClick={() => {
                const current = getValues('rationale').trim();
                setValue('rationale', current && current !== chip ? `${current}; ${chip}` : chip, { shouldValidate: true });
              }}
            >
              {chip}
            </button>
          ))}
        </div>
        <input id="rationale" className={inputClass} placeholder="Indication, in your words" {...register('rationale')} {...describedBy('rationale', errors.rationale)} />
      </Field>

      {singleDose || values.ndc ? (
        <details className="rounded-md border border-slate-300 bg-white p-3" open={Boolean(values.ndc)}>
          <summary className="min-h-11 cursor-pointer py-2 font-semibold">Vial: NDC, lot, expiry, amount wasted</summary>
          <div className="mt-2 grid gap-4 sm:grid-cols-2">
            <Field id="ndc" label="NDC" error={err('ndc')}>
              <input id="ndc" className={inputClass} {...register('ndc')} {...describedBy('ndc', errors.ndc)} />
            </Field>
            <Field id="lot" label="Lot" error={err('lot')}>
              <input id="lot" className={inputClass} {...register('lot')} {...describedBy('lot', errors.lot)} />
            </Field>
            <Field id="expiry" label="Expiry" error={err('expiry')}>
              <input id="expiry" type="date" className={inputClass} {...register('expiry')} {...describedBy('expiry', errors.expiry)} />
            </Field>
            <Field id="wastedValue" label={`Amount wasted (${values.doseUnit})`} error={err('wastedValue')}>
              <input id="wastedValue" inputMode="decimal" className={inputClass} {...register('wastedValue')} {...describedBy('wastedValue', errors.wastedValue)} />
            </Field>
          </div>
        </details>
      ) : null}

      <p className="rounded-md bg-slate-100 p-3" data-testid="signer">
        Signed by <strong>{signer.name}, {signer.credentials}</strong> (you), with the time you save.
      </p>

      <button type="submit" className={`${primaryButtonClass} w-full text-lg`} disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save and sign'}
      </button>
    </form>
  );
}
