'use client';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { addDrugAction, createUserAction, deactivateDrugAction, setUserActiveAction, updateFacilityAction } from '@/app/admin/actions';
import type { ActionResult } from '@/lib/action-result';
import { addDrugSchema, createUserSchema } from '@/lib/admin-schema';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';
import { useServerAction } from './use-server-action';

function FormError({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="font-semibold text-red-800">
      {error}
    </p>
  ) : null;
}

export function CreateUserForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm<z.input<typeof createUserSchema>, unknown, z.output<typeof createUserSchema>>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: '', email: '', credentials: '', role: 'nurse', password: '' },
  });
  const submit = async (values: z.output<typeof createUserSchema>) => {
    setFormError(null);
    const result = await createUserAction(values);
    if (result.ok) {
      setDone(`Created ${values.name} (${values.email})`);
      reset();
      return;
    }
    for (const [f, m] of Object.entries(result.fieldErrors)) setError(f as 'email', { type: 'server', message: m });
    setFormError(result.formError ?? null);
  };
  return (
    <form onSubmit={(e) => void handleSubmit(submit)(e)} noValidate aria-label="Create a user" className="grid gap-3 sm:grid-cols-2">
      <FormError error={formError} />
      {done ? <p role="status" className="font-semibold sm:col-span-2">✓ {done}</p> : null}
      <Field id="user-name" label="Full name" error={errors.name?.message}>
        <input id="user-name" className={inputClass} {...register('name')} {...describedBy('user-name', errors.name)} />
      </Field>
      <Field id="user-email" label="Email" error={errors.email?.message}>
        <input id="user-email" type="email" className={inputClass} {...register('email')} {...describedBy('user-email', errors.email)} />
      </Field>
      <Field id="user-credentials" label="Credentials" error={errors.credentials?.message}>
        <input id="user-credentials" className={inputClass} placeholder="RN, MD, CPC…" {...register('credentials')} {...describedBy('user-credentials', errors.credentials)} />
      </Field>
      <Field id="user-role" label="Role" error={errors.role?.message}>
        <select id="user-role" className={inputClass} {...register('role')}>
          <option value="nurse">Clinician (charts doses)</option>
          <option value="coder">Coder</option>
          <option value="admin">Admin</option>
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

/** A small "do this, with a reason" control for deactivations. */
function ReasonButton({ label, run }: { label: string; run: (reason: string) => Promise<ActionResult<unknown>> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { error, pending, run: runAction } = useServerAction();
  if (!open) {
    return (
      <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        runAction(() => run(reason), () => setOpen(false));
      }}
    >
      <Field id={`reason-${label}`} label="Reason" error={error ?? undefined}>
        <input id={`reason-${label}`} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(`reason-${label}`, error)} />
      </Field>
      <button type="submit" className={primaryButtonClass} disabled={pending}>
        {label}
      </button>
    </form>
  );
}

export function UserActiveControl({ userId, active, name }: { userId: string; active: boolean; name: string }) {
  return <ReasonButton label={`${active ? 'Deactivate' : 'Reactivate'} ${name}`} run={(reason) => setUserActiveAction({ userId, active: !active, reason })} />;
}

export function DeactivateDrugControl({ drugId, name }: { drugId: number; name: string }) {
  return <ReasonButton label={`Deactivate ${name}`} run={(reason) => deactivateDrugAction({ drugId, reason })} />;
}

export function FacilitySettingsForm({ facilityId, threshold, jwJz }: { facilityId: number; threshold: number; jwJz: 'apply' | 'none' }) {
  const [minutes, setMinutes] = useState(String(threshold));
  const [policy, setPolicy] = useState(jwJz);
  const [msg, setMsg] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const id = `facility-${facilityId}`;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label={`Settings of facility ${facilityId}`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateFacilityAction({ facilityId, lateEntryThresholdMinutes: minutes, jwJzPolicy: policy });
          setMsg(result.ok ? 'Saved' : (Object.values(result.fieldErrors)[0] ?? result.formError ?? 'Not saved'));
        });
      }}
    >
      <Field id={`${id}-late`} label="Late entry after (minutes)">
        <input id={`${id}-late`} inputMode="numeric" className={`${inputClass} w-28`} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </Field>
      <Field id={`${id}-jwjz`} label="JW/JZ modifiers">
        <select id={`${id}-jwjz`} className={inputClass} value={policy} onChange={(e) => setPolicy(e.target.value as 'apply' | 'none')}>
          <option value="apply">Apply for single-dose containers</option>
          <option value="none">Not required (packaged drugs)</option>
        </select>
      </Field>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Save
      </button>
      {msg ? <span role="status">{msg}</span> : null}
    </form>
  );
}

