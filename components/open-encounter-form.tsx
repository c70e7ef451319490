'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { openEncounterAction } from '@/app/patients/actions';
import { SETTING_LABEL } from '@/lib/format';
import type { FacilityRef } from '@/lib/types';
import { describedBy, Field, inputClass, primaryButtonClass } from './field';

export function OpenEncounterForm({ patientId, facilities, defaultFacilityId }: { patientId: number; facilities: FacilityRef[]; defaultFacilityId: number }) {
  const router = useRouter();
  const [facilityId, setFacilityId] = useState(defaultFacilityId);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const chosen = facilities.find((f) => f.id === facilityId);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await openEncounterAction({ patientId, facilityId });
          if (result.ok) router.push(`/encounters/${result.data.id}`);
          else setError(result.formError ?? Object.values(result.fieldErrors)[0]);
        });
      }}
    >
      <Field id="encounter-facility" label="Facility" error={error} hint={chosen ? `Setting: ${SETTING_LABEL[chosen.setting]}, ${chosen.timeZone}` : undefined}>
        <select
          id="encounter-facility"
          className={inputClass}
          value={facilityId}
          onChange={(e) => setFacilityId(Number(e.target.value))}
          {...describedBy('encounter-facility', error, true)}
        >
          {facilities.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className={`${primaryButtonClass} mb-7`} disabled={pending}>
        Open new encounter
      </button>
    </form>
  );
}
