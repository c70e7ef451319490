// HCPCS drug-supply lines (coding-rules.md §10, drug-reference.md §1.2 and §2):
// the code in effect on the date of service, units = max(1, ceil(dose ÷ billing
// amount)) in exact decimals, summed per code per date of service, NDC-11 on
// the line, and JW/JZ for single-dose containers where the payer requires them.
import {
  hcpcsCandidatesForDate,
  ndc10To11,
  type FormularyDrug,
  type FormularyProduct,
  type HcpcsCode,
} from '../formulary/starter-formulary';
import type { Adm, Ctx } from './context';
import { RULES } from './rules';
import type { SupplyLine } from './types';
import {
  add,
  ceilDiv,
  cmp,
  convert,
  dimensionOf,
  divToText,
  floorDiv,
  isZero,
  mul,
  parseDecimal,
  subClamp,
  sum,
  toText,
  type Dec,
  type DoseUnit,
} from './units';

type ContainerClass = 'single' | 'other' | 'unknown';

/** What one administration contributes to a supply line. */
interface SupplyCalc {
  /** The supply line it lands on: one per code per date of service (coding-rules.md §10); NOC lines per drug. */
  lineKey: string;
  code: HcpcsCode;
  /** Dose as charted, for the explanation. */
  doseText: string;
  /** Dose in the code's billing unit (or in the container's unit for NOC). */
  dose: Dec;
  /** Discarded amount in the billing unit; null when unknown. */
  waste: Dec | null;
  wasteSource: string;
  /** R-DOC-WASTE: the container held more than the dose and no discarded amount is charted, or dose + waste exceed it. */
  wasteUndocumented: boolean;
  containerClass: ContainerClass;
  containerText: string;
  ndc11: string | null;
  dos: string;
  /** NOC lines: containers used. */
  containers: bigint;
  choiceNote: string;
}

interface Entry {
  adm: Adm;
  s: SupplyCalc;
}

interface Group {
  key: string;
  code: HcpcsCode;
  entries: Entry[];
  /** Gathered as entries arrive, while each is still in cache (a long encounter has thousands). */
  ids: string[];
  doses: Dec[];
  doseTexts: string[];
}

