// Instants are epoch milliseconds inside the engine. No clock is read here: the
// caller passes "now" when it matters, so the same input always codes the same way.
import { isExists, parseISO } from 'date-fns';
import { tzOffset } from '@date-fns/tz';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The shapes the contract accepts (coding-rules.md §12): a calendar date, a
 * time of day to the minute or finer, and an explicit offset (Z or ±hh[:mm]).
 * A time without an offset is refused: it would be read as the server's local
 * time, so the same chart would code differently on another machine.
 */
const INSTANT_SHAPE = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i;
/** Of those, ECMAScript's own date-time format, which every caller sends (Date#toISOString, "…:00Z"). */
const ECMASCRIPT_FORM = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Charts older than this are typing errors (a two-digit year), not encounters. */
export const MIN_YEAR = 1900;

export type InstantReading = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Reads an ISO 8601 instant that names its offset ("2026-03-02T14:00:00Z",
 * "2026-03-02T09:00-05:00") into UTC epoch ms. Refused, with the reason:
 * another shape, a date that does not exist (30 February; date-fns isExists),
 * a year before 1900. The value comes from the platform's parser for
 * ECMAScript's own format (Date.parse) and from date-fns parseISO for the
 * other ISO 8601 forms (comma fractions, ±hhmm offsets): parseISO alone costs
 * ~10× more, and the engine reads two instants per dose on every keystroke.
 */
export function readInstant(text: string): InstantReading {
  const r = instantMs(text);
  return typeof r === 'number' ? { ok: true, ms: r } : { ok: false, error: r };
}

/** UTC epoch ms of an instant as `readInstant` reads it; null when it refuses it. */
export function parseInstant(text: string): number | null {
  const r = instantMs(text);
  return typeof r === 'number' ? r : null;
}

/** Year, month and day in their ranges: "2026-13-01" and "2026-03-00" are not dates. */
const DATE_RANGES = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])/;
/** The 29th to 31st: the only days that exist in some months and not in others. */
const LATE_DAY = /^.{8}(?:29|3)/;
/** A four-digit year before MIN_YEAR sorts before this text ("1899-…" < "1900"; "1900-…" does not). */
const MIN_YEAR_TEXT = String(MIN_YEAR);

/** The instant's UTC epoch ms, or why it is refused. */
function instantMs(text: string): number | string {
  const ecmascript = ECMASCRIPT_FORM.test(text);
  if (!ecmascript && !INSTANT_SHAPE.test(text)) return 'invalid ISO 8601 instant (expected e.g. 2026-03-02T14:00:00Z)';
  if (text < MIN_YEAR_TEXT) return `year ${text.slice(0, 4)} is before ${MIN_YEAR}: check the date`;
  if (!DATE_RANGES.test(text) || (LATE_DAY.test(text) && !isExists(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))))) {
    return `${text.slice(0, 10)} is not a date`;
  }
  const ms = ecmascript ? Date.parse(text) : parseISO(text.toUpperCase()).getTime();
  return Number.isNaN(ms) ? `invalid ISO 8601 instant: ${text}` : ms;
}

/** "2026-03-02T14:30:00Z" — UTC, no milliseconds (the §12 format). */
export function toIsoUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Whole minutes from a to b, seconds truncated (coding-rules.md §1). */
export function wholeMinutes(a: number, b: number): number {
  return Math.trunc((b - a) / MINUTE);
}

export function addMinutes(ms: number, minutes: number): number {
  return ms + minutes * MINUTE;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Wall-clock rendering in the facility's zone for one engine run. Offsets come
 * from @date-fns/tz and are remembered for this run only: per UTC day when the
 * offset is the same at both ends of it, else per hour of that day, and asked
 * for each instant only inside the hour of a transition.
 */
export class ZoneClock {
  private readonly dayOffsets = new Map<number, number | null>();
  private readonly hourOffsets = new Map<number, number | null>();
  private readonly dayTexts = new Map<number, string>();
  private readonly dayLabels = new Map<number, string>();

  constructor(readonly timeZone: string) {}

  /** Offset of local time from UTC at `ms`, in ms. */
  offsetAt(ms: number): number {
    if (this.timeZone === 'UTC') return 0;
    return this.steady(this.dayOffsets, DAY, ms) ?? this.steady(this.hourOffsets, HOUR, ms) ?? tzOffset(this.timeZone, new Date(ms)) * MINUTE;
  }

  /** The offset of the `span`-long stretch holding `ms` when it does not change within it, else null. */
  private steady(seen: Map<number, number | null>, span: number, ms: number): number | null {
    const k = Math.floor(ms / span);
    let off = seen.get(k);
    if (off === undefined) {
      const first = tzOffset(this.timeZone, new Date(k * span));
      off = first === tzOffset(this.timeZone, new Date((k + 1) * span - 1)) ? first * MINUTE : null;
      seen.set(k, off);
    }
    return off;
  }

  /** Local wall-clock ms: UTC ms shifted by the zone's offset, read with UTC fields. */
  private local(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  /** Local calendar date 'YYYY-MM-DD' (each day's text made once per run: every dose asks for its day). */
  date(ms: number): string {
    const day = Math.floor(this.local(ms) / DAY);
    let text = this.dayTexts.get(day);
    if (text === undefined) this.dayTexts.set(day, (text = new Date(day * DAY).toISOString().slice(0, 10)));
    return text;
  }

  /** "10:20" */
  hhmm(ms: number): string {
    return minuteText(Math.floor(this.local(ms) / MINUTE));
  }

  /** "10:20", or "14 May 10:20" when `withDate` (each day's "14 May " made once per run). */
  label(ms: number, withDate: boolean): string {
    const minute = Math.floor(this.local(ms) / MINUTE);
    if (!withDate) return minuteText(minute);
    const day = Math.floor(minute / 1440);
    let date = this.dayLabels.get(day);
    if (date === undefined) {
      const d = new Date(day * DAY);
      this.dayLabels.set(day, (date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} `));
    }
    return date + minuteText(minute);
  }
}

/** "HH:mm" of a minute counted from the epoch (of the local clock). */
function minuteText(minute: number): string {
  const ofDay = minute - Math.floor(minute / 1440) * 1440;
  return `${pad2(Math.floor(ofDay / 60))}:${pad2(ofDay % 60)}`;
}
