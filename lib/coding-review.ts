// The coder's working lines: the engine's suggestion with the coder's recorded
// decisions replayed on top, in order. Pure, so review, queue and print agree.
import { checkAddOnIntegrity, type AddOnProblem, type EncounterCodingResult } from './coding';
import type { FinalLine } from './claim-lines';

/** The engine's line a decision was made against: if the chart changes it, the decision lapses. */
export interface LineBasis {
  code: string;
  units: number;
  modifiers: string[];
}

export type OverrideOp =
  /** `restored`: the coder put back a line they had removed (the engine's line again), an audited decision with its reason. */
  | { op: 'change'; lineKey: string; value: { code: string; units: number; modifiers: string[]; basis?: LineBasis; restored?: boolean }; reason: string }
  | { op: 'remove'; lineKey: string; value?: { basis?: LineBasis }; reason: string }
  | { op: 'add'; value: { code: string; units: number; modifiers: string[]; administrationIds: string[]; kind: 'cpt' | 'hcpcs' }; reason: string }
  | { op: 'initial'; value: { administrationId: string }; reason: string }
  | { op: 'accept-all' };

export interface RecordedOverride {
  id: number;
  coderName: string;
  at: Date;
  op: OverrideOp;
}

/**
 * Engine dose id (text) → the id of the original entry of its amendment chain
 * (lib/engine-input.ts chainRoots). Lines and decisions name doses by chain
 * root, so correcting a dose (a new row) keeps its lines and the coder's
 * decisions on them; only what a decision was made against (code, units,
 * modifiers) can make it lapse.
 */
export type ChainRoots = ReadonlyMap<string, string>;

function rootIds(ids: readonly string[], roots: ChainRoots | undefined): string {
  return ids.map((id) => roots?.get(id) ?? id).join('+');
}

/**
 * A CPT line key with its doses named by chain root: decisions recorded before
 * a correction (or before keys named roots) read as the same line.
 * "cpt:96376::7" with 7 amending 5 → "cpt:96376::5". Other keys unchanged.
 */
export function canonicalLineKey(key: string, roots: ChainRoots | undefined): string {
  if (!roots || !key.startsWith('cpt:')) return key;
  const cut = key.lastIndexOf(':');
  return `${key.slice(0, cut + 1)}${rootIds(key.slice(cut + 1).split('+'), roots)}`;
}

/**
 * The engine's CPT and HCPCS lines as claim lines with stable keys: a CPT line
 * by code, modifiers and its doses' chain roots (`roots`; the dose ids
 * themselves when omitted), a drug line by code, day, modifiers and NDC.
 * `administrationIds` stay the current entries' ids. `dayOf` (lib/claim-lines.ts
 * serviceDayOf) dates each CPT line by its first dose's local day;
 * `dateOfService` is the fallback (and every CPT line's date without `dayOf`).
 */
export function suggestedLines(result: EncounterCodingResult, dateOfService: string, roots?: ChainRoots, dayOf?: (administrationIds: readonly string[]) => string | null): FinalLine[] {
  const cpt: FinalLine[] = result.lines.map((l) => ({
    key: `cpt:${l.code}:${l.modifiers.join('-')}:${rootIds(l.administrationIds, roots)}`,
    kind: 'cpt',
    code: l.code,
    units: l.units,
    modifiers: [...l.modifiers],
    administrationIds: [...l.administrationIds],
    rule: l.rule,
    explanation: l.explanation,
    ndc11: null,
    dateOfService: dayOf?.(l.administrationIds) ?? dateOfService,
    source: 'engine',
  }));
  const hcpcs: FinalLine[] = result.supplyLines.map((l) => ({
    key: `hcpcs:${l.code}:${l.dateOfService}:${l.modifiers.join('-')}:${l.ndc11 ?? ''}`,
    kind: 'hcpcs',
    code: l.code,
    units: l.units,
    modifiers: [...l.modifiers],
    administrationIds: [...l.administrationIds],
    rule: l.rule,
    explanation: l.explanation,
    ndc11: l.ndc11,
    dateOfService: l.dateOfService,
    source: 'engine',
  }));
  return [...cpt, ...hcpcs];
}

/**
 * The coder's decisions with the doses they cite (an added line's doses, the
 * office's initial service) moved to the current version of each dose
 * (`current`: lib/engine-input.ts currentVersions), so a correction of a dose
 * does not leave a decision pointing at the version it replaced. A dose whose
 * chain has no current version (entered in error) is kept as recorded.
 */
