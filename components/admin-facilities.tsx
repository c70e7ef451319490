'use client';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { createFacilityAction, updateFacilityAction } from '@/app/admin/actions';
import {
  createFacilitySchema,
  facilitySettingsSchema,
  type CreateFacilityFormInput,
  type CreateFacilityInput,
  type FacilitySettingsFormInput,
  type FacilitySettingsInput,
} from '@/lib/admin-schema';
import { FormDone, FormError } from './admin-shared';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';
import { useFormOutcome } from './use-form-outcome';

function JwJzSelect({ id, invalid, ...rest }: { id: string; invalid: unknown } & React.ComponentProps<'select'>) {
  return (
    <select id={id} className={inputClass} {...rest} {...describedBy(id, invalid)}>
      <option value="apply">Apply JW/JZ to single-dose containers</option>
      <option value="none">Not required (drugs packaged, no JW/JZ)</option>
    </select>
  );
}

export function FacilitySettingsForm({
  facility,
}: {
  facility: { id: number; name: string; lateEntryThresholdMinutes: number; jwJzPolicy: 'apply' | 'none' };
}) {
  const p = `facility-${facility.id}`;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FacilitySettingsFormInput, unknown, FacilitySettingsInput>({
    resolver: zodResolver(facilitySettingsSchema),
    defaultValues: { facilityId: facility.id, lateEntryThresholdMinutes: facility.lateEntryThresholdMinutes, jwJzPolicy: facility.jwJzPolicy },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) => submit((as) => updateFacilityAction(values, as), (data) => (data.changed.length ? 'Saved' : 'Nothing changed')));
  const late = errors.lateEntryThresholdMinutes;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Settings of ${facility.name}`} className="flex flex-wrap items-start gap-3">
      <FormError error={formError} />
      <Field id={`${p}-late`} label="Late entry after (minutes, 1–1440)" error={late?.message}>
        <input id={`${p}-late`} inputMode="numeric" className={`${inputClass} w-32`} {...register('lateEntryThresholdMinutes')} {...describedBy(`${p}-late`, late)} />
      </Field>
      <Field id={`${p}-jwjz`} label="JW/JZ modifiers" error={errors.jwJzPolicy?.message}>
        <JwJzSelect id={`${p}-jwjz`} invalid={errors.jwJzPolicy} {...register('jwJzPolicy')} />
      </Field>
      <div className="flex items-center gap-3 self-end">
        <button type="submit" className={secondaryButtonClass} disabled={isSubmitting}>
          Save settings
        </button>
        <FormDone message={done} />
      </div>
    </form>
  );
}

export function CreateFacilityForm() {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateFacilityFormInput, unknown, CreateFacilityInput>({
    resolver: zodResolver(createFacilitySchema),
    defaultValues: { name: '', timeZone: '', setting: 'facility', lateEntryThresholdMinutes: 60, jwJzPolicy: 'apply' },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => createFacilityAction(values, as),
      () => {
        reset();
        return `Created ${values.name}`;
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create a facility" className="grid gap-3 sm:grid-cols-2">
      <FormError error={formError} />
      <FormDone message={done} />
      <Field id="facility-name" label="Name" error={errors.name?.message}>
        <input id="facility-name" className={inputClass} autoComplete="off" {...register('name')} {...describedBy('facility-name', errors.name)} />
      </Field>
      <Field id="facility-zone" label="Time zone (IANA)" error={errors.timeZone?.message} hint="For example America/New_York, America/Chicago, America/Denver, America/Los_Angeles.">
        <input id="facility-zone" className={inputClass} autoComplete="off" spellCheck={false} {...register('timeZone')} {...describedBy('facility-zone', errors.timeZone, true)} />
      </Field>
      <Field
        id="facility-setting"
        label="Setting"
        error={errors.setting?.message}
        hint="Copied to each encounter when it is opened; it cannot be changed later."
      >
        <select id="facility-setting" className={inputClass} {...register('setting')} {...describedBy('facility-setting', errors.setting, true)}>
          <option value="facility">Facility (hospital outpatient / ED)</option>
          <option value="non-facility">Office (non-facility)</option>
        </select>
      </Field>
      <Field id="facility-late" label="Late entry after (minutes, 1–1440)" error={errors.lateEntryThresholdMinutes?.message}>
        <input id="facility-late" inputMode="numeric" className={inputClass} {...register('lateEntryThresholdMinutes')} {...describedBy('facility-late', errors.lateEntryThresholdMinutes)} />
      </Field>
      <Field id="facility-jwjz" label="JW/JZ modifiers" error={errors.jwJzPolicy?.message}>
        <JwJzSelect id="facility-jwjz" invalid={errors.jwJzPolicy} {...register('jwJzPolicy')} />
      </Field>
      <div className="flex items-end">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Create facility
        </button>
      </div>
    </form>
  );
}
