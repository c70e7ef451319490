// Load benchmark of a charting round trip on the production server (issue 16 item 2):
//   npm run bench:load
//   npm run bench:load -- --duration 20 --rate 50 --closed 20 --pairs 60
//   npm run bench:load -- --cpu-prof .bench-prof     (V8 CPU profiles of the server, written when it stops)
//
// Self-contained: builds into .next-bench unless a build there is newer than
// every source file, makes a throw-away database in a temporary folder (the
// demo data, CLIENTS extra clinicians and one open encounter each), starts
// `next start` on a free loopback port with a generated secret, signs every
// clinician in over better-auth's HTTP endpoint, runs the phases, checks the
// database, stops the server and deletes the folder.
//
// Each request is what the browser sends for a server action: POST to the
// encounter page with the action id from the build's manifest (the approach of
// server/crash-safety.test.ts). Printed lines (README, "Load benchmark"):
//   A, one client, one request at a time, chart and ping interleaved:
//     charting-ms, noop-action-ms (medians), charting-over-noop: R
//   B, CLIENTS clients at a fixed total arrival rate (open loop: a request is
//     sent at its time whether or not the client's previous one has answered;
//     latency counts from that time, so a slow server is not hidden):
//     load-rate-per-s, load-doses, load-errors, load-lost, load-p50-ms, load-p99-ms
//   C, the same clients back to back (closed loop): load-max-throughput-per-s
// load-lost counts doses the server acknowledged that are absent from the
// database, or present without their 'administration.charted' audit event.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' }, // phase B, seconds
    rate: { type: 'string', default: '50' }, // phase B, doses per second offered in total
    clients: { type: 'string', default: '50' },
    closed: { type: 'string', default: '20' }, // phase C, seconds
    pairs: { type: 'string', default: '60' }, // phase A, chart + ping pairs
    prefill: { type: 'string', default: '50' }, // phase A: doses on its encounter before measuring
    phases: { type: 'string', default: 'ABC' },
    'cpu-prof': { type: 'string' }, // folder for the server's .cpuprofile files
  },
});
const DURATION_S = Number(flags.duration);
const RATE = Number(flags.rate);
const CLIENTS = Number(flags.clients);
const CLOSED_S = Number(flags.closed);
const PAIRS = Number(flags.pairs);
const PREFILL = Number(flags.prefill);
const PHASES = flags.phases.toUpperCase();
for (const [name, v] of Object.entries({ DURATION_S, RATE, CLIENTS, CLOSED_S, PAIRS, PREFILL })) {
  if (!Number.isFinite(v) || v < 0) throw new Error(`bench-load: ${name} must be a number ≥ 0`);
}

const ROOT = process.cwd();
const DIST_DIR = '.next-bench';
const PASSWORD = 'pushchart-demo';
/** The ED (db/seed.ts): every benchmark clinician belongs to it. */
const FACILITY = 1;
/** A demo ED patient; each clinician gets an encounter of their own for them. */
const PATIENT = 2;

// --- Build ---------------------------------------------------------------------

const SOURCES = ['app', 'components', 'db', 'lib', 'server', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json', 'postcss.config.mjs'];

function newestSourceMtime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const children = readdirSync(full).filter((child) => !/\.test\.tsx?$/.test(child));
  return Math.max(stat.mtimeMs, ...children.map((child) => newestSourceMtime(path.join(entry, child))));
}

/** `next build` into DIST_DIR unless it is up to date; the tsconfig include Next adds for it is taken out again. */
function buildIfNeeded(): void {
  const buildId = path.join(ROOT, DIST_DIR, 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCES.map(newestSourceMtime))) return;
  console.error(`bench-load: building into ${DIST_DIR} (a few minutes)…`);
  const result = spawnSync('./node_modules/.bin/next', ['build'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 1_800_000,
  });
  const tsconfigFile = path.join(ROOT, 'tsconfig.json');
  try {
    const config = JSON.parse(readFileSync(tsconfigFile, 'utf8')) as { include?: string[] };
    const mine = (config.include ?? []).filter((p) => p.startsWith(`${DIST_DIR}/`));
    if (mine.length > 0) {
      config.include = config.include!.filter((p) => !mine.includes(p));
      writeFileSync(tsconfigFile, `${JSON.stringify(config, null, 2)}\n`);
    }
  } catch {
    // tsconfig.json with comments: leave it; the extra include is harmless.
  }
  if (result.status !== 0) throw new Error(`next build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** The server action id of `exportedName` in the build's manifest (what the browser sends as Next-Action). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, DIST_DIR, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids = Object.entries(manifest.node)
    .filter(([, entry]) => entry.exportedName === exportedName)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one action named ${exportedName} in the manifest, found ${ids.length}`);
  return ids[0]!;
}

// --- The throw-away clinic -----------------------------------------------------

interface Clinic {
  emails: string[];
  encounterIds: number[];
  /** Phase A's encounter, charted by the first clinician. */
  soloEncounterId: number;
  drugId: number;
}

