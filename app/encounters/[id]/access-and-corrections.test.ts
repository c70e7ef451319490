import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toLocalInput } from '@/lib/time';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  passwordMatches: async (_user: unknown, password: string) => password === 'pushchart-demo',
  reauthenticate: async (_user: unknown, password: string) =>
    password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' },
}));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-access-')), 'access.db');

const actions = await import('./actions');
const patientActions = await import('@/app/patients/actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { sql } = await import('drizzle-orm');
const { getEncounter } = await import('@/db/encounters');
const { chartVersion } = await import('@/lib/chart-version');

const NY = 'America/New_York';
const USERS: Record<'nurse' | 'nurse2' | 'coder' | 'admin', SessionUser> = {
  nurse: { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] },
  nurse2: { id: 'u-nurse2', name: 'Tomás Reyes', email: 'nurse2@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1] },
  coder: { id: 'u-coder', name: 'Casey Morgan', email: 'coder@pushchart.test', credentials: 'CPC', role: 'coder', facilityIds: [1, 2] },
  admin: { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin', facilityIds: [] },
};
const as = (who: keyof typeof USERS | null) => {
  session.user = who ? USERS[who] : null;
};

/** Row counts of every clinical table and the audit trail: "nothing changed" means these are equal. */
function snapshot() {
  const db = getDb();
  const n = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)).n;
  const statuses = db.all<{ id: number; status: string }>(sql`select id, status from encounters order by id`);
  return {
    patients: n('patients'),
    encounters: n('encounters'),
    administrations: n('administrations'),
    voids: n('administration_voids'),
    addenda: n('encounter_addenda'),
    audits: n('audit_events'),
    statuses: JSON.stringify(statuses),
  };
}

/** The chart version a signer looking at the encounter page now is shown. */
const shown = (id: number) => chartVersion(getEncounter(id)!.administrations);

const ondansetronId = () => getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;
const minutesAgo = (m: number) => toLocalInput(new Date(Date.now() - m * 60_000), NY);

async function openEncounterAsNurse(): Promise<number> {
  as('nurse');
  const result = await patientActions.openEncounterAction({ patientId: 2, facilityId: 1 });
  if (!result.ok) throw new Error('open failed');
  return result.data.id;
}

// Within 15 minutes before the visit was opened (issue 12: earlier is refused).
async function chartAsNurse(encounterId: number, minutes = 10): Promise<number> {
  as('nurse');
  const t = minutesAgo(minutes);
  const result = await actions.chartAdministrationAction({
    encounterId,
    drugId: ondansetronId(),
    doseValue: '4',
    doseUnit: 'mg',
    kind: 'push',
    start: t,
    stop: t,
    site: 'L AC 20G',
    rationale: 'Nausea',
    ...orderFields(),
  });
  if (!result.ok) throw new Error(`chart failed: ${JSON.stringify(result)}`);
  return result.data.id;
}

function amendPayload(administrationId: number, dose: string, reason = 'Dose transcribed wrongly') {
  const t = minutesAgo(10);
  return { administrationId, doseValue: dose, doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', reason, ...orderFields() };
}

let encounterId = 0;
let entryId = 0;

beforeEach(async () => {
  encounterId = await openEncounterAsNurse();
  entryId = await chartAsNurse(encounterId);
});

type Who = keyof typeof USERS | null;
interface Case {
  action: string;
  allowed: Who[];
  run: () => Promise<{ ok: boolean; status?: number }>;
}

const cases: Case[] = [
  { action: 'register a patient', allowed: ['nurse', 'nurse2'], run: () => patientActions.registerPatientAction({ facilityId: 1, mrn: `M-${Math.random().toString(36).slice(2, 8)}`, familyName: 'Ash', givenName: 'Bea', birthDate: '1990-01-01' }) },
  { action: 'open an encounter', allowed: ['nurse', 'nurse2'], run: () => patientActions.openEncounterAction({ patientId: 2, facilityId: 1 }) },
  {
    action: 'chart a dose',
    allowed: ['nurse', 'nurse2'],
    run: () => actions.chartAdministrationAction({ encounterId, drugId: ondansetronId(), doseValue: '4', doseUnit: 'mg', kind: 'push', start: minutesAgo(5), stop: minutesAgo(5), site: 'L AC', rationale: 'Nausea', ...orderFields() }),
  },
  { action: 'amend an entry', allowed: ['nurse'], run: () => actions.amendAdministrationAction(amendPayload(entryId, '8')) },
  { action: 'mark an entry in error', allowed: ['nurse'], run: () => actions.markEnteredInErrorAction({ administrationId: entryId, reason: 'Wrong patient' }) },
  { action: 'sign and send', allowed: ['nurse', 'nurse2'], run: () => actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: shown(encounterId) }) },
  { action: 'close the visit', allowed: ['nurse', 'nurse2'], run: () => actions.closeEncounterAction({ encounterId }) },
];

