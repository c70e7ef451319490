// CPT administration codes (coding-rules.md §2–§8 with the §11 defaults).
// Everything runs over administrations sorted by (start, id), so the output
// never depends on the order the chart lists them in.
import { formatElapsed } from '../elapsed';
import type { Adm, Ctx } from './context';
import { RULES, additionalHours, secondaryHydrationUnits, checkAddOnIntegrity, invalidAddOns } from './rules';
import type { CodeLine } from './types';
import { addMinutes, wholeMinutes } from './time';

const MINUTE = 60_000;

/** A line plus its ordering: day group, initial-ness, clock, administration id, emission order. */
export interface PendingLine {
  line: CodeLine;
  day: number;
  initial: number;
  at: number;
  id: string;
  seq: number;
}

/** Per-drug push state for the bedside countdown. */
export interface PushState {
  drug: string;
  drugKey: string;
  lastReported: Adm | null;
  chemo: boolean;
}

export interface AdministrationCoding {
  lines: CodeLine[];
  pushes: Map<string, PushState>;
}

// ---------------------------------------------------------------------------
// §2 push or infusion, §7 bundled services

/** CPT 96416: a prolonged chemotherapy infusion is one of more than 8 hours. */
const PROLONGED_PUMP_MINUTES = 8 * 60;

export function classify(ctx: Ctx, a: Adm): void {
  if (a.kind !== 'injection' && ctx.isBundledName(a.drugName)) {
    a.category = 'bundled';
    ctx.warn(RULES.BUNDLED, 'info', [a.id], `${a.drugName} ${ctx.span(a)}: flushes, IV access and keep-vein-open fluid are part of the service, not separately reportable.`);
    return;
  }
  const integralTo = a.input.integralTo?.trim();
  if (integralTo) {
    // coding-rules.md §7 R-INTEGRAL: part of another procedure; its drug supply line stays (§10).
    a.category = 'integral';
    ctx.warn(RULES.INTEGRAL, 'info', [a.id], `${a.drugName} ${ctx.span(a)} was given as part of ${integralTo}: no administration code of its own (it is part of that procedure); its drug supply line stays.`);
    return;
  }
  switch (a.kind) {
    case 'injection':
      a.category = 'injection';
      return;
    case 'hydration':
      a.category = 'hydration';
      if (a.stop === null) {
        ctx.warn(RULES.DOC_STOP, 'error', [a.id], `${a.drugName} hydration at ${ctx.at(a)} has no stop time: hydration time cannot be billed until the stop time is charted.`);
      }
      return;
    case 'push':
      a.category = 'push';
      // coding-rules.md §2: a charted push is a push regardless of duration.
      if (a.minutes !== null && a.minutes > 15) {
        ctx.warn(RULES.PUSH_DEF, 'info', [a.id], `${a.drugName} was charted as an IV push lasting ${a.minutes} min (${ctx.span(a)}): coded as a push because the clinician gave it in person. If it ran as a drip, chart it as an infusion.`);
      }
      return;
    case 'infusion':
      if (a.stop === null) {
        // coding-rules.md §2: no stop time cannot support infusion codes; the most common denial reason.
        a.category = 'push';
        ctx.warn(RULES.INFUSION_NO_STOP, 'error', [a.id], `${a.drugName} infusion started ${ctx.at(a)} has no stop time: coded as a push until the stop time is charted (infusion codes need start and stop).`);
      } else if (a.minutes! <= 15) {
        // CPT/CMS: an infusion of 15 minutes or less is a push.
        a.category = 'push';
        ctx.warn(RULES.SHORT_INFUSION, 'info', [a.id], `${a.drugName} infusion ${ctx.span(a)} ran ${a.minutes} min: 15 minutes or less counts as an IV push.`);
      } else if (a.chemo && a.input.pump && a.minutes! > PROLONGED_PUMP_MINUTES) {
        // coding-rules.md §5 R-CHEMO-PUMP: more than 8 hours on a pump is 96416, not timed chemo codes.
        a.category = 'pump';
      } else {
        a.category = 'infusion';
        if (a.chemo && a.input.pump) {
          ctx.warn(RULES.CHEMO_PUMP, 'info', [a.id], `${a.drugName} infusion ${ctx.span(a)} on a ${a.input.pump} pump ran ${a.minutes} min: 96416 (prolonged chemotherapy infusion on a pump) needs more than 8 hours, so it is coded by time.`);
        }
      }
      return;
  }
}

