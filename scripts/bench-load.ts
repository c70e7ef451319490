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
// server/crash-safety.test.ts; both through test/production-server.ts), over
// keep-alive connections of the clinician's own, as from their own device: the
// server's cluster hands out connections, not requests, so clinicians sharing
// one pool would all be served by one worker. Printed lines (README, "Load benchmark"):
//   A, one client, one request at a time, chart and ping interleaved, each
//   after a pause in which the server finishes the previous request's after()
//   work; on the throw-away clinic (about 100 doses in all) and again on a
//   copy of the 1,000,000-dose database of `npm run seed:large`:
//     charting-ms, noop-action-ms (medians), charting-over-noop: R,
//     charting-ms-1m, charting-1m-over-100: R (the same within ±20 %?)
//   B, CLIENTS clients at a fixed total arrival rate (open loop: a request is
//     sent at its time whether or not the client's previous one has answered;
//     latency counts from that time, so a slow server is not hidden), after a
//     warm-up in which each charts once (load-warm-up: its slowest request):
//     load-rate-per-s, load-doses, load-errors, load-lost, load-p50-ms, load-p99-ms
//   C, the same clients back to back (closed loop): load-max-throughput-per-s
//   N, the same with the no-op action: noop-max-throughput-per-s (C's floor)
//   The server is scripts/serve.mjs as in production: one worker per CPU
//   (--workers N for another number).
// load-lost counts doses the server acknowledged that are absent from the
// database, or present without their 'administration.charted' audit event.
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { actionId, browserConnection, buildIfStale, callAction, DEMO_PASSWORD, freePort, signIn, startProductionServer, type ActionAnswer } from '@/test/production-server';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' }, // phase B, seconds
    rate: { type: 'string', default: '50' }, // phase B, doses per second offered in total
    clients: { type: 'string', default: '50' },
    closed: { type: 'string', default: '20' }, // phase C, seconds
    pairs: { type: 'string', default: '60' }, // phase A, chart + ping pairs
    prefill: { type: 'string', default: '50' }, // phase A: doses on its encounter before measuring
    phases: { type: 'string', default: 'ABCN' }, // N: phase C with the no-op action (the floor)
    pause: { type: 'string', default: '50' }, // phase A: ms between requests (the previous one's after() work ends)
    large: { type: 'string', default: 'data/pushchart-large.db' }, // phase A's 1,000,000-dose database (seed:large)
    workers: { type: 'string', default: '0' }, // server worker processes; 0 = one per CPU, as `npm run serve`
    'cpu-prof': { type: 'string' }, // folder for the server's .cpuprofile files
    timeline: { type: 'string' }, // phase B: a file for one JSON line per request (due ms from start, latency ms)
    'node-args': { type: 'string', default: '' }, // extra node flags for the server's processes (e.g. --trace-gc)
    'server-log': { type: 'string' }, // a file for what the main server printed (e.g. with --node-args --trace-gc)
  },
});
const DURATION_S = Number(flags.duration);
const RATE = Number(flags.rate);
const CLIENTS = Number(flags.clients);
const CLOSED_S = Number(flags.closed);
const PAIRS = Number(flags.pairs);
const PREFILL = Number(flags.prefill);
const PHASES = flags.phases.toUpperCase();
const PAUSE_MS = Number(flags.pause);
const WORKERS = Number(flags.workers);
for (const [name, v] of Object.entries({ DURATION_S, RATE, CLIENTS, CLOSED_S, PAIRS, PREFILL, PAUSE_MS, WORKERS })) {
  if (!Number.isFinite(v) || v < 0) throw new Error(`bench-load: ${name} must be a number ≥ 0`);
}

const DIST_DIR = process.env.BENCH_DIST_DIR ?? '.next-bench';
const PASSWORD = DEMO_PASSWORD;
/** The ED (db/seed.ts): every benchmark clinician belongs to it. */
const FACILITY = 1;
/** A demo ED patient; each clinician gets an encounter of their own for them. */
const PATIENT = 2;

// --- The throw-away clinic -----------------------------------------------------

interface Clinic {
  emails: string[];
  encounterIds: number[];
  /** Phase A's encounter, charted by the first clinician. */
  soloEncounterId: number;
  drugId: number;
}

