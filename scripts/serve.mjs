// The production server: Next's own `next start`, once per CPU (node:cluster),
// all on one port and one SQLite database (issue 16 item 2).
//   node scripts/serve.mjs -H 127.0.0.1 -p 3000        (npm run serve, npm start, the Dockerfile)
//   WEB_CONCURRENCY=1 node scripts/serve.mjs -p 3000   (one process)
//
// Why: a Node process runs its JavaScript on one core, and a no-op server
// action of this app costs about 15 ms of it (Next's request pipeline, the
// session check); one process tops out near 60 requests/s on a 2-core box
// while the other core idles. Each worker is an unmodified `next start` (its
// arguments are this script's); the primary only owns the listening socket
// (cluster hands connections out round robin) and the workers' lives.
// SQLite in WAL mode lets the workers share the database file: reads run side
// by side, writes take the write lock in turn (BEGIN IMMEDIATE, busy_timeout
// 5 s: db/client.ts), and every check-then-write runs inside its write
// transaction, so two workers never both pass a check.
//
// Start-up (migrations, demo seed, repairs: server/start-up.ts) must run once
// before anyone serves: the first worker starts alone; instrumentation.ts tells
// the primary when its start-up is done, and only then are the others forked
// (their start-up finds nothing left to do). A worker that exits before it has
// started (the production secret refused, a failed migration) ends the server
// with its exit code. One that dies later is replaced, with one JSON log line;
// a replacement that dies again within 10 s of its start waits longer before
// the next (1 s, doubling, at most 30 s) instead of restarting in a tight loop.
// SIGTERM/SIGINT are passed to every worker (Next closes its server), and the
// primary exits once they have.
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

const require = createRequire(import.meta.url);

/** WEB_CONCURRENCY (a whole number ≥ 1), else one worker per CPU the process may use. */
function workerCount(value) {
  if (value === undefined || value === '') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`serve: WEB_CONCURRENCY must be a whole number ≥ 1 (got "${value}")`);
    process.exit(2);
  }
  return n;
}

const WORKERS = workerCount(process.env.WEB_CONCURRENCY);
/** What instrumentation.ts sends the primary once its start-up is done. */
const STARTED = 'pushchart:started';

const log = (event, fields) => console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), event, ...fields }));

cluster.setupPrimary({ exec: require.resolve('next/dist/bin/next'), args: ['start', ...process.argv.slice(2)] });

let stopping = false;
let started = false;
let ready = 0;
/** Fork time of each worker (pid → ms), and the current wait before replacing one that died young. */
const forkedAt = new Map();
let replaceDelayMs = 0;

function fork() {
  const worker = cluster.fork();
  forkedAt.set(worker.process.pid, Date.now());
  worker.on('message', (message) => {
    if (message !== STARTED) return;
    if (!started) {
      started = true;
      for (let i = 1; i < WORKERS; i++) fork();
    }
    // Every worker has done its start-up and serves (test/production-server.ts waits for this line).
    if (++ready === WORKERS) log('server.ready', { workers: WORKERS });
  });
  return worker;
}

cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  if (!started) {
    // The first worker could not start (e.g. the demo secret in production): nothing to serve.
    process.exit(code ?? 1);
  }
  const lived = Date.now() - (forkedAt.get(worker.process.pid) ?? 0);
  forkedAt.delete(worker.process.pid);
  replaceDelayMs = lived < 10_000 ? Math.min(30_000, Math.max(1_000, replaceDelayMs * 2)) : 0;
  console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), event: 'server.worker-died', pid: worker.process.pid, code, signal, replacedInMs: replaceDelayMs }));
  ready--;
  setTimeout(() => {
    if (!stopping) fork();
  }, replaceDelayMs);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill(signal);
  });
}

fork();
