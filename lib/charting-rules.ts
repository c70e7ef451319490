// Server-side documentation rules of coding-rules.md §9 and issue 12 items 1,
// 3 and 4 that need the server's clock or stored facts. Pure: the caller passes
// "now", the encounter and the facility. Charting and amending use the same
// functions, so an amendment obeys exactly the rules of a new entry.
import { startOfMinute } from 'date-fns';
import { EARLIEST_YEAR, NOW } from './administration-schema';
import { ceilDiv, cmp, convert, mul, parseDecimal, subClamp, toText, type Dec, type DoseUnit } from './coding/units';
import { formatDateTime, formatInZone, fromLocalInput, isCalendarDate, wholeMinutes } from './time';

/** Clock skew a bedside device may have before a time counts as "in the future" (coding-rules.md §9: "a small clock-skew allowance"). */
export const FUTURE_ALLOWANCE_MINUTES = 2;
/**
 * A dose may be given up to this many minutes before the encounter was opened
 * in PushChart (the nurse gives the first dose, then registers the visit).
 * Issue 12 item 4: "allow 15 minutes before"; exactly 15 is allowed, 16 refused.
 */
export const BEFORE_OPENING_ALLOWANCE_MINUTES = 15;
/**
 * The longest a push (or an injection) can last. An IV push is given with the
 * clinician continuously present (CPT 96374 guidelines; coding-rules.md §2), so
 * one lasting over an hour is a typing error or an infusion charted as a push.
 * Issue 12 item 4: 60 minutes allowed, 61 refused.
 */
export const MAX_PUSH_MINUTES = 60;
/**
 * The longest a single infusion or hydration entry can last: 72 hours (issue 12
 * item 4: 72 h allowed, 72 h 1 min refused). Outpatient observation rarely
 * spans more than 48 hours (CMS Medicare Benefit Policy Manual, Chapter 6,
 * §20.6); a bag running for days is charted as separate entries.
 */
export const MAX_INFUSION_MINUTES = 72 * 60;
export { EARLIEST_YEAR };

/** Facts of the encounter a dose belongs to. */
export interface EncounterTimes {
  /** When the encounter was opened (UTC instant). */
  openedAt: Date;
  /** When the visit was closed (UTC instant), or null while open. */
  closedAt: Date | null;
  /** The patient's date of birth "YYYY-MM-DD", a calendar date in the facility's zone. */
  birthDate: string;
  /** The facility's IANA zone. */
  timeZone: string;
  /** Minutes after administration beyond which charting is late (facility setting, default 60). */
  lateEntryThresholdMinutes: number;
}

export interface TimingFacts {
  start: Date;
  stop: Date | null;
  /**
   * When the dose was (first) documented: the server clock for a new entry;
   * for an amendment, the charting time of the first version (see
   * documentedAtForAmendment).
   */
  chartedAt: Date;
  /** The server clock (UTC): nothing may be later than now + FUTURE_ALLOWANCE_MINUTES. Defaults to chartedAt. */
  now?: Date;
  lateEntryThresholdMinutes: number;
  lateEntryReason: string | undefined;
}

/**
 * The clock rules of coding-rules.md §9: start and stop not in the future
 * beyond FUTURE_ALLOWANCE_MINUTES of `now`; stop not before start; charted more
 * than the threshold after the start needs a late-entry reason.
 * @returns field errors keyed 'start' | 'stop' | 'lateEntryReason' (empty = fine)
 */
export function checkTiming(f: TimingFacts): Record<string, string> {
  const errors: Record<string, string> = {};
  const now = f.now ?? f.chartedAt;
  const limit = now.getTime() + FUTURE_ALLOWANCE_MINUTES * 60_000;
  if (f.start.getTime() > limit) errors.start = 'The time given is in the future';
  if (f.stop && f.stop.getTime() > limit) errors.stop = 'The stop time is in the future';
  if (f.stop && f.stop.getTime() < f.start.getTime()) errors.stop = 'The stop time is before the start time';
  if (isLateEntry(f.start, f.chartedAt, f.lateEntryThresholdMinutes) && !f.lateEntryReason) {
    errors.lateEntryReason = `Charted more than ${f.lateEntryThresholdMinutes} min after it was given: enter a late-entry reason`;
  }
  return errors;
}

/** Charted more than `thresholdMinutes` whole minutes after it was given (60: no, 61: yes). */
export function isLateEntry(start: Date, chartedAt: Date, thresholdMinutes: number): boolean {
  return wholeMinutes(start, chartedAt) > thresholdMinutes;
}

