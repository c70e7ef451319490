'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { signInAction } from '@/app/sign-in/actions';
import type { DraftSigner } from '@/lib/draft-owner';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';

/**
 * Signs in again with the sign-in page's own action (the same limiter, audit
 * and messages; app/sign-in/actions.ts). That action answers a success with a
 * redirect, here to this same page: caught in this event handler (never in
 * render), it refreshes the page in place and the form keeps its state.
 * Returns null when signed in, else the message to show. Nothing is kept in
 * browser storage: the session is the httpOnly cookie the answer sets.
 */
async function signInAgain(email: string, password: string): Promise<string | null> {
  try {
    const result = await signInAction({ email, password, next: window.location.pathname });
    return result && !result.ok ? (result.formError ?? Object.values(result.fieldErrors)[0] ?? 'Not signed in') : null;
  } catch (e) {
    // Next's redirect signal: the sign-in succeeded.
    if (typeof (e as { digest?: unknown } | null)?.digest === 'string' && (e as { digest: string }).digest.startsWith('NEXT_REDIRECT')) return null;
    return 'No connection: try again';
  }
}

/**
 * Who the session the sign-in just set belongs to, from better-auth's own
 * GET /api/auth/get-session (server/auth.ts; the cookie the sign-in answer
 * set is sent with it): `{ id, name }` of its user, or null when it cannot
 * be read (no answer, no session). The caller decides whose draft it is.
 */
async function signedInUser(): Promise<DraftSigner | null> {
  try {
    const res = await fetch('/api/auth/get-session', { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as { user?: { id?: unknown; name?: unknown } } | null;
    const user = body?.user;
    return typeof user?.id === 'string' && typeof user.name === 'string' ? { id: user.id, name: user.name } : null;
  } catch {
    return null;
  }
}

/**
 * The session ended while a form was open (an action answered 401): sign in
 * here, in a native modal <dialog> beside the button that was pressed, and the
 * form underneath keeps every value. `onSignedIn` runs after a successful
 * sign-in with the user who signed in (null: not known), so the caller can
 * keep its draft only for the clinician who entered it (lib/draft-owner.ts)
 * and refocus its Save button: one more tap saves.
 */
export function SignInDialog({
  open,
  onClose,
  onSignedIn,
  anchor,
}: {
  open: boolean;
  onClose: () => void;
  onSignedIn: (user: DraftSigner | null) => void;
  /** The button that was pressed: the dialog opens beside it (above it when there is room). */
  anchor?: React.RefObject<HTMLElement | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const idBase = useId();
  const emailId = `${idBase}-email`;
  const passwordId = `${idBase}-password`;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      const button = anchor?.current?.getBoundingClientRect();
      if (button) {
        const box = dialog.getBoundingClientRect();
        const fit = (v: number, size: number, room: number) => Math.max(8, Math.min(v, room - size - 8));
        const above = button.top - box.height - 8;
        dialog.style.margin = '0';
        dialog.style.right = 'auto';
        dialog.style.bottom = 'auto';
        dialog.style.top = `${fit(above >= 8 ? above : button.bottom + 8, box.height, window.innerHeight)}px`;
        dialog.style.left = `${fit(button.left, box.width, window.innerWidth)}px`;
      }
    }
    if (!open && dialog.open) dialog.close();
  }, [open, anchor]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password');
      return;
    }
    setBusy(true);
    const message = await signInAgain(email.trim(), password);
    // Read before Save can be tapped again: the draft's fate depends on who this is.
    const user = message ? null : await signedInUser();
    setBusy(false);
    setPassword('');
    if (message) {
      setError(message);
      return;
    }
    setError(null);
    // Closed here, before the page refreshes, so focus can return to the form at once.
    ref.current?.close();
    onSignedIn(user);
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${idBase}-title`}
      className="w-[min(28rem,calc(100vw-2rem))] rounded-lg border-2 border-slate-700 bg-white p-4 shadow-xl backdrop:bg-slate-900/40"
      onClose={onClose}
      data-testid="sign-in-dialog"
    >
      <form onSubmit={(e) => void submit(e)} noValidate className="grid gap-4" aria-label="Sign in again">
        <h2 id={`${idBase}-title`} className="text-lg font-semibold">
          Your session has ended
        </h2>
        <p>Sign in again to save. Nothing you entered is lost; after signing in, tap Save once more.</p>
        {error ? (
          <p role="alert" className="rounded border-2 border-red-700 bg-white p-2 font-semibold text-red-800">
            {error}
          </p>
        ) : null}
        <Field id={emailId} label="Email">
          <input id={emailId} type="email" autoComplete="username" className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} {...describedBy(emailId, null)} />
        </Field>
        <Field id={passwordId} label="Password">
          <input id={passwordId} type="password" autoComplete="current-password" className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} {...describedBy(passwordId, null)} />
        </Field>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
