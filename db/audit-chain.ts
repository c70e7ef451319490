import 'server-only';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

/**
 * Tamper evidence for audit_events. Each event stores `hash`, the SHA-256 (hex)
 * of its canonical content, and `prev_hash`, the hash of the event before it
 * (by id; null for the first). Changing, inserting or deleting a row with the
 * sqlite3 shell breaks the chain at that row or the one after it.
 *
 * What it does not do on its own: someone who can write the file can also
 * recompute every later hash, or cut the newest events off the end. Keeping the
 * head hash (`npm run audit:verify` prints it) somewhere they cannot write
 * turns that into a detectable change too.
 */

/** Bumped if the canonical form ever changes; part of every hash. */
const CHAIN_VERSION = 1;

/** One audit row as stored (the columns the hash covers). */
export interface ChainRow {
  id: number;
  event: string;
  actorId: string | null;
  /** UTC milliseconds, as stored. */
  at: number;
  entityType: string;
  entityId: string;
  encounterId: number | null;
  /** The JSON text as stored. */
  changes: string;
  reason: string | null;
  prevHash: string | null;
}

/** JSON with object keys sorted at every depth: one text per value, whatever the key order it was written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The text that is hashed: every column but `hash`, the previous event's hash included. */
export function canonicalAuditContent(row: ChainRow): string {
  let changes: unknown;
  try {
    changes = JSON.parse(row.changes);
  } catch {
    changes = { unparseable: row.changes }; // still covered, byte for byte
  }
  return canonicalJson({
    v: CHAIN_VERSION,
    id: row.id,
    prevHash: row.prevHash,
    event: row.event,
    actorId: row.actorId,
    at: row.at,
    entityType: row.entityType,
    entityId: row.entityId,
    encounterId: row.encounterId,
    changes,
    reason: row.reason,
  });
}

export function auditHash(row: ChainRow): string {
  return createHash('sha256').update(canonicalAuditContent(row)).digest('hex');
}

const ROW_COLUMNS = 'id, event, actor_id as actorId, at, entity_type as entityType, entity_id as entityId, encounter_id as encounterId, changes, reason, prev_hash as prevHash, hash';
type StoredRow = ChainRow & { hash: string | null };

/**
 * The next event's id and the hash it chains to, read inside the writing
 * transaction. The id continues the table's AUTOINCREMENT sequence, so a
 * deleted newest event's id is never reused.
 */
export function chainHead(tx: Tx): { nextId: number; prevHash: string | null; headUnchained: boolean } {
  const head = tx.get<{ lastId: number; hash: string | null; unchained: number }>(sql.raw(
    `select max(coalesce((select seq from sqlite_sequence where name = 'audit_events'), 0), coalesce((select max(id) from audit_events), 0)) as lastId,
            (select hash from audit_events order by id desc limit 1) as hash,
            coalesce((select hash is null from audit_events order by id desc limit 1), 0) as unchained`,
  ));
  return { nextId: head.lastId + 1, prevHash: head.hash, headUnchained: head.unchained === 1 };
}

/**
 * Chains rows written before migration 0006 (hash null), in id order. Only
 * while no row has a hash yet: once the chain exists, an unchained row is a
 * row someone tampered with, and stays for the verifier to report rather than
 * being blessed. Idempotent; call it inside a write transaction.
 */
export function chainLegacyAuditEvents(tx: Tx, batch = 1_000): number {
  // The newest row first (one index step): hashed in every database already chained.
  const newest = tx.get<{ hash: string | null }>(sql`select hash from audit_events order by id desc limit 1`);
  if (!newest || newest.hash !== null) return 0;
  const chained = tx.get<{ any: number }>(sql`select exists (select 1 from audit_events where hash is not null) as any`);
  if (chained.any) return 0;
  let prevHash: string | null = null;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = tx.all<StoredRow>(sql`select ${sql.raw(ROW_COLUMNS)} from audit_events where id > ${lastId} order by id limit ${batch}`);
    if (rows.length === 0) return count;
    for (const row of rows) {
      const hash = auditHash({ ...row, prevHash });
      // The append-only trigger lets exactly this through: hash and prev_hash from null, once.
      tx.run(sql`update audit_events set prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`);
      prevHash = hash;
      lastId = row.id;
      count++;
    }
  }
}