export function followCorrections(overrides: readonly RecordedOverride[], current: ReadonlyMap<string, string>): RecordedOverride[] {
  const now = (id: string) => current.get(id) ?? id;
  return overrides.map((o) => {
    if (o.op.op === 'add') return { ...o, op: { ...o.op, value: { ...o.op.value, administrationIds: o.op.value.administrationIds.map(now) } } };
    if (o.op.op === 'initial') return { ...o, op: { ...o.op, value: { administrationId: now(o.op.value.administrationId) } } };
    return o;
  });
}

/** The non-facility initial-service choice in force, if any (the last one recorded). */
export function chosenInitial(overrides: RecordedOverride[]): { administrationId: string; reason: string } | null {
  let chosen: { administrationId: string; reason: string } | null = null;
  for (const o of overrides) {
    if (o.op.op === 'accept-all') chosen = null;
    if (o.op.op === 'initial') chosen = { administrationId: o.op.value.administrationId, reason: o.op.reason };
  }
  return chosen;
}

export interface WorkingLines {
  lines: FinalLine[];
  /** Decisions whose line no longer exists (the chart changed): shown, not applied. */
  stale: RecordedOverride[];
  /**
   * The lapsed decisions the coder has not decided again on, each with the
   * current line it concerns and a sentence naming the decision and what the
   * chart now gives (issue 15 item 2). Empty once the coder decides again on
   * that line (or accepts all suggestions).
   */
  lapsed: LapsedDecision[];
  problems: AddOnProblem[];
  /** Lines the coder removed and has not restored, each with the removal (who, when, why): shown struck through with "Restore". */
  removed: RemovedLine[];
}

/** A suggested line the coder removed, with the decision that removed it. */
export interface RemovedLine {
  line: FinalLine;
  override: RecordedOverride;
}

/** An earlier decision the chart no longer supports, shown beside its line until the coder decides again. */
export interface LapsedDecision {
  override: RecordedOverride;
  /** The working line it concerns now (same key, else the same drug code and day or the same doses' administration line); null when the chart no longer gives one. */
  lineKey: string | null;
  /** e.g. "Your JZ on J2405 was made against 16 units; the chart now gives 12." */
  message: string;
}

/**
 * Replays the coder's decisions over the suggestion; re-checks add-on
 * integrity (coding-rules.md §8). `roots` (the same map given to
 * suggestedLines) reads decisions keyed by an earlier version of a dose as
 * decisions on its chain.
 */
export function workingLines(suggested: FinalLine[], recorded: RecordedOverride[], roots?: ChainRoots, dayOf?: (administrationIds: readonly string[]) => string | null): WorkingLines {
  // Added lines and initial-service choices name no line (stored rows carry lineKey undefined).
  const overrides = recorded.map((o): RecordedOverride => ('lineKey' in o.op && typeof o.op.lineKey === 'string' ? { ...o, op: { ...o.op, lineKey: canonicalLineKey(o.op.lineKey, roots) } as OverrideOp } : o));
  let lines = suggested.map((l) => ({ ...l }));
  let stale: RecordedOverride[] = [];
  let removed: RemovedLine[] = [];
  // The coder's last decision on a line is the one that counts: an earlier one
  // never comes back when the later one lapses.
  const lastOnLine = new Map<string, number>();
  for (const o of overrides) if (o.op.op === 'change' || o.op.op === 'remove') lastOnLine.set(o.op.lineKey, o.id);
  for (const o of overrides) {
    const op = o.op;
    if (op.op === 'accept-all') {
      lines = suggested.map((l) => ({ ...l }));
      stale = [];
      removed = [];
    } else if ((op.op === 'change' || op.op === 'remove') && lastOnLine.get(op.lineKey) !== o.id) {
      continue;
    } else if (op.op === 'change' && op.value.restored) {
      // The last decision put the engine's line back: nothing to apply.
      continue;
    } else if (op.op === 'change' || op.op === 'remove') {
      const basis = op.value?.basis;
      let index = lines.findIndex((l) => l.key === op.lineKey);
      // The line's key moved (e.g. a corrected NDC on a drug line) but it gives what the decision
      // was made against: the decision still applies (it lapses only when code, units or modifiers change).
      if (index < 0 && basis) index = lines.findIndex((l) => l.source === 'engine' && sameThing(op.lineKey, basis, l) && sameLine(basis, l));
      const line = lines[index];
      const suggestion = line && line.source === 'engine' ? line : suggested.find((l) => l.key === (line?.key ?? op.lineKey));
      // Charge follows chart: a decision made against other engine numbers no longer applies.
      if (!line || (basis && suggestion && !sameLine(basis, suggestion))) {
        stale.push(o);
        continue;
      }
      if (op.op === 'remove') removed.push({ line: lines.splice(index, 1)[0]!, override: o });
      else {
        lines[index] = {
          ...line,
          code: op.value.code,
          units: op.value.units,
          modifiers: op.value.modifiers,
          source: 'override',
          engine: line.engine ?? (line.source === 'engine' ? { code: line.code, units: line.units, modifiers: line.modifiers } : null),
          overrideReason: op.reason,
        };
      }
    } else if (op.op === 'add') {
      lines.push({
        key: `added:${o.id}`,
        kind: op.value.kind,
        code: op.value.code,
        units: op.value.units,
        modifiers: op.value.modifiers,
        administrationIds: op.value.administrationIds,
        rule: 'CODER-ADDED',
        explanation: `Added by ${o.coderName}: ${op.reason}`,
        ndc11: null,
        // The day of the doses it cites (lib/claim-lines.ts serviceDayOf), else the claim's first day.
        dateOfService: dayOf?.(op.value.administrationIds) ?? lines[0]?.dateOfService ?? '',
        source: 'added',
        engine: null,
        overrideReason: op.reason,
      });
    }
  }
  const cpt = lines.filter((l) => l.kind === 'cpt');
  return { lines, stale, lapsed: lapsedDecisions(stale, overrides, lines, suggested), problems: checkAddOnIntegrity(cpt), removed };
}

