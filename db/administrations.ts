import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import type { ADMINISTRATION_KINDS, AdministrationInput, AmendmentInput, DoseUnit } from '@/lib/administration-schema';
import { expiredMessage } from '@/lib/administration-schema';
import { administeredTimes, checkEncounterTimes, checkTiming, wasteProblem, type ContainerFacts } from '@/lib/charting-rules';
import { concentrationFor, judgeDose } from '@/lib/dose-limits';
import { expiredOnDayGiven } from '@/lib/draft-times';
import { ndcOwnership } from '@/lib/ndc-ownership';
import type { AdministrationView, SessionUser } from '@/lib/types';
import { creationChanges, recordAudit } from './audit';
import { getDb, type Tx } from './client';
import { driverValues, insertPlaceholders, preparedOn } from './prepared';
import { listAdministrations } from './encounters';
import { administrations, drugDoseLimits, drugProducts, encounters, facilities, formularyDrugs, patients, providers, users } from './schema';

/** What the form is told after a save (issue 12 item 1: "Saved: … at 14:07"); a retry gets the first save's answer. */
export interface ChartedEntry {
  id: number;
  /** Stored given-at and finished-at (UTC ISO 8601). */
  startAt: string;
  stopAt: string | null;
  /** When it was charted (UTC ISO 8601). */
  chartedAt: string;
  /** True when this answers a repeated submission (same idempotency key): nothing new was written. */
  replayed: boolean;
  /**
   * The stored entry as the timeline shows it (the row of db/encounters.ts
   * listAdministrations), so the page merges it into its state instead of
   * being re-rendered (issue 16 item 1); null only if it can no longer be read.
   */
  view: AdministrationView | null;
  /**
   * The encounter's chart version right after this write (lib/chart-version.ts,
   * "entries:maxId:inError"), set by charting: the page compares it with the
   * version of what it shows plus this entry, and reloads the encounter when
   * they differ (someone else charted, corrected or marked an entry in error
   * meanwhile), so the screen that just saved never shows a chart without a
   * colleague's dose (issue 16 fresh-user F2).
   */
  chartVersion?: string;
}

/** A witness whose password the action has verified (server/session.ts verifyWitness). */
export interface WitnessSignature {
  id: string;
  name: string;
  credentials: string;
  at: Date;
}

export const NOT_SAVED = 'Nothing was saved: correct the marked fields';
export const WITNESS_REQUIRED = 'A second clinician must witness the waste of a controlled substance: their email and password';
const KEY_USED = 'This submission was already used for another entry: reload the page and try again';

type Row = typeof administrations.$inferSelect;
type AdministrationKind = (typeof ADMINISTRATION_KINDS)[number];

export function entryOf(row: Pick<Row, 'id' | 'startAt' | 'stopAt' | 'chartedAt'>, replayed: boolean, view: AdministrationView | null = null): ChartedEntry {
  return { id: row.id, startAt: row.startAt.toISOString(), stopAt: row.stopAt?.toISOString() ?? null, chartedAt: row.chartedAt.toISOString(), replayed, view };
}

/**
 * A freshly inserted row as the timeline shows it, from what the write already
 * knows (no read back): active, not amended, not voided.
 */