describe('role × action matrix at the action boundary', () => {
  for (const c of cases) {
    for (const who of [null, 'nurse', 'nurse2', 'coder', 'admin'] as Who[]) {
      const allowed = c.allowed.includes(who);
      it(`${who ?? 'no session'} ${allowed ? 'may' : 'may not'} ${c.action}`, async () => {
        as(who);
        const before = snapshot();
        const result = await c.run();
        if (allowed) {
          expect(result.ok).toBe(true);
          expect(snapshot().audits).toBeGreaterThan(before.audits);
        } else {
          expect(result.ok).toBe(false);
          // 401 without a session, 403 for the wrong role; the other nurse is refused by ownership.
          if (who === null) expect(result.status).toBe(401);
          else if (who !== 'nurse2') expect(result.status).toBe(403);
          expect(snapshot()).toEqual(before);
        }
      });
    }
  }

  it('only an admin may unlock, and only with a reason', async () => {
    as('nurse');
    expect((await actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: shown(encounterId) })).ok).toBe(true);
    for (const who of [null, 'nurse', 'coder'] as Who[]) {
      as(who);
      const before = snapshot();
      expect((await actions.unlockEncounterAction({ encounterId, reason: 'Late lab result' })).ok).toBe(false);
      expect(snapshot()).toEqual(before);
    }
    as('admin');
    expect((await actions.unlockEncounterAction({ encounterId, reason: '' })).ok).toBe(false);
    expect((await actions.unlockEncounterAction({ encounterId, reason: 'Nurse must add a missed dose' })).ok).toBe(true);
  });
});

describe('corrections without erasure', () => {
  it('amends by adding a linked version with the reason; the original stays', async () => {
    as('nurse');
    const result = await actions.amendAdministrationAction(amendPayload(entryId, '8'));
    expect(result.ok).toBe(true);
    const rows = getDb().all<{ id: number; dose_value: string; amends_id: number | null; correction_reason: string | null }>(
      sql`select id, dose_value, amends_id, correction_reason from administrations where encounter_id = ${encounterId} order by id`,
    );
    expect(rows).toEqual([
      { id: entryId, dose_value: '4', amends_id: null, correction_reason: null },
      { id: expect.any(Number), dose_value: '8', amends_id: entryId, correction_reason: 'Dose transcribed wrongly' },
    ]);
    const audit = getDb().get<{ changes: string; reason: string }>(sql`select changes, reason from audit_events where event = 'administration.amended' and entity_id = ${String(entryId)}`);
    expect(JSON.parse(audit.changes).doseValue).toEqual({ old: '4', new: '8' });
    expect(audit.reason).toBe('Dose transcribed wrongly');
  });

  it('refuses a second amend of the same version (conflict), and audits both attempts', async () => {
    as('nurse');
    const [first, second] = await Promise.all([
      actions.amendAdministrationAction(amendPayload(entryId, '8', 'first session')),
      actions.amendAdministrationAction(amendPayload(entryId, '2', 'second session')),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const refused = first.ok ? second : first;
    expect(refused.ok === false && refused.formError).toMatch(/already amended/);
    const events = getDb().all<{ event: string; reason: string }>(
      sql`select event, reason from audit_events where entity_id = ${String(entryId)} and event like 'administration.amend%' order by id`,
    );
    expect(events.map((e) => e.event)).toEqual(['administration.amended', 'administration.amend-refused']);
    expect(events[1]?.reason).toMatch(/second session|first session/);
    expect(getDb().get<{ n: number }>(sql`select count(*) as n from administrations where amends_id = ${entryId}`).n).toBe(1);
  });

  it('marks entered in error with a reason; the row stays and a second mark is refused', async () => {
    as('nurse');
    expect((await actions.markEnteredInErrorAction({ administrationId: entryId, reason: 'x' })).ok).toBe(false); // reason too short
    expect((await actions.markEnteredInErrorAction({ administrationId: entryId, reason: 'Charted on the wrong patient' })).ok).toBe(true);
    expect((await actions.markEnteredInErrorAction({ administrationId: entryId, reason: 'Again' })).ok).toBe(false);
    expect(getDb().get<{ n: number }>(sql`select count(*) as n from administrations where id = ${entryId}`).n).toBe(1);
  });

  it('refuses to sign without the right password or with documentation gaps', async () => {
    as('nurse');
    const wrong = await actions.signAndSendAction({ encounterId, password: 'guess', chartVersion: shown(encounterId) });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { password: 'That password is not right' } });
    const empty = await openEncounterAsNurse();
    const nothing = await actions.signAndSendAction({ encounterId: empty, password: 'pushchart-demo', chartVersion: shown(empty) });
    expect(nothing.ok === false && nothing.formError).toMatch(/nothing has been charted/);
  });

  it('after signing: no new charting, corrections become addenda, the encounter reads locked', async () => {
    as('nurse');
    expect((await actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: shown(encounterId) })).ok).toBe(true);
    const before = snapshot();
    await expect(chartAsNurse(encounterId, 3)).rejects.toThrow(/closed to new charting/);
    expect(snapshot()).toEqual(before);
    expect((await actions.addAddendumAction({ encounterId, text: 'Patient tolerated both doses well.' })).ok).toBe(true);
    const amended = await actions.amendAdministrationAction(amendPayload(entryId, '8', 'Addendum: dose was 8 mg'));
    expect(amended.ok).toBe(true);
    const row = getDb().get<{ is_addendum: number }>(sql`select is_addendum from administrations where amends_id = ${entryId}`);
    expect(row.is_addendum).toBe(1);
  });

  it('the database refuses in-place edits of charted doses and of the audit trail', () => {
    getDb();
    const raw = new Database(process.env.DATABASE_PATH!);
    const before = snapshot();
    expect(() => raw.prepare('update administrations set dose_value = ? where id = ?').run('40', entryId)).toThrow(/append-only/);
    expect(() => raw.prepare('delete from administrations where id = ?').run(entryId)).toThrow(/append-only/);
    expect(() => raw.prepare("update audit_events set reason = 'covered up'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('delete from audit_events').run()).toThrow(/append-only/);
    raw.close();
    expect(snapshot()).toEqual(before);
  });
});