// ---------------------------------------------------------------------------
// §6 hydration overlap: union of overlapping intervals, deducted before minimums

export function computeHydrationMinutes(ctx: Ctx, adms: Adm[]): void {
  // Union of every timed push and infusion (disjoint, sorted).
  const starts: number[] = [];
  const ends: number[] = [];
  for (const a of adms) {
    if ((a.category !== 'push' && a.category !== 'infusion' && a.category !== 'pump') || a.stop === null || a.stop <= a.start) continue;
    const last = ends.length - 1;
    if (last >= 0 && a.start <= ends[last]!) {
      if (a.stop > ends[last]!) ends[last] = a.stop;
    } else {
      starts.push(a.start);
      ends.push(a.stop);
    }
  }
  let prevHydrationStop = -Infinity;
  for (const h of adms) {
    if (h.category !== 'hydration' || h.stop === null) continue;
    // Earlier hydrations all start before h, so their union within h is [h.start, max stop).
    const from = Math.max(h.start, prevHydrationStop);
    prevHydrationStop = Math.max(prevHydrationStop, h.stop);
    let netMs = Math.max(0, h.stop - from);
    if (netMs > 0) {
      // First union interval that ends after `from`.
      let lo = 0;
      let hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid]! <= from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < starts.length && starts[i]! < h.stop; i++) {
        netMs -= Math.min(ends[i]!, h.stop) - Math.max(starts[i]!, from);
      }
    }
    h.netMinutes = Math.max(0, Math.trunc(netMs / MINUTE));
    const deducted = (h.minutes ?? 0) - h.netMinutes;
    if (deducted > 0) {
      ctx.warn(RULES.HYDRATION_OVERLAP, 'info', [h.id], `${h.drugName} hydration ${ctx.span(h)}: ${deducted} min ran alongside other infusions, pushes or hydration and do not count; ${h.netMinutes} min of hydration remain.`);
    }
  }
}

// ---------------------------------------------------------------------------
// §3 initial service by rank

/** Rank per coding-rules.md §3 (lower wins); null when it cannot be initial. */
export function initialRank(a: Adm): number | null {
  switch (a.category) {
    case 'infusion':
      return a.chemo ? 1 : 3;
    case 'push':
      return a.chemo ? 2 : 4;
    case 'hydration':
      return a.stop !== null && a.netMinutes >= 31 ? 5 : null;
    default:
      return null;
  }
}

function better(a: Adm, ra: number, b: Adm, rb: number): boolean {
  if (ra !== rb) return ra < rb;
  if (a.start !== b.start) return a.start < b.start;
  return a.id < b.id;
}

interface Group {
  day: string;
  dayIndex: number;
  /** '' = main site group; otherwise a coder-marked separate site. */
  siteKey: string;
  adms: Adm[];
}

// ---------------------------------------------------------------------------
// Entry point for administration codes

