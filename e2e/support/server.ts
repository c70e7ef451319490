import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The session secret of every test server: `next start` is production and
 * refuses to start without one of its own (server/auth.ts). Test-only.
 */
export const E2E_AUTH_SECRET = process.env.BETTER_AUTH_SECRET || 'e2e-only-secret-not-for-any-deployment-7f3a9c1d5b';

/** A second `next start` on its own port and database, for tests that restart the server. */
export class AppServer {
  private child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly databasePath: string,
    readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static fresh(port: number, name: string, env: Record<string, string> = {}): AppServer {
    const file = path.resolve('.e2e', `${name}.db`);
    mkdirSync(path.dirname(file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return new AppServer(port, file, env);
  }

  async start(): Promise<void> {
    this.child = spawn('./node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(this.port)], {
      env: { ...process.env, DATABASE_PATH: this.databasePath, NEXT_TELEMETRY_DISABLED: '1', BETTER_AUTH_SECRET: E2E_AUTH_SECRET, ...this.env },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server on ${this.port} did not start`);
  }

  /** SIGKILL: no graceful shutdown, as in a crash or power loss. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}
