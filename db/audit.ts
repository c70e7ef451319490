import 'server-only';
import { auditEvents } from './schema';
import { auditHash, chainHead, chainLegacyAuditEvents } from './audit-chain';
import type { Tx } from './client';
import { driverValues, insertPlaceholders, preparedOn } from './prepared';

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

const AUDIT_COLUMNS = ['id', 'event', 'actorId', 'at', 'entityType', 'entityId', 'encounterId', 'changes', 'reason', 'prevHash', 'hash'] as const;

/**
 * Every mutation's audit write, prepared once per connection of the writing transaction (issue 16 item 1):
 * the chain head (the same query as db/audit-chain.ts chainHead, which stays
 * the reference and the path of a database not yet chained) and the insert.
 */
const statements = preparedOn((db, connection) => ({
  head: connection.prepare<[], { lastId: number; hash: string | null; unchained: number }>(
    `select max(coalesce((select seq from sqlite_sequence where name = 'audit_events'), 0), coalesce((select max(id) from audit_events), 0)) as lastId,
            (select hash from audit_events order by id desc limit 1) as hash,
            coalesce((select hash is null from audit_events order by id desc limit 1), 0) as unchained`,
  ),
  insert: db
    .insert(auditEvents)
    .values(insertPlaceholders(AUDIT_COLUMNS) as unknown as typeof auditEvents.$inferInsert)
    .prepare(),
}));

/**
 * Writes one audit event; call it inside the same transaction as the change it
 * records. The event is chained (db/audit-chain.ts): its id and the previous
 * event's hash are read in this transaction, and its hash covers both. SQLite
 * lets one writer at a time commit, so the chain cannot fork: a transaction
 * that read the head before another process's write can no longer write
 * (SQLITE_BUSY) and, if it somehow could, the explicit id would collide.
 */
export function recordAudit(tx: Tx, input: AuditInput): void {
  // Prepared statements of the app's connection run inside `tx`: better-sqlite3 has one connection, and the transaction is on it.
  const s = statements(tx);
  const stored = s.head.get()!;
  let head = { nextId: stored.lastId + 1, prevHash: stored.hash, headUnchained: stored.unchained === 1 };
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
  // The changes are stored as the very text that was hashed.
  s.insert.run(driverValues({ ...row, hash: auditHash(row) } satisfies Record<(typeof AUDIT_COLUMNS)[number], unknown>));
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
