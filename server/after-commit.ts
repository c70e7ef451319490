import 'server-only';
import { after } from 'next/server';
import { logRequestError } from './log';

/**
 * The longest a deferred task waits while actions keep arriving (ms): under a
 * saturating load the queue's counts lag the chart by about this much, never
 * more, and every task still runs (issue 16: p99 at 50 doses/s).
 */
export const MAX_DEFER_MS = 1_000;

interface Deferred {
  name: string;
  task: () => void;
  /** When the oldest request for this key was deferred (ms, Date.now()). */
  since: number;
}

/** Server actions this process is handling right now (server/action.ts counts them). */
let serving = 0;
/** Waiting tasks by key, oldest first (a Map keeps insertion order; re-deferring a key keeps its place). */
const waiting = new Map<string, Deferred>();
let timer: ReturnType<typeof setTimeout> | null = null;

function runLogged(job: Deferred): void {
  try {
    job.task();
  } catch (e) {
    logRequestError(e, { method: 'AFTER', path: `after-commit:${job.name}`, routeType: 'after' });
  }
}

function schedule(delayMs: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(drain, delayMs);
}

/** Runs one task (the oldest) if no action is being served or it is overdue, then schedules the next. */
function drain(): void {
  timer = null;
  const oldest = waiting.entries().next();
  if (oldest.done) return;
  const [key, job] = oldest.value;
  if (serving === 0 || Date.now() - job.since >= MAX_DEFER_MS) {
    waiting.delete(key);
    runLogged(job);
  }
  const next = waiting.values().next();
  if (next.done) return;
  // One task per turn: an action that arrived meanwhile is served first.
  schedule(serving === 0 ? 0 : Math.max(0, next.value.since + MAX_DEFER_MS - Date.now()));
}

/** The action wrapper (server/action.ts) calls these around every server action. */
export function actionStarted(): void {
  serving++;
}
export function actionEnded(): void {
  serving = Math.max(0, serving - 1);
  if (serving === 0 && waiting.size > 0) schedule(0);
}

/**
 * Defers `task` until this process serves no server action, or for at most
 * MAX_DEFER_MS: the answer a nurse waits for goes before work that does not
 * decide it. A task deferred again under the same `key` before it ran runs
 * once, the latest one, in the first one's place (one encounter charted twice
 * in a moment gets one summary). A task that throws is logged (one
 * `request.error` line naming it, never its data) and the others still run.
 * Lost if the process dies first: server/start-up.ts repairs what it would
 * have written.
 */
export function deferUntilIdle(key: string, name: string, task: () => void, now: number = Date.now()): void {
  const earlier = waiting.get(key);
  waiting.set(key, { name, task, since: earlier?.since ?? now });
  if (!timer) schedule(serving === 0 ? 0 : MAX_DEFER_MS);
}

/**
 * Runs `task` once the response of the current request has been sent (Next's
 * `after()`), and then when the process is not busy answering other actions
 * (deferUntilIdle): work that does not decide the answer, such as the coding
 * queue's derived columns of an encounter just charted (issue 16 item 1).
 * Outside a request (unit tests, scripts) it runs at once, so callers end in
 * the same state either way. A task that throws is logged and not retried
 * here: server/start-up.ts repairs what a lost or failed task left stale.
 *
 * @param name what the task is, for the log line (e.g. 'coding-summary')
 * @param key tasks with the same key waiting together run once (default: `name`)
 */
export function afterCommit(name: string, task: () => void, key: string = name): void {
  try {
    after(() => deferUntilIdle(key, name, task));
  } catch (e) {
    // Only "called outside a request scope" (next/dist/server/after/after.js) means "no request": run now.
    if (!(e instanceof Error) || !e.message.includes('outside a request scope')) throw e;
    runLogged({ name, task, since: Date.now() });
  }
}