export function buildSupplyLines(ctx: Ctx, sorted: Adm[]): SupplyLine[] {
  const groups = new Map<string, Group>();
  const run: SupplyRun = { codes: new Map(), unlisted: { candidates: [], specific: [], plain: new Map() }, noc: new Map() };
  for (const a of sorted) {
    const e = entryFor(ctx, a, run);
    if (!e) continue;
    // One line per code per date of service (coding-rules.md §10); NOC lines count containers per drug.
    const key = e.s.lineKey;
    let g = groups.get(key);
    if (!g) {
      g = { key, code: e.s.code, entries: [], ids: [], doses: [], doseTexts: [] };
      groups.set(key, g);
    }
    g.entries.push(e);
    g.ids.push(a.id);
    g.doses.push(e.s.dose);
    g.doseTexts.push(e.s.doseText);
  }
  const out: Array<{ line: SupplyLine; k: [string, number, string, number] }> = [];
  const put = (line: SupplyLine, k0: [string, number, string], jwOrder: number) => out.push({ line, k: [...k0, jwOrder] });
  for (const g of groups.values()) {
    const first = g.entries[0]!;
    const base: LineHead = {
      administrationIds: g.ids,
      ndc11: first.s.ndc11,
      dateOfService: first.s.dos,
      drug: first.adm.drugName,
      drugKey: first.adm.drugKey,
    };
    const k0: [string, number, string] = [first.s.dos, first.adm.start, first.adm.id];
    if (g.code.billingAmount === null) {
      const units = g.entries.reduce((s, e) => s + e.s.containers, 0n);
      const why = g.code.effectiveFrom === null && g.code.effectiveTo === null ? `No specific HCPCS code for ${first.adm.drugName}` : `No specific HCPCS code for ${first.adm.drugName} in effect on ${first.s.dos}`;
      const sized = g.entries.filter((e) => e.s.containerText !== '').map((e) => e.s.containerText);
      const unsized = g.entries.length - sized.length;
      const parts = [...sized, ...(unsized > 0 ? [`${unsized} administration${unsized > 1 ? 's' : ''} × 1 container (size not recorded)`] : [])];
      const noc = supplyLine(base, g.code.code, Number(units), [], RULES.HCPCS_NOC,
        `${why}: ${g.code.code} (unclassified drug). Units = containers used: ${parts.join(' + ')} = ${units}. Send the NDC and a drug/dose narrative with the claim (hospital OPPS claims may use C9399).${g.code.note ? ` ${g.code.note}` : ''}`);
      put(noc, k0, 0);
      continue;
    }
    const B = parseDecimal(g.code.billingAmount)!;
    const unit = g.code.billingUnit!;
    const perDose = ctx.opts.hcpcsRounding === 'per-dose';
    const total = sum(g.doses);
    let adminUnits = 0n;
    if (perDose) for (const e of g.entries) adminUnits += max1(ceilDiv(e.s.dose, B));
    else adminUnits = max1(ceilDiv(total, B));

    const doses = g.doseTexts.join(' + ');
    const single = g.entries.length === 1;
    const converted = single && g.doseTexts[0] === `${toText(total)} ${unit}` ? '' : ` = ${toText(total)} ${unit}`;
    let maths: string;
    if (perDose && !single) {
      const each = g.entries.map((e) => `${toText(e.s.dose)} ${unit} → ${max1(ceilDiv(e.s.dose, B))}`).join('; ');
      maths = `${first.adm.drugName} ${doses}, rounded up per dose (option per-dose) against ${g.code.code} ${g.code.descriptorText}: ${each} → ${adminUnits} unit${adminUnits === 1n ? '' : 's'}`;
    } else {
      const q = divToText(total, B);
      const under = cmp(total, B) < 0 ? ' (less than one unit still bills 1)' : '';
      const summed = single ? '' : ' (doses summed per date of service, then rounded up)';
      maths = `${first.adm.drugName} ${doses}${converted} ÷ ${toText(B)} ${unit} (${g.code.code} ${g.code.descriptorText}) = ${q} → ${adminUnits} unit${adminUnits === 1n ? '' : 's'}${under}${summed}`;
    }
    maths += first.s.choiceNote;

    let modifiers: string[] = [];
    let jw: SupplyLine | null = null;
    const status = g.code.paymentStatus ?? 'unknown';
    if (ctx.opts.jwJz === 'none') {
      maths += '. JW/JZ not applied (setting/payer option jwJz: none — e.g. a drug packaged under OPPS)';
    } else if (first.s.containerClass !== 'other' && !jwJzApplies(ctx, g.code)) {
      // drug-reference.md §2: JW/JZ are for separately payable drugs only; OPPS status N is packaged.
      maths += `. No JW/JZ: ${g.code.code} is packaged under the hospital outpatient system (OPPS status indicator N), so it is not separately payable in a facility`;
    } else if (g.entries.some((e) => e.s.wasteUndocumented)) {
      maths += '. No JW/JZ: the amount discarded is not charted correctly (R-DOC-WASTE); chart it, or 0 if none was, to choose JW or JZ';
    } else if (first.s.containerClass === 'other') {
      maths += `. No JW/JZ: ${first.s.containerText}`;
    } else if (first.s.containerClass === 'unknown') {
      maths += '. Container type not recorded: if it was a single-dose container, JW (discarded amount) or JZ (none discarded) is required';
      // drug-reference.md §2: the coder decides JW/JZ, so Mark coded lists it (a rule id, not this text).
      ctx.warn(RULES.HCPCS_CONTAINER_UNKNOWN, 'warning', base.administrationIds, `${first.adm.drugName} (${g.code.code}): the container type is not recorded. If it was a single-dose container, the claim needs JW (amount discarded) or JZ (none discarded): chart the vial or decide JW/JZ.`);
    } else if (g.entries.some((e) => e.s.waste === null)) {
      maths += '. Single-dose container: record the discarded amount (or none) to choose JW or JZ';
      ctx.warn(RULES.HCPCS_WASTE_UNKNOWN, 'warning', base.administrationIds, `${first.adm.drugName} from a single-dose container: chart the amount discarded (or none) so the claim can carry JW or JZ.`);
    } else {
      // NGS: administered amount rounded up, waste rounded down, so together they never exceed the container.
      let wasteUnits = 0n;
      const totalWaste = sum(g.entries.map((e) => e.s.waste!));
      if (perDose) for (const e of g.entries) wasteUnits += pos(floorDiv(add(e.s.dose, e.s.waste!), B) - max1(ceilDiv(e.s.dose, B)));
      else wasteUnits = pos(floorDiv(add(total, totalWaste), B) - adminUnits);
      if (wasteUnits > 0n) {
        maths += '. Single-dose container with a discarded amount: the discarded units go on a separate JW line';
        jw = supplyLine(base, g.code.code, Number(wasteUnits), ['JW'], RULES.HCPCS_JW,
          `Discarded from single-dose container${g.entries.length > 1 ? 's' : ''}: ${g.entries.map((e) => e.s.wasteSource).join(' + ')} = ${toText(totalWaste)} ${unit}; billed waste = (given + discarded) rounded down minus the given units rounded up = ${wasteUnits} unit${wasteUnits === 1n ? '' : 's'} (JW)`);
      } else {
        modifiers = ['JZ'];
        maths += isZero(totalWaste)
          ? '. JZ: single-dose container, nothing discarded'
          : `. JZ: the ${toText(totalWaste)} ${unit} discarded is inside the unit already billed, so no JW line`;
      }
    }
    if (modifiers.length > 0 || jw) {
      if (ctx.setting === 'facility' && status === 'unknown') {
        ctx.warn(RULES.HCPCS_PAYMENT_STATUS, 'info', base.administrationIds, `${first.adm.drugName} (${g.code.code}): its OPPS payment status is not recorded, so ${jw ? 'JW' : 'JZ'} was added as for a separately payable drug. Please confirm the status (status indicator N = packaged: no JW/JZ).`);
      }
    }
    const main = supplyLine(base, g.code.code, Number(adminUnits), modifiers, RULES.HCPCS_UNITS, maths);
    put(main, k0, 0);
    if (jw) put(jw, k0, 1);
  }
  out.sort((x, y) => {
    for (let i = 0; i < 4; i++) {
      const a = x.k[i]!;
      const b = y.k[i]!;
      if (a < b) return -1;
      if (a > b) return 1;
    }
    return x.line.code < y.line.code ? -1 : x.line.code > y.line.code ? 1 : 0;
  });
  return out.map((o) => o.line);
}

