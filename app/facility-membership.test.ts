// Issue 11 item 7: people belong to facilities. Tomás (u-nurse2) belongs to the
// ED only; Linda Chen (MS-2001) and her encounter are at the office. Every page,
// route, search and action must treat her as if she did not exist for him.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/server', async (original) => ({ ...(await original<object>()), connection: async () => undefined }));
vi.mock('next/headers', () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
// The signed-in user is loaded from the database as in the app, so a membership change shows on the next request.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/server/session', async () => {
  const { getActiveUser } = await import('@/db/users');
  const current = async () => (session.userId ? getActiveUser(session.userId) : null);
  return {
    getSessionUser: current,
    requireUser: async (roles?: readonly string[]) => {
      const user = await current();
      if (!user) throw new Error('redirect: /sign-in');
      if (roles && !roles.includes(user.role)) throw new Error('redirect: /forbidden');
      return user;
    },
    passwordMatches: async (_user: unknown, password: string) => password === 'pushchart-demo',
    reauthenticate: async (_user: unknown, password: string) =>
      password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' },
  };
});

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-members-')), 'members.db');

const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { sql } = await import('drizzle-orm');
const patientActions = await import('@/app/patients/actions');
const encounterActions = await import('@/app/encounters/[id]/actions');
const coderActions = await import('@/app/coding/actions');
const adminActions = await import('@/app/admin/actions');
const { getPatient, listFacilities, searchPatients } = await import('@/db/patients');
const { listEncounters } = await import('@/db/encounters');
const { codingQueue } = await import('@/db/coding');
const { getActiveUser } = await import('@/db/users');
const { inScope } = await import('@/server/action');
const { facilityScopeOf } = await import('@/lib/facility-scope');

const db = () => getDb();
const one = <T,>(query: ReturnType<typeof sql>) => db().get<T>(query);
const as = (userId: string | null) => {
  session.userId = userId;
};
const user = (id: string): SessionUser => getActiveUser(id)!;

const ED = one<{ id: number }>(sql`select id from facilities where setting = 'facility'`).id;
const OFFICE = one<{ id: number }>(sql`select id from facilities where setting = 'non-facility'`).id;
const CHEN = one<{ id: number }>(sql`select id from patients where mrn = 'MS-2001'`).id;
const CHEN_ENCOUNTER = one<{ id: number }>(sql`select id from encounters where patient_id = ${CHEN}`).id;
const OKAFOR = one<{ id: number }>(sql`select id from patients where mrn = 'ED-100871'`).id;
const ALVAREZ_ENCOUNTER = one<{ id: number }>(sql`select e.id from encounters e join patients p on p.id = e.patient_id where p.mrn = 'ED-100234'`).id;
const ABSENT = 999_999;

/** Every clinical table and the audit trail, whole: "nothing written" means this is equal. */
function snapshot() {
  const dump = (table: string) => JSON.stringify(db().all(sql.raw(`select * from ${table} order by 1`)));
  return ['patients', 'encounters', 'administrations', 'administration_voids', 'encounter_addenda', 'coder_queries', 'coding_overrides', 'audit_events', 'user_facilities'].map(dump);
}

/** What a page's render threw: 'not-found' for notFound(), or the error's message. */
async function pageOutcome(render: () => Promise<unknown>): Promise<'rendered' | 'not-found' | string> {
  try {
    await render();
    return 'rendered';
  } catch (e) {
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return 'not-found';
    return (e as Error).message;
  }
}

const params = <K extends string>(key: K, id: number | string) => ({ params: Promise.resolve({ [key]: String(id) } as Record<K, string>) });

/** Tomás (ED only) and a coder of the ED only; the demo coder belongs to both facilities. */
beforeEach(() => {
  db().run(sql`delete from user_facilities where user_id = 'u-nurse2'`);
  db().run(sql`insert into user_facilities (user_id, facility_id) values ('u-nurse2', ${ED})`);
});

describe('the demo memberships', () => {
  it('Nora belongs to both facilities, Tomás to the ED, Casey to both; admins to none and see all', () => {
    expect(user('u-nurse').facilityIds).toEqual([ED, OFFICE].sort());
    expect(user('u-nurse2').facilityIds).toEqual([ED]);
    expect(user('u-coder').facilityIds).toEqual([ED, OFFICE].sort());
    expect(user('u-admin').facilityIds).toEqual([]);
    expect(facilityScopeOf(user('u-admin'))).toBe('all');
  });
});

