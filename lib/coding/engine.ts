// codeEncounter: chart in, claim lines out. Pure: no clock, no I/O, no React,
// so the bedside sidebar and server actions run the same code.
import { codeAdministrations, classify, computeHydrationMinutes, type PushState } from './administration-codes';
import { Ctx, resolveOptions, type Adm } from './context';
import { formatElapsed } from '../elapsed';
import { documentationGaps } from './documentation';
import { formularyIndex, identifyDrug, type DrugIdentity, type FormularyIndex } from './drug-identity';
import { RULES } from './rules';
import type { AdministrationInput, EncounterInput } from './schema';
import { buildSupplyLines } from './supply-lines';
import { addMinutes, parseInstant, toIsoUtc, wholeMinutes } from './time';
import { parseDecimal, type Dec } from './units';
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

  const { adms, days } = normalise(ctx, input.administrations, formularyIndex(opts.formulary));
  ctx.withDate = days.size > 1;

  // --- documentation (§9) -------------------------------------------------------
  const docOptions = { requireDocumentation: opts.requireDocumentation, requireOrder: opts.requireOrder };
  for (const a of adms) {
    for (const gap of documentationGaps(a.input, docOptions)) {
      // Infusions without a stop get the error-level R-INFUSION-NO-STOP, hydration its own error.
      if (gap.rule === RULES.DOC_STOP && (a.kind === 'infusion' || a.kind === 'hydration') && a.input.stop === null) continue;
      ctx.warn(gap.rule, 'warning', [a.id], `${a.drugName} ${a.stop === null ? `at ${ctx.t(a.start)}` : `${ctx.t(a.start)}–${ctx.t(a.stop)}`}: ${gap.label.toLowerCase()} not documented.`);
    }
    if (opts.now !== null && (a.start > addMinutes(opts.now, opts.clockSkewMinutes) || (a.stop !== null && a.stop > addMinutes(opts.now, opts.clockSkewMinutes)))) {
      ctx.warn(RULES.FUTURE_TIME, 'error', [a.id], `${a.drugName} is charted in the future (${ctx.t(a.start)}): administration times cannot be later than now.`);
    }
    const charted = a.input.chartedAt ? parseInstant(a.input.chartedAt) : null;
    if (charted !== null && wholeMinutes(a.start, charted) > opts.lateEntryThresholdMinutes && !(a.input.lateEntryReason ?? '').trim()) {
      ctx.warn(RULES.LATE_ENTRY, 'warning', [a.id], `${a.drugName} given at ${ctx.t(a.start)} was charted ${formatElapsed(new Date(a.start), new Date(charted))} later: a late entry needs a reason.`);
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
 * The charted entries as normalised records in clock order — one stable sort
 * by (start, id), so the output never depends on the order the chart lists
 * them in — with the local days they fall on. Times are checked first, in
 * chart order, so their warnings come first; the records are then made in
 * clock order, so every later pass reads them in the order they lie in memory.
 */
function normalise(ctx: Ctx, list: readonly AdministrationInput[], index: FormularyIndex): { adms: Adm[]; days: Set<string> } {
  const starts: number[] = [];
  const stops: Array<number | null> = [];
  const order: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw = list[i]!;
    const start = parseInstant(raw.start);
    let stop = raw.stop ? parseInstant(raw.stop) : null;
    if (start === null) {
      ctx.warn(RULES.DOC_START, 'error', [raw.id], `Administration ${raw.id} has no valid start time: it cannot be coded.`);
    } else if (stop !== null && stop < start) {
      ctx.warn(RULES.STOP_BEFORE_START, 'error', [raw.id], `Administration ${raw.id}: the stop time is before the start time; the stop time is ignored until corrected.`);
      stop = null;
    }
    starts.push(start ?? 0);
    stops.push(stop);
    if (start !== null) order.push(i);
  }
  order.sort((x, y) => starts[x]! - starts[y]! || (list[x]!.id < list[y]!.id ? -1 : list[x]!.id > list[y]!.id ? 1 : 0));

  // A chart repeats a handful of drug names, sites and doses: each is read once per run.
  const identities = { byKey: new Map<string, DrugIdentity>(), byName: new Map<string, DrugIdentity>() };
  const siteKeys = new Map<string, string>();
  const doses = new Map<string | number, Dec | null>();
  const days = new Set<string>();
  const adms: Adm[] = [];
  for (const i of order) {
    const raw = list[i]!;
    const start = starts[i]!;
    const stop = stops[i]!;
    const drugName = raw.drug.trim();
    const seen = raw.drugKey ? identities.byKey : identities.byName;
    let ident = seen.get(raw.drugKey || drugName);
    if (!ident) {
      ident = drugName === '' && !raw.drugKey ? { key: `(unnamed ${raw.id})`, formulary: undefined } : identifyDrug(drugName, raw.drugKey, index);
      if (drugName !== '' || raw.drugKey) seen.set(raw.drugKey || drugName, ident);
    }
    const site = raw.site ? raw.site.trim() : '';
    // "L AC  20g" and "l ac 20G" are the same site.
    let siteKey = siteKeys.get(site);
    if (siteKey === undefined) siteKeys.set(site, (siteKey = site.toLowerCase().replace(/\s+/g, ' ')));
    let dose: Dec | null = null;
    if (raw.dose) {
      dose = doses.get(raw.dose.value) ?? null;
      if (!doses.has(raw.dose.value)) doses.set(raw.dose.value, (dose = parseDecimal(raw.dose.value)));
    }
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
      siteKey,
      category: 'push',
      minutes: stop === null ? null : wholeMinutes(start, stop),
      netMinutes: 0,
      day,
      dose,
      startText: null,
      spanText: null,
    });
  }
  return { adms, days };
}

function nextEligible(ctx: Ctx, pushes: Map<string, PushState>): NextEligible[] {
  const { sameDrugMinutes, sameDrugBoundary } = ctx.opts;
  const out: NextEligible[] = [];
  const keys = [...pushes.keys()].sort();
  for (const key of keys) {
    const st = pushes.get(key)!;
    const last = st.lastReported;
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