/** The fields every line of one group shares. */
type LineHead = Pick<SupplyLine, 'administrationIds' | 'ndc11' | 'dateOfService' | 'drug' | 'drugKey'>;

/**
 * A supply line: the group's shared fields first, then the line's own (the
 * output key order). Spelled out rather than `{ ...head, … }`: V8 clones this
 * shape through a slow path, several microseconds a line.
 */
function supplyLine(head: LineHead, code: string, units: number, modifiers: string[], rule: string, explanation: string): SupplyLine {
  return {
    administrationIds: head.administrationIds,
    ndc11: head.ndc11,
    dateOfService: head.dateOfService,
    drug: head.drug,
    drugKey: head.drugKey,
    code,
    units,
    modifiers,
    rule,
    explanation,
  };
}

function max1(n: bigint): bigint {
  return n < 1n ? 1n : n;
}
function pos(n: bigint): bigint {
  return n < 0n ? 0n : n;
}

/**
 * Per run: the codes in effect per drug and date of service, and the J3490
 * fallback per drug (or charted name) and date, shared by its administrations
 * so that they land on one NOC line.
 */
interface SupplyRun {
  codes: Map<FormularyDrug, Map<string, CodesInEffect>>;
  /** A drug not in the formulary: no codes (its doses are never "plain", so nothing is remembered in it). */
  unlisted: CodesInEffect;
  noc: Map<FormularyDrug | string, Map<string, HcpcsCode>>;
}

