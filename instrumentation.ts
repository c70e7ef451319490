import type { Instrumentation } from 'next';

// Runs once when the server starts: refuse a production server without its own
// session secret, then migrate, seed an empty database and fill derived
// columns before the first request rather than on it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { productionSecretProblem } = await import('./server/auth');
    const problem = productionSecretProblem(process.env);
    if (problem) {
      const { logStartUpRefused } = await import('./server/log');
      logStartUpRefused(problem);
      // Exit: the refusal must not depend on how Next treats a failing register().
      process.exit(1);
    }
    const { startUp } = await import('./server/start-up');
    startUp();
    // A worker of scripts/serve.mjs: the primary forks the other workers once this start-up is done.
    const cluster = await import('node:cluster');
    if (cluster.default.isWorker) process.send?.('pushchart:started');
  }
}

// Every unexpected error of a page, route handler, server action or the proxy:
// one JSON line (server/log.ts), without the error's message or the query string.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logRequestError } = await import('./server/log');
  logRequestError(error, { method: request.method, path: request.path, routePath: context.routePath, routeType: context.routeType });
};