describe('a clinician of the ED only (Tomás) and the office patient Linda Chen', () => {
  it('search finds Chen for Nora but not for Tomás, by name or MRN', async () => {
    as('u-nurse');
    expect((await patientActions.searchPatientsAction('Chen')).map((h) => h.mrn)).toEqual(['MS-2001']);
    as('u-nurse2');
    expect(await patientActions.searchPatientsAction('Chen')).toEqual([]);
    expect(await patientActions.searchPatientsAction('MS-2001')).toEqual([]);
    expect(await patientActions.searchPatientsAction('linda')).toEqual([]);
    expect((await patientActions.searchPatientsAction('Okafor')).map((h) => h.mrn)).toEqual(['ED-100871']);
    expect(searchPatients('Chen', [ED])).toEqual([]);
    expect(searchPatients('Chen', [])).toEqual([]);
    expect(searchPatients('Chen', 'all')).toHaveLength(1);
  });

  it('the data functions answer not found for her patient and encounter, exactly as for a nonexistent id', () => {
    const tomas = user('u-nurse2');
    expect(getPatient(CHEN, facilityScopeOf(tomas))).toBeNull();
    expect(getPatient(ABSENT, facilityScopeOf(tomas))).toBeNull();
    expect(getPatient(CHEN, facilityScopeOf(user('u-nurse')))?.mrn).toBe('MS-2001');
    expect(inScope(tomas, { encounterId: CHEN_ENCOUNTER })).toBe(false);
    expect(inScope(tomas, { encounterId: ABSENT })).toBe(false);
    expect(inScope(tomas, { patientId: CHEN })).toBe(false);
    expect(inScope(tomas, { facilityId: OFFICE })).toBe(false);
    expect(inScope(tomas, { encounterId: ALVAREZ_ENCOUNTER })).toBe(true);
    expect(inScope(user('u-admin'), { encounterId: CHEN_ENCOUNTER })).toBe(true);
  });

  it('the home list and the facility choices hold only the ED', () => {
    const tomas = facilityScopeOf(user('u-nurse2'));
    const rows = listEncounters(tomas);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((e) => e.facility.id === ED)).toBe(true);
    expect(rows.some((e) => e.patient.mrn === 'MS-2001')).toBe(false);
    expect(listEncounters(facilityScopeOf(user('u-nurse'))).some((e) => e.patient.mrn === 'MS-2001')).toBe(true);
    expect(listFacilities(tomas).map((f) => f.id)).toEqual([ED]);
    expect(listEncounters([])).toEqual([]);
    expect(listFacilities([])).toEqual([]);
  });

  it('every page and route answers not found for her ids, the same as for ids that do not exist', async () => {
    const patientPage = (await import('@/app/patients/[id]/page')).default;
    const encounterPage = (await import('@/app/encounters/[id]/page')).default;
    const printPage = (await import('@/app/encounters/[id]/print/page')).default;
    as('u-nurse2');
    for (const id of [CHEN, ABSENT, '0x3', ' 3']) expect(await pageOutcome(() => patientPage(params('id', id)))).toBe('not-found');
    for (const id of [CHEN_ENCOUNTER, ABSENT]) {
      expect(await pageOutcome(() => encounterPage(params('id', id)))).toBe('not-found');
      expect(await pageOutcome(() => printPage(params('id', id)))).toBe('not-found');
    }
    expect(await pageOutcome(() => patientPage(params('id', OKAFOR)))).toBe('rendered');
    expect(await pageOutcome(() => encounterPage(params('id', ALVAREZ_ENCOUNTER)))).toBe('rendered');
    as('u-nurse');
    expect(await pageOutcome(() => patientPage(params('id', CHEN)))).toBe('rendered');
    expect(await pageOutcome(() => encounterPage(params('id', CHEN_ENCOUNTER)))).toBe('rendered');
    expect(await pageOutcome(() => printPage(params('id', CHEN_ENCOUNTER)))).toBe('rendered');
  });

  it('cannot chart, close, open or register at the office: 404 and nothing written', async () => {
    as('u-nurse2');
    const drugId = one<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;
    const doseId = one<{ id: number }>(sql`select id from administrations where encounter_id = ${CHEN_ENCOUNTER} order by id limit 1`).id;
    const at = new Date(Date.now() - 10 * 60_000).toISOString().slice(0, 16);
    const before = snapshot();
    const attempts = [
      encounterActions.chartAdministrationAction({ encounterId: CHEN_ENCOUNTER, drugId, doseValue: '4', doseUnit: 'mg', kind: 'push', start: at, stop: at, site: 'L AC', rationale: 'Nausea', ...orderFields() }),
      encounterActions.markEnteredInErrorAction({ administrationId: doseId, reason: 'Wrong patient' }),
      encounterActions.closeEncounterAction({ encounterId: CHEN_ENCOUNTER }),
      patientActions.openEncounterAction({ patientId: CHEN, facilityId: OFFICE }),
      patientActions.openEncounterAction({ patientId: CHEN, facilityId: ED }),
      // His own patient, but at a facility he is not in.
      patientActions.openEncounterAction({ patientId: OKAFOR, facilityId: OFFICE }),
      patientActions.registerPatientAction({ facilityId: OFFICE, mrn: 'MS-9001', familyName: 'Nobody', givenName: 'Ann', birthDate: '1990-01-01' }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ ok: false, status: 404, formError: expect.stringMatching(/^Not found/) });
    expect(snapshot()).toEqual(before);
    // The same answer as a patient that does not exist.
    expect(await patientActions.openEncounterAction({ patientId: ABSENT, facilityId: ED })).toMatchObject({ ok: false, status: 404 });
    // At his own facility all of it works.
    const opened = await patientActions.openEncounterAction({ patientId: OKAFOR, facilityId: ED });
    expect(opened.ok).toBe(true);
  });

  it('Nora may open an encounter for an ED patient at the office (both are hers); it is then the office\'s', async () => {
    as('u-nurse');
    const opened = await patientActions.openEncounterAction({ patientId: OKAFOR, facilityId: OFFICE });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    expect(inScope(user('u-nurse2'), { encounterId: opened.data.id })).toBe(false);
    expect(getPatient(OKAFOR, facilityScopeOf(user('u-nurse2')))!.encounters.some((e) => e.id === opened.data.id)).toBe(false);
  });
});

