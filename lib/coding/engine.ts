// codeEncounter: chart in, claim lines out. Pure: no clock, no I/O, no React,
// so the bedside sidebar and server actions run the same code.
import { codeAdministrations, classify, computeHydrationMinutes, type PushState } from './administration-codes';
import { Ctx, resolveOptions, type Adm } from './context';
import { documentationGaps, type DocGap } from './documentation';
import { formularyIndex, identifyDrug } from './drug-identity';
import { RULES } from './rules';
import type { EncounterInput } from './schema';
import { buildSupplyLines } from './supply-lines';
import { addMinutes, parseInstant, toIsoUtc, wholeMinutes } from './time';
import { parseDecimal } from './units';
import type { EncounterCodingResult, NextEligible } from './types';

export const ENGINE_VERSION = '1.0.0';

const IV_KINDS = new Set(['push', 'infusion', 'hydration']);

/**
 * Codes one encounter (coding-rules.md §12). Expects input that passed
 * `encounterInputSchema`; anything still unusable (an unparseable start) is
 * reported as an error warning rather than thrown.
 */
export function codeEncounter(input: EncounterInput): EncounterCodingResult {
  const opts = resolveOptions(input, parseInstant);
  const ctx = new Ctx(input.setting, opts);
  const index = formularyIndex(opts.formulary);

  // --- normalise ----------------------------------------------------------
  // Times are read first, in chart order (their warnings follow the chart).
  // The normalised records are then built in clock order, so every later pass
  // walks them in the order they sit in memory: on a long encounter, passes
  // that hop between records allocated in chart order were cache-bound.
  const list = input.administrations;
  const starts = new Float64Array(list.length);
  const stops = new Float64Array(list.length);
  const gaps = new Array<readonly DocGap[]>(list.length);
  const docOptions = { requireDocumentation: opts.requireDocumentation };
  const valid: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw = list[i]!;
    const start = parseInstant(raw.start);
    if (start === null) {
      ctx.warn(RULES.DOC_START, 'error', [raw.id], `Administration ${raw.id} has no valid start time: it cannot be coded.`);
      continue;
    }
    let stop = raw.stop ? parseInstant(raw.stop) : null;
    if (stop !== null && stop < start) {
      ctx.warn(RULES.STOP_BEFORE_START, 'error', [raw.id], `Administration ${raw.id}: the stop time is before the start time; the stop time is ignored until corrected.`);
      stop = null;
    }
    starts[i] = start;
    stops[i] = stop === null ? NaN : stop;
    // Read while the entry's strings are still in cache.
    gaps[i] = documentationGaps(raw, docOptions);
    valid.push(i);
  }
  const order = clockOrder(list, starts, valid);

  const adms: Adm[] = new Array<Adm>(order.length);
  const days = new Set<string>();
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const raw = list[i]!;
    const start = starts[i]!;
    const stopMs = stops[i]!;
    const stop = Number.isNaN(stopMs) ? null : stopMs;
    const drugName = raw.drug.trim();
    const ident = drugName === '' && !raw.drugKey ? { key: `(unnamed ${raw.id})`, formulary: undefined } : identifyDrug(drugName, raw.drugKey, index);
    const site = raw.site ? raw.site.trim() : '';
    const day = ctx.clock.date(start);
    days.add(day);
    adms[k] = {
      id: raw.id,
      input: raw,
      drugName: drugName || ident.formulary?.name || '(drug not recorded)',
      drugKey: ident.key,
      formulary: ident.formulary,
      kind: raw.kind,
      chemo: raw.chemo === true,
      start,
      stop,
      site,
      siteKey: siteKeyOf(site),
      category: 'push',
      minutes: stop === null ? null : wholeMinutes(start, stop),
      netMinutes: 0,
      day,
      docGaps: gaps[i]!,
      chartedAt: raw.chartedAt ? parseInstant(raw.chartedAt) : null,
      // Read now, while the entry is in cache; supply lines come much later.
      dose: raw.dose ? parseDecimal(raw.dose.value) : null,
      doseUnit: raw.dose ? raw.dose.unit : '',
      vial: raw.ndc != null || raw.containerType != null || raw.containerAmount != null || raw.wasted != null ? raw : null,
    };
  }
  ctx.withDate = days.size > 1;

  // --- documentation (§9) -------------------------------------------------------
  for (const a of adms) {
    for (const gap of a.docGaps) {
      // Infusions without a stop get the error-level R-INFUSION-NO-STOP, hydration its own error.
      if (gap.rule === RULES.DOC_STOP && (a.kind === 'infusion' || a.kind === 'hydration') && a.input.stop === null) continue;
      ctx.warn(gap.rule, 'warning', [a.id], `${a.drugName} ${a.stop === null ? `at ${ctx.t(a.start)}` : `${ctx.t(a.start)}–${ctx.t(a.stop)}`}: ${gap.label.toLowerCase()} not documented.`);
    }
    if (opts.now !== null && (a.start > addMinutes(opts.now, opts.clockSkewMinutes) || (a.stop !== null && a.stop > addMinutes(opts.now, opts.clockSkewMinutes)))) {
      ctx.warn(RULES.FUTURE_TIME, 'error', [a.id], `${a.drugName} is charted in the future (${ctx.t(a.start)}): administration times cannot be later than now.`);
    }
    const charted = a.chartedAt;
    if (charted !== null && wholeMinutes(a.start, charted) > opts.lateEntryThresholdMinutes && !(a.input.lateEntryReason ?? '').trim()) {
      ctx.warn(RULES.LATE_ENTRY, 'warning', [a.id], `${a.drugName} given at ${ctx.t(a.start)} was charted ${wholeMinutes(a.start, charted)} min later: a late entry needs a reason.`);
    }
  }

  // --- §2 classification, §6 hydration overlap ----------------------------------
  // §3 IV access sites are noted in the same pass; their warning comes after the hydration notes.
  const ivSites = new Map<string, string>();
  const ivSiteIds: string[] = [];
  for (const a of adms) {
    classify(ctx, a);
    if (IV_KINDS.has(a.kind) && a.category !== 'bundled' && a.siteKey !== '') {
      if (!ivSites.has(a.siteKey)) ivSites.set(a.siteKey, a.site);
      ivSiteIds.push(a.id);
    }
  }
  computeHydrationMinutes(ctx, adms);

  if (days.size > 1 && opts.crossMidnight === 'encounter' && adms.length > 0) {
    ctx.warn(RULES.CROSS_MIDNIGHT, 'info', [], `This encounter crosses midnight (${[...days].sort().join(' to ')}): coded as one encounter with one initial service (CMS facility reading; option per-day codes one initial per calendar day).`);
  }

  // --- §3 second site ---------------------------------------------------------
  if (ivSites.size >= 2) {
    const ids = ivSiteIds;
    const marked = opts.separateSiteInitials.length > 0;
    ctx.warn(RULES.SECOND_SITE, marked ? 'info' : 'warning', ids,
      marked
        ? `${ivSites.size} IV access sites (${[...ivSites.values()].join(', ')}); the coder marked a medically necessary separate site, which gets its own initial code with modifier 59.`
        : `${ivSites.size} IV access sites (${[...ivSites.values()].join(', ')}): still one initial code. If a second site was medically necessary, a coder can mark it to add a second initial code with modifier 59.`);
  }

  // --- §3–§8 administration codes ------------------------------------------------
  const { lines, pushes } = codeAdministrations(ctx, adms);

  // --- §10 supply lines ---------------------------------------------------------
  const supplyLines = buildSupplyLines(ctx, adms);

  return {
    lines,
    warnings: ctx.warnings,
    supplyLines,
    nextEligible: nextEligible(ctx, pushes),
    engineVersion: ENGINE_VERSION,
  };
}

