// Who may run which server action: every action of the app × {signed out, a
// nurse of the record's facility, a nurse of another facility, coder, admin},
// as one table a reader can check against the README's roles ("Signing in").
// The records acted on belong to the demo office (Maple Street Family
// Practice): Nora belongs to it, Tomás to the ED only. A refusal writes nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { toLocalInput } from '@/lib/time';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/navigation', () => ({ redirect: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  reauthenticate: async (_user: unknown, password: unknown) =>
    password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' },
}));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-access-matrix-')), 'access.db');

const encounterActions = await import('./encounters/[id]/actions');
const codingActions = await import('./coding/actions');
const patientActions = await import('./patients/actions');
const adminActions = await import('./admin/actions');
const crosswalkActions = await import('./admin/formulary/import/actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { getActiveUser } = await import('@/db/users');
const { getEncounter } = await import('@/db/encounters');
const { codeStoredEncounter } = await import('@/db/coding');
const { chartVersion } = await import('@/lib/chart-version');
const { sql } = await import('drizzle-orm');
const { isValidNpi } = await import('@/lib/admin-schema');

type Subject = 'signed out' | 'nurse of the facility' | 'nurse of another facility' | 'coder' | 'admin';
const SUBJECTS: Subject[] = ['signed out', 'nurse of the facility', 'nurse of another facility', 'coder', 'admin'];
const USER_ID: Record<Exclude<Subject, 'signed out'>, string> = {
  'nurse of the facility': 'u-nurse',
  'nurse of another facility': 'u-nurse2',
  coder: 'u-coder',
  admin: 'u-admin',
};
/** ok: done and audited · 401: sign in · 403: not for this role · 404: not found (another facility's record answers like a missing one) */
type Outcome = 'ok' | 401 | 403 | 404;

const as = (subject: Subject) => {
  session.user = subject === 'signed out' ? null : getActiveUser(USER_ID[subject]);
};

// --- Records at the office, made fresh for each cell -------------------------

const OFFICE = 2;
const OFFICE_ZONE = 'America/Chicago';
const chen = () => getDb().get<{ id: number }>(sql`select id from patients where mrn = 'MS-2001'`).id;
const drug = (key: string) => getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const minutesAgo = (m: number) => toLocalInput(new Date(Date.now() - m * 60_000), OFFICE_ZONE);
let seq = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;
/** A fresh NPI with a valid check digit (lib/admin-schema.ts isValidNpi), never the same twice in a run. */
const uniqueNpi = () => {
  const base = `15${String(++seq).padStart(7, '0')}`;
  for (let d = 0; d <= 9; d++) if (isValidNpi(`${base}${d}`)) return `${base}${d}`;
  throw new Error('no check digit');
};

async function must<T>(result: Promise<{ ok: true; data: T } | { ok: false }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`fixture step refused: ${JSON.stringify(r)}`);
  return r.data;
}

