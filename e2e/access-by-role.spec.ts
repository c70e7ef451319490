// Who may open which page: every page route and route handler × {signed out,
// a nurse of the record's facility, a nurse of another facility, coder, admin},
// over real HTTP with real sessions, as one table a reader can check against
// the README's roles. The record pages name the demo office visit (Chen, Maple
// Street Family Practice): Nora belongs to the office, Tomás to the ED only.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_EMAIL, signInAs } from './support/auth';
import { queryDb } from './support/db';

type Subject = 'signed out' | 'nurse of the facility' | 'nurse of another facility' | 'coder' | 'admin';
/** ok: 200 · sign-in: sent to sign in · forbidden: sent to /forbidden (or 403) · not found: 404, exactly as a missing id · home: sent to / */
type Outcome = 'ok' | 'sign-in' | 'forbidden' | 'not found' | 'home';

const SUBJECTS: Subject[] = ['signed out', 'nurse of the facility', 'nurse of another facility', 'coder', 'admin'];
const LOGIN: Record<Exclude<Subject, 'signed out'>, keyof typeof DEMO_EMAIL> = {
  'nurse of the facility': 'nurse',
  'nurse of another facility': 'nurse2',
  coder: 'coder',
  admin: 'admin',
};

// route pattern (as in app/), the URL tried, then the outcome per subject in SUBJECTS order.
const TABLE: [pattern: string, url: (ids: Ids) => string, outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome]][] = [
  ['/', () => '/', ['sign-in', 'ok', 'ok', 'ok', 'ok']],
  ['/sign-in', () => '/sign-in', ['ok', 'home', 'home', 'home', 'home']],
  ['/forbidden', () => '/forbidden', ['sign-in', 'ok', 'ok', 'ok', 'ok']],
  ['/patients/new', () => '/patients/new', ['sign-in', 'ok', 'ok', 'forbidden', 'forbidden']],
  ['/patients/[id]', (i) => `/patients/${i.patient}`, ['sign-in', 'ok', 'not found', 'ok', 'ok']],
  ['/encounters/[id]', (i) => `/encounters/${i.encounter}`, ['sign-in', 'ok', 'not found', 'ok', 'ok']],
  ['/encounters/[id]/print', (i) => `/encounters/${i.encounter}/print`, ['sign-in', 'ok', 'not found', 'ok', 'ok']],
  ['/encounters/[id]/audit', (i) => `/encounters/${i.encounter}/audit`, ['sign-in', 'forbidden', 'forbidden', 'ok', 'ok']],
  ['/coding', () => '/coding', ['sign-in', 'forbidden', 'forbidden', 'ok', 'ok']],
  ['/coding/[encounterId]', (i) => `/coding/${i.encounter}`, ['sign-in', 'forbidden', 'forbidden', 'ok', 'ok']],
  ['/coding/[encounterId]/fhir', (i) => `/coding/${i.encounter}/fhir`, ['sign-in', 'forbidden', 'forbidden', 'ok', 'ok']],
  ['/coding/export', () => '/coding/export?from=2026-01-01&to=2026-12-31', ['sign-in', 'forbidden', 'forbidden', 'ok', 'ok']],
  ['/admin', () => '/admin', ['sign-in', 'forbidden', 'forbidden', 'forbidden', 'ok']],
  ['/admin/users', () => '/admin/users', ['sign-in', 'forbidden', 'forbidden', 'forbidden', 'ok']],
  ['/admin/facilities', () => '/admin/facilities', ['sign-in', 'forbidden', 'forbidden', 'forbidden', 'ok']],
  ['/admin/formulary', () => '/admin/formulary', ['sign-in', 'forbidden', 'forbidden', 'forbidden', 'ok']],
  ['/admin/providers', () => '/admin/providers', ['sign-in', 'forbidden', 'forbidden', 'forbidden', 'ok']],
  ['/admin/formulary/import', () => '/admin/formulary/import', ['sign-in', 'forbidden', 'forbidden', 'forbidden', 'ok']],
  ['/api/admin/formulary/crosswalk', () => '/api/admin/formulary/crosswalk', ['sign-in', 'forbidden', 'forbidden', 'forbidden', 'ok']],
  ['/api/health', () => '/api/health', ['ok', 'ok', 'ok', 'ok', 'ok']],
];

interface Ids {
  patient: number;
  encounter: number;
}

/** Every page and route handler under app/, as a route pattern: the table must name each one. */
function appRoutes(): string[] {
  const root = path.resolve('app');
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f) && !f.startsWith('api/auth/'))
    .map((f) => `/${path.dirname(f)}`.replace(/\/\.$/, '/').replace(/\/$/, '') || '/')
    .sort();
}

async function outcomeOf(request: APIRequestContext, url: string): Promise<Outcome | string> {
  const res = await request.get(url, { maxRedirects: 0 });
  const status = res.status();
  if (status === 200) return 'ok';
  if (status === 404) return 'not found';
  if (status === 403) return 'forbidden';
  if (status === 401) return 'sign-in';
  if (status >= 300 && status < 400) {
    const location = new URL(res.headers()['location'] ?? '', 'http://app.invalid');
    if (location.pathname === '/sign-in') return 'sign-in';
    if (location.pathname === '/forbidden') return 'forbidden';
    if (location.pathname === '/') return 'home';
    return `redirect to ${location.pathname}`;
  }
  return `status ${status}`;
}

test('the access table names every page and route handler of the app', () => {
  expect(TABLE.map(([pattern]) => pattern).sort()).toEqual(appRoutes());
});

test('every page and route handler answers each role as the table says', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const chen = queryDb<{ patient: number; encounter: number }>(
    "select p.id as patient, e.id as encounter from patients p join encounters e on e.patient_id = p.id where p.mrn = 'MS-2001' order by e.id limit 1",
  )[0]!;
  const ids: Ids = { patient: chen.patient, encounter: chen.encounter };

  const seen: string[] = [];
  const expected: string[] = [];
  for (const [s, subject] of SUBJECTS.entries()) {
    const context = await browser.newContext({ baseURL });
    if (subject !== 'signed out') await signInAs(await context.newPage(), LOGIN[subject]);
    for (const [pattern, url, outcomes] of TABLE) {
      expected.push(`${subject} · ${pattern} → ${outcomes[s]}`);
      seen.push(`${subject} · ${pattern} → ${await outcomeOf(context.request, url(ids))}`);
    }
    await context.close();
  }
  expect(seen).toEqual(expected);
});
