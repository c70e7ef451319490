import type { ReactNode } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

/** A labelled control with its error tied to it by aria-describedby. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  className = '',
}: {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A field's error, announced, with the id its control names in aria-describedby (`${id}-error`); nothing when there is none. */
export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-red-800" role="alert">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  ) : null;
}

/** aria props for a control inside <Field>. */
export function describedBy(id: string, error: unknown, hint = false): { 'aria-invalid': boolean; 'aria-describedby'?: string } {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return ids ? { 'aria-invalid': Boolean(error), 'aria-describedby': ids } : { 'aria-invalid': false };
}

export const inputClass =
  'block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700';

export const buttonClass =
  'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-4 py-2 text-base font-semibold disabled:opacity-60';
export const primaryButtonClass = `${buttonClass} bg-blue-800 text-white hover:bg-blue-900`;
export const secondaryButtonClass = `${buttonClass} border border-slate-400 bg-white text-slate-900 hover:bg-slate-100`;

/**
 * Puts a refused server action's field errors next to their fields (a form
 * built with react-hook-form) and returns its form-level message.
 */
export function showServerErrors<F extends FieldValues>(result: { fieldErrors: Record<string, string>; formError?: string }, setError: UseFormSetError<F>): string | null {
  for (const [field, message] of Object.entries(result.fieldErrors)) {
    if (field !== 'form') setError(field as Path<F>, { type: 'server', message });
  }
  return result.formError ?? null;
}