/**
 * The demo data plus CLIENTS + 1 clinicians of the ED (password PASSWORD), each
 * with an open encounter of their own, written through the app's db functions
 * before the server starts; the connection is closed again.
 */
async function prepareClinic(databasePath: string): Promise<Clinic> {
  process.env.DATABASE_PATH = databasePath;
  const { startUp } = await import('@/server/start-up');
  const { getDb } = await import('@/db/client');
  const { createUser } = await import('@/db/admin');
  const { openEncounter } = await import('@/db/encounters');
  const { getActiveUser } = await import('@/db/users');
  startUp();
  const admin = getActiveUser('u-admin');
  if (!admin) throw new Error('no demo admin');
  const emails: string[] = [];
  const encounterIds: number[] = [];
  const opened = new Date(Date.now() - 60 * 60_000);
  for (let i = 0; i <= CLIENTS; i++) {
    const email = `bench-${i}@pushchart.test`;
    const user = await createUser({ name: `Bench Clinician ${i}`, email, credentials: 'RN', role: 'nurse', password: PASSWORD, facilityIds: [FACILITY] }, admin, new Date());
    if (!user.ok) throw new Error(`could not create ${email}: ${JSON.stringify(user)}`);
    const encounter = openEncounter(PATIENT, FACILITY, user.data.id, opened);
    if (!encounter.ok) throw new Error('could not open an encounter');
    emails.push(email);
    encounterIds.push(encounter.data.id);
  }
  const drugId = (getDb().$client.prepare(`select id from formulary_drugs where key = 'ondansetron'`).get() as { id: number }).id;
  getDb().$client.close();
  (globalThis as unknown as { pushchartDb?: Map<string, unknown> }).pushchartDb?.clear();
  return { emails: emails.slice(1), encounterIds: encounterIds.slice(1), soloEncounterId: encounterIds[0]!, drugId };
}

// --- The server ------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `next start` in its own process group on 127.0.0.1; stop() ends the group (SIGTERM, so CPU profiles are written). */
async function startServer(port: number, databasePath: string): Promise<{ url: string; stop: () => Promise<void>; child: ChildProcess }> {
  const url = `http://127.0.0.1:${port}`;
  const profileDir = flags['cpu-prof'] ? path.resolve(flags['cpu-prof']) : null;
  // Node refuses --cpu-prof in NODE_OPTIONS: the flags go on the command line of the node running `next start`.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, 'node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_PATH: databasePath,
      // A fresh secret per run (the server refuses the demo one in production).
      BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
      BETTER_AUTH_URL: url,
      // Fifty sign-ins from one address within a minute: the throw-away server allows them.
      SIGN_IN_REQUESTS_PER_MINUTE: String(10 * (CLIENTS + 1)),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not answer /api/health:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, stop, child };
}

// --- HTTP --------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

type ActionAnswer = { ok: boolean; data?: { id?: number } | null };

/** A server action called as the browser does; the result is the RSC row holding an object with a boolean `ok`. */
async function callAction(baseUrl: string, page: string, id: string, cookie: string, arg: unknown): Promise<ActionAnswer> {
  const res = await fetch(`${baseUrl}${page}`, {
    method: 'POST',
    headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: baseUrl, cookie },
    body: JSON.stringify([arg]),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`action answered ${res.status}`);
  for (const line of text.split('\n')) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match) continue;
    try {
      const value = JSON.parse(match[1]!) as { ok?: unknown };
      if (typeof value.ok === 'boolean') return value as ActionAnswer;
    } catch {
      // another row
    }
  }
  throw new Error(`no action result in the answer: ${text.slice(0, 200)}`);
}

