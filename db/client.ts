import 'server-only';
import path from 'node:path';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A drizzle handle inside `db.transaction(...)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const DEFAULT_DATABASE_PATH = 'data/pushchart.db';
// Paths are resolved at run time from the working directory; the comments keep
// the bundler from tracing the whole project for them.
const MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), 'db/migrations');

export function databasePath(): string {
  const file = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
  return path.isAbsolute(file) ? file : path.join(/* turbopackIgnore: true */ process.cwd(), file);
}

/** Database files: owner read/write only (patient data). */
export const DATABASE_FILE_MODE = 0o600;
/** A folder the app creates for its database: owner only. */
export const DATABASE_FOLDER_MODE = 0o700;

/**
 * Makes `file` and its folder private before SQLite touches them: a folder the
 * app creates is 0700 (an existing one is left as it is: it may be /tmp or a
 * mounted volume); the database file is created 0600, or tightened to 0600 if
 * it was made before (files of older versions were 0644). SQLite creates the
 * -wal and -shm files with the main file's permissions, so they are 0600 too;
 * leftover ones from an older version are tightened here as well.
 */
export function preparePrivateDatabaseFile(file: string): void {
  const folder = path.dirname(file);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: DATABASE_FOLDER_MODE });
    chmodSync(folder, DATABASE_FOLDER_MODE); // the umask may have removed bits, never added: make it exact
  }
  closeSync(openSync(file, 'a', DATABASE_FILE_MODE));
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, DATABASE_FILE_MODE);
  }
}

/** Opens (creating if needed) a database file and brings its schema up to date. */
export function openDatabase(file: string): { db: Db; sqlite: Database.Database } {
  if (file !== ':memory:') preparePrivateDatabaseFile(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Clinical data: an acknowledged write must survive a crash or power loss.
  sqlite.pragma('synchronous = FULL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, sqlite };
}

// Next may load this module in more than one bundle; keep one connection per file.
const globalForDb = globalThis as unknown as { pushchartDb?: Map<string, Db> };

/**
 * The app's database at DATABASE_PATH: opened and migrated on first use, one
 * connection per file and process. Seeding and derived columns are start-up
 * work (`server/start-up.ts`), not this module's.
 */
export function getDb(): Db {
  const file = databasePath();
  globalForDb.pushchartDb ??= new Map();
  let db = globalForDb.pushchartDb.get(file);
  if (!db) {
    db = openDatabase(file).db;
    globalForDb.pushchartDb.set(file, db);
  }
  return db;
}