describe('a coder works the queue of his facilities only', () => {
  const CODER_ED = 'u-coder-ed';
  beforeEach(() => {
    db().run(sql`insert or ignore into users (id, name, email, email_verified, credentials, role, active, created_at, updated_at)
      values (${CODER_ED}, 'Erin Pike', 'erin@pushchart.test', 1, 'CCS', 'coder', 1, 0, 0)`);
    db().run(sql`insert or ignore into user_facilities (user_id, facility_id) values (${CODER_ED}, ${ED})`);
    // Chen's encounter waits for coding, so the office has something in the queue.
    db().run(sql`update encounters set status = 'ready-for-coding' where id = ${CHEN_ENCOUNTER}`);
  });

  it('the queue holds only his facilities\' encounters (filtered in SQL), and a filter on another facility is empty', () => {
    const scope = facilityScopeOf(user(CODER_ED));
    const mine = codingQueue({ scope, status: 'any', sort: 'opened-desc', page: 1 });
    expect(mine.total).toBe(one<{ n: number }>(sql`select count(*) as n from encounters where facility_id = ${ED}`).n);
    expect(mine.rows.length).toBe(mine.total);
    expect(mine.rows.some((r) => r.id === CHEN_ENCOUNTER)).toBe(false);
    expect(codingQueue({ scope, status: 'any', facilityId: OFFICE, sort: 'opened-desc', page: 1 })).toEqual({ rows: [], total: 0 });
    expect(codingQueue({ scope: [], status: 'any', sort: 'opened-desc', page: 1 })).toEqual({ rows: [], total: 0 });
    const both = codingQueue({ scope: facilityScopeOf(user('u-coder')), status: 'ready-for-coding', sort: 'opened-desc', page: 1 });
    expect(both.rows.some((r) => r.id === CHEN_ENCOUNTER)).toBe(true);
    expect(codingQueue({ scope: 'all', status: 'any', sort: 'opened-desc', page: 1 }).total).toBe(one<{ n: number }>(sql`select count(*) as n from encounters`).n);
  });

  it('the review, audit and print pages, the FHIR bundle and the CSV export answer not found for another facility\'s encounter', async () => {
    const reviewPage = (await import('@/app/coding/[encounterId]/page')).default;
    const auditPage = (await import('@/app/encounters/[id]/audit/page')).default;
    const printPage = (await import('@/app/encounters/[id]/print/page')).default;
    const fhir = (await import('@/app/coding/[encounterId]/fhir/route')).GET;
    const csv = (await import('@/app/coding/export/route')).GET;
    as(CODER_ED);
    for (const id of [CHEN_ENCOUNTER, ABSENT]) {
      expect(await pageOutcome(() => reviewPage(params('encounterId', id)))).toBe('not-found');
      expect(await pageOutcome(() => auditPage(params('id', id)))).toBe('not-found');
      expect(await pageOutcome(() => printPage(params('id', id)))).toBe('not-found');
      expect((await fhir(new Request('http://x/'), params('encounterId', id))).status).toBe(404);
      expect((await csv(new Request(`http://x/coding/export?encounterId=${id}`))).status).toBe(404);
    }
    expect(await pageOutcome(() => reviewPage(params('encounterId', ALVAREZ_ENCOUNTER)))).toBe('rendered');
    expect((await fhir(new Request('http://x/'), params('encounterId', ALVAREZ_ENCOUNTER))).status).toBe(200);
    as('u-coder');
    expect(await pageOutcome(() => reviewPage(params('encounterId', CHEN_ENCOUNTER)))).toBe('rendered');
    expect((await fhir(new Request('http://x/'), params('encounterId', CHEN_ENCOUNTER))).status).toBe(200);
  });

  it('the date-range CSV holds only his facilities\' coded encounters', async () => {
    const csv = (await import('@/app/coding/export/route')).GET;
    as('u-coder');
    const queue = codingQueue({ scope: [ED, OFFICE], status: 'ready-for-coding', sort: 'opened-asc', page: 1 }).rows;
    for (const r of queue.filter((r) => r.id === ALVAREZ_ENCOUNTER || r.id === CHEN_ENCOUNTER)) {
      expect((await coderActions.acceptAllAction({ encounterId: r.id })).ok).toBe(true);
      const coded = await coderActions.markCodedAction({ encounterId: r.id, reason: 'Demo placeholder NDCs: billing enters the real ones' });
      if (!coded.ok) throw new Error(JSON.stringify(coded));
    }
    const both = await (await csv(new Request('http://x/coding/export'))).text();
    expect(both).toContain('ED-100234');
    expect(both).toContain('MS-2001');
    as(CODER_ED);
    const edOnly = await (await csv(new Request('http://x/coding/export'))).text();
    expect(edOnly).toContain('ED-100234');
    expect(edOnly).not.toContain('MS-2001');
    // A coder of the ED cannot code the office's encounter either.
    expect(await coderActions.acceptAllAction({ encounterId: CHEN_ENCOUNTER })).toMatchObject({ ok: false, status: 404 });
  });
});

