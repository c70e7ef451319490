// What the scripts and tests that drive the production server over HTTP share
// (scripts/bench-load.ts, scripts/bench-sidebar-keystroke.ts,
// server/crash-safety.test.ts): a build that is rebuilt only when stale, a
// free loopback port, the id of a server action in the build's manifest,
// signing in through better-auth's HTTP endpoint, and calling a server action
// the way the browser does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

/** The demo password of every seeded user (db/seed.ts) and of the users these scripts create. */
export const DEMO_PASSWORD = 'pushchart-demo';

/** Source files whose change makes a build stale (tests are not in a build). */
const SOURCES = ['app', 'components', 'db', 'lib', 'server', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json', 'postcss.config.mjs'];

function newestSourceMtime(root: string, entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const children = readdirSync(full).filter((child) => !/\.test\.tsx?$/.test(child));
  return Math.max(stat.mtimeMs, ...children.map((child) => newestSourceMtime(root, path.join(entry, child))));
}

/**
 * `next build` into `distDir` (NEXT_DIST_DIR) unless a build there is newer
 * than every source file. Next adds the dist dir's type folders to
 * tsconfig.json's include on every build with a custom dist dir; those entries
 * are taken out again so the repository's tsconfig.json is left as it was.
 * Throws with the build's output when it fails.
 *
 * @param onBuild called before a build starts (to say it takes minutes)
 * @returns whether a build ran
 */
export function buildIfStale(distDir: string, { root = process.cwd(), timeoutMs = 1_800_000, onBuild }: { root?: string; timeoutMs?: number; onBuild?: () => void } = {}): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCES.map((s) => newestSourceMtime(root, s)))) return false;
  onBuild?.();
  const result = spawnSync('./node_modules/.bin/next', ['build'], {
    cwd: root,
    env: { ...process.env, VITEST: undefined, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const tsconfigFile = path.join(root, 'tsconfig.json');
  try {
    const config = JSON.parse(readFileSync(tsconfigFile, 'utf8')) as { include?: string[] };
    const mine = (config.include ?? []).filter((p) => p.startsWith(`${distDir}/`));
    if (mine.length > 0) {
      config.include = config.include!.filter((p) => !mine.includes(p));
      writeFileSync(tsconfigFile, `${JSON.stringify(config, null, 2)}\n`);
    }
  } catch {
    // tsconfig.json with comments: leave it; the extra include is harmless.
  }
  if (result.status !== 0) throw new Error(`next build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return true;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The server action id of `exportedName` in the build's manifest (what the browser sends as Next-Action). */
export function actionId(distDir: string, exportedName: string, root = process.cwd()): string {
  const manifest = JSON.parse(readFileSync(path.join(root, distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids = Object.entries(manifest.node)
    .filter(([, entry]) => entry.exportedName === exportedName)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one action named ${exportedName} in the manifest, found ${ids.length}`);
  return ids[0]!;
}

/** Signs in through better-auth's HTTP endpoint; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** What a server action answered, as far as these callers read it. */
export type ActionAnswer = { ok: boolean; data?: { id?: number } | null };

/**
 * One browser's connections to the server: keep-alive, at most six at once
 * to one origin as a browser opens. Give each simulated clinician their own:
 * the cluster of scripts/serve.mjs hands out connections, not requests, to its
 * workers, so fifty clinicians sharing one pool of a few connections would
 * all land on one worker, which fifty devices do not.
 */
export function browserConnection(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 6 });
}

const sharedConnection = new http.Agent({ keepAlive: true });

/**
 * Calls a server action as the browser does (POST to the page with
 * Next-Action, the arguments as a JSON array) and returns the action's
 * result, read from the RSC answer: the row holding an object with a boolean
 * `ok`. Throws on an HTTP error or an answer without a result.
 *
 * @param connection the caller's browserConnection() (default: one keep-alive pool shared by every caller)
 */
export async function callAction(baseUrl: string, page: string, id: string, cookie: string, arg: unknown, connection: http.Agent = sharedConnection): Promise<ActionAnswer> {
  const body = JSON.stringify([arg]);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${page}`,
      {
        method: 'POST',
        agent: connection,
        // A browser's headers, compression included (the server gzips as it would for one).
        headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(body), accept: 'text/x-component', 'accept-encoding': 'gzip', origin: baseUrl, cookie },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, text: (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (status < 200 || status > 299) throw new Error(`action answered ${status}`);
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
  throw new Error(`no action result in the answer: ${text.slice(0, 300)}`);
}

/** A running `next start`: its base URL, its process, what it printed, and stop(). */
export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Ends the server's process group (SIGTERM, SIGKILL after 15 s) and waits for it. */
  stop: () => Promise<void>;
}

/**
 * The production server (scripts/serve.mjs: `next start` in `workers`
 * processes) of the build in `distDir` on 127.0.0.1:`port`, in a process
 * group of its own (so a kill reaches every process of it), with the database
 * at `databasePath`; resolves once every worker has started and /api/health
 * answers (rejects if it exits or is not ready within 120 s). `env` is added
 * to the environment (BETTER_AUTH_SECRET and the like); `nodeArgs` go to the
 * node of the primary and, inherited, of each worker (e.g. --cpu-prof, which
 * NODE_OPTIONS refuses: one profile per process).
 */
export async function startProductionServer(opts: {
  distDir: string;
  port: number;
  databasePath: string;
  env?: Record<string, string | undefined>;
  nodeArgs?: string[];
  root?: string;
  /** Worker processes (WEB_CONCURRENCY); default: one per CPU, as in production. */
  workers?: number;
}): Promise<RunningServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  // What `npm run serve` runs: scripts/serve.mjs, `next start` in one worker per CPU.
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), 'scripts/serve.mjs', '-H', '127.0.0.1', '-p', String(opts.port)], {
    cwd: opts.root ?? process.cwd(),
    env: {
      ...process.env,
      VITEST: undefined,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: opts.distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_PATH: opts.databasePath,
      BETTER_AUTH_URL: url,
      ...(opts.workers ? { WEB_CONCURRENCY: String(opts.workers) } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(-child.pid!, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /api/health:\n${output}`);
    }
    try {
      // Every worker started (scripts/serve.mjs logs server.ready), and the port answers.
      if (output.includes('"event":"server.ready"') && (await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, output: () => output, stop };
}
