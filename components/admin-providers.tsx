'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { createProviderAction, setProviderActiveAction, updateProviderAction } from '@/app/admin/actions';
import {
  createProviderSchema,
  updateProviderSchema,
  type CreateProviderFormInput,
  type CreateProviderInput,
  type UpdateProviderFormInput,
  type UpdateProviderInput,
} from '@/lib/admin-schema';
import { FormDone, FormError, ReasonAction } from './admin-shared';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';
import { useFormOutcome } from './use-form-outcome';

export interface ProviderRow {
  id: number;
  name: string;
  credentials: string;
  npi: string;
  active: boolean;
  orderCount: number;
}

const NPI_HINT = '10 digits; the last is a check digit, so most typos are caught.';

/** Adds an ordering provider to the directory (name, credentials, NPI). */
export function CreateProviderForm() {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateProviderFormInput, unknown, CreateProviderInput>({
    resolver: zodResolver(createProviderSchema),
    defaultValues: { name: '', credentials: '', npi: '' },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => createProviderAction(values, as),
      () => {
        reset();
        return `Added ${values.name}, ${values.credentials}`;
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a provider" className="grid gap-3 sm:grid-cols-3">
      <FormError error={formError} />
      <FormDone message={done} />
      <Field id="provider-name" label="Full name" error={errors.name?.message}>
        <input id="provider-name" className={inputClass} autoComplete="off" {...register('name')} {...describedBy('provider-name', errors.name)} />
      </Field>
      <Field id="provider-credentials" label="Credentials (MD, DO, NP, PA-C)" error={errors.credentials?.message}>
        <input id="provider-credentials" className={inputClass} autoComplete="off" {...register('credentials')} {...describedBy('provider-credentials', errors.credentials)} />
      </Field>
      <Field id="provider-npi" label="NPI" error={errors.npi?.message} hint={NPI_HINT}>
        <input id="provider-npi" inputMode="numeric" className={`${inputClass} font-mono`} autoComplete="off" {...register('npi')} {...describedBy('provider-npi', errors.npi, true)} />
      </Field>
      <div className="sm:col-span-3">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Add provider
        </button>
      </div>
    </form>
  );
}

function EditProviderForm({ provider, close }: { provider: ProviderRow; close: () => void }) {
  const p = `provider-${provider.id}`;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UpdateProviderFormInput, unknown, UpdateProviderInput>({
    resolver: zodResolver(updateProviderSchema),
    defaultValues: { providerId: provider.id, name: provider.name, credentials: provider.credentials, npi: provider.npi, reason: '' },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) => submit((as) => updateProviderAction(values, as), (data) => (data.changed.length ? 'Saved' : 'Nothing changed')));
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={`Edit ${provider.name}`}
      className="mt-2 grid gap-3 rounded border border-slate-300 p-3 sm:grid-cols-2"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <FormError error={formError} />
      <FormDone message={done} />
      <Field id={`${p}-name`} label="Full name" error={errors.name?.message}>
        <input id={`${p}-name`} className={inputClass} autoFocus {...register('name')} {...describedBy(`${p}-name`, errors.name)} />
      </Field>
      <Field id={`${p}-credentials`} label="Credentials" error={errors.credentials?.message}>
        <input id={`${p}-credentials`} className={inputClass} {...register('credentials')} {...describedBy(`${p}-credentials`, errors.credentials)} />
      </Field>
      <Field id={`${p}-npi`} label="NPI" error={errors.npi?.message}>
        <input id={`${p}-npi`} inputMode="numeric" className={`${inputClass} font-mono`} {...register('npi')} {...describedBy(`${p}-npi`, errors.npi)} />
      </Field>
      <Field id={`${p}-reason`} label="Reason (optional)" error={errors.reason?.message}>
        <input id={`${p}-reason`} className={inputClass} {...register('reason')} {...describedBy(`${p}-reason`, errors.reason)} />
      </Field>
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Save provider
        </button>
        <button type="button" className={secondaryButtonClass} onClick={close}>
          Close
        </button>
      </div>
    </form>
  );
}

/** One directory entry: edit, deactivate (no longer offered at the bedside) or reactivate. */
export function ProviderItem({ provider }: { provider: ProviderRow }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4" data-testid="provider-row" data-active={provider.active}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p>
          <span className="text-lg font-semibold">
            {provider.name}, {provider.credentials}
          </span>{' '}
          <span className="font-mono text-sm">NPI {provider.npi}</span>
          {provider.active ? null : <span className="ml-2 rounded border border-slate-500 px-2 text-sm font-semibold">Deactivated</span>}
        </p>
        <p className="text-sm text-slate-700">
          {provider.orderCount} dose{provider.orderCount === 1 ? '' : 's'} ordered
        </p>
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        {editing ? null : (
          <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setEditing(true)} aria-label={`Edit ${provider.name}`}>
            Edit
          </button>
        )}
        <ReasonAction
          label={provider.active ? `Deactivate ${provider.name}` : `Reactivate ${provider.name}`}
          confirmLabel={provider.active ? 'Deactivate' : 'Reactivate'}
          run={(reason, as) => setProviderActiveAction({ providerId: provider.id, active: !provider.active, reason }, as)}
        />
      </div>
      {editing ? <EditProviderForm provider={provider} close={() => setEditing(false)} /> : null}
    </li>
  );
}
