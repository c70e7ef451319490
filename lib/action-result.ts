import type { z } from 'zod';

/** What every server action returns: data, or errors keyed by form field. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      fieldErrors: Record<string, string>;
      formError?: string;
      status?: 401 | 403 | 404 | 409;
      /** Who this browser is signed in as now, when that is not who the page was opened for (status 409; server/action.ts). */
      signedIn?: { id: string; name: string };
    };

export function fail(fieldErrors: Record<string, string>, formError?: string): { ok: false; fieldErrors: Record<string, string>; formError?: string } {
  return formError === undefined ? { ok: false, fieldErrors } : { ok: false, fieldErrors, formError };
}

/** Flattens zod issues into `{field: message}` (first message per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : 'form';
    out[key] ??= issue.message;
  }
  return out;
}
