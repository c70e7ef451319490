import 'server-only';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { verifyAuditChain } from './audit-chain';
import { DATABASE_FILE_MODE, preparePrivateDatabaseFile } from './client';

/**
 * Online backup and offline restore of the app's SQLite file (issue 16 item 3).
 *
 * Why not a file copy: with WAL most recent commits live in the -wal file, so
 * copying the .db file alone (or the two files at different instants) loses
 * acknowledged doses. SQLite's online backup API (better-sqlite3 `backup()`)
 * copies a consistent snapshot page by page while the server keeps writing.
 */

/** Tables whose row counts a backup or restore reports and compares (clinical record, coding and audit trail). */
export const CLINICAL_TABLES = [
  'patients',
  'encounters',
  'administrations',
  'administration_voids',
  'encounter_addenda',
  'coder_queries',
  'coding_results',
  'coding_overrides',
  'audit_events',
] as const;

/** What checking a database file found. `ok` only when every check passed. */
export interface DatabaseCheck {
  ok: boolean;
  /** `PRAGMA integrity_check`'s first line: 'ok' or the first problem. */
  integrity: string;
  /** Rows per clinical table present in the file (a table an older version lacked is absent). */
  counts: Partial<Record<(typeof CLINICAL_TABLES)[number], number>>;
  /** The audit trail's hash chain (db/audit-chain.ts), or null when the file has no chained audit table. */
  chain: { intact: true; events: number; headHash: string | null } | { intact: false; events: number; brokenEventId: number; breakKind: string; reason: string } | null;
}

/**
 * Checks a closed-or-live database file read-only: `PRAGMA integrity_check`,
 * row counts of CLINICAL_TABLES, and the audit hash chain when the file has
 * one. Never migrates or writes. Throws if the file is not an SQLite database.
 */
export function checkDatabaseFile(file: string): DatabaseCheck {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const integrity = String(sqlite.pragma('integrity_check', { simple: true }));
    const tables = new Set((sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    const counts: DatabaseCheck['counts'] = {};
    for (const table of CLINICAL_TABLES) {
      if (tables.has(table)) counts[table] = (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    }
    const chained = tables.has('audit_events') && (sqlite.prepare(`select 1 from pragma_table_info('audit_events') where name = 'hash'`).get() !== undefined);
    let chain: DatabaseCheck['chain'] = null;
    if (chained) {
      const result = verifyAuditChain(sqlite);
      chain = result.intact
        ? { intact: true, events: result.count, headHash: result.headHash }
        : { intact: false, events: result.count, brokenEventId: result.firstBroken.id, breakKind: result.firstBroken.kind, reason: result.firstBroken.reason };
    }
    return { ok: integrity === 'ok' && (chain === null || chain.intact), integrity, counts, chain };
  } finally {
    sqlite.close();
  }
}

/** A copy (or a backup to restore) that failed checkDatabaseFile: nothing was written or swapped in. */
export class DatabaseCheckError extends Error {
  constructor(
    what: string,
    readonly check: DatabaseCheck,
  ) {
    super(`${what} failed its check, nothing was changed: ${describeCheck(check)}`);
    this.name = 'DatabaseCheckError';
  }
}

/** One line for an operator or a cron mail: integrity, chain and every count. */
export function describeCheck(check: DatabaseCheck): string {
  const counts = Object.entries(check.counts)
    .map(([table, n]) => `${table}=${n}`)
    .join(' ');
  const chain = check.chain === null ? 'chain=absent' : check.chain.intact ? `chain=intact head=${check.chain.headHash ?? 'none'}` : `chain=BROKEN (${check.chain.reason})`;
  return `integrity=${check.integrity} ${chain} ${counts}`;
}

/**
 * Where a backup goes: DEST itself, or a time-stamped file inside DEST when it
 * is a folder or ends with a slash (`pushchart-20261130T200000Z.db`; a missing
 * folder is created 0700).
 */
export function backupTarget(dest: string, now: Date = new Date()): string {
  if (/[\\/]$/.test(dest) && !existsSync(dest)) mkdirSync(dest, { recursive: true, mode: 0o700 });
  if (existsSync(dest) && statSync(dest).isDirectory()) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    return path.join(dest, `pushchart-${stamp}.db`);
  }
  return dest;
}

/**
 * Copies the live database `source` to `dest` with SQLite's online backup API
 * while other connections keep writing: the copy is the database as of one
 * instant during the backup (every transaction committed before `backup()`
 * started is in it). The copy is written beside `dest` under a temporary name,
 * made self-contained (journal_mode DELETE: no -wal to carry along), 0600,
 * checked (checkDatabaseFile), and only then renamed to `dest`; a failed check
 * leaves no file at `dest` and throws DatabaseCheckError. A backup never
 * replaces a file: a `dest` that exists (above all the live database itself,
 * which the server keeps open: renaming over it would leave the server
 * writing to a deleted file) is refused before anything is read.
 *
 * @returns the file written and its check
 * @throws Error when `source` is missing or the target file already exists
 */
export async function backupDatabase(source: string, dest: string): Promise<{ file: string; check: DatabaseCheck }> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  const file = backupTarget(dest);
  if (path.resolve(file) === path.resolve(source)) throw new Error(`${file} is the live database itself: name another file or a folder`);
  if (existsSync(file)) throw new Error(`${file} already exists: a backup never overwrites a file (name a new file, or a folder for a time-stamped one)`);
  const partial = `${file}.partial-${process.pid}`;
  preparePrivateDatabaseFile(partial);
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(partial);
  } finally {
    live.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    chmodSync(partial, DATABASE_FILE_MODE);
    const check = checkDatabaseFile(partial);
    if (!check.ok) throw new DatabaseCheckError(`the copy of ${source}`, check);
    renameSync(partial, file);
    return { file, check };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/** Thrown when a process (the server, a sqlite3 shell) has the database open. */
export class DatabaseInUseError extends Error {
  constructor(file: string) {
    super(`${file} is open in another process (is the server running?): stop it first, nothing was changed`);
    this.name = 'DatabaseInUseError';
  }
}

/** Deletes a database file and its -wal, -shm and -journal, if present. */
function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * Replaces the database `target` with the backup `source`, offline.
 *
 * Refuses while any process holds `target`: it takes SQLite's exclusive lock
 * (locking_mode EXCLUSIVE + BEGIN EXCLUSIVE, no busy wait). Every open WAL
 * connection, even an idle one, holds a shared lock that makes this fail at
 * once, so a running server (which opens the database at start-up) is always
 * seen; a lock file or pid file could go stale after a crash, this cannot.
 *
 * Then, holding that lock: copies `source` into the target's folder with the
 * backup API (the source file is never changed) and checks that copy, the
 * very bytes that will be swapped in (checkDatabaseFile);
 * checkpoints the old database's WAL into its main file (TRUNCATE: the -wal is
 * left empty, so it can never be replayed onto the new file) and keeps that
 * complete old file as `<target>.before-restore`, then renames the checked
 * copy over `target` (one atomic rename in one folder: a reader sees the old
 * database or the new one, never a mix or nothing). Last, once the lock is let
 * go, the old database's stale -wal (empty) and -shm are removed.
 *
 * @returns the check of the restored database and where the old one was kept (null if there was none)
 * @throws DatabaseInUseError while a process has `target` open; DatabaseCheckError when `source` fails its check (nothing changed)
 */
