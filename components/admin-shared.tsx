'use client';
import { useEffect, useId, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';
import { useServerAction } from './use-server-action';

export function FormError({ error }: { error: string | null | undefined }) {
  return error ? (
    <p role="alert" className="rounded border-2 border-red-700 p-2 font-semibold text-red-800 sm:col-span-full">
      {error}
    </p>
  ) : null;
}

export function FormDone({ message }: { message: string | null }) {
  return (
    <p role="status" aria-live="polite" className="font-semibold text-green-900 empty:hidden sm:col-span-full">
      {message ? `✓ ${message}` : ''}
    </p>
  );
}

/**
 * "Do this, with a reason": a button that opens a one-field form. The reason
 * goes to the audit trail with the change.
 */
export function ReasonAction({
  label,
  confirmLabel = label,
  run,
}: {
  label: string;
  confirmLabel?: string;
  run: (reason: string, signedInAs: string | undefined) => Promise<ActionResult<unknown>>;
}) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Back on the button after closing, so the keyboard user is where they were.
    if (!open && wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open) {
    return (
      <button ref={opener} type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return <ReasonForm label={label} confirmLabel={confirmLabel} run={run} close={() => setOpen(false)} />;
}

/** Mounted only while open, so a reopened form starts without the last error. */
function ReasonForm({ label, confirmLabel, run, close }: { label: string; confirmLabel: string; run: (reason: string, signedInAs: string | undefined) => Promise<ActionResult<unknown>>; close: () => void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const { error, pending, run: runAction } = useServerAction();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        runAction((as) => run(reason, as), close);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <Field id={`${id}-reason`} label="Reason" error={error ?? undefined}>
        <input
          id={`${id}-reason`}
          className={inputClass}
          value={reason}
          // Opening the form moves focus into it, so keyboard users land on the field they must fill.
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          {...describedBy(`${id}-reason`, error)}
        />
      </Field>
      <button type="submit" className={primaryButtonClass} disabled={pending}>
        {confirmLabel}
      </button>
      <button type="button" className={secondaryButtonClass} onClick={close}>
        Cancel
      </button>
    </form>
  );
}
