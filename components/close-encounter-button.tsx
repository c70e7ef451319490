'use client';
import { useState, useTransition } from 'react';
import { useActionCaller } from './signed-in-user';
import { closeEncounterAction } from '@/app/encounters/[id]/actions';
import { secondaryButtonClass } from './field';

export function CloseEncounterButton({ encounterId }: { encounterId: number }) {
  const [pending, startTransition] = useTransition();
  const callAction = useActionCaller();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={pending}
        onClick={() => {
          if (!window.confirm('Close this visit? The patient has left: a dose given after now cannot be charted, and one given before now but charted later needs a late-entry reason.')) return;
          startTransition(async () => {
            const result = await callAction(closeEncounterAction, { encounterId });
            setError(result.ok ? null : (result.formError ?? 'Could not close the visit'));
          });
        }}
      >
        Close visit
      </button>
      {error ? (
        <p role="alert" className="mt-1 text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
