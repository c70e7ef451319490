import 'server-only';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { fail, type ActionResult } from '@/lib/action-result';
import {
  aliasIdentity,
  dayBefore,
  rangesOverlap,
  type AddCodeInput,
  type AddDrugInput,
  type CodePaymentStatusInput,
  type DoseLimitsInput,
  type DrugNamesInput,
  type CreateFacilityInput,
  type CreateUserInput,
  type EndCodeInput,
  type FacilitySettingsInput,
  type HcpcsCodeInput,
  type UpdateUserInput,
} from '@/lib/admin-schema';
import type { AdministrationKindHint, DoseLimit, PaymentStatus } from '@/lib/formulary/define';
import { normaliseDrugText } from '@/lib/formulary/search';
import type { Role, SessionUser, Setting } from '@/lib/types';
import { creationChanges, recordAudit, type ChangeSet } from './audit';
import { getDb, type Tx } from './client';
import { accounts, administrations, drugDoseLimits, drugHcpcsCodes, drugProducts, encounters, facilities, formularyDrugs, sessions, userFacilities, users } from './schema';

const IMMEDIATE = { behavior: 'immediate' } as const;

/** Only the fields whose value differs, as `{field: {old, new}}`. */
function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): ChangeSet {
  const out: ChangeSet = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) out[key] = { old: before[key], new: value };
  }
  return out;
}

// --- Users ---

export interface AdminUser {
  id: string;
  name: string;
  email: string;
  credentials: string;
  role: Role;
  active: boolean;
  /** The facilities the user belongs to, in id order (an admin manages all regardless). */
  facilityIds: number[];
}

export function listUsers(): AdminUser[] {
  const db = getDb();
  const memberships = new Map<string, number[]>();
  for (const m of db.select({ userId: userFacilities.userId, facilityId: userFacilities.facilityId }).from(userFacilities).orderBy(asc(userFacilities.facilityId)).all()) {
    const list = memberships.get(m.userId) ?? [];
    list.push(m.facilityId);
    memberships.set(m.userId, list);
  }
  return db
    .select({ id: users.id, name: users.name, email: users.email, credentials: users.credentials, role: users.role, active: users.active })
    .from(users)
    .orderBy(asc(users.name))
    .all()
    .map((u) => ({ ...u, facilityIds: memberships.get(u.id) ?? [] }));
}

interface NamedFacility {
  id: number;
  name: string;
}

/** The facilities with these ids (id order), or null when any of them does not exist. */
function namedFacilities(tx: Tx, ids: readonly number[]): NamedFacility[] | null {
  if (ids.length === 0) return [];
  const rows = tx
    .select({ id: facilities.id, name: facilities.name })
    .from(facilities)
    .where(inArray(facilities.id, [...ids]))
    .orderBy(asc(facilities.id))
    .all();
  return rows.length === new Set(ids).size ? rows : null;
}

function facilitiesOfUser(tx: Tx, userId: string): NamedFacility[] {
  return tx
    .select({ id: facilities.id, name: facilities.name })
    .from(userFacilities)
    .innerJoin(facilities, eq(facilities.id, userFacilities.facilityId))
    .where(eq(userFacilities.userId, userId))
    .orderBy(asc(facilities.id))
    .all();
}

const UNKNOWN_FACILITY = fail({ facilityIds: 'A chosen facility does not exist: reload the page' });

/**
 * Makes the user's facilities exactly `after` (removing and adding only the
 * difference) and audits old → new (names and ids) as user.facilities-changed,
 * inside the caller's transaction. Returns whether anything changed.
 */
function replaceFacilities(tx: Tx, userId: string, after: NamedFacility[], admin: SessionUser, now: Date, reason: string | null): boolean {
  const before = facilitiesOfUser(tx, userId);
  const beforeIds = before.map((f) => f.id);
  const afterIds = after.map((f) => f.id);
  const removed = beforeIds.filter((id) => !afterIds.includes(id));
  const added = afterIds.filter((id) => !beforeIds.includes(id));
  if (removed.length === 0 && added.length === 0) return false;
  if (removed.length > 0) tx.delete(userFacilities).where(and(eq(userFacilities.userId, userId), inArray(userFacilities.facilityId, removed))).run();
  if (added.length > 0) tx.insert(userFacilities).values(added.map((facilityId) => ({ userId, facilityId, createdAt: now }))).run();
  recordAudit(tx, {
    event: 'user.facilities-changed',
    actorId: admin.id,
    at: now,
    entityType: 'user',
    entityId: userId,
    changes: { facilities: { old: before.map((f) => f.name), new: after.map((f) => f.name) }, facilityIds: { old: beforeIds, new: afterIds } },
    reason,
  });
  return true;
}