/** An open office encounter with one dose charted by Nora. */
async function chartedEncounter(): Promise<{ encounterId: number; doseId: number }> {
  session.user = getActiveUser('u-nurse');
  const { id: encounterId } = await must(patientActions.openEncounterAction({ patientId: chen(), facilityId: OFFICE }));
  const t = minutesAgo(10); // within 15 minutes before the visit was opened
  const { id: doseId } = await must(
    encounterActions.chartAdministrationAction({ encounterId, drugId: drug('ondansetron'), doseValue: '4', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', ...orderFields() }),
  );
  return { encounterId, doseId };
}

/** The same, signed and sent to coding. */
async function signedEncounter(): Promise<{ encounterId: number; doseId: number }> {
  const e = await chartedEncounter();
  session.user = getActiveUser('u-nurse');
  await must(encounterActions.signAndSendAction({ encounterId: e.encounterId, password: 'pushchart-demo', chartVersion: chartVersion(getEncounter(e.encounterId)!.administrations) }));
  return e;
}

async function withQuery(state: 'open' | 'answered'): Promise<{ encounterId: number; queryId: number }> {
  const e = await signedEncounter();
  session.user = getActiveUser('u-coder');
  const { id: queryId } = await must(codingActions.raiseQueryAction({ encounterId: e.encounterId, administrationId: e.doseId, question: 'Which arm was used?' }));
  if (state === 'answered') {
    session.user = getActiveUser('u-nurse');
    await must(encounterActions.answerQueryAction({ queryId, answer: 'Left antecubital' }));
  }
  return { encounterId: e.encounterId, queryId };
}

const firstLineKey = (encounterId: number) => codeStoredEncounter(encounterId)!.working.lines[0]!.key;

// --- The table ----------------------------------------------------------------

interface Row {
  /** The exported action, as imported by the page that uses it. */
  action: string;
  run: () => Promise<{ ok: boolean; status?: number }>;
  outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome];
}

const clinician: Row['outcomes'] = [401, 'ok', 404, 403, 403];
const coder: Row['outcomes'] = [401, 403, 403, 'ok', 403];
const admin: Row['outcomes'] = [401, 403, 403, 403, 'ok'];

/** Each run prepares its records as their owners, then acts as the subject (set by the caller afterwards). */
function row(action: string, outcomes: Row['outcomes'], prepare: () => Promise<() => Promise<{ ok: boolean; status?: number }>>): Row & { prepare: typeof prepare } {
  return { action, outcomes, prepare, run: async () => ({ ok: false }) };
}

const TABLE = [
  row('registerPatientAction', clinician, async () => () =>
    patientActions.registerPatientAction({ facilityId: OFFICE, mrn: unique('MS').slice(0, 20), familyName: 'Lind', givenName: 'Ada', birthDate: '1980-05-01' }),
  ),
  row('openEncounterAction', clinician, async () => () => patientActions.openEncounterAction({ patientId: chen(), facilityId: OFFICE })),
  row('chartAdministrationAction', clinician, async () => {
    const { encounterId } = await chartedEncounter();
    const t = minutesAgo(5);
    return () => encounterActions.chartAdministrationAction({ encounterId, drugId: drug('ondansetron'), doseValue: '4', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', ...orderFields() });
  }),
  row('closeEncounterAction', clinician, async () => {
    const { encounterId } = await chartedEncounter();
    return () => encounterActions.closeEncounterAction({ encounterId });
  }),
  row('amendAdministrationAction', clinician, async () => {
    const { doseId } = await chartedEncounter();
    const t = minutesAgo(10);
    return () => encounterActions.amendAdministrationAction({ administrationId: doseId, doseValue: '8', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', reason: 'Dose transcribed wrongly', ...orderFields() });
  }),
  row('markEnteredInErrorAction', clinician, async () => {
    const { doseId } = await chartedEncounter();
    return () => encounterActions.markEnteredInErrorAction({ administrationId: doseId, reason: 'Charted on the wrong patient' });
  }),
  row('addAddendumAction', clinician, async () => {
    const { encounterId } = await signedEncounter();
    return () => encounterActions.addAddendumAction({ encounterId, text: 'Patient tolerated the dose well.' });
  }),
  row('signAndSendAction', clinician, async () => {
    const { encounterId } = await chartedEncounter();
    const version = chartVersion(getEncounter(encounterId)!.administrations);
    return () => encounterActions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: version });
  }),
  row('answerQueryAction', clinician, async () => {
    const { queryId } = await withQuery('open');
    return () => encounterActions.answerQueryAction({ queryId, answer: 'Left antecubital' });
  }),
  row('unlockEncounterAction', admin, async () => {
    const { encounterId } = await signedEncounter();
    return () => encounterActions.unlockEncounterAction({ encounterId, reason: 'Wrong patient signed' });
  }),
  row('acceptAllAction', coder, async () => {
    const { encounterId } = await signedEncounter();
    return () => codingActions.acceptAllAction({ encounterId });
  }),
  row('changeLineAction', coder, async () => {
    const { encounterId } = await signedEncounter();
    const lineKey = firstLineKey(encounterId);
    return () => codingActions.changeLineAction({ encounterId, lineKey, code: '96374', units: 1, modifiers: '', reason: 'Reviewed the chart' });
  }),
  row('removeLineAction', coder, async () => {
    const { encounterId } = await signedEncounter();
    const lineKey = firstLineKey(encounterId);
    return () => codingActions.removeLineAction({ encounterId, lineKey, reason: 'Not documented' });
  }),
  row('restoreLineAction', coder, async () => {
    const { encounterId } = await signedEncounter();
    const lineKey = firstLineKey(encounterId);
    session.user = getActiveUser('u-coder');
    await must(codingActions.removeLineAction({ encounterId, lineKey, reason: 'Not documented' }));
    return () => codingActions.restoreLineAction({ encounterId, lineKey, reason: 'Documented after all' });
  }),
  row('addLineAction', coder, async () => {
    const { encounterId, doseId } = await signedEncounter();
    return () => codingActions.addLineAction({ encounterId, kind: 'hcpcs', code: 'J2405', units: 4, modifiers: '', administrationIds: [String(doseId)], reason: 'Supply line' });
  }),
  row('chooseInitialAction', coder, async () => {
    const { encounterId, doseId } = await signedEncounter();
    return () => codingActions.chooseInitialAction({ encounterId, administrationId: String(doseId), reason: 'The primary reason for the visit' });
  }),
  row('markCodedAction', coder, async () => {
    const { encounterId } = await signedEncounter();
    return () => codingActions.markCodedAction({ encounterId, reason: 'Placeholder NDC: billing enters the real one' });
  }),
  row('returnToQueueAction', coder, async () => {
    const { encounterId } = await signedEncounter();
    session.user = getActiveUser('u-coder');
    await must(codingActions.markCodedAction({ encounterId, reason: 'Placeholder NDC: billing enters the real one' }));
    return () => codingActions.returnToQueueAction({ encounterId, reason: 'Query the clinician about the site' });
  }),
  row('raiseQueryAction', coder, async () => {
    const { encounterId, doseId } = await signedEncounter();
    return () => codingActions.raiseQueryAction({ encounterId, administrationId: doseId, question: 'Which arm was used?' });
  }),
  row('closeQueryAction', coder, async () => {
    const { queryId } = await withQuery('answered');
    return () => codingActions.closeQueryAction({ queryId });
  }),
  row('createUserAction', admin, async () => () =>
    adminActions.createUserAction({ name: 'Pat Lee', email: `${unique('pat')}@pushchart.test`, credentials: 'RN', role: 'nurse', password: 'correct horse battery', facilityIds: [OFFICE] }),
  ),
  row('updateUserAction', admin, async () => () => adminActions.updateUserAction({ userId: 'u-coder', name: 'Casey Morgan', credentials: `CPC ${++seq}`, role: 'coder' })),
  row('setUserActiveAction', admin, async () => {
    session.user = getActiveUser('u-admin');
    const { id } = await must(adminActions.createUserAction({ name: 'Sam Ode', email: `${unique('sam')}@pushchart.test`, credentials: 'RN', role: 'nurse', password: 'correct horse battery', facilityIds: [OFFICE] }));
    return () => adminActions.setUserActiveAction({ userId: id, active: false, reason: 'Left the unit' });
  }),
  row('updateFacilityAction', admin, async () => () => adminActions.updateFacilityAction({ facilityId: OFFICE, lateEntryThresholdMinutes: 30 + (++seq % 100), jwJzPolicy: 'apply' })),
  row('createFacilityAction', admin, async () => () =>
    adminActions.createFacilityAction({ name: unique('Clinic'), timeZone: 'America/Denver', setting: 'non-facility', lateEntryThresholdMinutes: 60, jwJzPolicy: 'apply' }),
  ),
  row('addDrugAction', admin, async () => () =>
    adminActions.addDrugAction({
      key: unique('drug'),
      genericName: 'Granisetron',
      defaultDoseUnit: 'mg',
      usualDose: '1',
      strength: '1 mg/mL',
      chemo: false,
      codes: [{ code: 'J1626', descriptorKind: 'per', billingAmount: '0.1', billingUnit: 'mg', descriptor: '', effectiveFrom: '', effectiveTo: '' }],
      product: null,
    }),
  ),
  row('addCodeAction', admin, async () => () =>
    adminActions.addCodeAction({ drugId: drug('ketamine'), code: `J9${String(++seq).padStart(3, '0')}`, descriptorKind: 'per', billingAmount: '10', billingUnit: 'mg', descriptor: '', effectiveFrom: '2030-01-01', effectiveTo: '' }),
  ),
  row('endCodeAction', admin, async () => {
    const codeId = getDb().get<{ id: number }>(sql`select c.id from drug_hcpcs_codes c join formulary_drugs d on d.id = c.drug_id where d.key = 'naloxone' and c.code = 'J2310'`).id;
    return () => adminActions.endCodeAction({ codeId, effectiveTo: `2031-01-${String((++seq % 27) + 1).padStart(2, '0')}`, reason: 'Code retired' });
  }),
  row('deactivateDrugAction', admin, async () => {
    // A drug of its own each time, so "already inactive" never answers for the role.
    session.user = getActiveUser('u-admin');
    const { id } = await must(
      adminActions.addDrugAction({ key: unique('spare'), genericName: 'Spare', defaultDoseUnit: 'mg', usualDose: '1', strength: '1 mg/mL', chemo: false, codes: [{ code: 'J3490', descriptorKind: 'noc', billingAmount: '', billingUnit: '', descriptor: 'Unclassified', effectiveFrom: '', effectiveTo: '' }], product: null }),
    );
    return () => adminActions.deactivateDrugAction({ drugId: id, reason: 'Off formulary' });
  }),
  row('updateDrugNamesAction', admin, async () => () =>
    adminActions.updateDrugNamesAction({ drugId: drug('ketamine'), aliases: `ketalar\n${unique('ket')}`, typicalKinds: ['push', 'injection'] }),
  ),
  row('setDoseLimitsAction', admin, async () => () =>
    adminActions.setDoseLimitsAction({ drugId: drug('ketamine'), limits: [{ kinds: ['push'], unit: 'mg', usual: '20', softMax: `${100 + ++seq}`, hardMax: '', source: 'label' }] }),
  ),
  row('setCodePaymentStatusAction', admin, async () => {
    // Back to unknown first, so the admin's call is a change every time.
    const codeId = getDb().get<{ id: number }>(sql`select c.id from drug_hcpcs_codes c join formulary_drugs d on d.id = c.drug_id where d.key = 'ondansetron' and c.code = 'J2405'`).id;
    getDb().run(sql`update drug_hcpcs_codes set payment_status = 'unknown' where id = ${codeId}`);
    return () => adminActions.setCodePaymentStatusAction({ codeId, paymentStatus: 'packaged' });
  }),
  row('clearSignInLockoutAction', admin, async () => {
    const email = `${unique('locked')}@pushchart.test`;
    const now = Date.now();
    for (let i = 0; i < 5; i++) {
      getDb().$client.prepare("insert into auth_attempts (at, kind, email, user_id, client, outcome) values (?, 'sign-in', ?, null, '10.0.0.9', 'failed')").run(now - i * 1000, email);
    }
    return () => adminActions.clearSignInLockoutAction({ email, reason: 'Verified by phone' });
  }),
  row('createProviderAction', admin, async () => () => adminActions.createProviderAction({ name: 'Ada Provider', credentials: 'MD', npi: uniqueNpi() })),
  row('updateProviderAction', admin, async () => {
    session.user = getActiveUser('u-admin');
    const { id } = await must(adminActions.createProviderAction({ name: 'Bo Provider', credentials: 'MD', npi: uniqueNpi() }));
    return () => adminActions.updateProviderAction({ providerId: id, name: 'Bo Provider', credentials: 'DO', npi: uniqueNpi() });
  }),
  row('setProviderActiveAction', admin, async () => {
    // A provider of its own each time, so "already deactivated" never answers for the role.
    session.user = getActiveUser('u-admin');
    const { id } = await must(adminActions.createProviderAction({ name: 'Cy Provider', credentials: 'NP', npi: uniqueNpi() }));
    return () => adminActions.setProviderActiveAction({ providerId: id, active: false, reason: 'Left the practice' });
  }),
  row('applyCrosswalkAction', admin, async () => {
    // One new ondansetron NDC (fictitious labeler 99998), previewed as the admin.
    const file = crosswalkFile(`J2405,Ondansetron,Fictitious Pharma 99998,99998-${String(++seq % 10000).padStart(4, '0')}-25,ONDANSETRON,1 MG,2,25,4,100`);
    session.user = getActiveUser('u-admin');
    const { token } = await must(crosswalkActions.previewCrosswalkAction({ file }));
    return () => crosswalkActions.applyCrosswalkAction({ file, token });
  }),
];

/** A crosswalk CSV in CMS's layout (header row, then the rows). */
const crosswalkFile = (...rows: string[]) =>
  new Blob([['_2025_CODE,Short Description,LABELER NAME,NDC2,Drug Name,HCPCS dosage,PKG SIZE,PKG QTY,BILLUNITS,BILLUNITSPKG', ...rows].join('\r\n')]);

/** Actions that run before anyone is signed in: they are the sign-in itself. */
const PUBLIC_ACTIONS = ['signInAction', 'signOutAction'];

/** Every export of every app actions.ts file. */
function exportedActions(): string[] {
  const root = path.resolve('app');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('actions.ts'));
  return files.flatMap((f) => [...readFileSync(path.join(root, f), 'utf8').matchAll(/^export (?:const|async function) (\w+)/gm)].map((m) => m[1]!)).sort();
}

/** SHA-256 over every row of every table but the audit trail and sign-in counters (refusals are audited there). */
function stateHash(): string {
  const hash = createHash('sha256');
  const tables = getDb().$client.prepare("select name from sqlite_master where type = 'table' and name not in ('audit_events', 'auth_attempts', 'sessions', 'rate_limits', 'sqlite_sequence') and name not like '\\_\\_%' escape '\\' order by name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(table);
    for (const r of getDb().$client.prepare(`select * from "${table}" order by rowid`).raw().all()) hash.update(JSON.stringify(r));
  }
  return hash.digest('hex');
}
const auditCount = () => getDb().get<{ n: number }>(sql`select count(*) as n from audit_events`).n;

describe('server actions × roles', () => {
  it('the table names every server action of the app', () => {
    expect([...TABLE.map((r) => r.action), 'searchPatientsAction', 'previewCrosswalkAction', 'pingAction', ...PUBLIC_ACTIONS].sort()).toEqual(exportedActions());
  });

  for (const r of TABLE) {
    for (const [s, subject] of SUBJECTS.entries()) {
      const expected = r.outcomes[s]!;
      it(`${r.action} · ${subject} → ${expected}`, async () => {
        const act = await r.prepare();
        as(subject);
        const before = stateHash();
        const audits = auditCount();
        const result = await act();
        if (expected === 'ok') {
          expect(result).toMatchObject({ ok: true });
          expect(auditCount()).toBeGreaterThan(audits);
        } else {
          expect(result).toMatchObject({ ok: false, status: expected });
          expect(stateHash()).toBe(before);
        }
      });
    }
  }

  it('previewCrosswalkAction answers only an admin, and writes nothing for anyone', async () => {
    const file = crosswalkFile('J2405,Ondansetron,Fictitious Pharma 99998,99998-9999-25,ONDANSETRON,1 MG,2,25,4,100');
    const expected: Record<Subject, Outcome> = { 'signed out': 401, 'nurse of the facility': 403, 'nurse of another facility': 403, coder: 403, admin: 'ok' };
    for (const subject of SUBJECTS) {
      as(subject);
      const before = stateHash();
      const audits = auditCount();
      const result = await crosswalkActions.previewCrosswalkAction({ file });
      if (expected[subject] === 'ok') expect(result, subject).toMatchObject({ ok: true, data: { preview: { newProducts: [{ ndc11: '99998999925' }] } } });
      else expect(result, subject).toMatchObject({ ok: false, status: expected[subject] });
      expect([stateHash(), auditCount()], subject).toEqual([before, audits]);
    }
  });

  it('pingAction (the load benchmark\'s floor) answers a nurse of the facility only, and writes nothing for anyone', async () => {
    const { encounterId } = await chartedEncounter();
    for (const [s, subject] of SUBJECTS.entries()) {
      as(subject);
      const before = stateHash();
      const audits = auditCount();
      const result = await encounterActions.pingAction({ encounterId });
      if (clinician[s] === 'ok') expect(result, subject).toEqual({ ok: true, data: null });
      else expect(result, subject).toMatchObject({ ok: false, status: clinician[s] });
      expect([stateHash(), auditCount()], subject).toEqual([before, audits]);
    }
  });

  it('searchPatientsAction finds a patient only for people of her facility', async () => {
    const found: Record<Subject, boolean> = { 'signed out': false, 'nurse of the facility': true, 'nurse of another facility': false, coder: true, admin: true };
    for (const subject of SUBJECTS) {
      as(subject);
      const hits = await patientActions.searchPatientsAction('MS-2001');
      expect(hits.some((h) => h.mrn === 'MS-2001'), subject).toBe(found[subject]);
    }
  });
});