/**
 * The demo data (unless the database has it) plus `clients` + 1 clinicians of
 * the ED (password PASSWORD), each with an open encounter of their own,
 * written through the app's db functions before the server starts; the
 * connection is closed again.
 */
async function prepareClinic(databasePath: string, clients: number): Promise<Clinic> {
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
  for (let i = 0; i <= clients; i++) {
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

/** `next start` of the benchmark's build on 127.0.0.1, with a fresh secret; CPU profiles when asked (written when it stops). */
async function startServer(port: number, databasePath: string) {
  const profileDir = flags['cpu-prof'] ? path.resolve(flags['cpu-prof']) : null;
  return startProductionServer({
    distDir: DIST_DIR,
    port,
    databasePath,
    // Node refuses --cpu-prof in NODE_OPTIONS: the flags go on the command line of the node running `next start`.
    nodeArgs: [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...flags['node-args'].split(' ').filter(Boolean)],
    ...(WORKERS > 0 ? { workers: WORKERS } : {}),
    env: {
      // A fresh secret per run (the server refuses the demo one in production).
      BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
      // Fifty sign-ins from one address within a minute: the throw-away server allows them.
      SIGN_IN_REQUESTS_PER_MINUTE: String(10 * (CLIENTS + 1)),
    },
  });
}

// --- HTTP --------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  /** Per request, when --timeline is given: due time (ms since the phase began), latency (ms), or null on error. */
  timeline?: { due: number; ms: number | null }[];
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
    tally.timeline?.push({ due: since, ms: performance.now() - since });
  } catch (error) {
    tally.timeline?.push({ due: since, ms: null });
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

interface PhaseA {
  charting: number;
  noop: number;
}

/**
 * One client, one request at a time on `encounterId`: PREFILL doses to warm
 * up (and give the encounter its 50 doses), then PAIRS of charting + ping,
 * each request after PAUSE_MS so the previous charting's after() work (the
 * queue summary) is not timed as part of the next request. Medians in ms.
 */
async function phaseA(url: string, cookie: string, encounterId: number, drugId: number, ids: { chart: string; ping: string }): Promise<PhaseA> {
  const page = `/encounters/${encounterId}`;
  for (let i = 0; i < PREFILL; i++) {
    const r = await callAction(url, page, ids.chart, cookie, dose(encounterId, drugId));
    if (!r.ok) throw new Error(`prefill refused: ${JSON.stringify(r)}`);
  }
  for (let i = 0; i < 10; i++) await callAction(url, page, ids.ping, cookie, { encounterId });
  const charting: number[] = [];
  const noop: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    await sleep(PAUSE_MS);
    let t = performance.now();
    const c = await callAction(url, page, ids.chart, cookie, dose(encounterId, drugId));
    charting.push(performance.now() - t);
    if (!c.ok) throw new Error(`phase A charting refused: ${JSON.stringify(c)}`);
    await sleep(PAUSE_MS);
    t = performance.now();
    const p = await callAction(url, page, ids.ping, cookie, { encounterId });
    noop.push(performance.now() - t);
    if (!p.ok) throw new Error(`phase A ping refused: ${JSON.stringify(p)}`);
  }
  return { charting: median(charting), noop: median(noop) };
}

/**
 * Phase A again on a copy of the 1,000,000-dose database (`--large`, made by
 * `npm run seed:large` when missing): one clinician and a new encounter of
 * their own, a server of its own. Null when --large is '' (skipped).
 */
async function phaseALarge(folder: string, ids: { chart: string; ping: string }): Promise<{ doses: number; a: PhaseA } | null> {
  if (flags.large === '') return null;
  const source = path.resolve(flags.large);
  if (!existsSync(source)) {
    console.error(`bench-load: ${flags.large} is missing; making it with npm run seed:large (a few minutes)…`);
    const seeded = spawnSync('npm', ['run', '--silent', 'seed:large'], { stdio: 'inherit', env: { ...process.env, DATABASE_PATH: source } });
    if (seeded.status !== 0) throw new Error('npm run seed:large failed');
  }
  const copy = path.join(folder, 'large.db');
  // A consistent copy even if something has the file open (SQLite's online backup).
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(copy);
  } finally {
    from.close();
  }
  const clinic = await prepareClinic(copy, 0);
  const server = await startServer(await freePort(), copy);
  try {
    const cookie = await signIn(server.url, 'bench-0@pushchart.test');
    const a = await phaseA(server.url, cookie, clinic.soloEncounterId, clinic.drugId, ids);
    const db = new Database(copy, { readonly: true, fileMustExist: true });
    try {
      return { doses: (db.prepare('select count(*) as n from administrations').get() as { n: number }).n, a };
    } finally {
      db.close();
    }
  } finally {
    await server.stop();
  }
}