/**
 * Times that cannot be true for this encounter (issue 12 items 3 and 4), for
 * a new entry and an amendment alike:
 * - start (or stop) in a year before EARLIEST_YEAR (in the facility's zone);
 * - start before the patient's birth (00:00 of the birth date in the zone);
 * - start more than BEFORE_OPENING_ALLOWANCE_MINUTES whole minutes before the encounter opened;
 * - start or stop after the visit closed;
 * - a push or injection lasting more than MAX_PUSH_MINUTES, an infusion or
 *   hydration more than MAX_INFUSION_MINUTES (whole minutes, coding-rules.md §1);
 * - given before the close but documented (`chartedAt`) after it without a
 *   late-entry reason: closed means closed, whatever the late-entry threshold.
 * @returns field errors keyed 'start' | 'stop' | 'lateEntryReason' (one message per field, the most basic first)
 */
export function checkEncounterTimes(
  f: { start: Date; stop: Date | null; kind: string; chartedAt: Date; lateEntryReason: string | undefined },
  encounter: EncounterTimes,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const zone = encounter.timeZone;
  const set = (field: string, message: string) => {
    errors[field] ??= message;
  };
  // The local calendar day as "yyyy-MM-dd" (years padded to 4 digits), so days compare as text: one
  // format per instant, no parse (date-fns' parse was a millisecond of every charting's write lock).
  const startDay = formatInZone(f.start, zone, 'yyyy-MM-dd');
  const yearOf = (day: string) => day.slice(0, 4);

  if (Number(yearOf(startDay)) < EARLIEST_YEAR) set('start', `The year ${yearOf(startDay)} is before ${EARLIEST_YEAR}: check the date`);
  if (f.stop) {
    const stopYear = formatInZone(f.stop, zone, 'yyyy');
    if (Number(stopYear) < EARLIEST_YEAR) set('stop', `The year ${stopYear} is before ${EARLIEST_YEAR}: check the date`);
  }

  // Before 00:00 of the birth date in the zone exactly when the local day is an earlier day.
  if (isCalendarDate(encounter.birthDate) && startDay < encounter.birthDate) {
    set('start', `The time given is before the patient was born (${encounter.birthDate}): check the date`);
  }

  if (wholeMinutes(f.start, encounter.openedAt) > BEFORE_OPENING_ALLOWANCE_MINUTES) {
    set(
      'start',
      `The visit was opened at ${formatDateTime(encounter.openedAt, zone)}: a dose given more than ${BEFORE_OPENING_ALLOWANCE_MINUTES} min before it cannot be charted here`,
    );
  }

  const closedAt = encounter.closedAt;
  if (closedAt) {
    const closed = formatDateTime(closedAt, zone);
    if (f.start.getTime() > closedAt.getTime()) set('start', `The visit closed at ${closed}: a dose given after the close cannot be charted`);
    if (f.stop && f.stop.getTime() > closedAt.getTime()) set('stop', `The visit closed at ${closed}: the stop time cannot be after the close`);
    if (f.start.getTime() <= closedAt.getTime() && f.chartedAt.getTime() > closedAt.getTime() && !f.lateEntryReason) {
      set('lateEntryReason', `Charted after the visit closed (${closed}): enter a late-entry reason`);
    }
  }

  if (f.stop && f.stop.getTime() >= f.start.getTime()) {
    const minutes = wholeMinutes(f.start, f.stop);
    if ((f.kind === 'push' || f.kind === 'injection') && minutes > MAX_PUSH_MINUTES) {
      set('stop', `A ${f.kind} lasting ${minutes} min is not possible (at most ${MAX_PUSH_MINUTES}): check the times, or chart an infusion`);
    }
    if ((f.kind === 'infusion' || f.kind === 'hydration') && minutes > MAX_INFUSION_MINUTES) {
      set('stop', `An ${f.kind} lasting more than ${MAX_INFUSION_MINUTES / 60} hours is not possible: check the dates`);
    }
  }
  return errors;
}

/**
 * When an amended dose counts as documented, for the late-entry rules: the
 * charting time of the FIRST version of the dose, not the moment of the
 * amendment. Why: the late-entry reason explains a gap between giving a dose
 * and recording it. A correction made later (with its own correction reason)
 * does not make the original record late; but an amendment that moves the
 * given-at time earlier than the threshold before that first charting (or
 * documents a dose given before a close it was recorded after) turns the entry
 * into a late entry, and needs the reason. Measuring against "now" instead
 * would demand a late-entry reason for every correction made an hour after the
 * dose, which explains nothing.
 * @param versions charting times (UTC) of the versions of the dose, any order
 */
