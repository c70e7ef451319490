import type { Metadata } from 'next';
import Link from 'next/link';
import { signOutAction } from '@/app/sign-in/actions';
import { getSessionUser } from '@/server/session';
import { SignedInUserProvider } from '@/components/signed-in-user';
import './globals.css';

export const metadata: Metadata = {
  title: 'PushChart',
  description: 'Bedside IV push charting and drug-administration coding',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white print:hidden">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-blue-800">
              PushChart
            </Link>
            {user ? (
              <>
                <Link href="/" className="inline-flex min-h-11 items-center text-sm text-slate-700 hover:underline">
                  Encounters
                </Link>
                {user.role === 'admin' ? (
                  <Link href="/admin" className="inline-flex min-h-11 items-center text-sm text-slate-700 hover:underline">
                    Admin
                  </Link>
                ) : null}
                {user.role !== 'nurse' ? (
                  <Link href="/coding" className="inline-flex min-h-11 items-center text-sm text-slate-700 hover:underline">
                    Coding queue
                  </Link>
                ) : null}
                <span className="ml-auto text-sm" data-testid="signed-in-user">
                  {user.name}, {user.credentials} · {user.role === 'nurse' ? 'clinician' : user.role}
                </span>
                <form action={signOutAction}>
                  <button type="submit" className="min-h-11 rounded-md border border-slate-400 px-3 text-sm font-semibold">
                    Sign out
                  </button>
                </form>
              </>
            ) : null}
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">
          <SignedInUserProvider user={user ? { id: user.id, name: user.name } : null}>{children}</SignedInUserProvider>
        </main>
      </body>
    </html>
  );
}
