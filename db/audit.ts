import 'server-only';
import { auditEvents } from './schema';
import { auditHash, chainHead, chainLegacyAuditEvents } from './audit-chain';
import type { Tx } from './client';

export const AUDIT_EVENTS = [
  'seed.demo-data',
  'patient.registered',
  'encounter.opened',
  'encounter.closed',
  'administration.charted',
  'administration.amended',
  'administration.amended-addendum',
  'administration.amend-refused',
  'administration.entered-in-error',
  'administration.in-error-refused',
  'encounter.addendum',
  'encounter.signed',
  'encounter.unlocked',
  'encounter.returned-to-coding',
  'coding.change',
  'coding.remove',
  'coding.add',
  'coding.initial',
  'coding.accept-all',
  'coding.marked-coded',
  'query.raised',
  'query.answered',
  'query.closed',
  'user.created',
  'user.deactivated',
  'user.reactivated',
  'user.updated',
  'user.facilities-changed',
  'facility.created',
  'facility.updated',
  'provider.created',
  'provider.updated',
  'provider.deactivated',
  'provider.reactivated',
  'formulary.drug-added',
  'formulary.drug-deactivated',
  'formulary.code-added',
  'formulary.code-ended',
  // Brand names/synonyms and typical kinds (an admin, or the start-up fill of the starter list: actor null).
  'formulary.drug-updated',
  'formulary.dose-limits-changed',
  'formulary.code-updated',
  // CMS ASP NDC–HCPCS crosswalk import (issue 13 item 3): one event per product row written.
  'formulary.product-imported',
  'formulary.product-billing-units-changed',
  'formulary.product-code-changed',
  'auth.signed-in',
  'auth.sign-in-failed',
  'auth.signed-out',
  'auth.sign-in-refused',
  'auth.session-ended',
  'auth.reauth-failed',
  'auth.witness-failed',
  'auth.witness-refused',
  'auth.sessions-ended',
  'auth.lockout-cleared',
  'auth.password-changed',
  'auth.account-change-refused',
] as const;
export type AuditEventName = (typeof AUDIT_EVENTS)[number];

export type ChangeSet = Record<string, { old: unknown; new: unknown }>;

export interface AuditInput {
  event: AuditEventName;
  actorId: string | null;
  at: Date;
  entityType: 'facility' | 'user' | 'patient' | 'encounter' | 'administration' | 'database' | 'sign-in' | 'formulary-drug' | 'drug-product' | 'provider';
  entityId: string | number;
  encounterId?: number | null;
  changes: ChangeSet;
  reason?: string | null;
}

/**
 * Writes one audit event; call it inside the same transaction as the change it
 * records. The event is chained (db/audit-chain.ts): its id and the previous
 * event's hash are read in this transaction, and its hash covers both. SQLite
 * lets one writer at a time commit, so the chain cannot fork: a transaction
 * that read the head before another process's write can no longer write
 * (SQLITE_BUSY) and, if it somehow could, the explicit id would collide.
 */
export function recordAudit(tx: Tx, input: AuditInput): void {
  let head = chainHead(tx);
  if (head.headUnchained && chainLegacyAuditEvents(tx) > 0) head = chainHead(tx); // a database from before 0006 not yet started up
  const row = {
    id: head.nextId,
    event: input.event,
    actorId: input.actorId,
    at: input.at.getTime(),
    entityType: input.entityType,
    entityId: String(input.entityId),
    encounterId: input.encounterId ?? null,
    changes: JSON.stringify(input.changes),
    reason: input.reason ?? null,
    prevHash: head.prevHash,
  };
  tx.insert(auditEvents)
    // drizzle stores JSON.stringify(input.changes): the very text that was hashed.
    .values({ ...row, at: input.at, changes: input.changes, hash: auditHash(row) })
    .run();
}

/** `{field: {old: null, new: value}}` for a newly created row. */
export function creationChanges(row: Record<string, unknown>): ChangeSet {
  const out: ChangeSet = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    out[key] = { old: null, new: value instanceof Date ? value.toISOString() : value };
  }
  return out;
}

export interface AuditRow {
  id: number;
  event: string;
  actor: string | null;
  at: Date;
  entityType: string;
  entityId: string;
  changes: ChangeSet;
  reason: string | null;
}
