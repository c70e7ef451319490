// Whose draft is it after a sign-in in the "Your session has ended" dialog?
// A dose is signed by whoever charts it (server: the performer is the session's
// user), so a draft entered by one clinician must never be saved under another
// one's signature just because a different person signed in on that screen.

/** A signed-in user as the client knows them: user id and display name. */
export interface DraftSigner {
  id: string;
  name: string;
}

export type DraftAfterSignIn =
  /** The same clinician signed back in: the draft (and its idempotency key) stays; one more tap saves it. */
  | { keep: true }
  /** Someone else (or nobody we could confirm): the draft is discarded, with this message for the new user. */
  | { keep: false; message: string };

/**
 * Decides what happens to an unsaved draft entered by `owner` when
 * `signedIn` has just signed in through the session-ended dialog (null: the
 * new session's user could not be read). Only the same user id keeps the
 * draft; anything else discards it, with a message naming both people, e.g.
 * "Signed in as Tomás Reyes: the unsaved entry of Nora Quinn was discarded —
 * chart it again if you gave it." (F4: a different user must not silently
 * sign the previous nurse's draft.)
 */
export function draftAfterSignIn(owner: DraftSigner, signedIn: DraftSigner | null): DraftAfterSignIn {
  if (signedIn && signedIn.id === owner.id) return { keep: true };
  const who = signedIn ? `Signed in as ${signedIn.name}` : 'Signed in, but who signed in could not be confirmed';
  return { keep: false, message: `${who}: the unsaved entry of ${owner.name} was discarded — chart it again if you gave it.` };
}

/**
 * The notice when a page open for `before` comes back rendered for `now`
 * (another person signed in on this browser, e.g. in another tab): whatever
 * was typed on the page is cleared (components/signed-in-user.tsx), never
 * sent in the new person's name, and both are named, e.g. "Signed in as Tomás
 * Reyes now: this page was open for Nora Quinn, so anything typed on it and
 * not saved was cleared — none of it was saved, in either name. Enter it
 * again if it is still needed."
 */
export function userChangedMessage(before: DraftSigner, now: DraftSigner): string {
  return `Signed in as ${now.name} now: this page was open for ${before.name}, so anything typed on it and not saved was cleared — none of it was saved, in either name. Enter it again if it is still needed.`;
}
