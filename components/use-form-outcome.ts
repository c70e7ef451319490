'use client';
import { useState } from 'react';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import type { ActionResult } from '@/lib/action-result';
import { showServerErrors } from './field';
import { useAskToSignIn, useSignedInUserId } from './signed-in-user';

/**
 * Submits a react-hook-form form to its server action and keeps the outcome:
 * a done message when it was saved, or the refusal's field errors beside their
 * fields and its form-level message.
 */
export function useFormOutcome<F extends FieldValues>(setError: UseFormSetError<F>) {
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Sent with every action: the boundary refuses when this browser is now signed in as someone else (server/action.ts).
  const signedInAs = useSignedInUserId() ?? undefined;
  const askToSignIn = useAskToSignIn();
  const submit = async <T>(action: (signedInAs: string | undefined) => Promise<ActionResult<T>>, onSaved: (data: T) => string) => {
    setFormError(null);
    setDone(null);
    const result = await action(signedInAs);
    if (result.ok) setDone(onSaved(result.data));
    else {
      setFormError(showServerErrors(result, setError));
      // The session ended: sign in over the page, what was typed stays (fresh user, stop 22: only the push form offered it).
      if (result.status === 401) askToSignIn();
    }
  };
  return { formError, done, submit };
}
