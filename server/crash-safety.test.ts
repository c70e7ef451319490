// Issue 16 item 5: crash safety tested, not assumed. The production server
// (next build + scripts/serve.mjs: `next start` in two worker processes
// sharing the database, its own dist dir, port and database) is killed
// with SIGKILL while four clients chart over HTTP, as signed-in nurses calling
// the charting server action the way the browser does. After a restart every
// dose the server acknowledged is there with its audit event, and
// integrity_check is ok. The same build shows the start-up refusal of issue 16
// item 6: no secret, or the demo secret, and `next start` exits at once, and
// that a charting whose session is due for its slide gets its cookie without a
// page re-render in its answer (the p99 of issue 16's phase B).
//
// Cost: a `next build` (about 2–4 minutes on this 2-core machine; skipped when
// the build in .next-crash-safety is newer than every source file), then about
// 15 s: two server starts, 3 s of charting (longer on a loaded machine, until
// 12 doses are acknowledged), the kill, the checks.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionId as actionIdIn, buildIfStale, callAction, freePort, signIn } from '@/test/production-server';

const DIST_DIR = '.next-crash-safety';
const SECRET = 'crash-safety-test-secret-not-for-any-deployment-0b7e2c';
const CLIENTS = 4;
const CHARTING_MS = 3_000;