export interface ChainBreak {
  id: number;
  kind: 'unchained' | 'content' | 'link' | 'truncated';
  reason: string;
}

export type ChainResult = { intact: true; count: number; headHash: string | null } | { intact: false; count: number; firstBroken: ChainBreak };

function sqliteOf(handle: Database.Database | Db): Database.Database {
  return '$client' in handle ? handle.$client : handle;
}

/** What is wrong with one row, given the hash of the row before it (by id), or null. */
function checkRow(row: StoredRow, previous: { id: number; hash: string | null } | null): ChainBreak | null {
  if (row.hash === null) return { id: row.id, kind: 'unchained', reason: `event ${row.id} has no hash (it was never chained, or its hash was removed)` };
  const expectedPrev = previous?.hash ?? null;
  if (row.prevHash !== expectedPrev) {
    const why = previous
      ? `its prev_hash does not match the hash of event ${previous.id}, the one before it (an event between them was deleted, inserted or rewritten)`
      : 'it is the first event but its prev_hash points to an earlier one (events before it were deleted)';
    return { id: row.id, kind: 'link', reason: `event ${row.id}: ${why}` };
  }
  if (auditHash(row) !== row.hash) return { id: row.id, kind: 'content', reason: `event ${row.id}: its content does not match its hash (changed after it was written)` };
  return null;
}

/**
 * Recomputes the whole chain in id order, one row at a time (the table may hold
 * millions of rows: nothing is loaded at once). Rows appended while it runs are
 * left for the next run. `onProgress` is called every 100,000 events.
 */
export function verifyAuditChain(handle: Database.Database | Db, opts: { onProgress?: (checked: number) => void } = {}): ChainResult {
  const sqlite = sqliteOf(handle);
  const bounds = sqlite
    .prepare(`select coalesce(max(id), 0) as maxId, coalesce((select seq from sqlite_sequence where name = 'audit_events'), 0) as seq from audit_events`)
    .get() as { maxId: number; seq: number };
  let previous: { id: number; hash: string | null } | null = null;
  let count = 0;
  let broken: ChainBreak | null = null;
  for (const row of sqlite.prepare(`select ${ROW_COLUMNS} from audit_events where id <= ? order by id`).iterate(bounds.maxId) as IterableIterator<StoredRow>) {
    broken = checkRow(row, previous);
    if (broken) break;
    previous = { id: row.id, hash: row.hash };
    count++;
    if (count % 100_000 === 0) opts.onProgress?.(count);
  }
  if (broken) return { intact: false, count, firstBroken: broken };
  if (bounds.seq > bounds.maxId) {
    return {
      intact: false,
      count,
      firstBroken: { id: bounds.maxId + 1, kind: 'truncated', reason: `events ${bounds.maxId + 1} to ${bounds.seq} are missing: the table issued ids up to ${bounds.seq} but ends at ${bounds.maxId}` },
    };
  }
  return { intact: true, count, headHash: previous?.hash ?? null };
}

/**
 * The chain around one encounter's events, for its audit page: each event
 * recomputes, links to the event before it (by id, whichever encounter that
 * belongs to), and the event after it links back to it (so an event rewritten
 * with a freshly computed hash is caught too).
 */
export function verifyEncounterAuditChain(handle: Database.Database | Db, encounterId: number): ChainResult {
  const sqlite = sqliteOf(handle);
  const rows = sqlite.prepare(`select ${ROW_COLUMNS} from audit_events where encounter_id = ? order by id`).all(encounterId) as StoredRow[];
  const before = sqlite.prepare('select id, hash from audit_events where id < ? order by id desc limit 1');
  const after = sqlite.prepare('select id, prev_hash as prevHash from audit_events where id > ? order by id limit 1');
  let count = 0;
  for (const row of rows) {
    const broken = checkRow(row, (before.get(row.id) as { id: number; hash: string | null } | undefined) ?? null);
    if (broken) return { intact: false, count, firstBroken: broken };
    const next = after.get(row.id) as { id: number; prevHash: string | null } | undefined;
    if (next && next.prevHash !== row.hash) {
      return { intact: false, count, firstBroken: { id: row.id, kind: 'link', reason: `event ${row.id}: event ${next.id} after it recorded a different hash for it (it was rewritten, or an event between them was deleted)` } };
    }
    count++;
  }
  return { intact: true, count, headHash: rows.at(-1)?.hash ?? null };
}
