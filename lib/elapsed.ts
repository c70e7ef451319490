// Elapsed time as people read it, shared by the timeline, the print and the
// coding engine's messages (pure: date-fns only, no clock).
import { addDays, addHours, differenceInDays, differenceInHours, differenceInMinutes } from 'date-fns';
import { tz } from '@date-fns/tz';
import { formatMinutes } from './format';

// Elapsed time is counted in UTC, where every day is 24 hours: a DST change
// inside the interval never turns 24 elapsed hours into "23 h".
const UTC = tz('UTC');

/**
 * Elapsed time from `from` to `to` (UTC instants), seconds truncated as in
 * coding-rules.md §1: "45 min", "1 h 05 min" under a day, and from 24 hours on
 * "1 d", "1 d 3 h", "3 d 2 h 15 min" (never "6554 h"). Parts that are zero are
 * left out past a day. A negative interval reads as its absolute value.
 */
export function formatElapsed(from: Date, to: Date): string {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const total = differenceInMinutes(b, a);
  if (total < 24 * 60) return formatMinutes(total);
  const days = differenceInDays(b, a, { in: UTC });
  const afterDays = addDays(a, days, { in: UTC });
  const hours = differenceInHours(b, afterDays);
  const minutes = differenceInMinutes(b, addHours(afterDays, hours));
  return [`${days} d`, hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : ''].filter(Boolean).join(' ');
}