/**
 * Chart positions `valid` ordered by (start, id), ties kept in chart order:
 * exactly a stable sort by clock. A comparator sort makes n·log n calls into
 * JavaScript, a visible cost for a long encounter charted out of clock order.
 * Instead each start is packed with its chart position into one exact number
 * and the numbers get a native sort; only runs with the same start are then
 * ordered by id (stable, so equal ids keep chart order too).
 */
function clockOrder(list: ReadonlyArray<{ id: string }>, starts: Float64Array, valid: number[]): number[] {
  const n = list.length;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (const i of valid) {
    const s = starts[i]!;
    if (s < min) min = s;
    if (s > max) max = s;
    if (!Number.isInteger(s)) integral = false;
  }
  // The packed key (start − min)·n + position must be an exact integer.
  if (valid.length < 2 || !integral || !((max - min + 1) * n <= Number.MAX_SAFE_INTEGER)) {
    return valid.sort((x, y) => starts[x]! - starts[y]! || (list[x]!.id < list[y]!.id ? -1 : list[x]!.id > list[y]!.id ? 1 : x - y));
  }
  const keys = new Float64Array(valid.length);
  for (let k = 0; k < valid.length; k++) keys[k] = (starts[valid[k]!]! - min) * n + valid[k]!;
  keys.sort();
  const order = new Array<number>(valid.length);
  for (let k = 0; k < keys.length; k++) order[k] = keys[k]! % n;
  // Runs sharing a start are in chart order; order each by id with a stable
  // insertion sort. Runs are short (a few entries charted at the same minute).
  // Ids are read only inside such runs: each read is a visit to the charted entry.
  for (let k = 1; k < order.length; k++) {
    const i = order[k]!;
    const s = starts[i]!;
    if (starts[order[k - 1]!] !== s) continue;
    const id = list[i]!.id;
    let j = k;
    while (j > 0 && starts[order[j - 1]!] === s && list[order[j - 1]!]!.id > id) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = i;
  }
  return order;
}

