import 'server-only';
import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Db, type Tx } from './client';

/**
 * A statement built once per database connection and reused (issue 16 item 1):
 * drizzle otherwise rebuilds the SQL text and better-sqlite3 recompiles it on
 * every call, 25–29% of the server's CPU in the profile of issue 16. `build`
 * gets the app's handle (getDb()) and returns drizzle `.prepare()`d queries
 * with `sql.placeholder` parameters. Kept per handle, so a test or script that
 * opens another DATABASE_PATH gets statements of its own connection.
 *
 * @returns a getter: the statements of the current connection, built on first use
 */
export function preparedOnce<T>(build: (db: Db) => T): () => T {
  const byDb = new WeakMap<Db, T>();
  return () => {
    const db = getDb();
    let statements = byDb.get(db);
    if (statements === undefined) {
      statements = build(db);
      byDb.set(db, statements);
    }
    return statements;
  };
}

/** The better-sqlite3 connection a drizzle handle or transaction runs on (a transaction shares its database's session). */
function connectionOf(handle: Db | Tx): Database.Database {
  return (handle as unknown as { session: { client: Database.Database } }).session.client;
}

/**
 * Like preparedOnce, for statements that run inside a caller's transaction
 * (the charting write, recordAudit): built once per better-sqlite3
 * connection that `handle` (a database or one of its transactions) runs on,
 * so a seed or test writing through another connection gets statements of
 * its own. A statement built while a transaction is open is a statement of
 * the connection, reusable after it ends. `build` also gets the raw
 * connection, for SQL drizzle cannot prepare.
 *
 * @returns a getter: the statements of `handle`'s connection, built on first use
 */
export function preparedOn<T>(build: (db: Db | Tx, connection: Database.Database) => T): (handle: Db | Tx) => T {
  const byConnection = new WeakMap<Database.Database, T>();
  return (handle) => {
    const connection = connectionOf(handle);
    let statements = byConnection.get(connection);
    if (statements === undefined) {
      statements = build(handle, connection);
      byConnection.set(connection, statements);
    }
    return statements;
  };
}

/**
 * Insert values as placeholders that are bound exactly as given (use with
 * driverValues): drizzle would run each through its column's encoder, and a
 * null timestamp through it fails (null.getTime()).
 */
export function insertPlaceholders<C extends string>(columns: readonly C[]): Record<C, SQL> {
  return Object.fromEntries(columns.map((c) => [c, sql`${sql.placeholder(c)}`])) as Record<C, SQL>;
}

/**
 * A row's values as SQLite stores them, for insertPlaceholders: Date → UTC ms
 * (the app's timestamp_ms columns), boolean → 1/0, undefined → null; strings
 * and numbers unchanged. A JSON column's value must be passed as its text.
 */
export function driverValues<T extends Record<string, unknown>>(values: T): Record<keyof T, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) out[key] = null;
    else if (value instanceof Date) out[key] = value.getTime();
    else if (typeof value === 'boolean') out[key] = value ? 1 : 0;
    else if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else throw new TypeError(`driverValues: ${key} is not a stored value (pass JSON as text)`);
  }
  return out as Record<keyof T, string | number | null>;
}
