'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { amendAdministrationAction, markEnteredInErrorAction } from '@/app/encounters/[id]/actions';
import { amendmentSchema, DOSE_UNITS, type AmendmentFormInput, type AmendmentInput } from '@/lib/administration-schema';
import { toLocalInput } from '@/lib/time';
import type { AdministrationView } from '@/lib/types';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass, showServerErrors } from './field';
import { useServerAction } from './use-server-action';

type Mode = 'idle' | 'amend' | 'error';

/** Amend or mark in error one current entry; both need a reason and keep the original visible. */
export function EntryCorrections({ entry, timeZone, locked }: { entry: AdministrationView; timeZone: string; locked: boolean }) {
  const [mode, setMode] = useState<Mode>('idle');
  const label = `${entry.drugName} at ${toLocalInput(entry.startAt, timeZone).slice(11)}`;
  if (mode === 'idle') {
    return (
      <div className="flex flex-wrap gap-2">
        <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setMode('amend')} aria-label={`${locked ? 'Addendum: amend' : 'Amend'} ${label}`}>
          {locked ? 'Addendum: amend' : 'Amend'}
        </button>
        <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setMode('error')} aria-label={`Mark ${label} entered in error`}>
          Mark in error
        </button>
      </div>
    );
  }
  return mode === 'amend' ? (
    <AmendForm entry={entry} timeZone={timeZone} onDone={() => setMode('idle')} />
  ) : (
    <InErrorForm entry={entry} onDone={() => setMode('idle')} />
  );
}

function AmendForm({ entry, timeZone, onDone }: { entry: AdministrationView; timeZone: string; onDone: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const idp = `amend-${entry.id}`;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AmendmentFormInput, unknown, AmendmentInput>({
    resolver: zodResolver(amendmentSchema),
    defaultValues: {
      administrationId: entry.id,
      doseValue: entry.doseValue,
      doseUnit: entry.doseUnit as AmendmentFormInput['doseUnit'],
      kind: entry.kind,
      start: toLocalInput(entry.startAt, timeZone),
      stop: entry.stopAt ? toLocalInput(entry.stopAt, timeZone) : '',
      stopMissingReason: entry.stopMissingReason ?? '',
      site: entry.site,
      rationale: entry.rationale,
      ndc: entry.ndc ?? '',
      lot: entry.lot ?? '',
      expiry: entry.expiry ?? '',
      wastedValue: entry.wastedValue ?? '',
      reason: '',
    },
  });
  const submit = async (values: AmendmentInput) => {
    setFormError(null);
    const result = await amendAdministrationAction(values);
    if (result.ok) return onDone();
    setFormError(showServerErrors(result, setError) ?? 'Not amended');
  };
  const err = (f: keyof AmendmentFormInput) => errors[f]?.message as string | undefined;
  return (
    <form onSubmit={(e) => void handleSubmit(submit)(e)} noValidate aria-label={`Amend ${entry.drugName}`} className="mt-2 grid gap-3 rounded border-2 border-blue-800 bg-white p-3 sm:grid-cols-2">
      {formError ? (
        <p role="alert" className="font-semibold text-red-800 sm:col-span-2">
          {formError}
        </p>
      ) : null}
      <Field id={`${idp}-dose`} label="Dose" error={err('doseValue')}>
        <div className="flex gap-2">
          <input id={`${idp}-dose`} className={inputClass} {...register('doseValue')} {...describedBy(`${idp}-dose`, errors.doseValue)} />
          <select aria-label="Dose unit" className={`${inputClass} w-24`} {...register('doseUnit')}>
            {DOSE_UNITS.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </div>
      </Field>
      <Field id={`${idp}-site`} label="Access site" error={err('site')}>
        <input id={`${idp}-site`} className={inputClass} {...register('site')} {...describedBy(`${idp}-site`, errors.site)} />
      </Field>
      <Field id={`${idp}-start`} label="Start" error={err('start')}>
        <input id={`${idp}-start`} type="datetime-local" className={inputClass} {...register('start')} {...describedBy(`${idp}-start`, errors.start)} />
      </Field>
      <Field id={`${idp}-stop`} label="Stop" error={err('stop') ?? err('stopMissingReason')}>
        <input id={`${idp}-stop`} type="datetime-local" className={inputClass} {...register('stop')} {...describedBy(`${idp}-stop`, errors.stop ?? errors.stopMissingReason)} />
      </Field>
      <Field id={`${idp}-rationale`} label="Clinical rationale" error={err('rationale')} className="sm:col-span-2">
        <input id={`${idp}-rationale`} className={inputClass} {...register('rationale')} {...describedBy(`${idp}-rationale`, errors.rationale)} />
      </Field>
      <Field id={`${idp}-reason`} label="Reason for the amendment" error={err('reason')} className="sm:col-span-2">
        <input id={`${idp}-reason`} className={inputClass} {...register('reason')} {...describedBy(`${idp}-reason`, errors.reason)} />
      </Field>
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Save amendment
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function InErrorForm({ entry, onDone }: { entry: AdministrationView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  const id = `in-error-${entry.id}`;
  return (
    <form
      className="mt-2 grid gap-2 rounded border-2 border-red-800 bg-white p-3"
      aria-label={`Mark ${entry.drugName} entered in error`}
      onSubmit={(e) => {
        e.preventDefault();
        run(() => markEnteredInErrorAction({ administrationId: entry.id, reason }), onDone);
      }}
    >
      <Field id={id} label="Why was this entered in error?" error={error ?? undefined}>
        <input id={id} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(id, error)} />
      </Field>
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          Mark entered in error
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