describe('admins manage memberships', () => {
  it('adding Tomás to the office is audited in the same write and takes effect on his next request', async () => {
    as('u-admin');
    const result = await adminActions.updateUserAction({ userId: 'u-nurse2', name: 'Tomás Reyes', credentials: 'RN', role: 'nurse', facilityIds: [String(OFFICE), ED], reason: 'Covers the office on Fridays' });
    expect(result).toEqual({ ok: true, data: { changed: ['facilities'] } });
    const audit = one<{ changes: string; reason: string; actor_id: string; entity_id: string }>(
      sql`select changes, reason, actor_id, entity_id from audit_events where event = 'user.facilities-changed' order by id desc limit 1`,
    );
    expect(audit).toMatchObject({ actor_id: 'u-admin', entity_id: 'u-nurse2', reason: 'Covers the office on Fridays' });
    expect(JSON.parse(audit.changes)).toEqual({
      facilities: { old: ['St. Brigid Hospital Emergency Department'], new: ['St. Brigid Hospital Emergency Department', 'Maple Street Family Practice'] },
      facilityIds: { old: [ED], new: [ED, OFFICE].sort() },
    });
    as('u-nurse2');
    expect((await patientActions.searchPatientsAction('Chen')).map((h) => h.mrn)).toEqual(['MS-2001']);
    expect(inScope(user('u-nurse2'), { encounterId: CHEN_ENCOUNTER })).toBe(true);

    // Removing it again: audited, and Chen is gone for him at once.
    as('u-admin');
    expect(await adminActions.updateUserAction({ userId: 'u-nurse2', name: 'Tomás Reyes', credentials: 'RN', role: 'nurse', facilityIds: [ED] })).toEqual({ ok: true, data: { changed: ['facilities'] } });
    as('u-nurse2');
    expect(await patientActions.searchPatientsAction('Chen')).toEqual([]);
    // Saving the same facilities (or none given) changes nothing and writes no event.
    as('u-admin');
    const before = snapshot();
    expect(await adminActions.updateUserAction({ userId: 'u-nurse2', name: 'Tomás Reyes', credentials: 'RN', role: 'nurse', facilityIds: [ED] })).toEqual({ ok: true, data: { changed: [] } });
    expect(await adminActions.updateUserAction({ userId: 'u-nurse2', name: 'Tomás Reyes', credentials: 'RN', role: 'nurse' })).toEqual({ ok: true, data: { changed: [] } });
    expect(snapshot()).toEqual(before);
  });

  it('creates a user with facilities (audited); an unknown facility or a non-admin is refused and nothing is written', async () => {
    as('u-admin');
    const created = await adminActions.createUserAction({ name: 'Sam Ortiz', email: 'sam.ortiz@pushchart.test', credentials: 'RN', role: 'nurse', password: 'a-long-initial-password', facilityIds: [OFFICE] });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(user(created.data.id).facilityIds).toEqual([OFFICE]);
    const audit = one<{ changes: string }>(sql`select changes from audit_events where event = 'user.facilities-changed' and entity_id = ${created.data.id}`);
    expect(JSON.parse(audit.changes).facilities).toEqual({ old: [], new: ['Maple Street Family Practice'] });

    const before = snapshot();
    expect(await adminActions.createUserAction({ name: 'Kim Lee', email: 'kim.lee@pushchart.test', credentials: 'RN', role: 'nurse', password: 'a-long-initial-password', facilityIds: [ABSENT] })).toMatchObject({
      ok: false,
      fieldErrors: { facilityIds: expect.any(String) },
    });
    expect(await adminActions.updateUserAction({ userId: 'u-nurse2', name: 'Tomás Reyes', credentials: 'LPN', role: 'nurse', facilityIds: [ED, ABSENT] })).toMatchObject({ ok: false });
    expect(await adminActions.updateUserAction({ userId: 'u-nurse2', name: 'Tomás Reyes', credentials: 'RN', role: 'nurse', facilityIds: [true] })).toMatchObject({ ok: false });
    as('u-nurse');
    expect(await adminActions.updateUserAction({ userId: 'u-nurse', name: 'Nora Quinn', credentials: 'RN', role: 'nurse', facilityIds: [ED, OFFICE] })).toMatchObject({ ok: false, status: 403 });
    expect(snapshot()).toEqual(before);
  });

  it('a clinician with no facility finds nothing and can register nowhere', async () => {
    db().run(sql`delete from user_facilities where user_id = 'u-nurse2'`);
    as('u-nurse2');
    expect(user('u-nurse2').facilityIds).toEqual([]);
    expect(await patientActions.searchPatientsAction('Okafor')).toEqual([]);
    expect(listEncounters(facilityScopeOf(user('u-nurse2')))).toEqual([]);
    const before = snapshot();
    expect(await patientActions.registerPatientAction({ facilityId: ED, mrn: 'ED-9001', familyName: 'Nobody', givenName: 'Ann', birthDate: '1990-01-01' })).toMatchObject({ ok: false, status: 404 });
    expect(snapshot()).toEqual(before);
  });
});
