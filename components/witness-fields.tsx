'use client';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { AdministrationFormInput } from '@/lib/administration-schema';
import { describedBy, Field, inputClass } from './field';

/**
 * Witnessed waste of a controlled substance (issue 12 item 6): a second
 * clinician signs with their own email and password. autocomplete is off /
 * new-password so the browser never fills in the charting nurse's own.
 * The second person follows DEA practice for destroying controlled substances
 * (21 CFR 1317.95(d): two employees witness, https://www.ecfr.gov/current/title-21/section-1317.95)
 * as hospital waste policies apply it to a wasted remainder; the server decides.
 */
export function WitnessFields({
  schedule,
  wasted,
  unit,
  register,
  errors,
}: {
  schedule: string;
  wasted: string;
  unit: string;
  register: UseFormRegister<AdministrationFormInput>;
  errors: FieldErrors<AdministrationFormInput>;
}) {
  return (
    <fieldset className="rounded-md border-2 border-amber-700 bg-amber-50 p-3" data-testid="witness">
      <legend className="px-1 font-semibold">Witness for the waste</legend>
      <p className="mb-3 text-sm">
        Schedule {schedule} controlled substance, {wasted} {unit} wasted: a second clinician must watch the waste and sign here with their own email and password.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="witnessEmail" label="Witness email" error={errors.witnessEmail?.message}>
          <input id="witnessEmail" type="email" autoComplete="off" className={inputClass} {...register('witnessEmail')} {...describedBy('witnessEmail', errors.witnessEmail)} />
        </Field>
        <Field id="witnessPassword" label="Witness password" error={errors.witnessPassword?.message}>
          <input id="witnessPassword" type="password" autoComplete="new-password" className={inputClass} {...register('witnessPassword')} {...describedBy('witnessPassword', errors.witnessPassword)} />
        </Field>
      </div>
    </fieldset>
  );
}