const siteKeys = new Map<string, string>();
/** "L AC  20g" and "l ac 20G" are the same site. */
function siteKeyOf(site: string): string {
  let k = siteKeys.get(site);
  if (k === undefined) {
    k = site.toLowerCase().replace(/\s+/g, ' ');
    if (siteKeys.size > 10_000) siteKeys.clear();
    siteKeys.set(site, k);
  }
  return k;
}

function nextEligible(ctx: Ctx, pushes: Map<string, PushState>): NextEligible[] {
  const { sameDrugMinutes, sameDrugBoundary } = ctx.opts;
  const out: NextEligible[] = [];
  const keys = [...pushes.keys()].sort();
  for (const key of keys) {
    const st = pushes.get(key)!;
    const last = st.lastReported;
    // Spelled out rather than spread from a shared base: V8 clones such objects slowly.
    const entry = (eligibleFrom: string | null, reason?: string): NextEligible => {
      const e: NextEligible = {
        drug: st.drug,
        drugKey: st.drugKey,
        lastReportedAdministrationId: last ? last.id : null,
        lastReportedAt: last ? toIsoUtc(last.start) : null,
        eligibleFrom,
      };
      if (reason !== undefined) e.reason = reason;
      return e;
    };
    if (st.chemo) {
      out.push(entry(null, 'A repeat push of the same chemo drug has no add-on code.'));
    } else if (ctx.setting === 'non-facility') {
      out.push(entry(null, 'Office setting: a repeat push of the same drug is never separately reportable (96376 is facility only).'));
    } else if (!last) {
      out.push(entry(null, 'No push of this drug has been reported yet.'));
    } else {
      const from = addMinutes(last.start, sameDrugBoundary === 'inclusive' ? sameDrugMinutes : sameDrugMinutes + 1);
      out.push(entry(toIsoUtc(from)));
    }
  }
  return out;
}