function entryFor(ctx: Ctx, a: Adm, run: SupplyRun): Entry | null {
  if (a.category === 'bundled') return null;
  const f = a.formulary;
  if (f && !f.supplyBilling) return null;
  // coding-rules.md §10: a fluid yields its fluid code only when charted as
  // hydration; charted as an infusion it carried a drug (piggyback, KVO) and
  // yields none. A fluid is a formulary drug whose typical kinds include
  // hydration; a hydration entry not in the formulary yields none.
  if (a.kind === 'hydration' ? !f : f?.typicalKinds.includes('hydration')) return null;
  const dose = a.dose;
  if (!dose || isZero(dose)) return null;
  const raw = a.input;
  const doseUnit = raw.dose!.unit as DoseUnit;
  // The charted entry when it records vial details (NDC, container, waste).
  const vial = raw.ndc != null || raw.containerType != null || raw.containerAmount != null || raw.wasted != null ? raw : null;
  const dos = a.day; // the local date of the start
  const codes = codesFor(run, f, dos);
  const { candidates, specific } = codes;
  // Without vial details or a charted concentration, the result depends only on
  // the codes in effect and the dose: a long chart repeats a handful of doses.
  const plain = vial === null && !a.input.concentration && specific.length > 0;
  const known = plain ? codes.plain.get(dose)?.get(doseUnit) : undefined;
  if (known) return { adm: a, s: known };
  const { ndc11, product, ndcNote } = resolveNdc(vial?.ndc, f);
  if (ndcNote) ctx.warn(RULES.HCPCS_UNITS, 'warning', [a.id], ndcNote);

  const containerType = vial?.containerType ?? product?.containerType ?? null;
  const containerClass: ContainerClass = containerType === 'single-dose' ? 'single' : containerType === null ? 'unknown' : 'other';
  const containerAmountIn = vial?.containerAmount ?? (product ? { value: product.amountPerContainer, unit: product.amountUnit } : null);
  const containerAmount = containerAmountIn ? parseDecimal(containerAmountIn.value) : null;
  const containerUnit = containerAmountIn ? (containerAmountIn.unit as DoseUnit) : null;
  const perMl = doseUnit === 'mL' || containerUnit === 'mL' || vial?.wasted?.unit === 'mL' ? strengthPerMl(a, f, product) : null;
  const doseText = `${toText(dose)} ${doseUnit}${doseUnit === 'mL' && perMl?.charted ? ` (at ${toText(perMl.amount)} ${perMl.unit}/mL)` : ''}`;
  const containerDesc = containerType ? `${containerType.replace('-', ' ')} container` : 'container';

  if (specific.length === 0) {
    const noc: HcpcsCode = candidates[0] ?? fallbackNoc(run, f, a.drugName, dos);
    let containers = 1n;
    let containerText = '';
    if (containerAmount && containerUnit && !isZero(containerAmount)) {
      const d = toUnit(dose, doseUnit, containerUnit, f, perMl);
      if (d) {
        containers = max1(ceilDiv(d, containerAmount));
        containerText = `${doseText} from ${toText(containerAmount)} ${containerUnit} ${containerDesc}s → ${containers}`;
      }
    }
    return { adm: a, s: { lineKey: `${dos}|${noc.code}|${a.drugKey}|${ndc11 ?? ''}`, code: noc, doseText, dose, waste: null, wasteSource: '', wasteUndocumented: false, containerClass, containerText, ndc11, dos, containers, choiceNote: '' } };
  }

  // Several codes in effect (legacy "up to 40 mg" and "up to 125 mg"): the fewest units wins.
  let best: { code: HcpcsCode; dose: Dec; units: bigint } | null = null;
  for (const c of specific) {
    const d = toUnit(dose, doseUnit, c.billingUnit as DoseUnit, f, perMl);
    if (!d) continue;
    // Units only decide between codes; with one code in effect they are not needed here.
    const units = specific.length > 1 ? max1(ceilDiv(d, parseDecimal(c.billingAmount!)!)) : 0n;
    if (!best || units < best.units) best = { code: c, dose: d, units };
  }
  if (!best) {
    const target = specific[0]!;
    ctx.warn(RULES.HCPCS_UNIT_MISMATCH, 'warning', [a.id], `${a.drugName} dose ${doseText} cannot be converted to ${target.billingUnit} for ${target.code} ${target.descriptorText}${doseUnit === 'mL' ? ' (the product strength per mL is not known)' : ''}: chart the dose in ${target.billingUnit} to get a supply line.`);
    return null;
  }
  const code = best.code;
  const billingUnit = code.billingUnit as DoseUnit;
  const choiceNote = specific.length > 1 ? ` — ${code.code} needs the fewest units of the codes in effect on ${dos}` : '';

  // Discarded amount: as charted. Without one, a container used up exactly
  // discarded nothing; one that held more needs its discarded amount charted
  // (R-DOC-WASTE, CMS: the discarded amount must be documented).
  let waste: Dec | null = null;
  let wasteSource = '';
  let wasteUndocumented = false;
  let containerText = containerDesc;
  const wasted = vial?.wasted;
  const w = wasted ? parseDecimal(wasted.value) : null;
  const wu = w ? toUnit(w, wasted!.unit as DoseUnit, billingUnit, f, perMl) : null;
  if (wu) {
    waste = wu;
    wasteSource = `${toText(w!)} ${wasted!.unit} charted as discarded`;
  }
  const cu = containerAmount && containerUnit && !isZero(containerAmount) ? toUnit(containerAmount, containerUnit, billingUnit, f, perMl) : null;
  if (cu && !wasted) containerText = `${containerDesc} of ${toText(containerAmount!)} ${containerUnit}`;
  if (cu && containerClass === 'single') {
    const n = max1(ceilDiv(best.dose, cu));
    const opened = mul(cu, { n, s: 0 });
    const openedText = `${n > 1n ? `${n} × ` : ''}${toText(containerAmount!)} ${containerUnit}`;
    if (waste !== null && cmp(add(best.dose, waste), opened) > 0) {
      wasteUndocumented = true;
      ctx.warn(RULES.DOC_WASTE, 'error', [a.id], `${a.drugName} ${ctx.at(a)}: ${doseText} given + ${toText(w!)} ${wasted!.unit} discarded is more than the ${openedText} single-dose container${n > 1n ? 's' : ''}: correct the dose, the discarded amount or the container.`);
    } else if (waste === null && !wasted) {
      const left = subClamp(opened, best.dose);
      if (isZero(left)) {
        waste = left;
        wasteSource = `${openedText} container − ${doseText} given`;
      } else if (jwJzApplies(ctx, code)) {
        wasteUndocumented = true;
        ctx.warn(RULES.DOC_WASTE, 'error', [a.id], `${a.drugName} ${ctx.at(a)}: ${doseText} given from a ${openedText} single-dose container, and the amount discarded is not charted: chart the amount discarded, or 0 if none was (needed for JW or JZ).`);
      }
    }
  }
  const lineKey = `${dos}|${code.code}|${ndc11 ?? ''}|${containerClass}`;
  const calc: SupplyCalc = { lineKey, code, doseText, dose: best.dose, waste, wasteSource, wasteUndocumented, containerClass, containerText, ndc11, dos, containers: 0n, choiceNote };
  if (plain) {
    let byUnit = codes.plain.get(dose);
    if (!byUnit) codes.plain.set(dose, (byUnit = new Map()));
    byUnit.set(doseUnit, calc);
  }
  return { adm: a, s: calc };
}

