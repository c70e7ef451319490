'use client';
import { useForm } from 'react-hook-form';
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
import { describedBy, Field, inputClass, primaryButtonClass } from './field';
import { useFormOutcome } from './use-form-outcome';

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'nurse', label: 'Clinician (charts doses)' },
  { value: 'coder', label: 'Coder' },
  { value: 'admin', label: 'Admin' },
];

export function CreateUserForm() {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateUserFormInput, unknown, CreateUserInput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: '', email: '', credentials: '', role: 'nurse', password: '' },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      () => createUserAction(values),
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
      <div className="flex items-end">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Create user
        </button>
      </div>
    </form>
  );
}

/** Name, credentials and role of one user; doses already charted keep the credentials they were signed with. */
export function EditUserForm({ user, isSelf }: { user: { id: string; name: string; credentials: string; role: Role }; isSelf: boolean }) {
  const p = `edit-${user.id}`;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UpdateUserFormInput, unknown, UpdateUserInput>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { userId: user.id, name: user.name, credentials: user.credentials, role: user.role, reason: '' },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(() => updateUserAction(values), (data) => (data.changed.length ? `Saved: ${data.changed.join(', ')}` : 'Nothing changed')),
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
      run={(reason) => setUserActiveAction({ userId, active: !active, reason })}
    />
  );
}
