import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import type { CreateProviderInput, UpdateProviderInput } from '@/lib/admin-schema';
import type { SessionUser } from '@/lib/types';
import { creationChanges, recordAudit, type ChangeSet } from './audit';
import { getDb, type Tx } from './client';
import { administrations, providers } from './schema';

/** An ordering provider as the bedside form offers it (issue 12 item 5). */
export interface ProviderOption {
  id: number;
  /** Full name as kept in the directory, e.g. "Priya Shah". */
  name: string;
  /** e.g. "MD", "DO", "NP", "PA-C". */
  credentials: string;
  /** 10-digit National Provider Identifier. */
  npi: string;
}

/** Active providers of the directory, by name: the ordering-provider picker's choices. */
export function listActiveProviders(): ProviderOption[] {
  return getDb()
    .select({ id: providers.id, name: providers.name, credentials: providers.credentials, npi: providers.npi })
    .from(providers)
    .where(eq(providers.active, true))
    .orderBy(asc(providers.name))
    .all();
}

// --- The directory as admins keep it (issue 12 item 5) ---

/** A directory entry on the admin page, with how many doses name it. */
export interface AdminProvider extends ProviderOption {
  active: boolean;
  /** Charted doses (every version) naming this provider as the orderer. */
  orderCount: number;
}

/** Every provider, active first, then by name. */
export function listProviders(): AdminProvider[] {
  return getDb()
    .select({
      id: providers.id,
      name: providers.name,
      credentials: providers.credentials,
      npi: providers.npi,
      active: providers.active,
      orderCount: sql<number>`(select count(*) from ${administrations} where ${administrations.orderingProviderId} = ${providers.id})`.mapWith(Number),
    })
    .from(providers)
    .orderBy(sql`${providers.active} desc`, asc(providers.name), asc(providers.id))
    .all();
}

const IMMEDIATE = { behavior: 'immediate' } as const;
const DUPLICATE_NPI = { npi: 'This NPI is already in the directory' };

function npiTaken(tx: Tx, npi: string, exceptId: number | null): boolean {
  const row = tx.select({ id: providers.id }).from(providers).where(eq(providers.npi, npi)).get();
  return row !== undefined && row.id !== exceptId;
}

/**
 * Adds an ordering provider (active). Refuses an NPI already in the directory
 * (field error on `npi`). The row and its 'provider.created' audit event are
 * written in one transaction.
 */
export function createProvider(input: CreateProviderInput, admin: SessionUser, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction((tx): ActionResult<{ id: number }> => {
    if (npiTaken(tx, input.npi, null)) return fail(DUPLICATE_NPI);
    const values = { name: input.name, credentials: input.credentials, npi: input.npi, active: true, createdAt: now };
    const row = tx.insert(providers).values(values).returning({ id: providers.id }).get();
    recordAudit(tx, { event: 'provider.created', actorId: admin.id, at: now, entityType: 'provider', entityId: row.id, changes: creationChanges({ name: input.name, credentials: input.credentials, npi: input.npi }) });
    return { ok: true, data: { id: row.id } };
  }, IMMEDIATE);
}

/**
 * Corrects name, credentials or NPI (audited 'provider.updated' with the old and
 * new values and the optional reason). Doses already charted keep the
 * "Name, credentials" snapshot they were charted with.
 */
export function updateProvider(input: UpdateProviderInput, admin: SessionUser, now: Date): ActionResult<{ changed: string[] }> {
  return getDb().transaction((tx): ActionResult<{ changed: string[] }> => {
    const before = tx.select({ name: providers.name, credentials: providers.credentials, npi: providers.npi }).from(providers).where(eq(providers.id, input.providerId)).get();
    if (!before) return fail({}, 'Unknown provider');
    if (input.npi !== before.npi && npiTaken(tx, input.npi, input.providerId)) return fail(DUPLICATE_NPI);
    const changes: ChangeSet = {};
    for (const key of ['name', 'credentials', 'npi'] as const) if (before[key] !== input[key]) changes[key] = { old: before[key], new: input[key] };
    const changed = Object.keys(changes);
    if (changed.length === 0) return { ok: true, data: { changed } };
    tx.update(providers).set({ name: input.name, credentials: input.credentials, npi: input.npi }).where(eq(providers.id, input.providerId)).run();
    recordAudit(tx, { event: 'provider.updated', actorId: admin.id, at: now, entityType: 'provider', entityId: input.providerId, changes, reason: input.reason });
    return { ok: true, data: { changed } };
  }, IMMEDIATE);
}

/**
 * Deactivates (no longer offered at the bedside; doses that name them stay as
 * charted) or reactivates a provider, with a reason; audited.
 */
export function setProviderActive(providerId: number, active: boolean, reason: string, admin: SessionUser, now: Date): ActionResult<null> {
  return getDb().transaction((tx): ActionResult<null> => {
    const row = tx.select({ active: providers.active }).from(providers).where(eq(providers.id, providerId)).get();
    if (!row) return fail({}, 'Unknown provider');
    if (row.active === active) return fail({}, active ? 'This provider is already active' : 'This provider is already deactivated');
    tx.update(providers).set({ active }).where(eq(providers.id, providerId)).run();
    recordAudit(tx, {
      event: active ? 'provider.reactivated' : 'provider.deactivated',
      actorId: admin.id,
      at: now,
      entityType: 'provider',
      entityId: providerId,
      changes: { active: { old: row.active, new: active } },
      reason,
    });
    return { ok: true, data: null };
  }, IMMEDIATE);
}
