import path from 'node:path';
import Database from 'better-sqlite3';

/** The throw-away database the Playwright web server runs on. */
export const E2E_DB = path.resolve(process.env.E2E_DB_PATH ?? '.e2e/pushchart-e2e.db');

/** Reads the app's database directly, to prove what was (not) written. */
export function queryDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