function emailTaken(tx: Tx, email: string): boolean {
  return tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).get() !== undefined;
}

/**
 * A new person with an email-and-password account. The password is hashed by
 * better-auth's own `hashPassword` (what sign-in verifies against); neither the
 * password nor its hash ever reaches the audit trail.
 */
export async function createUser(input: CreateUserInput, admin: SessionUser, now: Date): Promise<ActionResult<{ id: string }>> {
  const duplicate = fail({ email: 'A user with this email already exists' });
  // Cheap check first so a duplicate does not pay for a hash; re-checked in the transaction.
  if (getDb().transaction((tx) => emailTaken(tx, input.email))) return duplicate;
  const hash = await hashPassword(input.password);
  return getDb().transaction((tx): ActionResult<{ id: string }> => {
    if (emailTaken(tx, input.email)) return duplicate;
    const chosen = namedFacilities(tx, input.facilityIds);
    if (!chosen) return UNKNOWN_FACILITY;
    const id = crypto.randomUUID();
    const profile = { name: input.name, email: input.email, credentials: input.credentials, role: input.role, active: true };
    tx.insert(users)
      .values({ id, ...profile, emailVerified: true, createdAt: now, updatedAt: now })
      .run();
    // better-auth's credential account: accountId is the user's id.
    tx.insert(accounts)
      .values({ id: `acct-${id}`, accountId: id, providerId: 'credential', userId: id, password: hash, createdAt: now, updatedAt: now })
      .run();
    recordAudit(tx, { event: 'user.created', actorId: admin.id, at: now, entityType: 'user', entityId: id, changes: creationChanges(profile) });
    replaceFacilities(tx, id, chosen, admin, now, null);
    return { ok: true, data: { id } };
  }, IMMEDIATE);
}

/**
 * Name, credentials, role and (when given) facilities. Doses already charted
 * keep the name and credentials captured when they were signed (snapshots in
 * `administrations`). A facility change takes effect on the user's next
 * request (the session loads memberships each time).
 */
export function updateUser(input: UpdateUserInput, admin: SessionUser, now: Date): ActionResult<{ changed: string[] }> {
  return getDb().transaction((tx): ActionResult<{ changed: string[] }> => {
    const user = tx.select({ name: users.name, credentials: users.credentials, role: users.role }).from(users).where(eq(users.id, input.userId)).get();
    if (!user) return fail({}, 'Unknown user');
    if (input.userId === admin.id && input.role !== user.role) return fail({ role: 'You cannot change your own role' });
    const chosen = input.facilityIds === undefined ? undefined : namedFacilities(tx, input.facilityIds);
    if (chosen === null) return UNKNOWN_FACILITY;
    const changes = diff(user, { name: input.name, credentials: input.credentials, role: input.role });
    const changed = Object.keys(changes);
    if (changed.length > 0) {
      tx.update(users)
        .set({ name: input.name, credentials: input.credentials, role: input.role, updatedAt: now })
        .where(eq(users.id, input.userId))
        .run();
      recordAudit(tx, { event: 'user.updated', actorId: admin.id, at: now, entityType: 'user', entityId: input.userId, changes, reason: input.reason });
    }
    if (chosen && replaceFacilities(tx, input.userId, chosen, admin, now, input.reason)) changed.push('facilities');
    return { ok: true, data: { changed } };
  }, IMMEDIATE);
}