export function codeAdministrations(ctx: Ctx, sorted: Adm[]): AdministrationCoding {
  const { opts } = ctx;
  const pending: PendingLine[] = [];
  /** Every code emitted, so add-on integrity is decided without walking the lines. */
  const codes = new Set<string>();
  const pushes = new Map<string, PushState>();

  // Groups: calendar day (per-day option) × coder-marked separate sites.
  const listedSites = new Map<string, string>();
  // Only the coder's choices look administrations up by id; most encounters have none.
  const byId = opts.separateSiteInitials.length > 0 || opts.initialAdministrationId !== null ? new Map(sorted.map((a) => [a.id, a])) : new Map<string, Adm>();
  for (const id of opts.separateSiteInitials) {
    const a = byId.get(id);
    if (!a) {
      ctx.warn(RULES.SECOND_SITE, 'warning', [id], `Separate-site administration "${id}" is not on this encounter: ignored.`);
      continue;
    }
    listedSites.set(a.siteKey !== '' ? `site:${a.siteKey}` : `id:${a.id}`, a.site || a.id);
  }
  // Calendar days in order, for the per-day option's day groups (otherwise there is one group).
  const days = opts.crossMidnight === 'per-day' ? [...new Set(sorted.map((a) => a.day))].sort() : [];
  const groups = new Map<string, Group>();
  for (const a of sorted) {
    const day = opts.crossMidnight === 'per-day' ? a.day : '';
    let siteKey = '';
    if (listedSites.size > 0) {
      if (a.siteKey !== '' && listedSites.has(`site:${a.siteKey}`)) siteKey = `site:${a.siteKey}`;
      else if (listedSites.has(`id:${a.id}`)) siteKey = `id:${a.id}`;
    }
    // Most encounters are one group: skip building a key string per administration.
    const key = day === '' && siteKey === '' ? '|' : `${day}|${siteKey}`;
    let g = groups.get(key);
    if (!g) {
      g = { day, dayIndex: day === '' ? 0 : days.indexOf(day), siteKey, adms: [] };
      groups.set(key, g);
    }
    g.adms.push(a);
  }
  const ordered = [...groups.values()].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : x.siteKey < y.siteKey ? -1 : x.siteKey > y.siteKey ? 1 : 0));

  let overrideUsed = false;
  const overrideId = opts.initialAdministrationId;
  if (overrideId !== null) {
    if (ctx.setting === 'facility') {
      ctx.warn(RULES.INITIAL_OVERRIDE, 'info', [overrideId], `The coder's choice of initial service is not used in a facility: the hierarchy (chemo infusion > chemo push > infusion > push > hydration) is mandatory there.`);
    } else {
      const a = byId.get(overrideId);
      if (!a) ctx.warn(RULES.INITIAL_OVERRIDE, 'warning', [overrideId], `Chosen initial administration "${overrideId}" is not on this encounter: the hierarchy was used.`);
      else if (initialRank(a) === null) ctx.warn(RULES.INITIAL_OVERRIDE, 'warning', [overrideId], `${a.drugName} ${ctx.span(a)} cannot be an initial service (${a.category === 'hydration' ? 'hydration of 30 minutes or less' : a.category}): the hierarchy was used.`);
    }
  }

  // Whether each day has a main-group initial (for the 59 modifier on marked sites).
  const mainHasInitial = new Map<string, boolean>();
  const groupInitials = new Map<Group, Adm | null>();
  for (const g of ordered) {
    let best: Adm | null = null;
    let bestRank = 99;
    let chosen: Adm | null = null;
    for (const a of g.adms) {
      const r = initialRank(a);
      if (r === null) continue;
      if (best === null || better(a, r, best, bestRank)) {
        best = a;
        bestRank = r;
      }
      // coding-rules.md §3: in non-facility the coder may name another initial service.
      if (ctx.setting === 'non-facility' && a.id === overrideId) chosen = a;
    }
    if (chosen && chosen !== best) overrideUsed = true;
    const initial = chosen ?? best;
    groupInitials.set(g, initial);
    if (g.siteKey === '' && initial) mainHasInitial.set(g.day, true);
  }

  for (const g of ordered) {
    const initial = groupInitials.get(g) ?? null;
    let modifier59 = false;
    if (g.siteKey !== '' && initial) {
      if (mainHasInitial.get(g.day)) modifier59 = true;
      else mainHasInitial.set(g.day, true); // first marked site stands in for the main one
    }
    codeGroup(ctx, g, initial, modifier59, overrideUsed && initial?.id === overrideId, pending, codes, pushes);
  }

  // Claim order: day group, initial first, then clock (a stable sort keeps emission order on ties).
  let lines: CodeLine[] = pending.sort(comparePending).map((p) => p.line);

  // coding-rules.md §8: never an add-on without a valid primary. Engine-made
  // lines lacking one are dropped with a warning; after a coder override they
  // stay and are flagged as errors.
  const problems = invalidAddOns(codes).size > 0 ? checkAddOnIntegrity(lines) : [];
  if (problems.length > 0) {
    const drop = new Set<number>();
    for (const p of problems) {
      if (overrideUsed) {
        ctx.warn(RULES.ADDON_NEEDS_PRIMARY, 'error', p.administrationIds, `${p.message} The chosen initial service removed it: fix the initial service or remove this line.`);
      } else {
        drop.add(p.index);
        ctx.warn(RULES.ADDON_NEEDS_PRIMARY, 'warning', p.administrationIds, `${p.message} None is reportable here, so ${p.code} was not reported.`);
      }
    }
    if (drop.size > 0) lines = lines.filter((_, i) => !drop.has(i));
  }

  return { lines, pushes };
}