function viewOfNewRow(row: Row, drug: NonNullable<DoseCheck['drug']>, orderingProviderNpi: string | null): AdministrationView {
  return {
    id: row.id,
    drugId: row.drugId,
    drugKey: drug.key,
    drugName: drug.name,
    chemo: drug.chemo,
    doseValue: row.doseValue,
    doseUnit: row.doseUnit,
    kind: row.kind,
    startAt: row.startAt,
    stopAt: row.stopAt,
    stopMissingReason: row.stopMissingReason,
    site: row.site,
    rationale: row.rationale,
    performerName: row.performerName,
    performerCredentials: row.performerCredentials,
    chartedAt: row.chartedAt,
    lateEntryReason: row.lateEntryReason,
    ndc: row.ndc,
    lot: row.lot,
    expiry: row.expiry,
    wastedValue: row.wastedValue,
    wastedUnit: row.wastedUnit,
    status: 'active',
    amendsId: row.amendsId,
    correctionReason: row.correctionReason,
    isAddendum: row.isAddendum,
    performerId: row.performerId,
    voidReason: null,
    voidedAt: null,
    voidedBy: null,
    orderingProviderId: row.orderingProviderId,
    orderingProviderName: row.orderingProviderName,
    orderingProviderNpi,
    orderType: row.orderType,
    witnessId: row.witnessId,
    witnessName: row.witnessName,
    witnessCredentials: row.witnessCredentials,
    witnessedAt: row.witnessedAt,
    expiredProductReason: row.expiredProductReason,
    doseConfirmationReason: row.doseConfirmationReason,
    ndcConfirmationReason: row.ndcConfirmationReason,
    pump: row.pump,
    integralTo: row.integralTo,
  };
}

/**
 * Charting's statements (the read-only checks and the write), prepared once per
 * connection with placeholders (issue 16 item 1: drizzle building SQL on the
 * write path was 9% of a round trip). They run inside the caller's transaction.
 */