/** Deactivation ends the person's sessions and refuses new ones; their history stays. */
export function setUserActive(userId: string, active: boolean, reason: string, admin: SessionUser, now: Date): ActionResult<null> {
  if (userId === admin.id && !active) return fail({}, 'You cannot deactivate your own account');
  return getDb().transaction((tx): ActionResult<null> => {
    const user = tx.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
    if (!user) return fail({}, 'Unknown user');
    if (user.active === active) return fail({}, active ? 'This user is already active' : 'This user is already deactivated');
    tx.update(users).set({ active, updatedAt: now }).where(eq(users.id, userId)).run();
    if (!active) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(tx, {
      event: active ? 'user.reactivated' : 'user.deactivated',
      actorId: admin.id,
      at: now,
      entityType: 'user',
      entityId: userId,
      changes: { active: { old: user.active, new: active } },
      reason,
    });
    return { ok: true, data: null };
  }, IMMEDIATE);
}

// --- Facilities ---

export interface AdminFacility {
  id: number;
  name: string;
  timeZone: string;
  setting: Setting;
  lateEntryThresholdMinutes: number;
  jwJzPolicy: 'apply' | 'none';
  encounterCount: number;
}

export function listFacilities(): AdminFacility[] {
  const db = getDb();
  const counts = new Map(
    db
      .select({ facilityId: encounters.facilityId, n: count() })
      .from(encounters)
      .groupBy(encounters.facilityId)
      .all()
      .map((r) => [r.facilityId, r.n]),
  );
  return db
    .select({
      id: facilities.id,
      name: facilities.name,
      timeZone: facilities.timeZone,
      setting: facilities.setting,
      lateEntryThresholdMinutes: facilities.lateEntryThresholdMinutes,
      jwJzPolicy: facilities.jwJzPolicy,
    })
    .from(facilities)
    .orderBy(asc(facilities.name))
    .all()
    .map((f) => ({ ...f, encounterCount: counts.get(f.id) ?? 0 }));
}

/**
 * Late-entry threshold and JW/JZ policy. The setting (facility / office) is not
 * editable: each encounter keeps the setting copied when it was opened.
 */
export function updateFacilitySettings(input: FacilitySettingsInput, admin: SessionUser, now: Date): ActionResult<{ changed: string[] }> {
  return getDb().transaction((tx): ActionResult<{ changed: string[] }> => {
    const f = tx
      .select({ lateEntryThresholdMinutes: facilities.lateEntryThresholdMinutes, jwJzPolicy: facilities.jwJzPolicy })
      .from(facilities)
      .where(eq(facilities.id, input.facilityId))
      .get();
    if (!f) return fail({}, 'Unknown facility');
    const changes = diff(f, { lateEntryThresholdMinutes: input.lateEntryThresholdMinutes, jwJzPolicy: input.jwJzPolicy });
    const changed = Object.keys(changes);
    if (changed.length === 0) return { ok: true, data: { changed } };
    tx.update(facilities)
      .set({ lateEntryThresholdMinutes: input.lateEntryThresholdMinutes, jwJzPolicy: input.jwJzPolicy })
      .where(eq(facilities.id, input.facilityId))
      .run();
    recordAudit(tx, { event: 'facility.updated', actorId: admin.id, at: now, entityType: 'facility', entityId: input.facilityId, changes });
    return { ok: true, data: { changed } };
  }, IMMEDIATE);
}

export function createFacility(input: CreateFacilityInput, admin: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction((tx): ActionResult<{ id: number }> => {
    if (tx.select({ id: facilities.id }).from(facilities).where(sql`lower(${facilities.name}) = ${input.name.toLowerCase()}`).get()) {
      return fail({ name: 'A facility with this name already exists' });
    }
    const row = tx.insert(facilities).values({ ...input, createdAt: now }).returning({ id: facilities.id }).get();
    recordAudit(tx, { event: 'facility.created', actorId: admin.id, at: now, entityType: 'facility', entityId: row.id, changes: creationChanges({ ...input }) });
    return { ok: true, data: { id: row.id } };
  }, IMMEDIATE);
}

// --- Formulary ---

export interface AdminHcpcsCode extends Omit<HcpcsCodeInput, 'billingUnit'> {
  id: number;
  /** Fluid codes (J7030 per 1000 mL …) bill per volume. */
  billingUnit: HcpcsCodeInput['billingUnit'] | 'mL';
  /** OPPS Addendum B status; JW/JZ only on separately payable codes. */
  paymentStatus: PaymentStatus;
  note: string | null;
}

