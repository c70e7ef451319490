// The bedside draft's times: a field the nurse has not touched means "now"
// (the server stamps its clock at save); a typed time is a wall-clock minute in
// the facility's zone. Issue 12 item 1.
import { differenceInMinutes } from 'date-fns';
import { NOW } from './administration-schema';
import { formatInZone, fromLocalInput } from './time';

/**
 * A typed "Given at" this many minutes or more before the moment of saving
 * earns a visible "given N min ago?" notice, so a time left from an earlier
 * dose is not charted by mistake. Issue 12 item 1 ("more than 10 minutes").
 */
export const GIVEN_AGO_NOTICE_MINUTES = 10;

/**
 * Whole minutes between a typed start and now when more than
 * GIVEN_AGO_NOTICE_MINUTES (10 → null, 11 → 11); null for "now", an unreadable
 * value or a time not in the past. `start` is "YYYY-MM-DDTHH:mm" in `timeZone`
 * or NOW; `nowMs` is UTC ms.
 */
export function givenMinutesAgo(start: string, nowMs: number, timeZone: string): number | null {
  if (start === NOW) return null;
  const instant = fromLocalInput(start, timeZone);
  if (!instant) return null;
  const minutes = differenceInMinutes(new Date(nowMs), instant);
  return minutes > GIVEN_AGO_NOTICE_MINUTES ? minutes : null;
}

/** The instant a draft time stands for: NOW → `nowMs`; a typed time in `timeZone`; null when unreadable or empty. */
export function draftInstant(value: string | undefined, nowMs: number, timeZone: string): Date | null {
  if (!value) return null;
  if (value === NOW) return new Date(nowMs);
  return fromLocalInput(value, timeZone);
}

/**
 * Whether a product with expiry date `expiry` ("YYYY-MM-DD", the last day it
 * may be used, 21 CFR 211.137) is past it on the day the dose is given
 * (`given`, an instant shown in `timeZone`). False when either is missing.
 */
export function expiredOnDayGiven(expiry: string | undefined, given: Date | null, timeZone: string): boolean {
  if (!expiry || !/^\d{4}-\d{2}-\d{2}$/.test(expiry) || !given) return false;
  return expiry < formatInZone(given, timeZone, 'yyyy-MM-dd');
}
