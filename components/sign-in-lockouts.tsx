import { listSignInLockouts } from '@/db/auth-events';
import { FAILED_SIGN_IN_WINDOW_MINUTES, MAX_FAILED_SIGN_INS, SIGN_IN_LIMITS } from '@/server/auth';
import { ClearLockoutButton } from './clear-lockout-button';

/**
 * Accounts refused at sign-in right now (MAX_FAILED_SIGN_INS failures within
 * FAILED_SIGN_IN_WINDOW_MINUTES), each with a "Clear lockout" action (reason
 * required, audited). A lockout also lapses by itself at the end of the window.
 * Server component: reads the database at render time.
 */
export function SignInLockouts({ now = new Date() }: { now?: Date }) {
  const lockouts = listSignInLockouts(now, SIGN_IN_LIMITS);
  return (
    <section aria-labelledby="sign-in-lockouts-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="sign-in-lockouts-heading" className="text-lg font-semibold">
        Sign-in lockouts
      </h2>
      <p className="text-sm text-slate-700">
        An account is refused at sign-in after {MAX_FAILED_SIGN_INS} failed sign-ins within {FAILED_SIGN_IN_WINDOW_MINUTES} minutes, until the
        window has passed. Clear it once you know the person asking is its owner.
      </p>
      {lockouts.length === 0 ? (
        <p data-testid="no-sign-in-lockouts">No account is locked out.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Locked-out accounts">
          {lockouts.map((l) => {
            const minutes = Math.max(1, Math.ceil((l.lapsesAt.getTime() - now.getTime()) / 60_000));
            return (
              <li key={l.email} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="sign-in-lockout">
                <span>
                  <span className="font-semibold">{l.email}</span>: {l.failures} failed sign-ins; lapses by itself in {minutes} minute{minutes === 1 ? '' : 's'}
                </span>
                <ClearLockoutButton email={l.email} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