export interface AdminProduct {
  id: number;
  ndc10: string;
  ndc11: string;
  description: string;
  containerType: 'single-dose' | 'multiple-dose' | 'pharmacy-bulk';
  amountPerContainer: string;
  amountUnit: string;
  amountPerMl: string | null;
  placeholderNdc: boolean;
}

export interface AdminDrug {
  id: number;
  key: string;
  genericName: string;
  defaultDoseUnit: string;
  usualDose: string | null;
  strength: string | null;
  chemo: boolean;
  supplyBilling: boolean;
  active: boolean;
  /** Brand names, synonyms and abbreviations, as stored. */
  aliases: string[];
  /** Most usual first; the bedside form picks the first. */
  typicalKinds: AdministrationKindHint[];
  doseLimits: DoseLimit[];
  codes: AdminHcpcsCode[];
  products: AdminProduct[];
  chartedDoses: number;
}

export function listFormularyAdmin(): AdminDrug[] {
  const db = getDb();
  const drugs = db.select().from(formularyDrugs).orderBy(asc(formularyDrugs.genericName)).all();
  const codes = db.select().from(drugHcpcsCodes).orderBy(asc(drugHcpcsCodes.drugId), sql`coalesce(${drugHcpcsCodes.effectiveFrom}, '')`, asc(drugHcpcsCodes.id)).all();
  const products = db.select().from(drugProducts).orderBy(asc(drugProducts.id)).all();
  const limits = db.select().from(drugDoseLimits).orderBy(asc(drugDoseLimits.id)).all();
  const doses = new Map(
    db
      .select({ drugId: administrations.drugId, n: count() })
      .from(administrations)
      .groupBy(administrations.drugId)
      .all()
      .map((r) => [r.drugId, r.n]),
  );
  return drugs.map((d) => ({
    id: d.id,
    key: d.key,
    genericName: d.genericName,
    defaultDoseUnit: d.defaultDoseUnit,
    usualDose: d.usualDose,
    strength: d.strength,
    chemo: d.chemo,
    supplyBilling: d.supplyBilling,
    active: d.active,
    aliases: d.aliases,
    typicalKinds: d.typicalKinds,
    doseLimits: limits.filter((l) => l.drugId === d.id).map(toDoseLimit),
    codes: codes
      .filter((c) => c.drugId === d.id)
      .map((c) => ({
        id: c.id,
        code: c.code,
        descriptorKind: c.descriptorKind,
        billingAmount: c.billingAmount,
        billingUnit: c.billingUnit,
        descriptor: c.descriptor,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo,
        paymentStatus: c.paymentStatus,
        note: c.note,
      })),
    products: products
      .filter((p) => p.drugId === d.id)
      .map((p) => ({
        id: p.id,
        ndc10: p.ndc10,
        ndc11: p.ndc11,
        description: p.description,
        containerType: p.containerType,
        amountPerContainer: p.amountPerContainer,
        amountUnit: p.amountUnit,
        amountPerMl: p.amountPerMl,
        placeholderNdc: p.placeholderNdc,
      })),
    chartedDoses: doses.get(d.id) ?? 0,
  }));
}

function toDoseLimit(l: typeof drugDoseLimits.$inferSelect): DoseLimit {
  return { kinds: l.kinds, unit: l.unit, usual: l.usualDose, softMax: l.softMax, hardMax: l.hardMax, source: l.source };
}

function insertCode(tx: Tx, drugId: number, c: HcpcsCodeInput): number {
  return tx
    .insert(drugHcpcsCodes)
    .values({ drugId, ...c })
    .returning({ id: drugHcpcsCodes.id })
    .get().id;
}

