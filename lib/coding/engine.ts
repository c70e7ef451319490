// codeEncounter: chart in, claim lines out. Pure: no clock, no I/O, no React,
// so the bedside sidebar and server actions run the same code.
import { codeAdministrations, classify, computeHydrationMinutes, type PushState } from './administration-codes';
import { Ctx, resolveOptions, type Adm } from './context';
import { documentationGaps } from './documentation';
import { formularyIndex, identifyDrug } from './drug-identity';
import { RULES } from './rules';
import type { EncounterInput } from './schema';
import { buildSupplyLines } from './supply-lines';
import { addMinutes, parseInstant, toIsoUtc, wholeMinutes } from './time';
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
  // Everything needed from the charted entry is read here, in chart order, so
  // later passes (in clock order) only touch the normalised records.
  const docOptions = { requireDocumentation: opts.requireDocumentation };
  const adms: Adm[] = [];
  const days = new Set<string>();
  for (const raw of input.administrations) {
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
    const drugName = raw.drug.trim();
    const ident = drugName === '' && !raw.drugKey ? { key: `(unnamed ${raw.id})`, formulary: undefined } : identifyDrug(drugName, raw.drugKey, index);
    const site = raw.site ? raw.site.trim() : '';
    const day = ctx.clock.date(start);
    days.add(day);
    adms.push({
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
      docGaps: documentationGaps(raw, docOptions),
      chartedAt: raw.chartedAt ? parseInstant(raw.chartedAt) : null,
    });
  }
  sortByClock(adms);
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

function byClock(x: Adm, y: Adm): number {
  return x.start - y.start || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/**
 * Sorts in place by (start, id), exactly as the stable `adms.sort(byClock)`.
 * A comparator sort makes n·log n calls into JavaScript, a visible cost for a
 * long encounter charted out of clock order. Instead each start is packed with
 * the administration's position into one exact number and the numbers get a
 * native sort; only runs with the same start are then ordered by id (a stable
 * sort of positions in chart order, so equal ids keep chart order too).
 */
function sortByClock(adms: Adm[]): void {
  const n = adms.length;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (const a of adms) {
    if (a.start < min) min = a.start;
    if (a.start > max) max = a.start;
    if (!Number.isInteger(a.start)) integral = false;
  }
  // The packed key (start − min)·n + position must be an exact integer.
  if (n < 2 || !integral || !((max - min + 1) * n <= Number.MAX_SAFE_INTEGER)) {
    adms.sort(byClock);
    return;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (adms[i]!.start - min) * n + i;
  keys.sort();
  const inChartOrder = adms.slice();
  for (let i = 0; i < n; i++) adms[i] = inChartOrder[keys[i]! % n]!;
  // Administrations sharing a start are now in chart order; order each such run
  // by id with a stable insertion sort. Runs are short (a few entries charted at
  // the same minute), and a separate slice-and-sort per run cost more than the
  // sort itself on a long encounter.
  for (let i = 1; i < n; i++) {
    const a = adms[i]!;
    let j = i;
    while (j > 0 && adms[j - 1]!.start === a.start && adms[j - 1]!.id > a.id) {
      adms[j] = adms[j - 1]!;
      j--;
    }
    adms[j] = a;
  }
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