/**
 * How many of the coder's decisions are in force (overridden, added and
 * removed lines, the office's initial-service choice): what "Accept all
 * suggestions" would discard, named in its confirmation.
 */
export function decisionsInForce(working: Pick<WorkingLines, 'lines' | 'removed'>, initialChosen: boolean): number {
  return working.lines.filter((l) => l.source !== 'engine').length + working.removed.length + (initialChosen ? 1 : 0);
}

type LineDecision = Extract<OverrideOp, { op: 'change' | 'remove' }>;

/**
 * Names each lapsed decision beside the line it concerns now, dropping those
 * the coder has since decided again on: a later change or removal of the same
 * line (its recorded key, or the key of the line it now sits beside).
 */
function lapsedDecisions(stale: RecordedOverride[], overrides: RecordedOverride[], lines: FinalLine[], suggested: FinalLine[]): LapsedDecision[] {
  const out: LapsedDecision[] = [];
  for (const o of stale) {
    const op = o.op as LineDecision;
    const basis = op.value?.basis;
    const line = lines.find((l) => l.key === op.lineKey) ?? (basis ? lines.find((l) => sameThing(op.lineKey, basis, l)) : undefined) ?? null;
    const keys = new Set([op.lineKey, ...(line ? [line.key] : [])]);
    const decidedAgain = overrides.some((later) => later.id > o.id && (later.op.op === 'change' || later.op.op === 'remove') && keys.has(later.op.lineKey));
    if (decidedAgain) continue;
    // What the chart now gives for that line: the engine's suggestion, not the coder's own override of it.
    const now = line ? (suggested.find((l) => l.key === line.key) ?? line) : null;
    out.push({ override: o, lineKey: line?.key ?? null, message: lapsedMessage(op, basis, now) });
  }
  return out;
}

/** Whether `line` is the line a decision on `lineKey` (made against `basis`) was about, under a new key. */
function sameThing(lineKey: string, basis: LineBasis, line: FinalLine): boolean {
  const [kind, , day] = lineKey.split(':');
  if (kind !== line.kind) return false;
  // A drug line is summed per code and day; an administration line belongs to
  // its doses, named by chain root in both keys (an added line has no doses key).
  if (kind === 'hcpcs') return line.code === basis.code && line.dateOfService === day && !line.modifiers.includes('JW') === !basis.modifiers.includes('JW');
  return line.key.startsWith('cpt:') && line.key.split(':').at(-1) === lineKey.split(':').at(-1);
}

function lineText(l: LineBasis): string {
  return `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} × ${l.units}`;
}

function unitsText(n: number): string {
  return `${n} unit${n === 1 ? '' : 's'}`;
}