export function AddDrugForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm<z.input<typeof addDrugSchema>, unknown, z.output<typeof addDrugSchema>>({
    resolver: zodResolver(addDrugSchema),
    defaultValues: { key: '', genericName: '', defaultDoseUnit: 'mg', usualDose: '', strength: '', chemo: false, hcpcsCode: '', descriptorKind: 'per', billingAmount: '', billingUnit: 'mg', effectiveFrom: '' },
  });
  const submit = async (values: z.output<typeof addDrugSchema>) => {
    setFormError(null);
    const result = await addDrugAction(values);
    if (result.ok) {
      setDone(`Added ${values.genericName}`);
      reset();
      return;
    }
    for (const [f, m] of Object.entries(result.fieldErrors)) setError(f as 'key', { type: 'server', message: m });
    setFormError(result.formError ?? null);
  };
  const f = (name: keyof z.input<typeof addDrugSchema>) => errors[name]?.message as string | undefined;
  return (
    <form onSubmit={(e) => void handleSubmit(submit)(e)} noValidate aria-label="Add a formulary drug" className="grid gap-3 sm:grid-cols-3">
      <FormError error={formError} />
      {done ? <p role="status" className="font-semibold sm:col-span-3">✓ {done}</p> : null}
      <Field id="drug-key" label="Key (slug)" error={f('key')}>
        <input id="drug-key" className={inputClass} {...register('key')} {...describedBy('drug-key', errors.key)} />
      </Field>
      <Field id="drug-name" label="Generic name" error={f('genericName')}>
        <input id="drug-name" className={inputClass} {...register('genericName')} {...describedBy('drug-name', errors.genericName)} />
      </Field>
      <Field id="drug-unit" label="Default dose unit">
        <select id="drug-unit" className={inputClass} {...register('defaultDoseUnit')}>
          {['mg', 'mcg', 'g', 'mL', 'mEq', 'units'].map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
      </Field>
      <Field id="drug-usual" label="Usual dose" error={f('usualDose')}>
        <input id="drug-usual" className={inputClass} {...register('usualDose')} {...describedBy('drug-usual', errors.usualDose)} />
      </Field>
      <Field id="drug-strength" label="Strength / presentation">
        <input id="drug-strength" className={inputClass} {...register('strength')} />
      </Field>
      <label className="flex min-h-11 items-center gap-2 self-end text-sm font-semibold">
        <input type="checkbox" className="h-5 w-5" {...register('chemo')} /> Chemotherapy / highly complex
      </label>
      <Field id="drug-hcpcs" label="HCPCS code" error={f('hcpcsCode')}>
        <input id="drug-hcpcs" className={inputClass} {...register('hcpcsCode')} {...describedBy('drug-hcpcs', errors.hcpcsCode)} />
      </Field>
      <Field id="drug-descriptor" label="Descriptor">
        <select id="drug-descriptor" className={inputClass} {...register('descriptorKind')}>
          <option value="per">per</option>
          <option value="up to">up to</option>
          <option value="noc">unclassified (J3490)</option>
        </select>
      </Field>
      <Field id="drug-amount" label="Billing amount per unit" error={f('billingAmount')}>
        <div className="flex gap-2">
          <input id="drug-amount" className={inputClass} {...register('billingAmount')} {...describedBy('drug-amount', errors.billingAmount)} />
          <select aria-label="Billing unit" className={`${inputClass} w-24`} {...register('billingUnit')}>
            {['mg', 'mcg', 'g', 'mEq', 'units'].map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </div>
      </Field>
      <Field id="drug-from" label="Code effective from" error={f('effectiveFrom')}>
        <input id="drug-from" type="date" className={inputClass} {...register('effectiveFrom')} {...describedBy('drug-from', errors.effectiveFrom)} />
      </Field>
      <div className="flex items-end">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Add drug
        </button>
      </div>
    </form>
  );
}
