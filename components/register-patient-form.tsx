'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { registerPatientAction } from '@/app/patients/actions';
import { patientSchema, type PatientFormInput, type PatientInput } from '@/lib/patient-schema';
import type { FacilityRef } from '@/lib/types';
import { describedBy, Field, inputClass, primaryButtonClass, showServerErrors } from './field';
import { useActionCaller } from './signed-in-user';

export function RegisterPatientForm({ facilities }: { facilities: FacilityRef[] }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const callAction = useActionCaller();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PatientFormInput, unknown, PatientInput>({
    resolver: zodResolver(patientSchema),
    defaultValues: { facilityId: facilities[0]?.id ?? 0, mrn: '', familyName: '', givenName: '', birthDate: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await callAction(registerPatientAction, values);
    if (result.ok) {
      router.push(`/patients/${result.data.id}`);
      return;
    }
    setFormError(showServerErrors(result, setError));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-xl gap-4">
      {formError ? (
        <p role="alert" className="rounded border-2 border-red-700 p-2 font-semibold text-red-800">
          {formError}
        </p>
      ) : null}
      <Field id="facilityId" label="Registering facility" error={errors.facilityId?.message}>
        <select id="facilityId" className={inputClass} {...register('facilityId')} {...describedBy('facilityId', errors.facilityId)}>
          {facilities.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="mrn" label="MRN" error={errors.mrn?.message}>
        <input id="mrn" className={inputClass} autoComplete="off" {...register('mrn')} {...describedBy('mrn', errors.mrn)} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="familyName" label="Family name" error={errors.familyName?.message}>
          <input id="familyName" className={inputClass} autoComplete="off" {...register('familyName')} {...describedBy('familyName', errors.familyName)} />
        </Field>
        <Field id="givenName" label="Given name" error={errors.givenName?.message}>
          <input id="givenName" className={inputClass} autoComplete="off" {...register('givenName')} {...describedBy('givenName', errors.givenName)} />
        </Field>
      </div>
      <Field id="birthDate" label="Date of birth" error={errors.birthDate?.message}>
        <input id="birthDate" type="date" className={inputClass} {...register('birthDate')} {...describedBy('birthDate', errors.birthDate)} />
      </Field>
      <div>
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Register patient
        </button>
      </div>
    </form>
  );
}