/** "Your JZ on J2405 was made against 16 units; the chart now gives 12." */
export function lapsedMessage(op: LineDecision, basis: LineBasis | undefined, now: LineBasis | null): string {
  const code = basis?.code ?? op.value?.basis?.code ?? op.lineKey.split(':')[1] ?? 'this line';
  let what: string;
  if (op.op === 'remove') what = `removal of ${code}`;
  else {
    const was = basis?.modifiers ?? [];
    const added = op.value.modifiers.filter((m) => !was.includes(m));
    const dropped = was.filter((m) => !op.value.modifiers.includes(m));
    const parts = [
      ...(op.value.code !== code ? [`${op.value.code} for ${code}`] : []),
      ...(added.length ? [added.join(' and ')] : []),
      ...(dropped.length ? [`dropping ${dropped.join(' and ')}`] : []),
      ...(basis && op.value.units !== basis.units ? [unitsText(op.value.units)] : []),
    ];
    what = parts.length > 0 ? `${parts.join(', ')} on ${code}` : `override of ${code}`;
  }
  if (!basis) return `Your ${what} was made before the chart changed; ${now ? `the chart now gives ${lineText(now)}` : 'the chart no longer gives this line'}.`;
  if (!now) return `Your ${what} was made against ${lineText(basis)}; the chart no longer gives this line.`;
  const onlyUnits = now.code === basis.code && now.modifiers.join('-') === basis.modifiers.join('-') && now.units !== basis.units;
  return onlyUnits
    ? `Your ${what} was made against ${unitsText(basis.units)}; the chart now gives ${now.units}.`
    : `Your ${what} was made against ${lineText(basis)}; the chart now gives ${lineText(now)}.`;
}

function sameLine(a: LineBasis, b: LineBasis): boolean {
  return a.code === b.code && a.units === b.units && a.modifiers.join('-') === b.modifiers.join('-');
}

export interface LineDiff {
  added: FinalLine[];
  removed: FinalLine[];
  changed: { before: FinalLine; after: FinalLine }[];
}

/**
 * What changed between the last coded lines and the current ones ("charge
 * follows chart"). `roots`: doses named by chain root, so a corrected dose's
 * unchanged line is not "removed" and "new".
 */
export function diffLines(previous: FinalLine[], current: FinalLine[], roots?: ChainRoots): LineDiff {
  // An administration line is identified by the doses behind it; a drug line
  // (summed per day) by its code and modifiers, so 8 → 4 units reads as a change.
  const identity = (l: FinalLine) =>
    l.kind === 'cpt' ? `cpt:${l.code}:${l.modifiers.join('-')}:${rootIds(l.administrationIds, roots)}` : `hcpcs:${l.code}:${l.dateOfService}`;
  const before = new Map(previous.map((l) => [identity(l), l]));
  const after = new Map(current.map((l) => [identity(l), l]));
  const diff: LineDiff = { added: [], removed: [], changed: [] };
  for (const [id, l] of after) {
    const old = before.get(id);
    if (!old) diff.added.push(l);
    else if (old.units !== l.units || old.ndc11 !== l.ndc11 || old.modifiers.join('-') !== l.modifiers.join('-')) diff.changed.push({ before: old, after: l });
  }
  for (const [id, l] of before) if (!after.has(id)) diff.removed.push(l);
  return diff;
}

export function isEmptyDiff(d: LineDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

/**
 * A name for each line's controls that no other line on the review shares:
 * the code and the doses it comes from as every picker names them
 * (`doseNames`: engine dose id → lib/dose-label.ts label), e.g.
 * "96375 for Famotidine 20 mg at 10:05 by Nora Quinn, RN"; a line without
 * doses (added) "J3490 × 2 (added by the coder)". Lines still alike get
 * "(line 2 of 3)" in claim order. Keyed by FinalLine.key.
 */
export function lineControlNames(lines: readonly FinalLine[], doseNames: ReadonlyMap<string, string>): Map<string, string> {
  const base = lines.map((l) => {
    const doses = l.administrationIds.map((id) => doseNames.get(id)).filter((n): n is string => n !== undefined);
    if (doses.length > 0) return `${l.code} for ${doses.join('; ')}`;
    return `${lineText(l)}${l.source === 'added' ? ' (added by the coder)' : ''}`;
  });
  const total = new Map<string, number>();
  for (const b of base) total.set(b, (total.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return new Map(
    lines.map((l, i) => {
      const b = base[i]!;
      const n = total.get(b)!;
      if (n === 1) return [l.key, b];
      const k = (seen.get(b) ?? 0) + 1;
      seen.set(b, k);
      return [l.key, `${b} (line ${k} of ${n})`];
    }),
  );
}
