'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isAPIError } from 'better-auth/api';
import { fail, fieldErrors, type ActionResult } from '@/lib/action-result';
import { getAuth } from '@/server/auth';
import { safeNext, signInSchema } from '@/lib/sign-in-schema';

export async function signInAction(raw: unknown): Promise<ActionResult<null>> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return fail(fieldErrors(parsed.error), 'Check the marked fields');
  const { email, password, next } = parsed.data;
  try {
    await getAuth().api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch (e) {
    // isAPIError, not instanceof: the auth instance may come from another bundle.
    if (isAPIError(e) && e.statusCode === 429) return fail({}, e.message);
    if (isAPIError(e) && (e.statusCode === 401 || e.statusCode === 400)) return fail({}, 'Wrong email or password');
    throw e;
  }
  redirect(safeNext(next));
}

export async function signOutAction(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  redirect('/sign-in');
}
