import { addSeconds, isAfter, isBefore } from 'date-fns';

/** The idle window of a session (server/auth.ts): how long it lives unused, and how often use slides it. */
export interface SessionWindow {
  /** Seconds a session lives after its last slide (the idle timeout). */
  expiresInS: number;
  /** Seconds after a slide before use slides it again (better-auth's updateAge). */
  updateAgeS: number;
}

/**
 * Whether use of a live session should slide its idle window forward now:
 * its expiry was last set at least `updateAgeS` ago. The rule is
 * better-auth's own (`shouldBeUpdated` in its getSession:
 * expiresAt − expiresIn + updateAge ≤ now), so proxy.ts asks better-auth to
 * refresh exactly when better-auth would have. An expired session (its
 * expiry before now; at the instant itself it still lives, as for
 * better-auth) is not due: it is over, and better-auth's read ends it.
 *
 * @param expiresAt the session's stored expiry (UTC instant)
 * @param now the request's clock (UTC instant)
 */
export function sessionSlideDue(expiresAt: Date, now: Date, window: SessionWindow): boolean {
  if (isBefore(expiresAt, now)) return false;
  const lastSlide = addSeconds(expiresAt, -window.expiresInS);
  return !isAfter(addSeconds(lastSlide, window.updateAgeS), now);
}