interface CodesInEffect {
  candidates: HcpcsCode[];
  /** The candidates with a billing amount (not NOC). */
  specific: HcpcsCode[];
  /** This run's results for administrations without vial details, per dose (the engine shares one parsed dose per charted value) and unit. */
  plain: Map<Dec, Map<string, SupplyCalc>>;
}

/** Codes in effect for a drug on a date of service (drug-reference.md §0: pick the code by date). */
function codesFor(run: SupplyRun, f: FormularyDrug | undefined, dos: string): CodesInEffect {
  if (!f) return run.unlisted;
  let byDate = run.codes.get(f);
  if (!byDate) run.codes.set(f, (byDate = new Map()));
  let c = byDate.get(dos);
  if (!c) {
    const candidates = hcpcsCandidatesForDate(f, dos);
    c = { candidates, specific: candidates.filter((x) => x.billingAmount !== null), plain: new Map() };
    byDate.set(dos, c);
  }
  return c;
}

/** J3490 with a note on why: the drug is not in the formulary, or its code starts later. */
function fallbackNoc(run: SupplyRun, f: FormularyDrug | undefined, drugName: string, dos: string): HcpcsCode {
  // Without a formulary entry the note names the drug as charted, so that name is the identity.
  const owner = f ?? drugName;
  let byDate = run.noc.get(owner);
  if (!byDate) run.noc.set(owner, (byDate = new Map()));
  let code = byDate.get(dos);
  if (!code) {
    code = {
      code: 'J3490', billingAmount: null, billingUnit: null, descriptor: 'noc', descriptorText: 'unclassified drugs', effectiveFrom: null, effectiveTo: null,
      note: f ? nextCodeNote(f, dos) : `${drugName} is not in the formulary.`,
    };
    byDate.set(dos, code);
  }
  return code;
}