export function documentedAtForAmendment(versions: readonly Date[]): Date {
  return new Date(Math.min(...versions.map((d) => d.getTime())));
}

/**
 * The form's wall-clock start and stop read in the facility's zone, with a
 * field error for a time that does not exist. NOW ("now": the field was left
 * untouched) is the server's clock `now`, to the minute (as every typed time
 * is, so a stop typed in the same minute is not "before" it). A push or
 * injection whose stop is NOW is charted with stop = start (issue 12 item 1:
 * "a push is charted with stop = start unless the nurse edits it"); an
 * infusion's NOW stop is the clock.
 */
export function administeredTimes(
  input: { start: string; stop?: string | undefined; kind?: string },
  timeZone: string,
  now: Date = new Date(),
): { start: Date | null; stop: Date | null; errors: Record<string, string> } {
  const clock = startOfMinute(now);
  const start = input.start === NOW ? clock : fromLocalInput(input.start, timeZone);
  const instantaneous = input.kind === 'push' || input.kind === 'injection';
  let stop: Date | null = null;
  if (input.stop === NOW) stop = instantaneous ? start : clock;
  else if (input.stop) stop = fromLocalInput(input.stop, timeZone);
  const errors: Record<string, string> = {};
  if (!start) errors.start = 'That time does not exist';
  if (input.stop && input.stop !== NOW && !stop) errors.stop = 'That time does not exist';
  return { start, stop, errors };
}

/** The container a dose was drawn from (a formulary product). */
export interface ContainerFacts {
  description: string;
  /** Drug amount in one container, decimal text, in `amountUnit`. */
  amountPerContainer: string;
  amountUnit: DoseUnit;
  /** Drug amount per mL (in `amountUnit`), when the product is a solution. */
  amountPerMl?: string | null | undefined;
}

/** An amount in `unit` expressed in the container's unit: same dimension, or mL via the strength per mL, or mEq via mg per mEq; null when they cannot be compared. */
function inContainerUnit(value: Dec, unit: DoseUnit, container: ContainerFacts, mgPerMeq: string | null | undefined): Dec | null {
  const direct = convert(value, unit, container.amountUnit);
  if (direct) return direct;
  if (unit === 'mL' && container.amountPerMl) return mul(value, parseDecimal(container.amountPerMl)!);
  if (unit === 'mEq' && mgPerMeq) return convert(mul(value, parseDecimal(mgPerMeq)!), 'mg', container.amountUnit);
  return null;
}

/**
 * Issue 12 item 10: a waste is at most what was left in the container(s) the
 * dose was drawn from: n × container − dose, n = the fewest whole containers
 * holding the dose (one container: container − dose). Exact decimals
 * (lib/coding/units.ts). The waste is in the dose's unit; a dose in mL is
 * compared through the product's strength per mL, one in mEq through the
 * drug's mg per mEq; other mixed units are refused with what to do.
 * @param dose the charted dose (decimal text and unit)
 * @param waste the wasted amount, decimal text, in the dose's unit
 * @param container the product the dose was drawn from, or null (unknown: not checked)
 * @returns the message for the wasted-amount field, or null when possible
 */
export function wasteProblem(
  dose: { value: string; unit: DoseUnit },
  waste: string,
  container: ContainerFacts | null,
  mgPerMeq?: string | null,
): string | null {
  const wasted = parseDecimal(waste);
  if (!wasted) return 'Enter the wasted amount as a number, e.g. 1';
  if (wasted.n === 0n || !container) return null;
  const amount = parseDecimal(container.amountPerContainer);
  const given = parseDecimal(dose.value);
  if (!amount || amount.n === 0n || !given) return null;
  const doseInC = inContainerUnit(given, dose.unit, container, mgPerMeq);
  const wasteInC = inContainerUnit(wasted, dose.unit, container, mgPerMeq);
  if (!doseInC || !wasteInC) {
    return `The dose is in ${dose.unit} but the container (${container.description}) holds ${container.amountUnit}: chart the dose in ${container.amountUnit} to record a waste`;
  }
  const containers = ceilDiv(doseInC, amount) || 1n;
  const left = subClamp(mul({ n: containers, s: 0 }, amount), doseInC);
  if (cmp(wasteInC, left) <= 0) return null;
  const what = containers === 1n ? `a ${toText(amount)} ${container.amountUnit} container` : `${containers} containers of ${toText(amount)} ${container.amountUnit}`;
  return `At most ${toText(left)} ${container.amountUnit} can be wasted: ${what} minus the ${dose.value} ${dose.unit} dose`;
}