/** A new drug with its dated HCPCS code(s) and optionally one product; it is on the charting pick list at once. */
export function addDrug(input: AddDrugInput, admin: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction((tx): ActionResult<{ id: number }> => {
    if (tx.select({ id: formularyDrugs.id }).from(formularyDrugs).where(eq(formularyDrugs.key, input.key)).get()) {
      return fail({ key: 'A drug with this key already exists' });
    }
    if (input.product && tx.select({ id: drugProducts.id }).from(drugProducts).where(eq(drugProducts.ndc11, input.product.ndc11)).get()) {
      return fail({ 'product.ndc10': `NDC ${input.product.ndc10} (${input.product.ndc11}) is already in the formulary` });
    }
    const drug = {
      key: input.key,
      genericName: input.genericName,
      defaultDoseUnit: input.defaultDoseUnit,
      usualDose: input.usualDose,
      strength: input.strength,
      chemo: input.chemo,
    };
    const { id } = tx
      .insert(formularyDrugs)
      .values({ ...drug, createdAt: now })
      .returning({ id: formularyDrugs.id })
      .get();
    for (const c of input.codes) insertCode(tx, id, c);
    if (input.product) tx.insert(drugProducts).values({ drugId: id, ...input.product, placeholderNdc: false }).run();
    recordAudit(tx, {
      event: 'formulary.drug-added',
      actorId: admin.id,
      at: now,
      entityType: 'formulary-drug',
      entityId: id,
      changes: creationChanges({ ...drug, hcpcsCodes: input.codes, product: input.product ?? undefined }),
    });
    return { ok: true, data: { id } };
  }, IMMEDIATE);
}

/**
 * A new dated HCPCS code for a drug (e.g. J1170 → J1171). With `replacesCodeId`
 * the old code's last date of service becomes the day before the new one's first.
 */
export function addHcpcsCode(input: AddCodeInput, admin: SessionUser, now: Date): ActionResult<{ id: number }> {
  const { drugId, replacesCodeId, ...code } = input;
  return getDb().transaction((tx): ActionResult<{ id: number }> => {
    const drug = tx.select({ id: formularyDrugs.id }).from(formularyDrugs).where(eq(formularyDrugs.id, drugId)).get();
    if (!drug) return fail({}, 'Unknown drug');
    const existing = tx.select().from(drugHcpcsCodes).where(eq(drugHcpcsCodes.drugId, drugId)).all();
    const old = replacesCodeId ? existing.find((c) => c.id === replacesCodeId) : undefined;
    if (replacesCodeId && !old) return fail({ replacesCodeId: 'That code does not belong to this drug' });
    let oldEnd: string | null = null;
    if (old) {
      // effectiveFrom is required with a replacement (schema).
      oldEnd = dayBefore(code.effectiveFrom ?? '');
      if (old.effectiveFrom !== null && old.effectiveFrom > oldEnd) {
        return fail({ effectiveFrom: `${old.code} starts ${old.effectiveFrom}: the new code must start after that` });
      }
      if (old.effectiveTo !== null && old.effectiveTo <= oldEnd) {
        return fail({ replacesCodeId: `${old.code} already ends ${old.effectiveTo}` });
      }
    }
    const clash = existing.find((c) => c.code === code.code && c.id !== old?.id && rangesOverlap(c, code));
    if (clash) {
      return fail({ effectiveFrom: `${clash.code} is already on this drug from ${clash.effectiveFrom ?? 'the start'} to ${clash.effectiveTo ?? 'now'}` });
    }
    if (old && oldEnd) {
      tx.update(drugHcpcsCodes).set({ effectiveTo: oldEnd }).where(eq(drugHcpcsCodes.id, old.id)).run();
      recordAudit(tx, {
        event: 'formulary.code-ended',
        actorId: admin.id,
        at: now,
        entityType: 'formulary-drug',
        entityId: drugId,
        changes: { codeId: { old: old.id, new: old.id }, code: { old: old.code, new: old.code }, effectiveTo: { old: old.effectiveTo, new: oldEnd } },
        reason: `Replaced by ${code.code} from ${code.effectiveFrom}`,
      });
    }
    const id = insertCode(tx, drugId, code);
    recordAudit(tx, {
      event: 'formulary.code-added',
      actorId: admin.id,
      at: now,
      entityType: 'formulary-drug',
      entityId: drugId,
      changes: creationChanges({ codeId: id, ...code }),
      reason: old ? `Replaces ${old.code}` : null,
    });
    return { ok: true, data: { id } };
  }, IMMEDIATE);
}