function nextCodeNote(f: FormularyDrug, dos: string): string {
  const later = f.hcpcs.filter((c) => c.billingAmount !== null && c.effectiveFrom !== null && c.effectiveFrom > dos).sort((x, y) => (x.effectiveFrom! < y.effectiveFrom! ? -1 : 1))[0];
  return later ? `${later.code} (${later.descriptorText}) applies from ${later.effectiveFrom}.` : '';
}

/**
 * Whether JW/JZ can apply to a code here (drug-reference.md §2): only on
 * separately payable drugs. In a facility a code packaged under OPPS takes
 * neither; an unknown status gets them (with a warning to confirm). Office
 * claims (MPFS) are unchanged.
 */
function jwJzApplies(ctx: Ctx, code: HcpcsCode): boolean {
  return ctx.opts.jwJz === 'apply' && !(ctx.setting === 'facility' && code.paymentStatus === 'packaged');
}

/** A product's strength: `amount` of `unit` in each mL; `charted` when it came with the administration. */
interface PerMl {
  amount: Dec;
  unit: DoseUnit;
  charted: boolean;
}

/** The strength per mL: as charted (`concentration`), else the charted NDC's product, else the one strength all the drug's products share. */
function strengthPerMl(a: Adm, f: FormularyDrug | undefined, product: FormularyProduct | undefined): PerMl | null {
  const c = a.input.concentration;
  const charted = c ? parseDecimal(c.value) : null;
  if (c && charted && !isZero(charted)) return { amount: charted, unit: c.unit, charted: true };
  const p = product ?? uniformStrength(f);
  const amount = p?.amountPerMl ? parseDecimal(p.amountPerMl) : null;
  return amount && !isZero(amount) ? { amount, unit: p!.amountUnit, charted: false } : null;
}

/** Converts an amount to `target`: within a dimension, mL via the strength per mL, mEq via the drug's mg per mEq. */
function toUnit(value: Dec, from: DoseUnit, target: DoseUnit, f: FormularyDrug | undefined, perMl: PerMl | null): Dec | null {
  const direct = convert(value, from, target);
  if (direct) return direct;
  if (from === 'mL' && perMl && perMl.unit !== 'mL') return toUnit(mul(value, perMl.amount), perMl.unit, target, f, null);
  if (from === 'mEq' && f?.mgPerMeq && dimensionOf(target) === 'mass') {
    return convert(mul(value, parseDecimal(f.mgPerMeq)!), 'mg', target);
  }
  return null;
}

/** The one strength all products share, if they do. */
function uniformStrength(f: FormularyDrug | undefined): FormularyProduct | undefined {
  if (!f || f.products.length === 0) return undefined;
  const p0 = f.products[0]!;
  return f.products.every((p) => p.amountPerMl === p0.amountPerMl && p.amountUnit === p0.amountUnit) ? p0 : undefined;
}

const NO_NDC: { ndc11: null; product: undefined } = { ndc11: null, product: undefined };

function resolveNdc(raw: string | null | undefined, f: FormularyDrug | undefined): { ndc11: string | null; product: FormularyProduct | undefined; ndcNote?: string } {
  if (!raw || raw.trim() === '') return NO_NDC;
  const text = raw.trim();
  const digits = text.replace(/-/g, '');
  let ndc11: string | null = null;
  let ndcNote: string | undefined;
  if (text.includes('-') && digits.length === 10) ndc11 = ndc10To11(text);
  else if (digits.length === 11) ndc11 = digits;
  else if (digits.length === 10) {
    const p = f?.products.find((x) => x.ndc10.replace(/-/g, '') === digits);
    if (p) ndc11 = p.ndc11;
    else ndcNote = `NDC ${text} has 10 digits without hyphens: it could be 4-4-2, 5-3-2 or 5-4-1, so the 11-digit billing NDC is unknown. Enter it with hyphens.`;
  }
  if (ndc11 === null && !ndcNote) ndcNote = `NDC ${text} is not a valid 10- or 11-digit NDC.`;
  const product = ndc11 ? f?.products.find((p) => p.ndc11 === ndc11) : undefined;
  return { ndc11, product, ...(ndcNote ? { ndcNote } : {}) };
}
