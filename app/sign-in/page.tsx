import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { SignInForm } from '@/components/sign-in-form';
import { IDLE_TIMEOUT_MINUTES } from '@/server/auth';
import { getSessionUser } from '@/server/session';
import { safeNext } from '@/lib/sign-in-schema';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  await connection();
  const next = safeNext((await searchParams).next);
  if (await getSessionUser()) redirect(next);
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-300 bg-white p-6">
      <h1 className="mb-1 text-2xl font-semibold">Sign in to PushChart</h1>
      <p className="mb-4 text-sm text-slate-700">On a shared workstation you are signed out after {IDLE_TIMEOUT_MINUTES} minutes without activity.</p>
      <SignInForm next={next} />
    </div>
  );
}