function dose(encounterId: number, drugId: number) {
  return {
    encounterId,
    drugId,
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

// --- Figures -------------------------------------------------------------------------

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

interface Tally {
  latencies: number[];
  acknowledged: number[];
  errors: number;
  firstError?: string;
}
const newTally = (): Tally => ({ latencies: [], acknowledged: [], errors: 0 });

/** One charting request, counted: an acknowledged dose (its id), or an error. */
async function chartCounted(tally: Tally, send: () => Promise<ActionAnswer>, since: number): Promise<void> {
  try {
    const answer = await send();
    if (!answer.ok || typeof answer.data?.id !== 'number') throw new Error(`refused: ${JSON.stringify(answer).slice(0, 300)}`);
    tally.acknowledged.push(answer.data.id);
    tally.latencies.push(performance.now() - since);
  } catch (error) {
    tally.errors++;
    tally.firstError ??= String(error);
  }
}

/** Acknowledged doses absent from the database, or present without their 'administration.charted' audit event. */
function lostDoses(databasePath: string, acknowledged: number[]): number {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const stored = new Set((db.prepare('select id from administrations').all() as { id: number }[]).map((r) => r.id));
    const audited = new Set(
      (db.prepare(`select entity_id as id from audit_events where event = 'administration.charted' and entity_type = 'administration'`).all() as { id: string }[]).map((r) => Number(r.id)),
    );
    return acknowledged.filter((id) => !stored.has(id) || !audited.has(id)).length;
  } finally {
    db.close();
  }
}

// --- Phases --------------------------------------------------------------------------

async function main() {
  buildIfNeeded();
  const chart = actionId('chartAdministrationAction');
  const ping = actionId('pingAction');
  const folder = mkdtempSync(path.join(tmpdir(), 'pushchart-bench-load-'));
  const databasePath = path.join(folder, 'bench.db');
  const clinic = await prepareClinic(databasePath);
  const server = await startServer(await freePort(), databasePath);
  try {
    const { url } = server;
    const cookies: string[] = [];
    for (const email of clinic.emails) cookies.push(await signIn(url, email)); // one at a time: sign-in is deliberately slow (scrypt)
    const soloCookie = await signIn(url, 'bench-0@pushchart.test');
    console.log(`bench-load: ${clinic.emails.length} clinicians signed in on ${url}; build ${DIST_DIR}`);

    if (PHASES.includes('A')) {
      // Warm up (and give the encounter PREFILL doses): the first requests load code and fill caches.
      const page = `/encounters/${clinic.soloEncounterId}`;
      for (let i = 0; i < PREFILL; i++) {
        const r = await callAction(url, page, chart, soloCookie, dose(clinic.soloEncounterId, clinic.drugId));
        if (!r.ok) throw new Error(`prefill refused: ${JSON.stringify(r)}`);
      }
      for (let i = 0; i < 10; i++) await callAction(url, page, ping, soloCookie, { encounterId: clinic.soloEncounterId });
      const charting: number[] = [];
      const noop: number[] = [];
      for (let i = 0; i < PAIRS; i++) {
        let t = performance.now();
        const c = await callAction(url, page, chart, soloCookie, dose(clinic.soloEncounterId, clinic.drugId));
        charting.push(performance.now() - t);
        if (!c.ok) throw new Error(`phase A charting refused: ${JSON.stringify(c)}`);
        t = performance.now();
        const p = await callAction(url, page, ping, soloCookie, { encounterId: clinic.soloEncounterId });
        noop.push(performance.now() - t);
        if (!p.ok) throw new Error(`phase A ping refused: ${JSON.stringify(p)}`);
      }
      console.log(`phase-a: ${PAIRS} pairs on an encounter of ${PREFILL}–${PREFILL + PAIRS} doses`);
      console.log(`charting-ms: ${fmt(median(charting))}`);
      console.log(`noop-action-ms: ${fmt(median(noop))}`);
      console.log(`charting-over-noop: ${(median(charting) / median(noop)).toFixed(2)}`);
    }

    if (PHASES.includes('B')) {
      const tally = newTally();
      const total = Math.round(RATE * DURATION_S);
      const start = performance.now() + 100;
      const inFlight: Promise<void>[] = [];
      // Request k is due at start + k/RATE, sent by client k mod CLIENTS on that client's encounter.
      for (let k = 0; k < total; k++) {
        const due = start + (k * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const c = k % clinic.emails.length;
        const encounterId = clinic.encounterIds[c]!;
        inFlight.push(chartCounted(tally, () => callAction(url, `/encounters/${encounterId}`, chart, cookies[c]!, dose(encounterId, clinic.drugId)), due));
      }
      await Promise.all(inFlight);
      const elapsed = (performance.now() - start) / 1000;
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      console.log(`load-rate-per-s: ${RATE} offered for ${DURATION_S} s (${fmt(tally.acknowledged.length / elapsed)} acknowledged/s)`);
      console.log(`load-doses: ${tally.acknowledged.length}`);
      console.log(`load-errors: ${tally.errors}${tally.firstError ? ` (first: ${tally.firstError.slice(0, 200)})` : ''}`);
      console.log(`load-lost: ${lostDoses(databasePath, tally.acknowledged)}`);
      console.log(`load-p50-ms: ${fmt(quantile(sorted, 0.5))}`);
      console.log(`load-p99-ms: ${fmt(quantile(sorted, 0.99))}`);
    }

    if (PHASES.includes('C')) {
      const tally = newTally();
      const start = performance.now();
      const end = start + CLOSED_S * 1000;
      await Promise.all(
        clinic.emails.map(async (_, c) => {
          const encounterId = clinic.encounterIds[c]!;
          while (performance.now() < end) {
            const t = performance.now();
            await chartCounted(tally, () => callAction(url, `/encounters/${encounterId}`, chart, cookies[c]!, dose(encounterId, clinic.drugId)), t);
          }
        }),
      );
      const elapsed = (performance.now() - start) / 1000;
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      console.log(`load-max-throughput-per-s: ${fmt(tally.acknowledged.length / elapsed)}`);
      console.log(
        `closed-loop: ${clinic.emails.length} clients, ${tally.acknowledged.length} doses in ${elapsed.toFixed(1)} s, errors ${tally.errors}, lost ${lostDoses(databasePath, tally.acknowledged)}, p50 ${fmt(quantile(sorted, 0.5))} ms, p99 ${fmt(quantile(sorted, 0.99))} ms`,
      );
    }
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
