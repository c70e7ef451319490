// Shared state for one engine run: resolved options (coding-rules.md §11
// defaults), normalised administrations and the warning sink.
import { STARTER_FORMULARY, type FormularyDrug } from '../formulary/starter-formulary';
import type { EncounterInput, AdministrationInput } from './schema';
import type { CodingWarning, Severity } from './types';
import { ZoneClock, toIsoUtc } from './time';
import type { Dec } from './units';

export interface ResolvedOptions {
  timeZone: string;
  sameDrugMinutes: number;
  sameDrugBoundary: 'inclusive' | 'exclusive';
  initialAdministrationId: string | null;
  separateSiteInitials: string[];
  crossMidnight: 'encounter' | 'per-day';
  repeatInfusion: 'additional-hour' | 'add-times' | 'none';
  concurrentMinOverlapMinutes: number;
  hcpcsRounding: 'per-day' | 'per-dose';
  jwJz: 'apply' | 'none';
  formulary: readonly FormularyDrug[];
  requireDocumentation: boolean;
  /** R-DOC-ORDER: every administration names its ordering provider and order type (coding-rules.md §9). */
  requireOrder: boolean;
  now: number | null;
  clockSkewMinutes: number;
  lateEntryThresholdMinutes: number;
  /** R-CONCURRENT-LIMIT (coding-rules.md §5). */
  concurrentLimit: 'sequential' | 'none';
  /** R-HYDRATION-TOTAL (coding-rules.md §6). */
  hydrationTime: 'total' | 'per-run';
}

export function resolveOptions(input: EncounterInput, parseNow: (s: string) => number | null): ResolvedOptions {
  const o = input.options ?? {};
  return {
    timeZone: o.timeZone ?? 'UTC',
    sameDrugMinutes: o.sameDrugMinutes ?? 30,
    sameDrugBoundary: o.sameDrugBoundary ?? 'inclusive',
    initialAdministrationId: o.initialAdministrationId ?? null,
    separateSiteInitials: o.separateSiteInitials ?? [],
    crossMidnight: o.crossMidnight ?? 'encounter',
    repeatInfusion: o.repeatInfusion ?? 'additional-hour',
    concurrentMinOverlapMinutes: o.concurrentMinOverlapMinutes ?? 0,
    hcpcsRounding: o.hcpcsRounding ?? 'per-day',
    jwJz: o.jwJz ?? 'apply',
    formulary: o.formulary ?? STARTER_FORMULARY,
    requireDocumentation: o.requireDocumentation ?? false,
    requireOrder: o.requireOrder ?? false,
    now: o.now ? parseNow(o.now) : null,
    clockSkewMinutes: o.clockSkewMinutes ?? 5,
    lateEntryThresholdMinutes: o.lateEntryThresholdMinutes ?? 60,
    concurrentLimit: o.concurrentLimit ?? 'sequential',
    hydrationTime: o.hydrationTime ?? 'total',
  };
}

/**
 * How the administration is coded (coding-rules.md §2): `pump` is a chemo
 * infusion of more than 8 hours on a pump (96416, §5 R-CHEMO-PUMP); `integral`
 * is part of another procedure and has no administration code (§7 R-INTEGRAL).
 */
export type Category = 'push' | 'infusion' | 'hydration' | 'injection' | 'bundled' | 'pump' | 'integral';

export interface Adm {
  id: string;
  input: AdministrationInput;
  /** The name as charted, trimmed. */
  drugName: string;
  drugKey: string;
  formulary: FormularyDrug | undefined;
  kind: AdministrationInput['kind'];
  chemo: boolean;
  start: number;
  stop: number | null;
  site: string;
  siteKey: string;
  category: Category;
  /** stop − start in whole minutes, or null without a stop. */
  minutes: number | null;
  /** Hydration minutes left after deducting overlap (coding-rules.md §6). */
  netMinutes: number;
  /** Local date of the start, YYYY-MM-DD. */
  day: string;
  /** The charted dose amount, parsed; null when not charted or not a number. */
  dose: Dec | null;
  /** Its start and its time span as explanations print them (Ctx.at, Ctx.span), once asked for; null before. */
  startText: string | null;
  spanText: string | null;
}

// coding-rules.md §7: access, flushes and KVO fluid are never separately reportable.
const BUNDLED_RE = /\b(flush|flushes|kvo|tko|keep vein open|iv start|saline lock|hep lock)\b/;

export class Ctx {
  readonly warnings: CodingWarning[] = [];
  readonly clock: ZoneClock;
  /** Explanations include the date when the encounter spans several local days. */
  withDate = false;
  private readonly bundledNames = new Map<string, boolean>();

  constructor(
    readonly setting: 'facility' | 'non-facility',
    readonly opts: ResolvedOptions,
  ) {
    this.clock = new ZoneClock(opts.timeZone);
  }

  /** Whether a drug name names a flush, IV access or keep-vein-open fluid (§7); each distinct name is lower-cased once per run. */
  isBundledName(drugName: string): boolean {
    let bundled = this.bundledNames.get(drugName);
    if (bundled === undefined) this.bundledNames.set(drugName, (bundled = BUNDLED_RE.test(drugName.toLowerCase())));
    return bundled;
  }

  t(ms: number): string {
    return this.clock.label(ms, this.withDate);
  }

  /** The dose's start as explanations print it (`t`); made once per dose, when an explanation first needs it. */
  at(a: Adm): string {
    return (a.startText ??= this.t(a.start));
  }

  /** "at 10:20" or "10:20–11:05" (dated when `withDate`); made once per dose, when an explanation first needs it. */
  span(a: Adm): string {
    return (a.spanText ??= a.stop === null ? `at ${this.at(a)}` : `${this.at(a)}–${this.t(a.stop)}`);
  }

  warn(rule: string, severity: Severity, administrationIds: string[], message: string, eligibleFrom?: number): void {
    const w: CodingWarning = { rule, severity, administrationIds, message };
    if (eligibleFrom !== undefined) w.eligibleFrom = toIsoUtc(eligibleFrom);
    this.warnings.push(w);
  }
}
