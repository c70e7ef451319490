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

/**
 * Moves an encounter's opening time back by `minutes`, as if the visit had
 * started earlier: doses may be charted from 15 minutes before the opening
 * (issue 12 item 4), and journeys that chart back-timed doses need room.
 */
export function backdateEncounter(encounterId: number, minutes: number): void {
  const db = new Database(E2E_DB, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('update encounters set opened_at = opened_at - ? where id = ?').run(minutes * 60_000, encounterId);
  } finally {
    db.close();
  }
}

/** Moves an encounter's close `minutes` earlier, as if the visit had been closed that long ago. */
export function backdateClose(encounterId: number, minutes: number): void {
  const db = new Database(E2E_DB, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('update encounters set closed_at = closed_at - ? where id = ? and closed_at is not null').run(minutes * 60_000, encounterId);
  } finally {
    db.close();
  }
}
