'use client';
import { usePathname } from 'next/navigation';
import { createContext, Fragment, useCallback, useContext, useState } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { userChangedMessage, type DraftSigner } from '@/lib/draft-owner';
import { SignInDialog } from './sign-in-dialog';

const SignedInUserId = createContext<string | null>(null);
const AskToSignIn = createContext<() => void>(() => {});

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
  const [signInOpen, setSignInOpen] = useState(false);
  if ((shownFor?.id ?? null) !== (user?.id ?? null)) {
    // Adjusting state while rendering when a prop changes (react.dev, "You might not need an effect").
    setShownFor(user);
    setNotice(shownFor && user ? { message: userChangedMessage(shownFor, user), pathname } : null);
  }
  return (
    <SignedInUserId.Provider value={user?.id ?? null}>
      <AskToSignIn.Provider value={() => setSignInOpen(true)}>
        {notice && notice.pathname === pathname ? (
          <div role="alert" data-testid="signed-in-user-changed" className="mb-4 flex flex-wrap items-start gap-3 rounded border-2 border-amber-700 bg-amber-50 p-3 font-semibold text-amber-950">
            <p className="flex-1">{notice.message}</p>
            <button type="button" onClick={() => setNotice(null)} className="min-h-11 rounded-md border border-amber-800 px-3 text-sm">
              Dismiss
            </button>
          </div>
        ) : null}
        <Fragment key={user?.id ?? 'signed-out'}>{children}</Fragment>
        {/* Any form whose session ended (components/use-server-action.ts, use-form-outcome.ts): sign in
            here and what was typed stays for the same person; another person gets the page afresh (above).
            The push form has its own, beside its Save button, which also decides about its draft. */}
        {signInOpen ? <SignInDialog open onClose={() => setSignInOpen(false)} onSignedIn={() => setSignInOpen(false)} /> : null}
      </AskToSignIn.Provider>
    </SignedInUserId.Provider>
  );
}

/** The id of the user this page was rendered for, or null on a signed-out page. */
export function useSignedInUserId(): string | null {
  return useContext(SignedInUserId);
}

/**
 * Opens the "Your session has ended" sign-in dialog over the page (an action
 * answered 401): the form underneath keeps what was typed; after signing in
 * as the same person one more tap sends it.
 */
export function useAskToSignIn(): () => void {
  return useContext(AskToSignIn);
}

/**
 * Calls a server action as this page's user: sends the page's user id (the
 * boundary refuses with 409 when the browser is now signed in as someone
 * else, and the page is rendered afresh for them), and on 401 (session ended)
 * opens the sign-in dialog over the page, the form keeping what was typed.
 * Returns the action's answer unchanged.
 */
export function useActionCaller() {
  const signedInAs = useSignedInUserId() ?? undefined;
  const askToSignIn = useAskToSignIn();
  return useCallback(
    async <I, T>(action: (input: I, signedInAs?: string) => Promise<ActionResult<T>>, input: I): Promise<ActionResult<T>> => {
      const result = await action(input, signedInAs);
      if (!result.ok && result.status === 401) askToSignIn();
      return result;
    },
    [signedInAs, askToSignIn],
  );
}
