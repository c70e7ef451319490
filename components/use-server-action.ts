'use client';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action-result';

/**
 * Runs a server action in a transition and keeps its one-line error: the
 * first field error, else the form error. For the small forms that are not
 * worth a react-hook-form instance.
 */
export function useServerAction() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>, onOk?: () => void) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setError(null);
        onOk?.();
      } else setError(Object.values(result.fieldErrors)[0] ?? result.formError ?? 'Not saved');
    });
  return { error, pending, run };
}