export function comparePending(x: PendingLine, y: PendingLine): number {
  return x.day - y.day || x.initial - y.initial || x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || x.seq - y.seq;
}

// ---------------------------------------------------------------------------
// §3–§6 within one group (the whole encounter by default)

interface Anchor {
  adm: Adm;
  hourCode: '96366' | '96415';
  minutes: number;
  extraIds: string[];
  seq: number;
}

function codeGroup(ctx: Ctx, g: Group, initial: Adm | null, modifier59: boolean, isOverride: boolean, out: PendingLine[], codes: Set<string>, pushes: Map<string, PushState>): void {
  const { opts, setting } = ctx;
  let seq = 0;
  const emit = (code: string, units: number, ids: string[], rule: string, explanation: string, at: number, firstId: string, isInitial = false, modifiers: string[] = []) => {
    codes.add(code);
    out.push({ line: { code, units, modifiers, administrationIds: ids, rule, explanation }, day: g.dayIndex, initial: isInitial ? (modifier59 ? 1 : 0) : 2, at, id: firstId, seq: seq++ });
  };
  const dayNote = g.day !== '' ? ` (per-day option: one initial service per calendar day, ${g.day})` : '';
  const siteName = g.adms.find((a) => a.siteKey !== '')?.site;
  const siteNote = modifier59 ? ` — separate access site${siteName ? ` ${siteName}` : ''} marked medically necessary by the coder (modifier 59)` : '';

  const seen = new Set<string>();
  const lastReported = new Map<string, Adm>();
  const anchors = new Map<string, Anchor>();
  const anchorList: Anchor[] = [];
  let hydrationTotal: { minutes: number; ids: string[] } | null = null;
  let concurrentLine: Adm | null = null;
  let concurrentNote: string | null = null;
  // Two latest-ending infusions of distinct drugs: the overlap with "any other
  // drug" is O(1) without keeping every running infusion.
  let run1: { key: string; stop: number; adm: Adm } | null = null;
  let run2: { key: string; stop: number; adm: Adm } | null = null;
  const addRunning = (a: Adm) => {
    if (a.stop === null) return;
    if (run1 && run1.key === a.drugKey) {
      if (a.stop > run1.stop) run1 = { key: a.drugKey, stop: a.stop, adm: a };
    } else if (!run1 || a.stop > run1.stop) {
      run2 = run1;
      run1 = { key: a.drugKey, stop: a.stop, adm: a };
    } else if (!run2 || a.stop > run2.stop) {
      run2 = { key: a.drugKey, stop: a.stop, adm: a };
    }
  };
  const windowMin = opts.sameDrugMinutes;
  const inclusive = opts.sameDrugBoundary === 'inclusive';
  const eligibleAfter = (from: number) => addMinutes(from, inclusive ? windowMin : windowMin + 1);
  const boundaryNote = inclusive ? '' : ` (payer rule: more than ${windowMin} min)`;

  const notePush = (a: Adm, reported: boolean) => {
    let st = pushes.get(a.drugKey);
    if (!st) {
      st = { drug: a.drugName, drugKey: a.drugKey, lastReported: null, chemo: a.chemo };
      pushes.set(a.drugKey, st);
    }
    if (a.chemo) st.chemo = true;
    if (reported && (st.lastReported === null || a.start >= st.lastReported.start)) st.lastReported = a;
  };

  // --- the initial service -------------------------------------------------
  if (initial) {
    const extra = `${isOverride ? " — coder's choice of initial service (office setting)" : ''}${dayNote}${siteNote}`;
    const earlierCandidate = g.adms.some((a) => a !== initial && initialRank(a) !== null && a.start < initial.start);
    const byRank = earlierCandidate && !isOverride ? ' — chosen by rank, not by clock' : '';
    const mods = modifier59 ? ['59'] : [];
    if (initial.category === 'push') {
      const what = initial.kind === 'infusion' ? `${initial.drugName} infusion ${ctx.span(initial)}${initial.stop === null ? ' (no stop time)' : ` (${initial.minutes} min, counts as a push)`}` : `${initial.drugName} at ${ctx.at(initial)}`;
      emit(initial.chemo ? '96409' : '96374', 1, [initial.id], RULES.INITIAL, `Initial ${initial.chemo ? 'chemo ' : ''}IV push: ${what}${byRank}${extra}`, initial.start, initial.id, true, mods);
      seen.add(initial.drugKey);
    } else if (initial.category === 'infusion') {
      emit(initial.chemo ? '96413' : '96365', 1, [initial.id], RULES.INITIAL, `Initial ${initial.chemo ? 'chemo ' : ''}IV infusion: ${initial.drugName} ${ctx.span(initial)} (${initial.minutes} min; first hour)${byRank}${extra}`, initial.start, initial.id, true, mods);
      seen.add(initial.drugKey);
      const anchor: Anchor = { adm: initial, hourCode: initial.chemo ? '96415' : '96366', minutes: initial.minutes!, extraIds: [], seq: 0 };
      anchors.set(initial.drugKey, anchor);
      anchorList.push(anchor);
    } else {
      emit('96360', 1, [initial.id], RULES.INITIAL, `Initial hydration: ${initial.drugName} ${ctx.span(initial)} (${initial.netMinutes} min; 31 min to 1 h)${byRank}${extra}`, initial.start, initial.id, true, mods);
      hydrationTotal = { minutes: initial.netMinutes, ids: [initial.id] };
    }
  }
  const initialPushFor = initial && initial.category === 'push' ? initial : null;
  // Secondary hydration runs to add up (R-HYDRATION-TOTAL); a single run is judged alone, as per-run does.
  const secondaryRuns = initial && initial.category !== 'hydration' && opts.hydrationTime === 'total'
    ? g.adms.filter((h) => h.category === 'hydration' && h.stop !== null && h.netMinutes > 0)
    : [];
  const addedRuns = new Set(secondaryRuns.length > 1 ? secondaryRuns : []);

  // --- everything else, in clock order --------------------------------------
  for (const a of g.adms) {
    if (a === initial) {
      if (a.category === 'push') {
        lastReported.set(a.drugKey, a);
        notePush(a, true);
      } else if (a.category === 'infusion') addRunning(a);
      continue;
    }
    switch (a.category) {
      case 'bundled':
      case 'integral':
        break;
      case 'pump':
        // coding-rules.md §5 R-CHEMO-PUMP: its own service, outside the initial hierarchy; it still runs beside later infusions.
        emit('96416', 1, [a.id], RULES.CHEMO_PUMP, `Prolonged chemo infusion on a ${a.input.pump} pump: ${a.drugName} ${ctx.span(a)} (${a.minutes} min, more than 8 hours) → 96416, no timed chemo codes of its own`, a.start, a.id);
        addRunning(a);
        break;
      case 'injection':
        // coding-rules.md §3: IM/SC injections sit outside the IV chain, one unit each.
        emit('96372', 1, [a.id], RULES.INJECTION, `IM/SC injection: ${a.drugName} at ${ctx.at(a)}`, a.start, a.id);
        break;
      case 'push':
        codePush(a);
        break;
      case 'infusion':
        codeInfusion(a);
        break;
      case 'hydration':
        codeHydration(a);
        break;
    }
  }

  // --- time-based hour lines -------------------------------------------------
  for (const an of anchorList) {
    const units = additionalHours(an.minutes);
    if (units === 0) continue;
    const a = an.adm;
    const summed = an.extraIds.length > 0 ? ` (repeat infusion times added: ${an.minutes} min in total — option add-times)` : '';
    emit(an.hourCode, units, [a.id, ...an.extraIds], RULES.INFUSION_ADDL_HOUR,
      `${a.drugName} infusion ${ctx.span(a)}${summed}: ${an.minutes} min is ${an.minutes - 60} min past the first hour → ${units} additional hour${units > 1 ? 's' : ''} (an hour counts when more than 30 min of it is used)`,
      a.start, a.id);
  }
  if (hydrationTotal && initial) {
    const units = additionalHours(hydrationTotal.minutes);
    if (units > 0) {
      emit('96361', units, hydrationTotal.ids, RULES.HYDRATION_ADDL_HOUR,
        `Hydration ${hydrationTotal.ids.length > 1 ? `(${hydrationTotal.ids.length} bags) ` : ''}${hydrationTotal.minutes} min in total: ${hydrationTotal.minutes - 60} min past the first hour → ${units} additional hour${units > 1 ? 's' : ''} (an hour counts when more than 30 min of it is used)`,
        initial.start, initial.id);
    }
  }

  // coding-rules.md §6 R-HYDRATION-TOTAL (CPT Assistant June 2007): secondary runs are added, then judged once.
  if (addedRuns.size > 0) {
    const runs = [...addedRuns];
    const total = runs.reduce((sum, h) => sum + h.netMinutes, 0);
    const listed = runs.map((h) => `${h.drugName} ${ctx.span(h)} ${h.netMinutes} min${h.netMinutes !== h.minutes ? ' after overlap' : ''}`).join(' + ');
    const units = secondaryHydrationUnits(total);
    if (units === 0) {
      ctx.warn(RULES.HYDRATION_MIN, 'warning', runs.map((h) => h.id), `Hydration runs added (option hydrationTime: total): ${listed} = ${total} min: 30 minutes or less is not reportable.`);
    } else {
      emit('96361', units, runs.map((h) => h.id), RULES.HYDRATION_TOTAL,
        `Hydration after a different initial service, runs added (CPT Assistant June 2007): ${listed} = ${total} min → ${units} unit${units > 1 ? 's' : ''} (1 for more than 30 min, plus each further hour with more than 30 min used)`,
        runs[0]!.start, runs[0]!.id);
    }
  }

  // ---------------------------------------------------------------------------
  function codePush(a: Adm): void {
    const t = ctx.at(a);
    const infusedBefore = a.kind === 'infusion' ? anchors.get(a.drugKey) : undefined;
    if (infusedBefore) {
      // coding-rules.md §5 R-INF-REPEAT: a repeat of 15 minutes or less follows the push rules, always confirmed.
      ctx.warn(RULES.INF_REPEAT, 'warning', [a.id], `${a.drugName} infused again ${ctx.span(a)} after the ${ctx.at(infusedBefore.adm)} infusion: a repeat of 15 minutes or less is coded by the push rules. Please confirm.`);
    }
    if (!seen.has(a.drugKey)) {
      // coding-rules.md §4: a drug neither the initial's nor given earlier is new.
      seen.add(a.drugKey);
      if (a.chemo) emit('96411', 1, [a.id], RULES.PUSH_NEW_DRUG, `Chemo IV push of a new drug: ${a.drugName} at ${t}`, a.start, a.id);
      else emit('96375', 1, [a.id], RULES.PUSH_NEW_DRUG, `IV push of a new drug: ${a.drugName} at ${t}`, a.start, a.id);
      lastReported.set(a.drugKey, a);
      notePush(a, true);
      return;
    }
    notePush(a, false);
    if (a.chemo) {
      // CPT: no add-on code exists for a repeat push of the same chemo drug.
      ctx.warn(RULES.CHEMO_SAME_DRUG, 'info', [a.id], `${a.drugName} chemo push again at ${t}: a repeat push of the same chemo drug has no add-on code; nothing reported for it.`);
      return;
    }
    if (setting === 'non-facility') {
      // coding-rules.md §4: 96376 is facility only (CMS Pub 100-04 ch.4 §230.2); never turned into 96375.
      ctx.warn(RULES.SAME_DRUG_OFFICE, 'info', [a.id], `${a.drugName} again at ${t}: in an office a repeat push of the same drug has no code (96376 is for facilities only); nothing reported for it.`);
      return;
    }
    const prev = lastReported.get(a.drugKey);
    if (prev) {
      const elapsed = wholeMinutes(prev.start, a.start);
      const ok = inclusive ? elapsed >= windowMin : elapsed > windowMin;
      if (!ok) {
        // coding-rules.md §4 R-SAME-DRUG-30MIN: measured start to start from the last reported push.
        const from = eligibleAfter(prev.start);
        ctx.warn(RULES.SAME_DRUG_30MIN, 'warning', [a.id], `${a.drugName} again at ${t} is ${elapsed} min after the ${ctx.at(prev)} push: not separately reportable; eligible from ${ctx.t(from)}${boundaryNote}`, from);
        return;
      }
      if (!futureInitialClear(a)) return;
      emit('96376', 1, [a.id], RULES.PUSH_SAME_DRUG, `${a.drugName} again at ${t}, ${formatElapsed(new Date(prev.start), new Date(a.start))} after the ${ctx.at(prev)} push: same drug, at least ${windowMin}${inclusive ? '' : '+'} min later → 96376 (facility)`, a.start, a.id);
    } else {
      if (!futureInitialClear(a)) return;
      // coding-rules.md §11: a push of a drug first given by infusion is the "same drug".
      const inf = g.adms.find((x) => x.drugKey === a.drugKey && x.category === 'infusion');
      const how = inf ? `first given by infusion ${ctx.span(inf)}` : 'given earlier in this encounter';
      emit('96376', 1, [a.id], RULES.PUSH_SAME_DRUG, `${a.drugName} push at ${t}: same drug as ${how} ("same drug" looks back over the whole encounter) → 96376 (facility)`, a.start, a.id);
    }
    lastReported.set(a.drugKey, a);
    notePush(a, true);
  }

  /** An initial push of the same drug later in the clock keeps its own 30-minute window. */
  function futureInitialClear(a: Adm): boolean {
    if (!initialPushFor || initialPushFor.drugKey !== a.drugKey || initialPushFor.start < a.start) return true;
    const gap = wholeMinutes(a.start, initialPushFor.start);
    if (inclusive ? gap >= windowMin : gap > windowMin) return true;
    ctx.warn(RULES.SAME_DRUG_30MIN, 'warning', [a.id], `${a.drugName} at ${ctx.at(a)} is ${gap} min before the initial ${a.drugName} push at ${ctx.at(initialPushFor)}: not separately reportable.`);
    return false;
  }

  function codeInfusion(a: Adm): void {
    const span = ctx.span(a);
    // --- concurrent (96368): overlaps an infusion of another drug that started first, or the initial.
    if (!a.chemo) {
      let overlapMs = 0;
      let other: Adm | null = null;
      const r = run1 && run1.key !== a.drugKey ? run1 : run2;
      if (r && r.stop > a.start) {
        overlapMs = Math.min(r.stop, a.stop!) - a.start;
        other = r.adm;
      }
      if (initial && initial.category === 'infusion' && initial.start >= a.start && initial.drugKey !== a.drugKey) {
        const ov = Math.min(initial.stop!, a.stop!) - initial.start;
        if (ov > overlapMs) {
          overlapMs = ov;
          other = initial;
        }
      }
      const minOv = opts.concurrentMinOverlapMinutes;
      const isConcurrent = other !== null && overlapMs > 0 && (minOv === 0 || Math.trunc(overlapMs / MINUTE) > minOv);
      if (isConcurrent && other && !concurrentLine) {
        seen.add(a.drugKey);
        addRunning(a);
        const minNote = minOv > 0 ? ` (overlap ${Math.trunc(overlapMs / MINUTE)} min > ${minOv} min minimum)` : '';
        concurrentLine = a;
        emit('96368', 1, [a.id], RULES.INFUSION_CONCURRENT, `Concurrent IV infusion: ${a.drugName} ${span} ran at the same time as ${other.drugName} (${ctx.span(other)})${minNote}; reported once per encounter, not by time`, a.start, a.id);
        return;
      }
      if (isConcurrent && other && concurrentLine) {
        // coding-rules.md §5 R-CONCURRENT-LIMIT: 96368 is used; never drop the infusion silently.
        // The same for every infusion past the first concurrent one: made when first needed, then shared.
        const already = (concurrentNote ??= `96368 is reported once per encounter (already for ${concurrentLine.drugName} at ${ctx.at(concurrentLine)})`);
        if (opts.concurrentLimit === 'none') {
          seen.add(a.drugKey);
          addRunning(a);
          ctx.warn(RULES.CONCURRENT_LIMIT, 'warning', [a.id], `${a.drugName} ${span} ran at the same time as ${other.drugName} (${ctx.span(other)}), but ${already}: not reported (option concurrentLimit: none). Please confirm.`);
          return;
        }
        ctx.warn(RULES.CONCURRENT_LIMIT, 'warning', [a.id], `${a.drugName} ${span} ran at the same time as ${other.drugName} (${ctx.span(other)}), but ${already}: coded as a sequential infusion instead. Please confirm.`);
      }
    }
    addRunning(a);
    const newCode = a.chemo ? '96417' : '96367';
    const hourCode = a.chemo ? '96415' : '96366';
    const anchor = anchors.get(a.drugKey);
    if (!seen.has(a.drugKey) || !anchor) {
      const repeatOfPush = seen.has(a.drugKey);
      seen.add(a.drugKey);
      emit(newCode, 1, [a.id], RULES.INFUSION_SEQUENTIAL, `Sequential ${a.chemo ? 'chemo ' : ''}IV infusion of ${repeatOfPush ? 'a drug not yet infused' : 'a new drug'}: ${a.drugName} ${span} (${a.minutes} min; first hour)`, a.start, a.id);
      const an: Anchor = { adm: a, hourCode, minutes: a.minutes!, extraIds: [], seq: 0 };
      anchors.set(a.drugKey, an);
      anchorList.push(an);
      if (repeatOfPush) {
        ctx.warn(RULES.INF_REPEAT, 'warning', [a.id], `${a.drugName} was given earlier in this encounter, but not as a timed infusion: this infusion is coded as ${newCode}. Please confirm.`);
      }
      return;
    }
    // coding-rules.md §5 R-INF-REPEAT: guidance differs; default adds one additional hour.
    const prior = anchor.adm;
    if (opts.repeatInfusion === 'none') {
      ctx.warn(RULES.INF_REPEAT, 'warning', [a.id], `${a.drugName} infused again ${span} (${a.minutes} min) after the ${ctx.at(prior)} infusion: repeat infusion of the same drug not reported (option repeatInfusion: none). Please confirm.`);
      return;
    }
    if (opts.repeatInfusion === 'add-times') {
      anchor.minutes += a.minutes!;
      anchor.extraIds.push(a.id);
      ctx.warn(RULES.INF_REPEAT, 'warning', [a.id], `${a.drugName} infused again ${span} (${a.minutes} min): its time is added to the ${ctx.at(prior)} infusion (option add-times, ${anchor.minutes} min in total). Please confirm.`);
      return;
    }
    const units = 1 + additionalHours(a.minutes!);
    emit(hourCode, units, [a.id], RULES.INF_REPEAT, `${a.drugName} infused again ${span} (${a.minutes} min): repeat infusion of the same drug → ${hourCode} × ${units} (default; confirm)`, a.start, a.id);
    ctx.warn(RULES.INF_REPEAT, 'warning', [a.id], `${a.drugName} was already infused at ${ctx.at(prior)}; this repeat is coded ${hourCode} × ${units} by default. Published guidance differs (add the times together, or report nothing): please confirm.`);
  }

  function codeHydration(a: Adm): void {
    if (a.stop === null) return; // warned in classify
    const m = a.netMinutes;
    if (initial && initial.category === 'hydration') {
      // More hydration after the initial hydration is more hydration time (96361 by the hour formula).
      if (m > 0 && hydrationTotal) {
        hydrationTotal.minutes += m;
        hydrationTotal.ids.push(a.id);
      }
      return;
    }
    if (!initial) {
      ctx.warn(RULES.HYDRATION_MIN, 'warning', [a.id], `${a.drugName} hydration ${ctx.span(a)} is ${m} min of hydration: 30 minutes or less is not reportable.`);
      return;
    }
    if (addedRuns.has(a)) return; // judged together after the loop
    const units = secondaryHydrationUnits(m);
    if (units === 0) {
      ctx.warn(RULES.HYDRATION_MIN, 'warning', [a.id], `${a.drugName} hydration ${ctx.span(a)} is ${m} min of hydration${m !== a.minutes ? ' after overlap' : ''}: 30 minutes or less is not reportable.`);
      return;
    }
    emit('96361', units, [a.id], RULES.HYDRATION_SECONDARY,
      `Hydration after a different initial service: ${a.drugName} ${ctx.span(a)}, ${m} min${m !== a.minutes ? ' after overlap' : ''} → ${units} unit${units > 1 ? 's' : ''} (1 for more than 30 min, plus each further hour with more than 30 min used)`,
      a.start, a.id);
  }
}