const statements = preparedOn((db, connection) => ({
  // lib/chart-version.ts over every row listAdministrations returns (all versions; voids joined).
  chartVersion: connection.prepare<[number], { entries: number; maxId: number; inError: number }>(
    `select count(*) as entries, coalesce(max(a.id), 0) as maxId, count(v.administration_id) as inError
       from administrations a left join administration_voids v on v.administration_id = a.id
      where a.encounter_id = ?`,
  ),
  byIdempotencyKey: db
    .select()
    .from(administrations)
    .where(and(eq(administrations.encounterId, sql.placeholder('encounterId')), eq(administrations.idempotencyKey, sql.placeholder('key'))))
    .prepare(),
  encounterFacts: db
    .select({
      id: encounters.id,
      status: encounters.status,
      facilityId: encounters.facilityId,
      openedAt: encounters.openedAt,
      closedAt: encounters.closedAt,
      birthDate: patients.birthDate,
      timeZone: facilities.timeZone,
      lateEntryThresholdMinutes: facilities.lateEntryThresholdMinutes,
    })
    .from(encounters)
    .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
    .innerJoin(patients, eq(patients.id, encounters.patientId))
    .where(eq(encounters.id, sql.placeholder('encounterId')))
    .prepare(),
  activeDrug: db
    .select({ id: formularyDrugs.id, key: formularyDrugs.key, name: formularyDrugs.genericName, chemo: formularyDrugs.chemo, controlledSchedule: formularyDrugs.controlledSchedule, mgPerMeq: formularyDrugs.mgPerMeq, typicalKinds: formularyDrugs.typicalKinds })
    .from(formularyDrugs)
    .where(and(eq(formularyDrugs.id, sql.placeholder('drugId')), eq(formularyDrugs.active, true)))
    .prepare(),
  provider: db
    .select({ name: providers.name, credentials: providers.credentials, npi: providers.npi, active: providers.active })
    .from(providers)
    .where(eq(providers.id, sql.placeholder('providerId')))
    .prepare(),
  productsOf: db.select().from(drugProducts).where(eq(drugProducts.drugId, sql.placeholder('drugId'))).prepare(),
  doseLimitsOf: db.select().from(drugDoseLimits).where(eq(drugDoseLimits.drugId, sql.placeholder('drugId'))).prepare(),
  allDrugs: db.select({ id: formularyDrugs.id, key: formularyDrugs.key, name: formularyDrugs.genericName }).from(formularyDrugs).prepare(),
  allProducts: db.select({ drugId: drugProducts.drugId, ndc10: drugProducts.ndc10, ndc11: drugProducts.ndc11 }).from(drugProducts).prepare(),
  performer: db
    .select({ id: users.id, name: users.name, credentials: users.credentials, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare(),
  insert: db
    .insert(administrations)
    .values(insertPlaceholders(INSERT_COLUMNS) as unknown as typeof administrations.$inferInsert)
    .returning()
    .prepare(),
}));

/** The columns a new entry is written with (every value of chartAdministration's insert, null when absent). */
const INSERT_COLUMNS = [
  'encounterId', 'drugId', 'doseValue', 'doseUnit', 'kind', 'startAt', 'stopAt', 'stopMissingReason', 'site', 'rationale', 'ndc', 'lot', 'expiry',
  'wastedValue', 'wastedUnit', 'pump', 'integralTo', 'performerId', 'performerName', 'performerCredentials', 'chartedAt', 'lateEntryReason',
  'orderingProviderId', 'orderingProviderName', 'orderType', 'expiredProductReason', 'doseConfirmationReason', 'ndcConfirmationReason',
  'witnessId', 'witnessName', 'witnessCredentials', 'witnessedAt', 'idempotencyKey',
] as const satisfies ReadonlyArray<keyof typeof administrations.$inferInsert>;
type InsertValues = { [K in (typeof INSERT_COLUMNS)[number]]: (typeof administrations.$inferInsert)[K] };

/** The row charted on this encounter with this idempotency key, if any. */
export function findByIdempotencyKey(tx: Tx, encounterId: number, key: string): Row | undefined {
  return statements(tx).byIdempotencyKey.get({ encounterId, key });
}

/** The encounter facts the charting rules need. */
export function loadEncounterFacts(tx: Tx, encounterId: number) {
  return statements(tx).encounterFacts.get({ encounterId });
}

export type EncounterFacts = NonNullable<ReturnType<typeof loadEncounterFacts>>;

/** The dose facts both charting and amending check (everything but who and which version). */
export interface DoseFacts {
  drugId: number;
  doseValue: string;
  doseUnit: DoseUnit;
  kind: string;
  start: string;
  stop?: string | undefined;
  ndc?: string | undefined;
  expiry?: string | undefined;
  wastedValue?: string | undefined;
  orderingProviderId: number;
  doseConfirmationReason?: string | undefined;
  ndcConfirmationReason?: string | undefined;
}

export interface DoseCheck {
  errors: Record<string, string>;
  start: Date | null;
  stop: Date | null;
  /** The ordering provider's snapshot "Name, credentials" (when the provider may be named). */
  orderingProviderName: string | null;
  /** The ordering provider's NPI when the provider was looked up (a new order), else null. */
  orderingProviderNpi: string | null;
  /** The active formulary drug charted (what the timeline names), or null when refused. */
  drug: { key: string; name: string; chemo: boolean } | null;
  /** A controlled substance (DEA schedule) with an amount wasted: a witness must sign. */
  needsWitness: boolean;
  expired: boolean;
  /** The dose is outside the usual range (lib/dose-limits.ts): its confirmation reason is stored. */
  doseConfirmed: boolean;
  /** The NDC is not in the formulary: its confirmation reason is stored (and the coder sees it flagged). */
  ndcUnknown: boolean;
}

/**
 * The rules of a dose that need stored facts and the server's clock, for a new
 * entry and an amendment alike (issue 12 items 1, 3, 4, 5, 6, 10):
 * drug active in the formulary; ordering provider active (or, for an
 * amendment, the one already on the entry); times valid in the facility's zone
 * and possible for this encounter (lib/charting-rules.ts), with the late-entry
 * rules measured against `documentedAt`; a product past its expiry on the day
 * given needs a reason; the waste fits in the container(s); whether a witness
 * must sign; the dose is plausible for the drug and kind (above the hard
 * maximum refused on doseValue, outside the usual range only with
 * doseConfirmationReason: lib/dose-limits.ts judgeDose, issue 13 item 4); a
 * charted NDC is one of the drug's products (another drug's refused on ndc,
 * an unknown one only with ndcConfirmationReason: lib/ndc-ownership.ts,
 * issue 13 item 5). Read-only.
 * @param documentedAt the first charting time of the dose (now, for a new entry)
 * @param keep for an amendment: the provider, expiry reason and late-entry reason already on the entry
 */
export function checkDose(
  tx: Tx,
  input: DoseFacts & { lateEntryReason?: string | undefined; expiredProductReason?: string | undefined },
  encounter: EncounterFacts,
  now: Date,
  documentedAt: Date,
  keep: { orderingProviderId: number | null; orderingProviderName: string | null } | null = null,
): DoseCheck {
  const errors: Record<string, string> = {};
  const set = (field: string, message: string) => {
    errors[field] ??= message;
  };

  const s = statements(tx);
  const drug = s.activeDrug.get({ drugId: input.drugId });
  if (!drug) set('drugId', 'Unknown drug: only formulary drugs can be charted (an admin adds new ones)');

  let orderingProviderName: string | null = null;
  let orderingProviderNpi: string | null = null;
  if (keep && keep.orderingProviderId === input.orderingProviderId && keep.orderingProviderName) {
    // An amendment may keep the order it was given under, even if the provider has left since.
    orderingProviderName = keep.orderingProviderName;
  } else {
    const provider = s.provider.get({ providerId: input.orderingProviderId });
    if (!provider || !provider.active) set('orderingProviderId', 'Choose an active provider from the list: this one is unknown or no longer active');
    else {
      orderingProviderName = `${provider.name}, ${provider.credentials}`;
      orderingProviderNpi = provider.npi;
    }
  }

  const { start, stop, errors: timeErrors } = administeredTimes(input, encounter.timeZone, now);
  for (const [k, v] of Object.entries(timeErrors)) set(k, v);
  if (start) {
    const facts = { start, stop, kind: input.kind, chartedAt: documentedAt, lateEntryReason: input.lateEntryReason };
    for (const [k, v] of Object.entries(checkEncounterTimes(facts, encounter))) set(k, v);
    const timing = checkTiming({ ...facts, now, lateEntryThresholdMinutes: encounter.lateEntryThresholdMinutes });
    for (const [k, v] of Object.entries(timing)) set(k, v);
  }

  // Issue 12 item 10: the expiry is the last day the product may be used (21 CFR 211.137).
  const expired = expiredOnDayGiven(input.expiry, start, encounter.timeZone);
  if (expired && !input.expiredProductReason) {
    set('expiredProductReason', expiredMessage(input.expiry!));
    set('expiry', `Expired on ${input.expiry}, before the day it was given`);
  }

  let needsWitness = false;
  let doseConfirmed = false;
  let ndcUnknown = false;
  if (drug) {
    const products = s.productsOf.all({ drugId: drug.id });
    // Issue 13 item 5: the NDC belongs to the drug, whether typed or scanned (compared as 11-digit NDCs).
    let container: ContainerFacts | null = null;
    let chartedNdc11: string | null = null;
    if (input.ndc) {
      const formulary = allProductsByDrug(tx);
      const owner = ndcOwnership(formulary, { id: drug.id, key: drug.key, products }, input.ndc);
      if (owner.kind === 'own') {
        chartedNdc11 = owner.ndc11;
        container = products.find((p) => p.ndc11 === owner.ndc11) ?? null;
      } else if (owner.kind === 'other') {
        set('ndc', owner.message);
      } else {
        ndcUnknown = true;
        if (!input.ndcConfirmationReason) set('ndcConfirmationReason', owner.message);
      }
    }
    // Issue 13 item 4: the dose is plausible for this drug given this way (mL through the charted vial's strength).
    const doseLimits = s.doseLimitsOf.all({ drugId: drug.id });
    const limitsDrug = {
      key: drug.key,
      name: drug.name,
      mgPerMeq: drug.mgPerMeq ?? undefined,
      products,
      typicalKinds: drug.typicalKinds,
      doseLimits: doseLimits.map((l) => ({ kinds: l.kinds, unit: l.unit, usual: l.usualDose, softMax: l.softMax, hardMax: l.hardMax, source: l.source })),
    };
    const verdict = judgeDose(limitsDrug, input.kind as AdministrationKind, { value: input.doseValue, unit: input.doseUnit }, concentrationFor(limitsDrug, chartedNdc11));
    if (verdict.kind === 'refuse') set('doseValue', verdict.message);
    if (verdict.kind === 'confirm') {
      doseConfirmed = true;
      if (!input.doseConfirmationReason) set('doseConfirmationReason', verdict.message);
    }
    if (input.wastedValue) {
      // No charted NDC (or one the formulary does not know): the drug's single-dose container, the largest if several.
      container ??= largest(products.filter((p) => p.containerType === 'single-dose'));
      const problem = wasteProblem({ value: input.doseValue, unit: input.doseUnit }, input.wastedValue, container, drug.mgPerMeq);
      if (problem) set('wastedValue', problem);
      needsWitness = drug.controlledSchedule !== null && Number(input.wastedValue) > 0;
    }
  }
  return {
    errors,
    start,
    stop,
    orderingProviderName,
    orderingProviderNpi,
    drug: drug ? { key: drug.key, name: drug.name, chemo: drug.chemo } : null,
    needsWitness,
    expired,
    doseConfirmed,
    ndcUnknown,
  };
}

/** Every formulary drug (active or not) with its products' NDCs: whose vial a charted NDC is. */
function allProductsByDrug(tx: Tx) {
  const drugs = statements(tx).allDrugs.all();
  const products = statements(tx).allProducts.all();
  return drugs.map((d) => ({ ...d, products: products.filter((p) => p.drugId === d.id) }));
}

function largest<T extends ContainerFacts>(products: T[]): T | null {
  return products.reduce<T | null>((best, p) => (!best || Number(p.amountPerContainer) > Number(best.amountPerContainer) ? p : best), null);
}

/** Field errors about the witness of a controlled-substance waste, given whether one is needed and whether one signed. */
export function witnessErrors(needsWitness: boolean, witness: WitnessSignature | null, input: { witnessEmail?: string | undefined; witnessPassword?: string | undefined }): Record<string, string> {
  if (!needsWitness || witness) return {};
  if (!input.witnessEmail) return { witnessEmail: WITNESS_REQUIRED };
  if (!input.witnessPassword) return { witnessPassword: 'The witness enters their own password' };
  return { witnessPassword: 'The witness has not signed: try again' };
}

/** What the action must know before the witness signs (a password check is async; the write is one synchronous transaction). */
export type ChartingPlan =
  | { kind: 'replay'; entry: ChartedEntry }
  | { kind: 'write'; needsWitness: boolean; facilityId: number | null };

function performerOf(tx: Tx, actor: SessionUser) {
  const performer = statements(tx).performer.get({ userId: actor.id });
  return performer && performer.active && performer.role === 'nurse' ? performer : null;
}

type Attempt = { kind: 'replay'; entry: ChartedEntry } | { kind: 'refused'; result: ActionResult<never> } | { kind: 'ready'; encounter: EncounterFacts; check: DoseCheck; performer: NonNullable<ReturnType<typeof performerOf>> };

function attemptCharting(tx: Tx, input: AdministrationInput, actor: SessionUser, now: Date): Attempt {
  const encounter = loadEncounterFacts(tx, input.encounterId);
  if (!encounter) return { kind: 'refused', result: fail({}, 'This encounter does not exist') };
  // Issue 12 item 8: a repeated submission is answered with the first result, whatever changed since.
  const earlier = findByIdempotencyKey(tx, encounter.id, input.idempotencyKey);
  if (earlier) {
    if (earlier.performerId !== actor.id || earlier.amendsId !== null) return { kind: 'refused', result: { ...fail({ form: KEY_USED }, KEY_USED), status: 409 } };
    // The first answer may have been lost: the form gets the entry as the timeline shows it again.
    const entry = entryOf(earlier, true, listAdministrations(encounter.id).find((r) => r.id === earlier.id) ?? null);
    return { kind: 'replay', entry: { ...entry, chartVersion: chartVersionOf(tx, encounter.id) } };
  }
  if (encounter.status !== 'open') {
    return { kind: 'refused', result: fail({}, `This encounter is ${encounter.status === 'coded' ? 'coded' : 'signed and sent to coding'}: it is closed to new charting`) };
  }
  // The signer is always the signed-in clinician: nobody charts under another's name.
  const performer = performerOf(tx, actor);
  if (!performer) return { kind: 'refused', result: fail({}, 'Only a signed-in clinician can chart a dose') };
  const check = checkDose(tx, input, encounter, now, now);
  if (Object.keys(check.errors).length > 0 || !check.start) return { kind: 'refused', result: fail(check.errors, NOT_SAVED) };
  return { kind: 'ready', encounter, check, performer };
}

/**
 * Phase 1 of charting (read-only): a retry of a saved submission (answered
 * with its first result), a refusal with field errors, or the go-ahead with
 * whether a witness must sign first.
 */
export function planCharting(input: AdministrationInput, actor: SessionUser, now: Date): ActionResult<ChartingPlan> {
  return getDb().transaction((tx): ActionResult<ChartingPlan> => {
    const a = attemptCharting(tx, input, actor, now);
    if (a.kind === 'replay') return { ok: true, data: { kind: 'replay', entry: a.entry } };
    if (a.kind === 'refused') return a.result;
    return { ok: true, data: { kind: 'write', needsWitness: a.check.needsWitness, facilityId: a.encounter.facilityId } };
  });
}

/**
 * Charts one administration after the server-only rules of coding-rules.md §9
 * and issue 12: encounter open, drug in the formulary, performer a clinician,
 * ordering provider active, times possible for this encounter in the
 * facility's zone ("now" = the server clock), not in the future, late entries
 * and entries after the close explained, expired products explained, waste
 * within the container, a controlled waste witnessed (`witness`, verified by
 * the caller). Idempotent per (encounter, idempotencyKey): a repeated
 * submission returns the first result and writes nothing. The row and its
 * audit event are written in one immediate transaction; on any error nothing
 * is written. The coding queue's derived columns of the encounter are not
 * refreshed here: the caller runs db/coding.ts refreshCodingSummary after the
 * commit (issue 16 item 1); see encountersWithStaleSummary.
 */
export function chartAdministration(input: AdministrationInput, actor: SessionUser, now: Date, witness: WitnessSignature | null = null): ActionResult<ChartedEntry> {
  return getDb().transaction(
    (tx): ActionResult<ChartedEntry> => {
      const a = attemptCharting(tx, input, actor, now);
      if (a.kind === 'replay') return { ok: true, data: a.entry };
      if (a.kind === 'refused') return a.result;
      const { encounter, check, performer } = a;
      const missingWitness = witnessErrors(check.needsWitness, witness, input);
      if (Object.keys(missingWitness).length > 0) return fail(missingWitness, NOT_SAVED);

      const values: InsertValues = {
        encounterId: encounter.id,
        drugId: input.drugId,
        ...clinicalValues(input, check.start!, check.stop),
        performerId: performer.id,
        performerName: performer.name,
        performerCredentials: performer.credentials,
        chartedAt: now,
        lateEntryReason: input.lateEntryReason ?? null,
        ...orderValues(input, check),
        ...witnessValues(check.needsWitness ? witness : null),
        idempotencyKey: input.idempotencyKey,
      };
      const row = statements(tx).insert.get(driverValues(values))!;
      recordAudit(tx, {
        event: 'administration.charted',
        actorId: actor.id,
        at: now,
        entityType: 'administration',
        entityId: row.id,
        encounterId: encounter.id,
        changes: creationChanges(values),
      });
      // The queue's derived columns do not decide the answer: the caller refreshes them after the commit
      // (refreshCodingSummary; server/after-commit.ts), and start-up repairs them if that never ran.
      return { ok: true, data: { ...entryOf(row, false, viewOfNewRow(row, check.drug!, check.orderingProviderNpi)), chartVersion: chartVersionOf(tx, encounter.id) } };
    },
    { behavior: 'immediate' },
  );
}

/** The encounter's chart version as lib/chart-version.ts computes it over listAdministrations, in one indexed aggregate. */
function chartVersionOf(tx: Tx, encounterId: number): string {
  const v = statements(tx).chartVersion.get(encounterId)!;
  return `${v.entries}:${v.maxId}:${v.inError}`;
}

/** Who ordered the dose and how (R-DOC-ORDER), and the bedside confirmations (expired product, dose, NDC), as stored: a reason only where the rule asked for one. */
export function orderValues(
  input: Pick<AdministrationInput, 'orderingProviderId' | 'orderType' | 'expiredProductReason' | 'doseConfirmationReason' | 'ndcConfirmationReason'>,
  check: Pick<DoseCheck, 'orderingProviderName' | 'expired' | 'doseConfirmed' | 'ndcUnknown'>,
) {
  return {
    orderingProviderId: input.orderingProviderId,
    orderingProviderName: check.orderingProviderName,
    orderType: input.orderType,
    expiredProductReason: check.expired ? (input.expiredProductReason ?? null) : null,
    doseConfirmationReason: check.doseConfirmed ? (input.doseConfirmationReason ?? null) : null,
    ndcConfirmationReason: check.ndcUnknown ? (input.ndcConfirmationReason ?? null) : null,
  };
}

/** The witness snapshot as stored (never the password). */
export function witnessValues(witness: WitnessSignature | null) {
  return {
    witnessId: witness?.id ?? null,
    witnessName: witness?.name ?? null,
    witnessCredentials: witness?.credentials ?? null,
    witnessedAt: witness?.at ?? null,
  };
}

/** The clinical facts of a dose as stored, shared by a new entry and an amendment (pump and integralTo included: issue 14 items 2 and 7). */
export function clinicalValues(input: AdministrationInput | AmendmentInput, start: Date, stop: Date | null) {
  return {
    doseValue: input.doseValue,
    doseUnit: input.doseUnit,
    kind: input.kind,
    startAt: start,
    stopAt: stop,
    stopMissingReason: stop ? null : (input.stopMissingReason ?? null),
    site: input.site,
    rationale: input.rationale,
    ndc: input.ndc ?? null,
    lot: input.lot ?? null,
    expiry: input.expiry ?? null,
    wastedValue: input.wastedValue ?? null,
    wastedUnit: input.wastedValue ? input.doseUnit : null,
    // Issue 14: the pump of an infusion (R-CHEMO-PUMP; the schema refuses it on other kinds) and the
    // procedure the drug was part of (R-INTEGRAL); null when not charted, so the audit event names both.
    pump: input.kind === 'infusion' ? (input.pump ?? null) : null,
    integralTo: input.integralTo ?? null,
  };
}

/**
 * Open encounters whose stored dose count (the coding queue's derived
 * columns, db/coding.ts refreshCodingSummary) disagrees with their active
 * doses: charting refreshes those columns after its commit (Next's `after()`,
 * issue 16 item 1), so a process that died in between leaves them stale; and
 * encounters that never had them (dateOfService null). Only open encounters
 * can be charted; a signed one was refreshed in its signing transaction.
 * Read at start-up (server/start-up.ts); one pass over the open encounters'
 * doses (administrations_encounter index).
 *
 * @returns encounter ids, ascending
 */
export function encountersWithStaleSummary(): number[] {
  return getDb()
    .all<{ id: number }>(
      sql`select e.id from encounters e
          where e.date_of_service is null
             or (e.status = 'open' and e.administration_count != (
                  select count(*) from administrations a
                  where a.encounter_id = e.id
                    and not exists (select 1 from administration_voids v where v.administration_id = a.id)
                    and not exists (select 1 from administrations later where later.amends_id = a.id)))
          order by e.id`,
    )
    .map((r) => r.id);
}
