// Issue 16 item 6: one JSON line per request error and per audit-relevant
// failure, and nothing in it that names a patient, a drug or a dose.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { errorFacts, logRequestError, logSecurityEvent, pathOnly, setLogDestination, type SecurityEvent } from './log';

function capture(): string[] {
  const lines: string[] = [];
  setLogDestination(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  );
  return lines;
}
afterEach(() => setLogDestination(undefined));

// What a careless error could carry: the demo's first patient, her MRN, a dose.
const PHI = ['Alvarez', 'Maria', 'ED-100234', '1984-02-11', '4 mg', 'ondansetron', 'nurse@pushchart.test', 'pushchart-demo'];

function expectNoPhi(line: string) {
  for (const text of PHI) expect(line).not.toContain(text);
}

describe('request errors', () => {
  it('one JSON line with the route, the error class and code, and neither the message nor the query string', () => {
    const lines = capture();
    const error = Object.assign(new Error('UNIQUE constraint failed for Alvarez, Maria (ED-100234) born 1984-02-11: ondansetron 4 mg'), { code: 'SQLITE_CONSTRAINT_UNIQUE', digest: '12345' });
    logRequestError(error, { method: 'POST', path: '/patients?q=Alvarez%2C+Maria&mrn=ED-100234', routePath: '/patients', routeType: 'action' });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: 'error',
      service: 'pushchart',
      event: 'request.error',
      method: 'POST',
      path: '/patients',
      route: '/patients',
      routeType: 'action',
      error: { kind: 'Error', code: 'SQLITE_CONSTRAINT_UNIQUE', digest: '12345' },
    });
    expect(Object.keys(line).sort()).toEqual(['error', 'event', 'level', 'method', 'msg', 'path', 'route', 'routeType', 'service', 'time'].sort());
    expect(line.error.frames.length).toBeGreaterThan(0);
    expect(Date.parse(line.time)).not.toBeNaN();
    expectNoPhi(lines[0]!);
  });

  it('an error that is not an Error is named by its type only', () => {
    const lines = capture();
    logRequestError('Alvarez, Maria ED-100234', { method: 'GET', path: '/encounters/7' });
    expect(JSON.parse(lines[0]!).error).toEqual({ kind: 'string' });
    expectNoPhi(lines[0]!);
  });

  it('errorFacts keeps stack frames, not the first stack line (which repeats the message)', () => {
    const facts = errorFacts(new TypeError('Cannot read Alvarez'));
    expect(facts.kind).toBe('TypeError');
    expect(facts.frames!.every((f) => f.startsWith('at '))).toBe(true);
    expect(JSON.stringify(facts)).not.toContain('Alvarez');
  });

  it('pathOnly drops the query and fragment', () => {
    expect(pathOnly('/coding?patient=Alvarez#x')).toBe('/coding');
    expect(pathOnly('/encounters/12')).toBe('/encounters/12');
  });
});

describe('audit-relevant failures', () => {
  it('refused sign-in, e-signature and witness, and a broken chain: one line each, ids and kinds only', () => {
    const lines = capture();
    const events: SecurityEvent[] = [
      { event: 'auth.sign-in-refused', why: 'wrong-credentials', attemptId: 41 },
      { event: 'auth.e-signature-refused', purpose: 'e-signature', userId: 'u-nurse', failures: 2, sessionsEnded: false },
      { event: 'auth.witness-refused', why: 'wrong-or-ineligible', chartedBy: 'u-nurse', facilityId: 1, attemptId: 7, failures: 1 },
      { event: 'audit.chain-broken', where: 'backup', brokenEventId: 12, breakKind: 'content' },
    ];
    for (const e of events) logSecurityEvent(e);
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(events.map((e) => e.event));
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['warn', 'warn', 'warn', 'error']);
    expect(JSON.parse(lines[2]!)).toMatchObject({ chartedBy: 'u-nurse', facilityId: 1, attemptId: 7, failures: 1 });
  });

  it('a field that would carry PHI or a secret is removed even if a caller slips it in', () => {
    const lines = capture();
    const sneaky = { event: 'auth.sign-in-refused', why: 'wrong-credentials', email: 'nurse@pushchart.test', password: 'pushchart-demo', name: 'Alvarez, Maria', mrn: 'ED-100234', doseValue: '4 mg' } as unknown as SecurityEvent;
    logSecurityEvent(sneaky);
    const line = JSON.parse(lines[0]!);
    for (const field of ['email', 'password', 'name', 'mrn', 'doseValue']) expect(line).not.toHaveProperty(field);
    expectNoPhi(lines[0]!);
  });
});
