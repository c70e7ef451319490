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

/** What an administration contributes to a supply line; shared by every administration with the same dose of the same drug on a day. */
interface SupplyCalc {
  code: HcpcsCode;
  /** Dose as charted, for the explanation. */
  doseText: string;
  /** Dose in the code's billing unit (or in the container's unit for NOC). */
  dose: Dec;
  /** Discarded amount in the billing unit; null when unknown. */
  waste: Dec | null;
  wasteSource: string;
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

/**
 * Group keys "part|part|part|part", each built once per distinct combination.
 * Joining a fresh key per administration and hashing it was a measurable cost
 * on long encounters; the parts are a handful of shared strings (date, code,
 * drug, NDC), so nested lookups are cheaper. The joined string is still the
 * group's identity, so grouping is exactly what the joined key gives.
 */
class GroupKeys {
  private size = 0;
  private readonly byParts = new Map<string, Map<string, Map<string, Map<string, string>>>>();

  key(a: string, b: string, c: string, d: string): string {
    let m1 = this.byParts.get(a);
    if (!m1) this.byParts.set(a, (m1 = new Map()));
    let m2 = m1.get(b);
    if (!m2) m1.set(b, (m2 = new Map()));
    let m3 = m2.get(c);
    if (!m3) m2.set(c, (m3 = new Map()));
    let k = m3.get(d);
    if (k === undefined) {
      m3.set(d, (k = `${a}|${b}|${c}|${d}`));
      // Shared by every run (the keys are plain text); bounded so it cannot grow without end.
      if (++this.size > 50_000) {
        this.byParts.clear();
        this.size = 0;
      }
    }
    return k;
  }
}

const keys = new GroupKeys();

export function buildSupplyLines(ctx: Ctx, sorted: Adm[]): SupplyLine[] {
  const groups = new Map<string, Group>();
  // Outside NOC the group is a function of the shared supply result (its date,
  // code, NDC and container class), so each result finds its group once.
  const groupOf = new Map<SupplyCalc, Group>();
  const nocCodes: NocCodes = new Map();
  for (const a of sorted) {
    const e = entryFor(ctx, a, nocCodes);
    if (!e) continue;
    const noc = e.s.code.billingAmount === null;
    let g = noc ? undefined : groupOf.get(e.s);
    if (!g) {
      const key = noc ? keys.key(e.s.dos, e.s.code.code, a.drugKey, e.s.ndc11 ?? '') : keys.key(e.s.dos, e.s.code.code, e.s.ndc11 ?? '', e.s.containerClass);
      g = groups.get(key);
      if (!g) {
        g = { key, code: e.s.code, entries: [], ids: [], doses: [], doseTexts: [] };
        groups.set(key, g);
      }
      if (!noc) groupOf.set(e.s, g);
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
    if (ctx.opts.jwJz === 'none') {
      maths += '. JW/JZ not applied (setting/payer option jwJz: none — e.g. a drug packaged under OPPS)';
    } else if (first.s.containerClass === 'other') {
      maths += `. No JW/JZ: ${first.s.containerText}`;
    } else if (first.s.containerClass === 'unknown') {
      maths += '. Container type not recorded: if it was a single-dose container, JW (discarded amount) or JZ (none discarded) is required';
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

/** Per run: the J3490 fallback for a drug on a date of service, shared by its administrations. */
type NocCodes = Map<FormularyDrug | string, Map<string, HcpcsCode>>;

function entryFor(ctx: Ctx, a: Adm, nocCodes: NocCodes): Entry | null {
  if (a.category === 'bundled') return null;
  const f = a.formulary;
  if (f && !f.supplyBilling) return null;
  // Hydration fluids are outside the supply-line scope (issue #3).
  if (!f && a.kind === 'hydration') return null;
  const dose = a.dose;
  if (!dose || isZero(dose)) return null;
  const doseUnit = a.doseUnit as DoseUnit;
  const vial = a.vial;
  const dos = a.day; // the local date of the start
  const codes = codesFor(f, dos);
  const { candidates, specific } = codes;
  // Without vial details the result depends only on the drug's codes that day and the dose.
  const cacheable = vial === null && f !== undefined && specific.length > 0;
  if (cacheable) {
    const hit = codes.plain.get(dose)?.get(doseUnit);
    if (hit) return { adm: a, s: hit };
  }
  const doseText = amountText(dose, doseUnit);
  const { ndc11, product, ndcNote } = resolveNdc(vial?.ndc, f);
  if (ndcNote) ctx.warn(RULES.HCPCS_UNITS, 'warning', [a.id], ndcNote);

  const containerType = vial?.containerType ?? product?.containerType ?? null;
  const containerClass: ContainerClass = containerType === 'single-dose' ? 'single' : containerType === null ? 'unknown' : 'other';
  const containerAmountIn = vial?.containerAmount ?? (product ? { value: product.amountPerContainer, unit: product.amountUnit } : null);
  const containerAmount = containerAmountIn ? parseDecimal(containerAmountIn.value) : null;
  const containerUnit = containerAmountIn ? (containerAmountIn.unit as DoseUnit) : null;
  const containerDesc = containerType ? `${containerType.replace('-', ' ')} container` : 'container';

  if (specific.length === 0) {
    const noc: HcpcsCode = candidates[0] ?? fallbackNoc(nocCodes, f, a.drugName, dos);
    let containers = 1n;
    let containerText = '';
    if (containerAmount && containerUnit && !isZero(containerAmount)) {
      const d = toUnit(dose, doseUnit, containerUnit, f, product);
      if (d) {
        containers = max1(ceilDiv(d, containerAmount));
        containerText = `${doseText} from ${text(containerAmount)} ${containerUnit} ${containerDesc}s → ${containers}`;
      }
    }
    return { adm: a, s: { code: noc, doseText, dose, waste: null, wasteSource: '', containerClass, containerText, ndc11, dos, containers, choiceNote: '' } };
  }

  // Several codes in effect (legacy "up to 40 mg" and "up to 125 mg"): the fewest units wins.
  let best: { code: HcpcsCode; dose: Dec; units: bigint } | null = null;
  for (const c of specific) {
    const d = toUnit(dose, doseUnit, c.billingUnit as DoseUnit, f, product);
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

  // Discarded amount: charted waste, else what is left of the container(s).
  let waste: Dec | null = null;
  let wasteSource = '';
  let containerText = containerDesc;
  const wasted = vial?.wasted;
  if (wasted) {
    const w = parseDecimal(wasted.value);
    const wu = w ? toUnit(w, wasted.unit as DoseUnit, billingUnit, f, product) : null;
    if (wu) {
      waste = wu;
      wasteSource = `${toText(w!)} ${wasted.unit} charted as discarded`;
    }
  } else if (containerAmount && containerUnit && !isZero(containerAmount)) {
    const cu = toUnit(containerAmount, containerUnit, billingUnit, f, product);
    if (cu) {
      const n = max1(ceilDiv(best.dose, cu));
      const opened = mul(cu, { n, s: 0 });
      waste = subClamp(opened, best.dose);
      wasteSource = `${n > 1n ? `${n} × ` : ''}${text(containerAmount)} ${containerUnit} container − ${doseText} given`;
      containerText = `${containerDesc} of ${text(containerAmount)} ${containerUnit}`;
    }
  }
  const calc: SupplyCalc = { code, doseText, dose: best.dose, waste, wasteSource, containerClass, containerText, ndc11, dos, containers: 0n, choiceNote };
  if (cacheable) rememberPlain(codes, dose, doseUnit, calc);
  return { adm: a, s: calc };
}

interface CodesInEffect {
  candidates: HcpcsCode[];
  specific: HcpcsCode[];
  /**
   * Supply results for administrations charted without vial details, per dose
   * and unit: with these codes they depend on nothing else. A long encounter
   * repeats a handful of doses thousands of times; results are never modified.
   */
  plain: Map<Dec, Map<string, SupplyCalc>>;
}

function rememberPlain(codes: CodesInEffect, dose: Dec, unit: string, calc: SupplyCalc): void {
  let byUnit = codes.plain.get(dose);
  if (!byUnit) {
    if (codes.plain.size > 1_000) codes.plain.clear();
    codes.plain.set(dose, (byUnit = new Map()));
  }
  byUnit.set(unit, calc);
}

const NO_CODES: CodesInEffect = { candidates: [], specific: [], plain: new Map() };
const codeCache = new WeakMap<FormularyDrug, Map<string, CodesInEffect>>();

/** Codes in effect for a drug on a date, cached: formulary entries are immutable data. */
function codesFor(f: FormularyDrug | undefined, dos: string): CodesInEffect {
  if (!f) return NO_CODES;
  let byDate = codeCache.get(f);
  if (!byDate) {
    byDate = new Map();
    codeCache.set(f, byDate);
  }
  let c = byDate.get(dos);
  if (!c) {
    const candidates = hcpcsCandidatesForDate(f, dos);
    c = { candidates, specific: candidates.filter((x) => x.billingAmount !== null), plain: new Map() };
    byDate.set(dos, c);
  }
  return c;
}

const textCache = new WeakMap<Dec, string>();
/** "0.5" — cached per parsed value (parseDecimal returns shared objects). */
function text(d: Dec): string {
  let t = textCache.get(d);
  if (t === undefined) {
    t = toText(d);
    textCache.set(d, t);
  }
  return t;
}

const amountTexts = new WeakMap<Dec, Map<string, string>>();
/** "4 mg" — one shared string per charted amount, not one per administration. */
function amountText(d: Dec, unit: string): string {
  let byUnit = amountTexts.get(d);
  if (!byUnit) amountTexts.set(d, (byUnit = new Map()));
  let t = byUnit.get(unit);
  if (t === undefined) byUnit.set(unit, (t = `${text(d)} ${unit}`));
  return t;
}

/** J3490 with a note on why: the drug is not in the formulary, or its code starts later. */
function fallbackNoc(nocCodes: NocCodes, f: FormularyDrug | undefined, drugName: string, dos: string): HcpcsCode {
  // Without a formulary entry the note names the drug as charted, so that name is the identity.
  const owner = f ?? drugName;
  let byDate = nocCodes.get(owner);
  if (!byDate) nocCodes.set(owner, (byDate = new Map()));
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

/** Converts a dose to `target`, via the product's strength per mL or the drug's mg per mEq when needed. */
function toUnit(value: Dec, from: DoseUnit, target: DoseUnit, f: FormularyDrug | undefined, product: FormularyProduct | undefined): Dec | null {
  const direct = convert(value, from, target);
  if (direct) return direct;
  if (dimensionOf(target) !== 'mass') return null;
  if (from === 'mL') {
    const p = product ?? uniformStrength(f);
    if (!p?.amountPerMl) return null;
    const amount = mul(value, parseDecimal(p.amountPerMl)!);
    return convert(amount, p.amountUnit, target);
  }
  if (from === 'mEq' && f?.mgPerMeq) {
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
