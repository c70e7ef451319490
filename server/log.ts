import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs (issue 16 item 6): one JSON line per request error and per
 * audit-relevant failure, through pino, on stdout (a container's log driver or
 * journald collects it).
 *
 * No PHI, by construction: callers never hand this module a free-form object.
 * Each function takes named ids and kinds only (user, encounter and attempt
 * ids, error class and code, the route's template), and an error is reduced to
 * its class, code, digest and stack frames: its message, which may quote a
 * patient's name, an MRN or a dose from the input, is never written. The
 * redact list below is a second net for a field name that should never appear.
 * The audit trail in the database remains the record of who did what; these
 * lines tell an operator that something failed and where to look.
 */

/** Field names that would carry PHI or secrets: removed wherever they appear (second line of defence). */
export const NEVER_LOGGED_FIELDS = [
  'name', 'familyName', 'givenName', 'mrn', 'birthDate', 'dob', 'email', 'password', 'witnessPassword', 'witnessEmail',
  'doseValue', 'dose', 'drug', 'site', 'rationale', 'reason', 'text', 'message', 'msg_detail', 'body', 'query', 'search', 'cookie', 'authorization',
] as const;

/**
 * Builds the logger; tests pass their own destination to read the lines back.
 * Level: LOG_LEVEL, default info (silent under Vitest unless a test reads the lines).
 */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      base: { service: 'pushchart' },
      level: process.env.LOG_LEVEL || (process.env.VITEST && process.env.NODE_ENV === 'test' && !destination ? 'silent' : 'info'),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: NEVER_LOGGED_FIELDS.flatMap((f) => [f, `*.${f}`]), remove: true },
    },
    // Synchronous writes: a line about a failure must not be lost if the process dies right after.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const globalForLog = globalThis as unknown as { pushchartLog?: Logger };
function logger(): Logger {
  return (globalForLog.pushchartLog ??= createLogger());
}

/** For tests: send every line to `destination` (undefined: back to stdout). */
export function setLogDestination(destination: DestinationStream | undefined): void {
  globalForLog.pushchartLog = createLogger(destination);
}

/**
 * What may be said about an error: its class (`TypeError`, `SqliteError`), its
 * `code` (`SQLITE_BUSY`), Next's `digest` (the id shown to the user), and the
 * stack's "at …" frames (file and line). Never the message.
 */
export function errorFacts(error: unknown): { kind: string; code?: string; digest?: string; frames?: string[] } {
  if (!(error instanceof Error)) return { kind: typeof error };
  const { code, digest } = error as { code?: unknown; digest?: unknown };
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
  return {
    kind: error.name || error.constructor.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof digest === 'string' ? { digest } : {}),
    ...(frames.length > 0 ? { frames } : {}),
  };
}

/** A URL path without its query string (`/patients?q=Alvarez` names a patient) or fragment. */
export function pathOnly(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** The request facts Next hands `onRequestError` (instrumentation.ts), as far as they are logged. */
export interface RequestErrorContext {
  method: string;
  /** The request's path; its query string is dropped. */
  path: string;
  /** The route's template, e.g. `/encounters/[id]` (ids in `path` are record numbers, not PHI). */
  routePath?: string;
  /** 'render' | 'route' | 'action' | 'proxy' (Next's routeType). */
  routeType?: string;
}

/** One line per request that failed with an unexpected error (a 500): event `request.error`. */
export function logRequestError(error: unknown, request: RequestErrorContext): void {
  logger().error(
    {
      event: 'request.error',
      method: request.method,
      path: pathOnly(request.path),
      ...(request.routePath ? { route: request.routePath } : {}),
      ...(request.routeType ? { routeType: request.routeType } : {}),
      error: errorFacts(error),
    },
    'request failed',
  );
}

/**
 * Audit-relevant refusals and failures an operator watches for (many in a row
 * are an attack or a broken workstation): what was refused and why, by id.
 * - `auth.sign-in-refused`: wrong password, deactivated account, a locked
 *   account or client, or a request refused before the password check;
 * - `auth.e-signature-refused` / `auth.witness-refused`: a password asked again
 *   at signing, or a witness's, was not accepted;
 * - `audit.chain-broken`: the audit trail's hash chain does not verify.
 */
export type SecurityEvent =
  | { event: 'auth.sign-in-refused'; why: 'wrong-credentials' | 'deactivated' | 'account-locked' | 'client-locked' | 'refused-before-check'; attemptId?: number; userId?: string; status?: number }
  | { event: 'auth.e-signature-refused'; purpose: 'e-signature' | 'witness'; userId: string; failures: number; sessionsEnded: boolean }
  | { event: 'auth.witness-refused'; why: 'self' | 'rate-limited' | 'wrong-or-ineligible'; chartedBy: string; facilityId: number; attemptId?: number; failures?: number }
  | { event: 'audit.chain-broken'; where: string; brokenEventId: number; breakKind: string; encounterId?: number };

/** One warning line (chain breaks: error) per audit-relevant refusal or failure. */
export function logSecurityEvent(event: SecurityEvent): void {
  // Only the union's own fields are copied: nothing else can ride along.
  const line = { ...event };
  if (event.event === 'audit.chain-broken') logger().error(line, 'audit chain broken');
  else logger().warn(line, 'refused');
}

/** Start-up refused (e.g. no production secret): one fatal line, then the caller exits. */
export function logStartUpRefused(why: string): void {
  logger().fatal({ event: 'server.start-refused', why }, 'server refused to start');
}
