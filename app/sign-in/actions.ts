'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isAPIError } from 'better-auth/api';
import { fail, fieldErrors, type ActionResult } from '@/lib/action-result';
import { DEACTIVATED_MESSAGE, getAuth, WRONG_CREDENTIALS_MESSAGE } from '@/server/auth';
import { safeNext, signInSchema } from '@/lib/sign-in-schema';

/**
 * Signs in through better-auth's /sign-in/email endpoint, so the same limiter
 * (per account and per client, with delays; server/auth.ts) guards this
 * action and the HTTP route. Success redirects to `next` if it is a
 * same-origin path, else '/'. Refusals: "Wrong email or password" (unknown
 * email or wrong password, deactivated or not), "This account is
 * deactivated: ask an admin" (right password only), "Too many failed
 * sign-ins…" (a limit, with the minutes to wait).
 */
export async function signInAction(raw: unknown): Promise<ActionResult<null>> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return fail(fieldErrors(parsed.error), 'Check the marked fields');
  const { email, password, next } = parsed.data;
  try {
    await getAuth().api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch (e) {
    // isAPIError, not instanceof: the auth instance may come from another bundle.
    if (isAPIError(e) && e.statusCode === 429) return fail({}, e.message);
    if (isAPIError(e) && e.statusCode === 403 && e.message === DEACTIVATED_MESSAGE) return fail({}, DEACTIVATED_MESSAGE);
    if (isAPIError(e) && (e.statusCode === 401 || e.statusCode === 400)) return fail({}, WRONG_CREDENTIALS_MESSAGE);
    throw e;
  }
  redirect(safeNext(next));
}

export async function signOutAction(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  redirect('/sign-in');
}
