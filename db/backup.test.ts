// Issue 16 item 3: backups that restore. The live database is written by
// another process (test/chart-doses-worker.ts, charting through the db
// functions back to back) while it is backed up; the restore refuses while that
// process holds the file, then swaps the backup in after it was killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, backupTarget, checkDatabaseFile, DatabaseCheckError, DatabaseInUseError, describeCheck, restoreDatabase } from './backup';
import { openDatabase } from './client';

const root = mkdtempSync(path.join(tmpdir(), 'pushchart-backup-'));
const mode = (file: string) => statSync(file).mode & 0o777;

/** The worker charting into `file`; resolves once it is ready, and collects every acknowledged dose id. */
function startCharting(file: string): Promise<{ child: ChildProcess; acks: number[]; exited: Promise<unknown> }> {
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a
  // child of its own, which a SIGKILL of the CLI would leave running.
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/chart-doses-worker.ts'], {
    env: { ...process.env, DATABASE_PATH: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const acks: number[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`charting worker exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') resolve({ child, acks, exited });
      else if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
      else if (line.startsWith('refused')) reject(new Error(line));
    });
  });
}

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function read<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Administration ids present in `file`, and those with their 'administration.charted' audit event. */
function stored(file: string): { doses: Set<number>; audited: Set<number> } {
  const doses = new Set(read<{ id: number }>(file, 'select id from administrations').map((r) => r.id));
  const audited = new Set(
    read<{ id: string }>(file, `select entity_id as id from audit_events where event = 'administration.charted' and entity_type = 'administration'`).map((r) => Number(r.id)),
  );
  return { doses, audited };
}

const workers: ChildProcess[] = [];
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
});

describe('database files are private', () => {
  it('a new database is 0600 (its -wal and -shm too) in a 0700 folder the app creates', () => {
    const file = path.join(root, 'fresh', 'nested', 'app.db');
    const { sqlite } = openDatabase(file);
    sqlite.exec('create table t (a)');
    sqlite.prepare('insert into t values (1)').run();
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f).toString(8)).toBe('600');
    expect(mode(path.dirname(file)).toString(8)).toBe('700');
    expect(mode(path.join(root, 'fresh')).toString(8)).toBe('700');
    sqlite.close();
  });

  it('a database an older version left world-readable is tightened to 0600 when opened', () => {
    const folder = path.join(root, 'old');
    mkdirSync(folder, { mode: 0o755 });
    const file = path.join(folder, 'old.db');
    writeFileSync(file, '', { mode: 0o644 });
    expect(mode(file).toString(8)).toBe('644');
    openDatabase(file).sqlite.close();
    expect(mode(file).toString(8)).toBe('600');
    // An existing folder is not the app's to change (it may be /tmp or a volume).
    expect(mode(folder).toString(8)).toBe('755');
  });
});

describe('backup and restore', () => {
  it('a backup taken while another process charts holds every dose acknowledged before it began; restore refuses while the database is held, then swaps it in', async () => {
    const live = path.join(root, 'clinic', 'pushchart.db');
    const { child, acks, exited } = await startCharting(live);
    workers.push(child);
    await until(() => acks.length >= 30, '30 acknowledged doses');

    const acknowledgedBefore = [...acks];
    const backupsFolder = path.join(root, 'backups');
    mkdirSync(backupsFolder, { mode: 0o700 });
    const { file: backup, check } = await backupDatabase(live, backupsFolder);
    const acknowledgedByEnd = acks.length;
    // The worker kept charting while the backup ran and after it.
    await until(() => acks.length >= acknowledgedByEnd + 20, '20 more doses after the backup');

    expect(path.dirname(backup)).toBe(backupsFolder);
    expect(path.basename(backup)).toMatch(/^pushchart-\d{8}T\d{6}Z\.db$/);
    expect(mode(backup).toString(8)).toBe('600');
    expect(existsSync(`${backup}-wal`)).toBe(false); // self-contained: one file to keep
    expect(check.ok).toBe(true);
    expect(check.integrity).toBe('ok');
    expect(check.chain).toMatchObject({ intact: true });
    const inBackup = stored(backup);
    expect(check.counts.administrations).toBe(inBackup.doses.size);
    const missing = acknowledgedBefore.filter((id) => !inBackup.doses.has(id) || !inBackup.audited.has(id));
    expect(missing).toEqual([]);
    expect(describeCheck(check)).toMatch(new RegExp(`^integrity=ok chain=intact head=[0-9a-f]{64} .*administrations=${inBackup.doses.size} .*audit_events=\\d+`));

    // The worker still has the live database open: restore refuses and changes nothing.
    await expect(restoreDatabase(backup, live)).rejects.toBeInstanceOf(DatabaseInUseError);
    expect(existsSync(`${live}.before-restore`)).toBe(false);
    expect(child.exitCode).toBeNull();

    // A crash, not a clean stop: every acknowledged dose is in the live file (synchronous=FULL).
    child.kill('SIGKILL');
    await exited;
    const allAcknowledged = [...acks];
    expect(allAcknowledged.length).toBeGreaterThan(acknowledgedBefore.length);

    const { check: restored, previous } = await restoreDatabase(backup, live);
    expect(restored.ok).toBe(true);
    expect(previous).toBe(`${live}.before-restore`);
    // The database is now the backup, exactly: the doses after the backup are only in the kept previous file.
    const now = stored(live);
    expect([...now.doses].sort((a, b) => a - b)).toEqual([...inBackup.doses].sort((a, b) => a - b));
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(existsSync(`${live}-shm`)).toBe(false);
    expect(mode(live).toString(8)).toBe('600');
    expect(mode(previous!).toString(8)).toBe('600');
    const kept = stored(previous!);
    expect(allAcknowledged.filter((id) => !kept.doses.has(id) || !kept.audited.has(id))).toEqual([]);
    expect(checkDatabaseFile(previous!).ok).toBe(true);

    // The app opens the restored file as usual (migrations are a no-op, WAL again) and it still checks out.
    const reopened = openDatabase(live);
    expect(reopened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    reopened.sqlite.close();
    expect(checkDatabaseFile(live).ok).toBe(true);
    // The backup itself is untouched by the restore.
    expect(checkDatabaseFile(backup).counts.administrations).toBe(inBackup.doses.size);
  }, 120_000);

  it('a backup whose audit chain was altered is refused, and the database is left as it was', async () => {
    const live = path.join(root, 'tamper', 'pushchart.db');
    openDatabase(live).sqlite.close(); // migrated, empty
    const good = path.join(root, 'tamper', 'good.db');
    const { check } = await backupDatabase(path.join(root, 'clinic', 'pushchart.db'), good);
    expect(check.ok).toBe(true);
    const altered = path.join(root, 'tamper', 'altered.db');
    await backupDatabase(good, altered);
    const db = new Database(altered);
    for (const { name } of db.prepare(`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_events'`).all() as { name: string }[]) db.exec(`drop trigger "${name}"`);
    db.prepare(`update audit_events set reason = 'edited with the sqlite3 shell' where id = (select min(id) from audit_events where event = 'administration.charted')`).run();
    db.close();

    const error = await restoreDatabase(altered, live).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseCheckError);
    expect((error as DatabaseCheckError).check.chain).toMatchObject({ intact: false, breakKind: 'content' });
    expect(existsSync(`${live}.before-restore`)).toBe(false);
    expect(checkDatabaseFile(live).counts.administrations).toBe(0);

    // A file that is not a database at all: refused, nothing changed.
    const junk = path.join(root, 'tamper', 'junk.db');
    writeFileSync(junk, 'not a database'.repeat(100));
    await expect(restoreDatabase(junk, live)).rejects.toThrow();
    expect(checkDatabaseFile(live).counts.administrations).toBe(0);
    expect(readdirSync(path.join(root, 'tamper')).filter((n) => n.includes('.restoring-'))).toEqual([]);
  });

  it('a backup never overwrites: DEST as the live database itself, or any existing file, is refused and left as it was', async () => {
    const folder = path.join(root, 'no-overwrite');
    mkdirSync(folder, { recursive: true });
    const live = path.join(folder, 'pushchart.db');
    const { sqlite } = openDatabase(live); // open, as the running server keeps it
    try {
      const inode = statSync(live).ino;
      await expect(backupDatabase(live, live)).rejects.toThrow(/is the live database itself/);
      expect(statSync(live).ino).toBe(inode);
      expect(sqlite.prepare('select count(*) as n from audit_events').get()).toBeDefined();
      const existing = path.join(folder, 'yesterday.db');
      writeFileSync(existing, 'an earlier backup');
      await expect(backupDatabase(live, existing)).rejects.toThrow(/already exists: a backup never overwrites/);
      expect(readFileSync(existing, 'utf8')).toBe('an earlier backup');
      expect(readdirSync(folder).filter((n) => n.includes('.partial-'))).toEqual([]);
      const { check } = await backupDatabase(live, path.join(folder, 'today.db'));
      expect(check.ok).toBe(true);
    } finally {
      sqlite.close();
    }
  });

  it('DEST as a folder gets a time-stamped file; as a path, that path', () => {
    const at = new Date('2026-11-30T20:01:02.345Z');
    expect(backupTarget(root, at)).toBe(path.join(root, 'pushchart-20261130T200102Z.db'));
    expect(backupTarget(path.join(root, 'nightly.db'), at)).toBe(path.join(root, 'nightly.db'));
    const missing = path.join(root, 'new-backups') + path.sep;
    expect(backupTarget(missing, at)).toBe(path.join(root, 'new-backups', 'pushchart-20261130T200102Z.db'));
    expect(mode(missing).toString(8)).toBe('700');
  });
});
