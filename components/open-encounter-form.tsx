'use client';
import { useState, useTransition } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { openEncounterAction } from '@/app/patients/actions';
import { SETTING_LABEL } from '@/lib/format';
import type { FacilityRef } from '@/lib/types';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';
import { useActionCaller } from './signed-in-user';

/** An encounter of this patient that is still open (not closed, not signed), as the confirmation names it. */
export interface OpenEncounterRef {
  id: number;
  /** e.g. "2026-03-02 10:00 EST · St. Brigid Hospital Emergency Department" */
  label: string;
}

/**
 * Opens a new encounter at one of the user's facilities. When the patient
 * already has an open one, it asks first (issue 12 item 12): a second open
 * visit usually means charting into the wrong one.
 */
export function OpenEncounterForm({
  patientId,
  facilities,
  defaultFacilityId,
  openEncounters = [],
}: {
  patientId: number;
  facilities: FacilityRef[];
  defaultFacilityId: number;
  openEncounters?: OpenEncounterRef[];
}) {
  const router = useRouter();
  const [facilityId, setFacilityId] = useState(defaultFacilityId);
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const callAction = useActionCaller();
  const chosen = facilities.find((f) => f.id === facilityId);
  const open = () =>
    startTransition(async () => {
      const result = await callAction(openEncounterAction, { patientId, facilityId });
      if (result.ok) router.push(`/encounters/${result.data.id}`);
      else setError(result.formError ?? Object.values(result.fieldErrors)[0]);
    });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (openEncounters.length > 0 && !confirming) {
          setConfirming(true);
          return;
        }
        setConfirming(false);
        open();
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
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
        {confirming ? null : (
          <button type="submit" className={`${primaryButtonClass} mb-7`} disabled={pending}>
            Open new encounter
          </button>
        )}
      </div>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="second-encounter-title" aria-describedby="second-encounter-text" className="rounded-md border-2 border-amber-700 bg-amber-50 p-3" data-testid="confirm-second-encounter">
          <p id="second-encounter-title" className="font-semibold">
            This patient already has an open encounter
          </p>
          <ul id="second-encounter-text" className="my-2 space-y-1">
            {openEncounters.map((e) => (
              <li key={e.id}>
                <Link href={`/encounters/${e.id}`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
                  {e.label}
                </Link>
              </li>
            ))}
          </ul>
          <p className="mb-3">Chart there, or open a second encounter only if this is a separate visit.</p>
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={primaryButtonClass} disabled={pending} autoFocus>
              Open a second encounter
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
