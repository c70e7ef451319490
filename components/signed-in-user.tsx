'use client';
import { createContext, useContext } from 'react';

const SignedInUserId = createContext<string | null>(null);

/**
 * The user this page was rendered for (app/layout.tsx). Server actions are
 * sent with it, so the boundary refuses one when the browser has since been
 * signed in as someone else (a shared workstation, another tab): an entry
 * must not be signed by a person who never saw it (server/action.ts).
 */
export function SignedInUserProvider({ userId, children }: { userId: string | null; children: React.ReactNode }) {
  return <SignedInUserId.Provider value={userId}>{children}</SignedInUserId.Provider>;
}

/** The id of the user this page was rendered for, or null on a signed-out page. */
export function useSignedInUserId(): string | null {
  return useContext(SignedInUserId);
}
