import 'server-only';
import { getDb, type Db } from './client';

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