/** Sets (or moves) a code's last date of service. */
export function endHcpcsCode(input: EndCodeInput, admin: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction((tx): ActionResult<null> => {
    const c = tx.select().from(drugHcpcsCodes).where(eq(drugHcpcsCodes.id, input.codeId)).get();
    if (!c) return fail({}, 'Unknown HCPCS code');
    if (c.effectiveFrom !== null && input.effectiveTo < c.effectiveFrom) {
      return fail({ effectiveTo: `${c.code} starts ${c.effectiveFrom}: the last date cannot be before that` });
    }
    if (c.effectiveTo === input.effectiveTo) return fail({ effectiveTo: `${c.code} already ends ${c.effectiveTo}` });
    tx.update(drugHcpcsCodes)
      .set({ effectiveTo: input.effectiveTo })
      .where(eq(drugHcpcsCodes.id, input.codeId))
      .run();
    recordAudit(tx, {
      event: 'formulary.code-ended',
      actorId: admin.id,
      at: now,
      entityType: 'formulary-drug',
      entityId: c.drugId,
      changes: { codeId: { old: c.id, new: c.id }, code: { old: c.code, new: c.code }, effectiveTo: { old: c.effectiveTo, new: input.effectiveTo } },
      reason: input.reason,
    });
    return { ok: true, data: null };
  }, IMMEDIATE);
}

/** Takes a drug off the pick list; doses already charted keep referring to it. */
export function deactivateDrug(drugId: number, reason: string, admin: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction((tx): ActionResult<null> => {
    const d = tx.select({ active: formularyDrugs.active }).from(formularyDrugs).where(eq(formularyDrugs.id, drugId)).get();
    if (!d) return fail({}, 'Unknown drug');
    if (!d.active) return fail({}, 'This drug is already inactive');
    tx.update(formularyDrugs).set({ active: false }).where(eq(formularyDrugs.id, drugId)).run();
    recordAudit(tx, { event: 'formulary.drug-deactivated', actorId: admin.id, at: now, entityType: 'formulary-drug', entityId: drugId, changes: { active: { old: true, new: false } }, reason });
    return { ok: true, data: null };
  }, IMMEDIATE);
}

/**
 * A drug's brand names/synonyms (aliases) and typical kinds, most usual first.
 * Refused with `aliases` keyed when a name is already the key, the generic
 * name (or its first word: "morphine" for "Morphine sulfate") or an alias
 * of another active drug (the same after the search's normalisation:
 * the picker would offer both). Unchanged fields write nothing; a change
 * writes one 'formulary.drug-updated' event with old → new values.
 */
export function updateDrugNames(input: DrugNamesInput, admin: SessionUser, now: Date): ActionResult<{ changed: string[] }> {
  return getDb().transaction((tx): ActionResult<{ changed: string[] }> => {
    const drug = tx.select().from(formularyDrugs).where(eq(formularyDrugs.id, input.drugId)).get();
    if (!drug) return fail({}, 'Unknown drug');
    const others = tx
      .select({ id: formularyDrugs.id, key: formularyDrugs.key, genericName: formularyDrugs.genericName, aliases: formularyDrugs.aliases })
      .from(formularyDrugs)
      .where(and(eq(formularyDrugs.active, true), ne(formularyDrugs.id, input.drugId)))
      .all();
    // The generic name's first word names the drug too ("morphine" for "Morphine sulfate"), and so does its key: fresh-user review of issue 13.
    const namesOf = (o: (typeof others)[number]) => [o.key, o.genericName, normaliseDrugText(o.genericName).split(' ')[0] ?? '', ...o.aliases].map(aliasIdentity);
    for (const alias of input.aliases) {
      const id = aliasIdentity(alias);
      const owner = others.find((o) => namesOf(o).includes(id));
      if (owner) return fail({ aliases: `“${alias}” already names ${owner.genericName}: the search would offer both` });
    }
    const changes: ChangeSet = {};
    if (JSON.stringify(drug.aliases) !== JSON.stringify(input.aliases)) changes.aliases = { old: drug.aliases, new: input.aliases };
    if (JSON.stringify(drug.typicalKinds) !== JSON.stringify(input.typicalKinds)) changes.typicalKinds = { old: drug.typicalKinds, new: input.typicalKinds };
    const changed = Object.keys(changes);
    if (changed.length === 0) return { ok: true, data: { changed } };
    tx.update(formularyDrugs).set({ aliases: input.aliases, typicalKinds: input.typicalKinds }).where(eq(formularyDrugs.id, input.drugId)).run();
    recordAudit(tx, { event: 'formulary.drug-updated', actorId: admin.id, at: now, entityType: 'formulary-drug', entityId: input.drugId, changes, reason: input.reason });
    return { ok: true, data: { changed } };
  }, IMMEDIATE);
}