export async function restoreDatabase(source: string, target: string): Promise<{ check: DatabaseCheck; previous: string | null }> {
  if (!existsSync(source)) throw new Error(`no backup at ${source}`);

  const hadTarget = existsSync(target);
  preparePrivateDatabaseFile(target);
  const lock = new Database(target, { fileMustExist: true });
  const incoming = `${target}.restoring-${process.pid}`;
  let previous: string | null = null;
  try {
    lock.pragma('busy_timeout = 0');
    try {
      lock.pragma('locking_mode = EXCLUSIVE');
      lock.exec('BEGIN EXCLUSIVE');
      lock.exec('COMMIT');
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') throw new DatabaseInUseError(target);
      throw error;
    }

    preparePrivateDatabaseFile(incoming);
    const src = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await src.backup(incoming);
    } finally {
      src.close();
    }
    const copy = new Database(incoming, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    chmodSync(incoming, DATABASE_FILE_MODE);
    const check = checkDatabaseFile(incoming);
    if (!check.ok) throw new DatabaseCheckError(source, check);

    if (hadTarget) {
      lock.pragma('wal_checkpoint(TRUNCATE)');
      previous = `${target}.before-restore`;
      removeDatabaseFiles(previous);
      copyFileSync(target, previous);
      chmodSync(previous, DATABASE_FILE_MODE);
    }
    renameSync(incoming, target);
    lock.close();
    // The old database's -wal (emptied by the checkpoint) and -shm: nobody has
    // them open (we held the exclusive lock until now), and the new file is in
    // rollback mode until the server opens it and switches to WAL afresh.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    if (previous) {
      const kept = new Database(previous, { fileMustExist: true });
      try {
        kept.pragma('journal_mode = DELETE');
      } finally {
        kept.close();
      }
    }
    return { check, previous };
  } finally {
    if (lock.open) lock.close();
    removeDatabaseFiles(incoming);
    // A target created only to take the lock on (there was no database): do not leave an empty file behind on refusal.
    if (!hadTarget && existsSync(target) && statSync(target).size === 0) removeDatabaseFiles(target);
  }
}