/** scripts/serve.mjs (two `next start` workers) in a process group of its own, so SIGKILL reaches every process of it. */
class ProductionServer {
  child: ChildProcess | null = null;
  output = '';
  constructor(
    readonly port: number,
    readonly databasePath: string,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  spawn(env: Record<string, string | undefined>): ChildProcess {
    this.output = ''; // this start's lines only (a restart waits for its own server.ready)
    const child = spawn(process.execPath, ['scripts/serve.mjs', '-H', '127.0.0.1', '-p', String(this.port)], {
      cwd: process.cwd(),
      env: { ...process.env, VITEST: undefined, NODE_ENV: 'production', NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1', DATABASE_PATH: this.databasePath, WEB_CONCURRENCY: '2', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (d) => (this.output += String(d)));
    child.stderr!.on('data', (d) => (this.output += String(d)));
    this.child = child;
    return child;
  }
  async start(): Promise<void> {
    const child = this.spawn({ BETTER_AUTH_SECRET: SECRET });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${this.output}`);
      try {
        // Both workers started (serve.mjs logs server.ready) and the port answers.
        if (this.output.includes('"event":"server.ready"') && (await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not answer /api/health:\n${this.output}`);
  }
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  }
}

/** The server action id of `exportedName` in this test's build. */
const actionId = (exportedName: string) => actionIdIn(DIST_DIR, exportedName);

const folder = mkdtempSync(path.join(tmpdir(), 'pushchart-crash-'));
const databasePath = path.join(folder, 'crash.db');
let server: ProductionServer;
let encounterIds: number[] = [];
let ondansetron = 0;

beforeAll(async () => {
  buildIfStale(DIST_DIR, { timeoutMs: 900_000 });
  // The clinic before the shift: the demo data and one open ED encounter per
  // client, written here (the same db functions the server runs), then closed.
  process.env.DATABASE_PATH = databasePath;
  const { startUp } = await import('./start-up');
  const { openEncounter } = await import('@/db/encounters');
  const { getDb } = await import('@/db/client');
  startUp();
  encounterIds = Array.from({ length: CLIENTS }, () => {
    const opened = openEncounter(2, 1, 'u-nurse', new Date(Date.now() - 60 * 60_000));
    if (!opened.ok) throw new Error('could not open an encounter');
    return opened.data.id;
  });
  ondansetron = (getDb().$client.prepare(`select id from formulary_drugs where key = 'ondansetron'`).get() as { id: number }).id;
  getDb().$client.close();
  (globalThis as unknown as { pushchartDb?: Map<string, unknown> }).pushchartDb?.clear();
  server = new ProductionServer(await freePort(), databasePath);
}, 960_000);

afterAll(async () => {
  await server?.kill();
});

function dose(encounterId: number) {
  return {
    encounterId,
    drugId: ondansetron,
    doseValue: '4',
    doseUnit: 'mg',
    kind: 'push',
    start: 'now',
    stop: 'now',
    site: 'L antecubital 20G',
    rationale: 'Nausea',
    orderingProviderId: 1,
    orderType: 'written',
    idempotencyKey: randomUUID(),
  };
}

describe('a charting on the production server', () => {
  /** The charting action's raw answer: what the browser gets back. */
  const chartRaw = async (cookie: string, encounterId: number) =>
    fetch(`${server.url}/encounters/${encounterId}`, {
      method: 'POST',
      headers: { 'next-action': actionId('chartAdministrationAction'), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: server.url, cookie },
      body: JSON.stringify([dose(encounterId)]),
    });

  it('slides a session that is due, and refuses one ended on the server, without re-rendering the page into its answer', async () => {
    await server.start();
    const cookie = await signIn(server.url, 'nurse@pushchart.test');
    const token = decodeURIComponent(cookie.match(/session_token=([^;]+)/)![1]!).split('.')[0]!;
    const db = new Database(databasePath, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const expiry = () => (db.prepare('select expires_at as t from sessions where token = ?').get(token) as { t: number }).t;
    try {
      // Just signed in: nothing to slide.
      const fresh = await chartRaw(cookie, encounterIds[0]!);
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('x-action-revalidated')).toBeNull();
      expect(fresh.headers.getSetCookie().filter((c) => c.includes('session_token'))).toEqual([]);
      await fresh.text();

      // Two minutes of use later (the expiry moved back instead of the clock): due.
      db.prepare('update sessions set expires_at = expires_at - 120000 where token = ?').run(token);
      const before = expiry();
      const due = await chartRaw(cookie, encounterIds[0]!);
      const body = await due.text();
      expect(due.status).toBe(200);
      expect(due.headers.getSetCookie().filter((c) => c.includes('session_token'))).toEqual([expect.stringMatching(/Max-Age=900/)]);
      // Next marks an answer that carries a re-rendered page with this header (its cookies() in an action does).
      expect(due.headers.get('x-action-revalidated')).toBeNull();
      expect(body).toMatch(/"ok":true/);
      expect(expiry()).toBeGreaterThan(before + 60_000);

      // Ended on the server while the browser still holds the cookie (signed out elsewhere, an admin
      // deactivated the account): the answer says so, for the dialog that keeps the entry, and carries
      // no re-rendered page (which would redirect to sign-in and lose it).
      db.prepare('delete from sessions where token = ?').run(token);
      const ended = await chartRaw(cookie, encounterIds[0]!);
      const endedBody = await ended.text();
      expect(ended.status).toBe(200);
      expect(ended.headers.get('x-action-revalidated')).toBeNull();
      expect(endedBody).toMatch(/"status":401/);
      expect(endedBody).toMatch(/Your session has ended/);
    } finally {
      db.close();
      await server.kill();
    }
  }, 120_000);
});

describe('crash safety of the production server', () => {
  it('SIGKILL while four nurses chart: after a restart every acknowledged dose is there with its audit event, integrity ok', async () => {
    await server.start();
    const chart = actionId('chartAdministrationAction');
    const emails = ['nurse@pushchart.test', 'nurse2@pushchart.test'];
    const cookies = await Promise.all(encounterIds.map((_, i) => signIn(server.url, emails[i % emails.length]!)));

    const acknowledged: number[] = [];
    let failedAfterKill = 0;
    let killing = false;
    const clients = encounterIds.map(async (encounterId, i) => {
      for (;;) {
        try {
          const result = await callAction(server.url, `/encounters/${encounterId}`, chart, cookies[i]!, dose(encounterId));
          if (!result.ok || typeof result.data?.id !== 'number') throw new Error(`refused: ${JSON.stringify(result)}`);
          acknowledged.push(result.data.id);
        } catch (error) {
          if (!killing) throw error;
          failedAfterKill++; // the server is gone: this request was never acknowledged
          return;
        }
      }
    });
    // A few seconds of charting, longer on a loaded machine until each client has a few doses acknowledged.
    const started = Date.now();
    while (Date.now() - started < CHARTING_MS || (acknowledged.length < 3 * CLIENTS && Date.now() - started < 30_000)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const beforeKill = acknowledged.length;
    killing = true;
    await server.kill(); // mid-flight: the clients are still sending
    await Promise.all(clients); // each stops at its first failed request

    expect(beforeKill).toBeGreaterThanOrEqual(3 * CLIENTS); // the clients charted back to back
    expect(failedAfterKill).toBeGreaterThan(0); // the kill cut requests in flight

    console.log(`crash-safety: ${acknowledged.length} doses acknowledged by ${CLIENTS} clients in ${Date.now() - started} ms, ${failedAfterKill} requests cut by the SIGKILL`);
    await server.start();
    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set((db.prepare('select id from administrations').all() as { id: number }[]).map((r) => r.id));
      const audited = new Set(
        (db.prepare(`select entity_id as id from audit_events where event = 'administration.charted' and entity_type = 'administration'`).all() as { id: string }[]).map((r) => Number(r.id)),
      );
      const lost = acknowledged.filter((id) => !stored.has(id));
      const unaudited = acknowledged.filter((id) => !audited.has(id));
      expect({ acknowledged: acknowledged.length, lost, unaudited }).toEqual({ acknowledged: acknowledged.length, lost: [], unaudited: [] });
    } finally {
      db.close();
    }
    // The restarted server charts again on the sessions from before the crash.
    const again = await callAction(server.url, `/encounters/${encounterIds[0]}`, chart, cookies[0]!, dose(encounterIds[0]!));
    expect(again.ok).toBe(true);
    await server.kill();
  }, 180_000);

  it('a worker killed with SIGKILL is replaced and logged while the other keeps serving', async () => {
    await server.start();
    const primary = server.child!.pid!;
    // The primary's child processes, from /proc (Linux: field 4 of /proc/PID/stat is the parent's pid).
    const workers = () =>
      readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .filter((pid) => {
          try {
            return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === primary;
          } catch {
            return false; // gone meanwhile
          }
        })
        .map(Number);
    const before = workers();
    expect(before).toHaveLength(2);
    process.kill(before[0]!, 'SIGKILL');
    expect((await fetch(`${server.url}/api/health`)).ok).toBe(true); // the other worker answers meanwhile
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(workers().length === 2 && !workers().includes(before[0]!) && server.output.split('"event":"server.ready"').length === 3)) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const died = server.output.split('\n').find((l) => l.includes('"server.worker-died"'));
    expect(died, server.output).toBeDefined();
    expect(JSON.parse(died!)).toMatchObject({ level: 'error', event: 'server.worker-died', pid: before[0], signal: 'SIGKILL' });
    expect(workers()).toHaveLength(2);
    expect(workers()).not.toContain(before[0]);
    expect(server.output.split('"event":"server.ready"').length).toBe(3); // ready at start, and again with the replacement
    expect((await fetch(`${server.url}/api/health`)).ok).toBe(true);
    await server.kill();
  }, 90_000);

  it('the server refuses to run without its own secret, or with the demo secret: one fatal JSON line, exit 1', async () => {
    const { DEMO_AUTH_SECRET } = await import('./auth');
    for (const secret of [undefined, DEMO_AUTH_SECRET]) {
      const refused = new ProductionServer(await freePort(), path.join(folder, 'refused.db'));
      const child = refused.spawn({ BETTER_AUTH_SECRET: secret });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      const line = refused.output.split('\n').find((l) => l.includes('"server.start-refused"'));
      expect(line, refused.output).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({ level: 'fatal', event: 'server.start-refused', why: expect.stringMatching(/BETTER_AUTH_SECRET/) });
      await expect(fetch(`${refused.url}/api/health`)).rejects.toThrow();
    }
  }, 120_000);
});