/**
 * Replaces a drug's dose limits with `input.limits` (validated by
 * doseLimitsSchema: usual ≤ soft maximum ≤ hard maximum). The same list
 * writes nothing; a change writes one 'formulary.dose-limits-changed' event
 * with the old and new lists. Doses already charted keep their confirmation.
 */
export function setDoseLimits(input: DoseLimitsInput, admin: SessionUser, now: Date): ActionResult<{ changed: boolean }> {
  return getDb().transaction((tx): ActionResult<{ changed: boolean }> => {
    const drug = tx.select({ id: formularyDrugs.id }).from(formularyDrugs).where(eq(formularyDrugs.id, input.drugId)).get();
    if (!drug) return fail({}, 'Unknown drug');
    const old = tx.select().from(drugDoseLimits).where(eq(drugDoseLimits.drugId, input.drugId)).orderBy(asc(drugDoseLimits.id)).all().map(toDoseLimit);
    const next: DoseLimit[] = input.limits.map((l) => ({ kinds: l.kinds, unit: l.unit, usual: l.usual, softMax: l.softMax, hardMax: l.hardMax, source: l.source }));
    if (JSON.stringify(old) === JSON.stringify(next)) return { ok: true, data: { changed: false } };
    tx.delete(drugDoseLimits).where(eq(drugDoseLimits.drugId, input.drugId)).run();
    if (next.length > 0) {
      tx.insert(drugDoseLimits)
        .values(next.map((l) => ({ drugId: input.drugId, kinds: l.kinds, unit: l.unit, usualDose: l.usual, softMax: l.softMax, hardMax: l.hardMax, source: l.source })))
        .run();
    }
    recordAudit(tx, {
      event: 'formulary.dose-limits-changed',
      actorId: admin.id,
      at: now,
      entityType: 'formulary-drug',
      entityId: input.drugId,
      changes: { doseLimits: { old, new: next } },
      reason: input.reason,
    });
    return { ok: true, data: { changed: true } };
  }, IMMEDIATE);
}

/** A HCPCS code's OPPS payment status; the same status writes nothing, a change one 'formulary.code-updated' event. */
export function setCodePaymentStatus(input: CodePaymentStatusInput, admin: SessionUser, now: Date): ActionResult<{ changed: boolean }> {
  return getDb().transaction((tx): ActionResult<{ changed: boolean }> => {
    const c = tx.select().from(drugHcpcsCodes).where(eq(drugHcpcsCodes.id, input.codeId)).get();
    if (!c) return fail({}, 'Unknown HCPCS code');
    if (c.paymentStatus === input.paymentStatus) return { ok: true, data: { changed: false } };
    tx.update(drugHcpcsCodes).set({ paymentStatus: input.paymentStatus }).where(eq(drugHcpcsCodes.id, input.codeId)).run();
    recordAudit(tx, {
      event: 'formulary.code-updated',
      actorId: admin.id,
      at: now,
      entityType: 'formulary-drug',
      entityId: c.drugId,
      changes: { codeId: { old: c.id, new: c.id }, code: { old: c.code, new: c.code }, paymentStatus: { old: c.paymentStatus, new: input.paymentStatus } },
      reason: input.reason,
    });
    return { ok: true, data: { changed: true } };
  }, IMMEDIATE);
}

/** Counts for the admin overview. */
export function adminOverview(): { users: number; activeUsers: number; facilities: number; drugs: number; activeDrugs: number } {
  const db = getDb();
  const u = db.select({ n: count(), active: sql<number>`coalesce(sum(${users.active}), 0)` }).from(users).get();
  const f = db.select({ n: count() }).from(facilities).get();
  const d = db.select({ n: count(), active: sql<number>`coalesce(sum(${formularyDrugs.active}), 0)` }).from(formularyDrugs).get();
  return { users: u?.n ?? 0, activeUsers: u?.active ?? 0, facilities: f?.n ?? 0, drugs: d?.n ?? 0, activeDrugs: d?.active ?? 0 };
}
