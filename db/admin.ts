import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { fail, type ActionResult } from '@/lib/action-result';
import type { AddDrugInput, CreateUserInput } from '@/lib/admin-schema';
import type { Role, SessionUser } from '@/lib/types';
import { creationChanges, recordAudit } from './audit';
import { getDb } from './client';
import { accounts, drugHcpcsCodes, facilities, formularyDrugs, users } from './schema';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  credentials: string;
  role: Role;
  active: boolean;
}

export function listUsers(): UserRow[] {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, credentials: users.credentials, role: users.role, active: users.active })
    .from(users)
    .orderBy(asc(users.name))
    .all();
}

/** New account with better-auth's own password hashing; the hash never reaches the audit trail. */
export async function createUser(input: CreateUserInput, admin: SessionUser, now: Date): Promise<ActionResult<{ id: string }>> {
  const hash = await hashPassword(input.password);
  return getDb().transaction(
    (tx): ActionResult<{ id: string }> => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
        return fail({ email: 'A user with this email already exists' });
      }
      const id = crypto.randomUUID();
      const values = { id, name: input.name, email: input.email, credentials: input.credentials, role: input.role, emailVerified: true, createdAt: now, updatedAt: now };
      tx.insert(users).values(values).run();
      tx.insert(accounts).values({ id: `acct-${id}`, accountId: id, providerId: 'credential', userId: id, password: hash, createdAt: now, updatedAt: now }).run();
      recordAudit(tx, { event: 'user.created', actorId: admin.id, at: now, entityType: 'user', entityId: id, changes: creationChanges({ name: values.name, email: values.email, credentials: values.credentials, role: values.role }) });
      return { ok: true, data: { id } };
    },
    { behavior: 'immediate' },
  );
}

export function setUserActive(userId: string, active: boolean, reason: string, admin: SessionUser, now: Date): ActionResult<null> {
  if (userId === admin.id && !active) return fail({}, 'You cannot deactivate your own account');
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const user = tx.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
      if (!user) return fail({}, 'Unknown user');
      if (user.active === active) return fail({}, active ? 'Already active' : 'Already deactivated');
      tx.update(users).set({ active, updatedAt: now }).where(eq(users.id, userId)).run();
      recordAudit(tx, { event: active ? 'user.reactivated' : 'user.deactivated', actorId: admin.id, at: now, entityType: 'user', entityId: userId, changes: { active: { old: user.active, new: active } }, reason });
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}

export function listFacilitySettings() {
  return getDb().select().from(facilities).orderBy(asc(facilities.name)).all();
}

export function updateFacilitySettings(
  input: { facilityId: number; lateEntryThresholdMinutes: number; jwJzPolicy: 'apply' | 'none' },
  admin: SessionUser,
  now: Date,
): ActionResult<null> {
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const f = tx.select().from(facilities).where(eq(facilities.id, input.facilityId)).get();
      if (!f) return fail({}, 'Unknown facility');
      tx.update(facilities)
        .set({ lateEntryThresholdMinutes: input.lateEntryThresholdMinutes, jwJzPolicy: input.jwJzPolicy })
        .where(eq(facilities.id, input.facilityId))
        .run();
      recordAudit(tx, {
        event: 'facility.updated',
        actorId: admin.id,
        at: now,
        entityType: 'facility',
        entityId: input.facilityId,
        changes: {
          lateEntryThresholdMinutes: { old: f.lateEntryThresholdMinutes, new: input.lateEntryThresholdMinutes },
          jwJzPolicy: { old: f.jwJzPolicy, new: input.jwJzPolicy },
        },
      });
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}

export function createFacility(input: { name: string; timeZone: string; setting: 'facility' | 'non-facility' }, admin: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction(
    (tx): ActionResult<{ id: number }> => {
      const row = tx.insert(facilities).values(input).returning({ id: facilities.id }).get();
      recordAudit(tx, { event: 'facility.created', actorId: admin.id, at: now, entityType: 'facility', entityId: row.id, changes: creationChanges(input) });
      return { ok: true, data: { id: row.id } };
    },
    { behavior: 'immediate' },
  );
}

export function listFormularyAdmin() {
  const db = getDb();
  const drugs = db.select().from(formularyDrugs).orderBy(asc(formularyDrugs.genericName)).all();
  const codes = db.select().from(drugHcpcsCodes).all();
  return drugs.map((d) => ({ ...d, codes: codes.filter((c) => c.drugId === d.id) }));
}

export function addDrug(input: AddDrugInput, admin: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction(
    (tx): ActionResult<{ id: number }> => {
      if (tx.select({ id: formularyDrugs.id }).from(formularyDrugs).where(eq(formularyDrugs.key, input.key)).get()) {
        return fail({ key: 'A drug with this key exists' });
      }
      const drug = {
        key: input.key,
        genericName: input.genericName,
        defaultDoseUnit: input.defaultDoseUnit,
        usualDose: input.usualDose,
        strength: input.strength,
        chemo: input.chemo,
      };
      const row = tx.insert(formularyDrugs).values(drug).returning({ id: formularyDrugs.id }).get();
      const code = {
        drugId: row.id,
        code: input.hcpcsCode,
        billingAmount: input.descriptorKind === 'noc' ? null : (input.billingAmount ?? null),
        billingUnit: input.descriptorKind === 'noc' ? null : (input.billingUnit ?? null),
        descriptorKind: input.descriptorKind,
        descriptor: input.descriptorKind === 'noc' ? 'unclassified drugs (units = containers)' : `${input.descriptorKind} ${input.billingAmount} ${input.billingUnit}`,
        effectiveFrom: input.effectiveFrom,
      };
      tx.insert(drugHcpcsCodes).values(code).run();
      recordAudit(tx, { event: 'formulary.drug-added', actorId: admin.id, at: now, entityType: 'formulary-drug', entityId: row.id, changes: creationChanges({ ...drug, hcpcs: code.code, descriptor: code.descriptor, effectiveFrom: code.effectiveFrom }) });
      return { ok: true, data: { id: row.id } };
    },
    { behavior: 'immediate' },
  );
}

/** Takes a drug off the pick list; doses already charted keep referring to it. */
export function deactivateDrug(drugId: number, reason: string, admin: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction(
    (tx): ActionResult<null> => {
      const d = tx.select({ active: formularyDrugs.active }).from(formularyDrugs).where(eq(formularyDrugs.id, drugId)).get();
      if (!d) return fail({}, 'Unknown drug');
      if (!d.active) return fail({}, 'Already inactive');
      tx.update(formularyDrugs).set({ active: false }).where(eq(formularyDrugs.id, drugId)).run();
      recordAudit(tx, { event: 'formulary.drug-deactivated', actorId: admin.id, at: now, entityType: 'formulary-drug', entityId: drugId, changes: { active: { old: true, new: false } }, reason });
      return { ok: true, data: null };
    },
    { behavior: 'immediate' },
  );
}