async function main() {
  const built = buildIfStale(DIST_DIR, { onBuild: () => console.error(`bench-load: building into ${DIST_DIR} (a few minutes)…`) });
  const ids = { chart: actionId(DIST_DIR, 'chartAdministrationAction'), ping: actionId(DIST_DIR, 'pingAction') };
  const chart = ids.chart;
  const folder = mkdtempSync(path.join(tmpdir(), 'pushchart-bench-load-'));
  const databasePath = path.join(folder, 'bench.db');
  const clinic = await prepareClinic(databasePath, CLIENTS);
  const server = await startServer(await freePort(), databasePath);
  try {
    const { url } = server;
    const cookies: string[] = [];
    for (const email of clinic.emails) cookies.push(await signIn(url, email)); // one at a time: sign-in is deliberately slow (scrypt)
    const soloCookie = await signIn(url, 'bench-0@pushchart.test');
    // Each clinician's device keeps connections of its own (the cluster spreads connections over the workers).
    const connections = clinic.emails.map(() => browserConnection());
    console.log(`bench-load: ${clinic.emails.length} clinicians signed in on ${url}; the build in ${DIST_DIR} (${built ? 'built now' : 'up to date, reused'})`);
    /** Every client calling `request` back to back (client index, its encounter) for CLOSED_S seconds; returns the seconds elapsed. */
    const closedLoop = async (request: (c: number, encounterId: number) => Promise<void>): Promise<number> => {
      const start = performance.now();
      const end = start + CLOSED_S * 1000;
      await Promise.all(
        clinic.emails.map(async (_, c) => {
          while (performance.now() < end) await request(c, clinic.encounterIds[c]!);
        }),
      );
      return (performance.now() - start) / 1000;
    };

    if (PHASES.includes('A')) {
      const small = await phaseA(url, soloCookie, clinic.soloEncounterId, clinic.drugId, ids);
      const doses = (() => {
        const db = new Database(databasePath, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('select count(*) as n from administrations').get() as { n: number }).n;
        } finally {
          db.close();
        }
      })();
      console.log(`phase-a: ${PAIRS} pairs on an encounter of ${PREFILL}–${PREFILL + PAIRS} doses, ${PAUSE_MS} ms apart; ${doses} doses in the database`);
      console.log(`charting-ms: ${fmt(small.charting)}`);
      console.log(`noop-action-ms: ${fmt(small.noop)}`);
      console.log(`charting-over-noop: ${(small.charting / small.noop).toFixed(2)}`);
      const large = await phaseALarge(folder, ids);
      if (large) {
        console.log(`phase-a-large: the same on a database of ${large.doses} doses`);
        console.log(`charting-ms-1m: ${fmt(large.a.charting)} (noop ${fmt(large.a.noop)}, ratio ${(large.a.charting / large.a.noop).toFixed(2)})`);
        console.log(`charting-1m-over-100: ${(large.a.charting / small.charting).toFixed(2)}`);
      }
    }

    if (PHASES.includes('B')) {
      // Warm-up, not timed into the figures: each clinician charts once, one after another, so both
      // workers have loaded and compiled the charting path (after a deploy a worker's first requests
      // are slow once; that is printed, not mixed into a shift's p99).
      const warmUp = newTally();
      for (let c = 0; c < clinic.emails.length; c++) {
        const encounterId = clinic.encounterIds[c]!;
        await chartCounted(warmUp, () => callAction(url, `/encounters/${encounterId}`, chart, cookies[c]!, dose(encounterId, clinic.drugId), connections[c]), performance.now());
      }
      if (warmUp.errors > 0) throw new Error(`phase B warm-up: ${warmUp.errors} errors (first: ${warmUp.firstError})`);
      console.log(`load-warm-up: ${warmUp.acknowledged.length} doses one at a time, slowest ${fmt(Math.max(...warmUp.latencies))} ms (a worker's first chartings)`);
      const tally = newTally();
      if (flags.timeline) tally.timeline = [];
      const total = Math.round(RATE * DURATION_S);
      // The load generator shares the machine: how late its own event loop ran says whether it, not the server, made a latency.
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const start = performance.now() + 100;
      if (flags.timeline) console.log(`phase-b-start-epoch-ms: ${Math.round(Date.now() + 100)}`);
      const inFlight: Promise<void>[] = [];
      // Request k is due at start + k/RATE, sent by client k mod CLIENTS on that client's encounter.
      for (let k = 0; k < total; k++) {
        const due = start + (k * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const c = k % clinic.emails.length;
        const encounterId = clinic.encounterIds[c]!;
        inFlight.push(chartCounted(tally, () => callAction(url, `/encounters/${encounterId}`, chart, cookies[c]!, dose(encounterId, clinic.drugId), connections[c]), due));
      }
      await Promise.all(inFlight);
      loopDelay.disable();
      const elapsed = (performance.now() - start) / 1000;
      if (flags.timeline) {
        writeFileSync(flags.timeline, tally.timeline!.map((r) => JSON.stringify({ due: Math.round(r.due - start), ms: r.ms === null ? null : Number(r.ms.toFixed(1)) })).join('\n') + '\n');
      }
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      console.log(`load-rate-per-s: ${RATE} offered for ${DURATION_S} s (${fmt(tally.acknowledged.length / elapsed)} acknowledged/s)`);
      console.log(`load-doses: ${tally.acknowledged.length}`);
      console.log(`load-errors: ${tally.errors}${tally.firstError ? ` (first: ${tally.firstError.slice(0, 200)})` : ''}`);
      console.log(`load-lost: ${lostDoses(databasePath, tally.acknowledged)}`);
      console.log(`load-p50-ms: ${fmt(quantile(sorted, 0.5))}`);
      console.log(`load-p99-ms: ${fmt(quantile(sorted, 0.99))}`);
      console.log(`load-client-loop-delay-ms: p99 ${fmt(loopDelay.percentile(99) / 1e6)}, max ${fmt(loopDelay.max / 1e6)} (the load generator's own lateness)`);
    }

    if (PHASES.includes('C')) {
      const tally = newTally();
      const elapsed = await closedLoop(async (c, encounterId) => {
        const t = performance.now();
        await chartCounted(tally, () => callAction(url, `/encounters/${encounterId}`, chart, cookies[c]!, dose(encounterId, clinic.drugId), connections[c]), t);
      });
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      console.log(`load-max-throughput-per-s: ${fmt(tally.acknowledged.length / elapsed)}`);
      console.log(
        `closed-loop: ${clinic.emails.length} clients, ${tally.acknowledged.length} doses in ${elapsed.toFixed(1)} s, errors ${tally.errors}, lost ${lostDoses(databasePath, tally.acknowledged)}, p50 ${fmt(quantile(sorted, 0.5))} ms, p99 ${fmt(quantile(sorted, 0.99))} ms${tally.firstError ? ` (first error: ${tally.firstError.slice(0, 200)})` : ''}`,
      );
    }

    if (PHASES.includes('N')) {
      // The floor of phase C: the same clients calling the no-op action back to back. Charting
      // cannot go faster than this on this machine; it says how much of C is the framework's.
      let answered = 0;
      let errors = 0;
      const elapsed = await closedLoop(async (c, encounterId) => {
        try {
          if ((await callAction(url, `/encounters/${encounterId}`, ids.ping, cookies[c]!, { encounterId }, connections[c])).ok) answered++;
          else errors++;
        } catch {
          errors++;
        }
      });
      console.log(`noop-max-throughput-per-s: ${fmt(answered / elapsed)} (errors ${errors})`);
    }
  } finally {
    await server.stop();
    if (flags['server-log']) writeFileSync(flags['server-log'], server.output());
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
