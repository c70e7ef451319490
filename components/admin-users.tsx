'use client';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { createUserAction, setUserActiveAction, updateUserAction } from '@/app/admin/actions';
import {
  createUserSchema,
  updateUserSchema,
  type CreateUserFormInput,
  type CreateUserInput,
  type UpdateUserFormInput,
  type UpdateUserInput,
} from '@/lib/admin-schema';
import type { Role } from '@/lib/types';
import { FormDone, FormError, ReasonAction } from './admin-shared';
import { describedBy, Field, FieldError, inputClass, primaryButtonClass } from './field';
import { useFormOutcome } from './use-form-outcome';

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'nurse', label: 'Clinician (charts doses)' },
  { value: 'coder', label: 'Coder' },
  { value: 'admin', label: 'Admin' },
];

/** A facility as the membership checkboxes show it. */
export interface FacilityChoice {
  id: number;
  name: string;
}

/**
 * The facilities a user belongs to, one checkbox each. The server refuses
 * anything a clinician or coder does at a facility not ticked here.
 */
function FacilityCheckboxes({
  id,
  facilities,
  value,
  onChange,
  onBlur,
  error,
}: {
  id: string;
  facilities: FacilityChoice[];
  value: readonly (string | number)[] | undefined;
  onChange: (ids: number[]) => void;
  onBlur: () => void;
  error: string | undefined;
}) {
  const chosen = new Set((value ?? []).map(Number));
  return (
    <fieldset className="sm:col-span-full" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} aria-invalid={Boolean(error)}>
      <legend className="mb-1 text-sm font-semibold text-slate-800">Facilities</legend>
      <div className="flex flex-wrap gap-x-6">
        {facilities.map((f) => (
          <label key={f.id} className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={chosen.has(f.id)}
              onBlur={onBlur}
              onChange={(e) => onChange(e.target.checked ? [...chosen, f.id].sort((a, b) => a - b) : [...chosen].filter((c) => c !== f.id))}
            />
            {f.name}
          </label>
        ))}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
        Clinicians and coders see, chart and code only the patients and encounters of their facilities; with none they see nothing. Admins manage every facility.
      </p>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

export function CreateUserForm({ facilities }: { facilities: FacilityChoice[] }) {
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateUserFormInput, unknown, CreateUserInput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: '', email: '', credentials: '', role: 'nurse', password: '', facilityIds: [] },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => createUserAction(values, as),
      () => {
        reset();
        return `Created ${values.name} (${values.email}). Give them the initial password in person.`;
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create a user" className="grid gap-3 sm:grid-cols-2">
      <FormError error={formError} />
      <FormDone message={done} />
      <Field id="user-name" label="Full name" error={errors.name?.message}>
        <input id="user-name" className={inputClass} autoComplete="off" {...register('name')} {...describedBy('user-name', errors.name)} />
      </Field>
      <Field id="user-email" label="Email" error={errors.email?.message}>
        <input id="user-email" type="email" className={inputClass} autoComplete="off" {...register('email')} {...describedBy('user-email', errors.email)} />
      </Field>
      <Field id="user-credentials" label="Credentials" error={errors.credentials?.message}>
        <input id="user-credentials" className={inputClass} placeholder="RN, MD, CPC…" {...register('credentials')} {...describedBy('user-credentials', errors.credentials)} />
      </Field>
      <Field id="user-role" label="Role" error={errors.role?.message}>
        <select id="user-role" className={inputClass} {...register('role')} {...describedBy('user-role', errors.role)}>
          {ROLE_OPTIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="user-password" label="Initial password (at least 12 characters)" error={errors.password?.message}>
        <input id="user-password" type="password" autoComplete="new-password" className={inputClass} {...register('password')} {...describedBy('user-password', errors.password)} />
      </Field>
      <Controller
        control={control}
        name="facilityIds"
        render={({ field }) => (
          <FacilityCheckboxes id="user-facilities" facilities={facilities} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.facilityIds?.message} />
        )}
      />
      <div className="flex items-end">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Create user
        </button>
      </div>
    </form>
  );
}

/** Name, credentials, role and facilities of one user; doses already charted keep the credentials they were signed with. */
export function EditUserForm({
  user,
  isSelf,
  facilities,
}: {
  user: { id: string; name: string; credentials: string; role: Role; facilityIds: number[] };
  isSelf: boolean;
  facilities: FacilityChoice[];
}) {
  const p = `edit-${user.id}`;
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UpdateUserFormInput, unknown, UpdateUserInput>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { userId: user.id, name: user.name, credentials: user.credentials, role: user.role, reason: '', facilityIds: user.facilityIds },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit((as) => updateUserAction(values, as), (data) => (data.changed.length ? `Saved: ${data.changed.join(', ')}` : 'Nothing changed')),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Edit ${user.name}`} className="grid gap-3 pt-2 sm:grid-cols-2">
      <FormError error={formError} />
      <FormDone message={done} />
      <Field id={`${p}-name`} label="Full name" error={errors.name?.message}>
        <input id={`${p}-name`} className={inputClass} {...register('name')} {...describedBy(`${p}-name`, errors.name)} />
      </Field>
      <Field
        id={`${p}-credentials`}
        label="Credentials"
        error={errors.credentials?.message}
        hint="Doses already charted keep the credentials they were signed with."
      >
        <input id={`${p}-credentials`} className={inputClass} {...register('credentials')} {...describedBy(`${p}-credentials`, errors.credentials, true)} />
      </Field>
      {isSelf ? (
        <div>
          <p className="mb-1 text-sm font-semibold text-slate-800">Role</p>
          <p className="flex min-h-11 items-center">{ROLE_OPTIONS.find((r) => r.value === user.role)?.label} · you cannot change your own role</p>
        </div>
      ) : (
        <Field id={`${p}-role`} label="Role" error={errors.role?.message}>
          <select id={`${p}-role`} className={inputClass} {...register('role')} {...describedBy(`${p}-role`, errors.role)}>
            {ROLE_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Controller
        control={control}
        name="facilityIds"
        render={({ field }) => (
          <FacilityCheckboxes id={`${p}-facilities`} facilities={facilities} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.facilityIds?.message} />
        )}
      />
      <Field id={`${p}-reason`} label="Reason (optional)" error={errors.reason?.message}>
        <input id={`${p}-reason`} className={inputClass} {...register('reason')} {...describedBy(`${p}-reason`, errors.reason)} />
      </Field>
      <div>
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Save changes
        </button>
      </div>
    </form>
  );
}

export function UserActiveControl({ userId, active, name }: { userId: string; active: boolean; name: string }) {
  return (
    <ReasonAction
      label={`${active ? 'Deactivate' : 'Reactivate'} ${name}`}
      confirmLabel={active ? 'Deactivate' : 'Reactivate'}
      run={(reason, as) => setUserActiveAction({ userId, active: !active, reason }, as)}
    />
  );
}
