import 'server-only';
import { after } from 'next/server';
import { logRequestError } from './log';

/**
 * Runs `task` once the response of the current request has been sent (Next's
 * `after()`): work that does not decide the answer, such as the coding
 * queue's derived columns of an encounter just charted (issue 16 item 1).
 * Outside a request (unit tests, scripts) it runs at once, so callers end in
 * the same state either way. A task that throws is logged (one
 * `request.error` line naming the task, never its data) and not retried
 * here: server/start-up.ts repairs what a lost or failed task left stale.
 *
 * @param name what the task is, for the log line (e.g. 'coding-summary')
 */
export function afterCommit(name: string, task: () => void): void {
  const run = () => {
    try {
      task();
    } catch (e) {
      logRequestError(e, { method: 'AFTER', path: `after-commit:${name}`, routeType: 'after' });
    }
  };
  try {
    after(run);
  } catch (e) {
    // Only "called outside a request scope" (next/dist/server/after/after.js) means "no request": run now.
    if (!(e instanceof Error) || !e.message.includes('outside a request scope')) throw e;
    run();
  }
}
