'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { useAskToSignIn, useSignedInUserId } from './signed-in-user';

/**
 * Runs a server action in a transition and keeps its one-line error: the
 * first field error, else the form error. For the small forms that are not
 * worth a react-hook-form instance.
 *
 * `action` gets the id of the user the page was opened for and passes it on
 * as the server action's second argument: the boundary refuses (409) when the
 * browser has since been signed in as someone else, and the page is then read
 * again so it shows who that is.
 */
export function useServerAction() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const signedInAs = useSignedInUserId() ?? undefined;
  const router = useRouter();
  const askToSignIn = useAskToSignIn();
  const run = (action: (signedInAs: string | undefined) => Promise<ActionResult<unknown>>, onOk?: () => void) =>
    startTransition(async () => {
      const result = await action(signedInAs);
      if (result.ok) {
        setError(null);
        onOk?.();
      } else {
        setError(Object.values(result.fieldErrors)[0] ?? result.formError ?? 'Not saved');
        if (result.signedIn) router.refresh();
        if (result.status === 401) askToSignIn();
      }
    });
  return { error, pending, run };
}
