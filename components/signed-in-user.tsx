'use client';
import { usePathname } from 'next/navigation';
import { createContext, Fragment, useContext, useState } from 'react';
import { userChangedMessage, type DraftSigner } from '@/lib/draft-owner';

const SignedInUserId = createContext<string | null>(null);

/**
 * The user this page was rendered for (app/layout.tsx). Server actions are
 * sent with it, so the boundary refuses one when the browser has since been
 * signed in as someone else (a shared workstation, another tab): an entry
 * must not be signed by a person who never saw it (server/action.ts, which
 * then has the page read again).
 *
 * When the page comes back rendered for another person, everything below is
 * mounted afresh, so nothing the previous person typed (a half-typed signing
 * password, a draft dose, a query) stays on screen to be sent in the new
 * person's name, and a notice names both. Signing out and in again (through
 * the sign-in page, no user in between) is not a change of person here.
 */
export function SignedInUserProvider({ user, children }: { user: DraftSigner | null; children: React.ReactNode }) {
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState<DraftSigner | null>(user);
  const [notice, setNotice] = useState<{ message: string; pathname: string } | null>(null);
  if ((shownFor?.id ?? null) !== (user?.id ?? null)) {
    // Adjusting state while rendering when a prop changes (react.dev, "You might not need an effect").
    setShownFor(user);
    setNotice(shownFor && user ? { message: userChangedMessage(shownFor, user), pathname } : null);
  }
  return (
    <SignedInUserId.Provider value={user?.id ?? null}>
      {notice && notice.pathname === pathname ? (
        <div role="alert" data-testid="signed-in-user-changed" className="mb-4 flex flex-wrap items-start gap-3 rounded border-2 border-amber-700 bg-amber-50 p-3 font-semibold text-amber-950">
          <p className="flex-1">{notice.message}</p>
          <button type="button" onClick={() => setNotice(null)} className="min-h-11 rounded-md border border-amber-800 px-3 text-sm">
            Dismiss
          </button>
        </div>
      ) : null}
      <Fragment key={user?.id ?? 'signed-out'}>{children}</Fragment>
    </SignedInUserId.Provider>
  );
}

/** The id of the user this page was rendered for, or null on a signed-out page. */
export function useSignedInUserId(): string | null {
  return useContext(SignedInUserId);
}
