// Instants are epoch milliseconds inside the engine. No clock is read here: the
// caller passes "now" when it matters, so the same input always codes the same way.

const MINUTE = 60_000;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/** Parses an ISO 8601 instant that names its offset (Z or ±hh:mm). Null when invalid. */
export function parseInstant(text: string): number | null {
  const fast = parseCanonical(text);
  if (fast !== null) return fast;
  const m = INSTANT.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Number(`${m[7]}00`.slice(0, 3)) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  let offsetMin = 0;
  const z = m[8]!;
  if (z !== 'Z' && z !== 'z') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * MINUTE;
}

const ZERO_CODE = 48;
/** Fast path for the canonical "YYYY-MM-DDTHH:mm:ssZ" form; null means "use the full parser". */
function dig(t: string, i: number): number {
  const c = t.charCodeAt(i) - ZERO_CODE;
  return c >= 0 && c <= 9 ? c : -100_000;
}

function parseCanonical(t: string): number | null {
  // "…:ssZ", or "…:ss.sssZ" as Date#toISOString writes it (every server-built input).
  const withMs = t.length === 24;
  if ((t.length !== 20 && !withMs) || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return null;
  if (withMs ? t.charCodeAt(19) !== 46 || t.charCodeAt(23) !== 90 : t.charCodeAt(19) !== 90) return null;
  const year = dig(t, 0) * 1000 + dig(t, 1) * 100 + dig(t, 2) * 10 + dig(t, 3);
  const month = dig(t, 5) * 10 + dig(t, 6);
  const day = dig(t, 8) * 10 + dig(t, 9);
  const hour = dig(t, 11) * 10 + dig(t, 12);
  const minute = dig(t, 14) * 10 + dig(t, 15);
  const second = dig(t, 17) * 10 + dig(t, 18);
  const ms = withMs ? dig(t, 20) * 100 + dig(t, 21) * 10 + dig(t, 22) : 0;
  // A non-digit makes its field negative.
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return null;
  // Date.UTC reads years 0–99 as 1900–1999; keep that reading for them.
  if (year < 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Plain arithmetic otherwise: Date.UTC was a visible share of parsing a long chart.
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * MINUTE + second * 1000 + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2026-03-02T14:30:00Z" — UTC, no milliseconds (the §12 format). */
export function toIsoUtc(ms: number): string {
  // From the shared day and minute texts: a Date per call was a visible share
  // of a long encounter's allocations (every interval warning names an instant).
  // Within the range a Date can hold; outside it the Date path's text is kept.
  if (Math.abs(ms) <= 8.64e15) {
    const day = Math.floor(ms / DAY);
    const second = Math.floor((ms - day * DAY) / 1000);
    let time = timeTexts.get(second);
    if (time === undefined) {
      time = `T${hhmmTexts[Math.floor(second / 60)]!}:${pad2(second % 60)}Z`;
      timeTexts.set(second, time);
    }
    return dateText(day) + time;
  }
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
}

/** Whole minutes from a to b, seconds truncated (coding-rules.md §1). */
export function wholeMinutes(a: number, b: number): number {
  return Math.trunc((b - a) / MINUTE);
}

export function addMinutes(ms: number, minutes: number): number {
  return ms + minutes * MINUTE;
}

const validZones = new Map<string, boolean>();
export function isValidTimeZone(timeZone: string): boolean {
  let ok = validZones.get(timeZone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      ok = true;
    } catch {
      ok = false;
    }
    validZones.set(timeZone, ok);
  }
  return ok;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

/**
 * Offsets of one zone, cached per UTC day for the whole process (offsets are
 * facts about the zone, not about an encounter). A day whose start and end
 * offsets agree has no transition (no zone changes offset twice within a day);
 * otherwise the transition instant is found by bisection to the minute.
 */
class ZoneOffsets {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly days = new Map<number, { off: number; switchAt: number; after: number }>();

  constructor(timeZone: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  private exact(at: number): number {
    const p: Record<string, number> = {};
    for (const part of this.fmt.formatToParts(new Date(at))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!) - Math.floor(at / 1000) * 1000;
  }

  at(ms: number): number {
    const day = Math.floor(ms / DAY);
    let seg = this.days.get(day);
    if (!seg) {
      const a = day * DAY;
      const b = a + DAY;
      const offA = this.exact(a);
      const offB = this.exact(b);
      let switchAt = b;
      if (offA !== offB) {
        let lo = a;
        let hi = b; // offset(lo) = offA, offset(hi) = offB
        while (hi - lo > MINUTE) {
          const mid = lo + Math.max(1, Math.floor((hi - lo) / 2 / MINUTE)) * MINUTE;
          if (this.exact(mid) === offA) lo = mid;
          else hi = mid;
        }
        switchAt = hi;
      }
      seg = { off: offA, switchAt, after: offB };
      if (this.days.size > 50_000) this.days.clear();
      this.days.set(day, seg);
    }
    return ms < seg.switchAt ? seg.off : seg.after;
  }
}

const zoneCache = new Map<string, ZoneOffsets>();
const dateTexts = new Map<number, string>();
/** 'YYYY-MM-DD' of a day counted from 1970-01-01, cached process-wide. */
function dateText(day: number): string {
  let text = dateTexts.get(day);
  if (text === undefined) {
    const d = new Date(day * DAY);
    text = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    if (dateTexts.size > 100_000) dateTexts.clear();
    dateTexts.set(day, text);
  }
  return text;
}
/** Per local day, the "14 May " that starts its labels. */
const labelDates = new Map<number, string>();
const hhmmTexts: string[] = [];
/** "T10:20:00Z" per second of the day, filled as used: an instant's text is then two shared pieces. */
const timeTexts = new Map<number, string>();
for (let m = 0; m < 1440; m++) hhmmTexts.push(`${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);

/** Wall-clock rendering in the facility's zone, with process-wide cached offsets. */
export class ZoneClock {
  readonly timeZone: string;
  private readonly offsets: ZoneOffsets | null;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
      this.offsets = null;
    } else {
      let z = zoneCache.get(timeZone);
      if (!z) {
        z = new ZoneOffsets(timeZone);
        zoneCache.set(timeZone, z);
      }
      this.offsets = z;
    }
  }

  /** Offset of local time from UTC at `ms`, in ms. */
  offsetAt(ms: number): number {
    return this.offsets ? this.offsets.at(ms) : 0;
  }

  private localMs(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  /** Local calendar date 'YYYY-MM-DD'. */
  date(ms: number): string {
    return dateText(Math.floor(this.localMs(ms) / DAY));
  }

  /** "10:20" */
  hhmm(ms: number): string {
    const local = this.localMs(ms);
    const minuteOfDay = Math.floor((local - Math.floor(local / DAY) * DAY) / MINUTE);
    return hhmmTexts[minuteOfDay]!;
  }

  /** "10:20", or "14 May 10:20" when `withDate`. */
  label(ms: number, withDate: boolean): string {
    if (!withDate) return this.hhmm(ms);
    // Built per call from the day's text and the shared minute text. A cache of
    // whole labels (tens of thousands on a long encounter) cost more in cache
    // misses than the short concatenation it saved.
    const minute = Math.floor(this.localMs(ms) / MINUTE);
    const day = Math.floor(minute / 1440);
    let date = labelDates.get(day);
    if (date === undefined) {
      const d = new Date(day * DAY);
      date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} `;
      if (labelDates.size > 100_000) labelDates.clear();
      labelDates.set(day, date);
    }
    return date + hhmmTexts[minute - day * 1440]!;
  }
}
