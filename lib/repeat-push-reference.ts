// Which push a 96376 was measured from, for a reader of the printed summary
// (issue 15 item 6). coding-rules.md §4 R-SAME-DRUG-30MIN / R-PUSH-SAME-DRUG:
// a repeat push of the same drug is measured start to start from the last
// *reported* push of that drug, not from the last push given (a push within
// the window is not reported and does not restart the clock). The engine's
// lines say which doses each code reports (administrationIds) but name the
// reference only in the explanation text, so it is derived here from the lines.
import { formatElapsed } from './timeline';

/** The codes that report a push (initial 96374 / chemo 96409, new drug 96375 / 96411, same drug 96376). */
export const PUSH_CODES: ReadonlySet<string> = new Set(['96374', '96375', '96376', '96409', '96411']);

export interface PushDose {
  id: number;
  /** Formulary drug key: "same drug" as the engine sees it. */
  drugKey: string;
  /** Given at (UTC instant). */
  startAt: Date;
  status: 'active' | 'amended' | 'entered-in-error';
}

/** A claim line as the engine (or the coder's final lines) give it: the code and the doses it reports (ids as strings). */
export interface ReportingLine {
  code: string;
  administrationIds: ReadonlyArray<string>;
}

export interface RepeatPushReference {
  /** The earlier push the interval is measured from. */
  referenceId: number;
  referenceAt: Date;
  /** Whole minutes, start to start (seconds truncated, coding-rules.md §1). */
  minutes: number;
}

/**
 * For each dose a 96376 line reports: the last earlier current dose of the
 * same drug that a push code reports (`PUSH_CODES`), with the whole minutes
 * between the two starts. A 96376 with no earlier reported push (the drug was
 * first given by infusion, coding-rules.md §11) maps to null. Doses no 96376
 * reports are absent from the map. Ties in start time go by id (charting order).
 */
export function repeatPushReferences(doses: ReadonlyArray<PushDose>, lines: ReadonlyArray<ReportingLine>): Map<number, RepeatPushReference | null> {
  const reported = new Set<number>();
  const repeats = new Set<number>();
  for (const line of lines) {
    if (!PUSH_CODES.has(line.code)) continue;
    for (const id of line.administrationIds) {
      reported.add(Number(id));
      if (line.code === '96376') repeats.add(Number(id));
    }
  }
  const byId = new Map(doses.map((d) => [d.id, d]));
  const before = (a: PushDose, b: PushDose) => a.startAt.getTime() < b.startAt.getTime() || (a.startAt.getTime() === b.startAt.getTime() && a.id < b.id);
  const out = new Map<number, RepeatPushReference | null>();
  for (const id of repeats) {
    const dose = byId.get(id);
    if (!dose) continue;
    let ref: PushDose | null = null;
    for (const d of doses) {
      if (d.drugKey !== dose.drugKey || d.status !== 'active' || !reported.has(d.id) || !before(d, dose)) continue;
      if (!ref || before(ref, d)) ref = d;
    }
    out.set(id, ref ? { referenceId: ref.id, referenceAt: ref.startAt, minutes: Math.trunc((dose.startAt.getTime() - ref.startAt.getTime()) / 60_000) } : null);
  }
  return out;
}

/**
 * The interval as the print shows it for a 96376 dose: "35 min after the
 * reported 14:27 push" (`time` formats the reference instant, e.g. with the
 * date when the encounter spans days); without a reported push before it,
 * "same drug given earlier (no earlier reported push)".
 */
export function repeatPushInterval(doseStart: Date, ref: RepeatPushReference | null, time: (instant: Date) => string): string {
  if (!ref) return 'same drug given earlier (no earlier reported push)';
  return `${formatElapsed(ref.referenceAt, doseStart)} after the reported ${time(ref.referenceAt)} push`;
}
