import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/types';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  passwordMatches: async (_user: unknown, password: string) => password === 'pushchart-demo',
  reauthenticate: async (_user: unknown, password: string) =>
    password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' },
}));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-admin-')), 'admin.db');

const actions = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { loadFormulary } = await import('@/db/formulary');
const { hcpcsForDate } = await import('@/lib/formulary/starter-formulary');
const { verifyPassword } = await import('better-auth/crypto');
const { sql } = await import('drizzle-orm');

const USERS = {
  admin: { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin', facilityIds: [] },
  nurse: { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] },
  coder: { id: 'u-coder', name: 'Casey Morgan', email: 'coder@pushchart.test', credentials: 'CPC', role: 'coder', facilityIds: [1, 2] },
} satisfies Record<string, SessionUser>;
const as = (who: keyof typeof USERS | null) => {
  session.user = who ? USERS[who] : null;
};

const db = () => getDb();
const one = <T,>(query: ReturnType<typeof sql>) => db().get<T>(query);
const all = <T,>(query: ReturnType<typeof sql>) => db().all<T>(query);

/** Everything an admin action can touch: "nothing changed" means this is equal. */
function snapshot() {
  const dump = (table: string) => JSON.stringify(db().all(sql.raw(`select * from ${table} order by 1`)));
  return {
    users: dump('users'),
    accounts: dump('accounts'),
    sessions: dump('sessions'),
    facilities: dump('facilities'),
    drugs: dump('formulary_drugs'),
    codes: dump('drug_hcpcs_codes'),
    products: dump('drug_products'),
    audits: dump('audit_events'),
  };
}

const lastAudit = (event: string) =>
  one<{ changes: string; reason: string | null; actor_id: string; entity_id: string }>(
    sql`select changes, reason, actor_id, entity_id from audit_events where event = ${event} order by id desc limit 1`,
  );
const drugId = (key: string) => one<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const codeRow = (drug: string, code: string) =>
  one<{ id: number; effective_to: string | null }>(
    sql`select c.id, c.effective_to from drug_hcpcs_codes c join formulary_drugs d on d.id = c.drug_id where d.key = ${drug} and c.code = ${code}`,
  );

let seq = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;
const newUser = (email: string) => ({ name: 'Pat Lee', email, credentials: 'RN', role: 'nurse', password: 'correct horse battery' });
const code = (over: Record<string, unknown> = {}) => ({
  code: 'J1626',
  descriptorKind: 'per',
  billingAmount: '0.1',
  billingUnit: 'mg',
  descriptor: '',
  effectiveFrom: '',
  effectiveTo: '',
  ...over,
});
const newDrug = (key: string, over: Record<string, unknown> = {}) => ({
  key,
  genericName: 'Trial antiemetic',
  defaultDoseUnit: 'mg',
  usualDose: '1',
  strength: '1 mg/mL, 1 mL single-dose vial',
  chemo: false,
  codes: [code()],
  product: null,
  ...over,
});

beforeAll(() => {
  getDb();
});

describe('only an admin may run an admin action', () => {
  // Each payload is valid: a refusal is about the role, not the input.
  const cases: [string, () => Promise<{ ok: boolean; status?: number }>][] = [
    ['create a user', () => actions.createUserAction(newUser(`${unique('matrix')}@pushchart.test`))],
    ['edit a user', () => actions.updateUserAction({ userId: 'u-coder', name: 'Casey Morgan', credentials: `CPC ${++seq}`, role: 'coder' })],
    ['deactivate a user', () => actions.setUserActiveAction({ userId: 'u-nurse2', active: false, reason: 'Left the unit' })],
    ['reactivate a user', () => actions.setUserActiveAction({ userId: 'u-nurse2', active: true, reason: 'Back from leave' })],
    ['change facility settings', () => actions.updateFacilityAction({ facilityId: 1, lateEntryThresholdMinutes: 30 + (++seq % 100), jwJzPolicy: 'apply' })],
    ['create a facility', () => actions.createFacilityAction({ name: unique('Clinic'), timeZone: 'America/Denver', setting: 'non-facility', lateEntryThresholdMinutes: 60, jwJzPolicy: 'apply' })],
    ['add a drug', () => actions.addDrugAction(newDrug(unique('drug')))],
    ['add a HCPCS code', () => actions.addCodeAction({ drugId: drugId('ketamine'), ...code({ code: `J9${String(++seq).padStart(3, '0')}`, effectiveFrom: '2030-01-01' }) })],
    ['end a HCPCS code', () => actions.endCodeAction({ codeId: codeRow('naloxone', 'J2310').id, effectiveTo: `2031-01-${String((++seq % 27) + 1).padStart(2, '0')}`, reason: 'Code retired' })],
    ['deactivate a drug', () => actions.deactivateDrugAction({ drugId: drugId('glutathione'), reason: 'Off formulary' })],
  ];
  for (const [name, run] of cases) {
    it(`nurse, coder and no session may not ${name} (403/401, nothing written); an admin may`, async () => {
      for (const [who, status] of [['nurse', 403], ['coder', 403], [null, 401]] as const) {
        as(who);
        const before = snapshot();
        expect(await run()).toMatchObject({ ok: false, status });
        expect(snapshot()).toEqual(before);
      }
      as('admin');
      const before = snapshot();
      expect(await run()).toMatchObject({ ok: true });
      expect(snapshot().audits).not.toEqual(before.audits);
    });
  }
});

describe('users', () => {
  it('creates a user whose password better-auth verifies, with a credential account keyed by the user id', async () => {
    as('admin');
    const result = await actions.createUserAction(newUser('  Pat.Lee@PushChart.test '));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const user = one<{ email: string; role: string; active: number }>(sql`select email, role, active from users where id = ${result.data.id}`);
    expect(user).toEqual({ email: 'pat.lee@pushchart.test', role: 'nurse', active: 1 });
    const account = one<{ account_id: string; provider_id: string; user_id: string; password: string }>(
      sql`select account_id, provider_id, user_id, password from accounts where user_id = ${result.data.id}`,
    );
    expect(account).toMatchObject({ account_id: result.data.id, provider_id: 'credential', user_id: result.data.id });
    expect(account.password).not.toContain('correct horse');
    expect(await verifyPassword({ hash: account.password, password: 'correct horse battery' })).toBe(true);
    expect(await verifyPassword({ hash: account.password, password: 'wrong horse battery' })).toBe(false);

    const audit = lastAudit('user.created');
    expect(audit).toMatchObject({ actor_id: 'u-admin', entity_id: result.data.id });
    expect(JSON.parse(audit.changes)).toEqual({
      name: { old: null, new: 'Pat Lee' },
      email: { old: null, new: 'pat.lee@pushchart.test' },
      credentials: { old: null, new: 'RN' },
      role: { old: null, new: 'nurse' },
      active: { old: null, new: true },
    });
    expect(audit.changes).not.toContain('correct horse');
    expect(audit.changes).not.toContain(account.password);
  });

  it('refuses a duplicate email (any case) with a field error, and a short password', async () => {
    as('admin');
    const before = snapshot();
    expect(await actions.createUserAction(newUser('NURSE@pushchart.test'))).toMatchObject({ ok: false, fieldErrors: { email: expect.stringContaining('already exists') } });
    expect(await actions.createUserAction({ ...newUser('short@pushchart.test'), password: 'short' })).toMatchObject({
      ok: false,
      fieldErrors: { password: 'At least 12 characters' },
    });
    expect(await actions.createUserAction({ ...newUser('role@pushchart.test'), role: 'superuser' })).toMatchObject({ ok: false, fieldErrors: { role: expect.any(String) } });
    expect(snapshot()).toEqual(before);
  });

  it('an admin cannot deactivate themselves; deactivation needs a reason, ends sessions and is audited', async () => {
    as('admin');
    const before = snapshot();
    expect(await actions.setUserActiveAction({ userId: 'u-admin', active: false, reason: 'Testing' })).toMatchObject({ ok: false, formError: expect.stringContaining('your own') });
    expect(await actions.setUserActiveAction({ userId: 'u-nurse', active: false, reason: '' })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(snapshot()).toEqual(before);

    const now = Date.now();
    db().run(sql`insert into sessions (id, expires_at, token, created_at, updated_at, user_id) values ('s-nurse', ${now + 60_000}, 't-nurse', ${now}, ${now}, 'u-nurse')`);
    expect((await actions.setUserActiveAction({ userId: 'u-nurse', active: false, reason: 'Left the unit' })).ok).toBe(true);
    expect(one<{ active: number }>(sql`select active from users where id = 'u-nurse'`).active).toBe(0);
    expect(all(sql`select id from sessions where user_id = 'u-nurse'`)).toEqual([]);
    expect(lastAudit('user.deactivated')).toMatchObject({ reason: 'Left the unit', entity_id: 'u-nurse', changes: JSON.stringify({ active: { old: true, new: false } }) });
    expect(await actions.setUserActiveAction({ userId: 'u-nurse', active: false, reason: 'Again' })).toMatchObject({ ok: false });

    expect((await actions.setUserActiveAction({ userId: 'u-nurse', active: true, reason: 'Returned' })).ok).toBe(true);
    expect(one<{ active: number }>(sql`select active from users where id = 'u-nurse'`).active).toBe(1);
    expect(lastAudit('user.reactivated')).toMatchObject({ reason: 'Returned' });
  });

  it('a change of credentials is audited old/new and leaves the credentials on charted doses as they were signed', async () => {
    as('admin');
    const doses = () => JSON.stringify(all(sql`select id, performer_name, performer_credentials from administrations where performer_id = 'u-nurse' order by id`));
    const charted = doses();
    expect(charted).toContain('"performer_credentials":"RN"');
    const result = await actions.updateUserAction({ userId: 'u-nurse', name: 'Nora Quinn', credentials: 'BSN, RN', role: 'nurse', reason: 'Degree completed' });
    expect(result).toEqual({ ok: true, data: { changed: ['credentials'] } });
    expect(one<{ credentials: string }>(sql`select credentials from users where id = 'u-nurse'`).credentials).toBe('BSN, RN');
    expect(doses()).toBe(charted);
    expect(lastAudit('user.updated')).toMatchObject({ reason: 'Degree completed', changes: JSON.stringify({ credentials: { old: 'RN', new: 'BSN, RN' } }) });

    const before = snapshot();
    expect(await actions.updateUserAction({ userId: 'u-admin', name: 'Jordan Blake', credentials: 'RHIA', role: 'nurse' })).toMatchObject({ ok: false, fieldErrors: { role: expect.any(String) } });
    expect(await actions.updateUserAction({ userId: 'u-nurse', name: 'Nora Quinn', credentials: 'BSN, RN', role: 'nurse' })).toEqual({ ok: true, data: { changed: [] } });
    expect(snapshot()).toEqual(before);
  });
});

describe('facilities', () => {
  it('validates the time zone and creates a facility, audited', async () => {
    as('admin');
    const before = snapshot();
    const bad = { name: 'Harbor Urgent Care', timeZone: 'Mars/Olympus_Mons', setting: 'facility', lateEntryThresholdMinutes: 60, jwJzPolicy: 'apply' };
    expect(await actions.createFacilityAction(bad)).toMatchObject({ ok: false, fieldErrors: { timeZone: expect.stringContaining('IANA') } });
    expect(await actions.createFacilityAction({ ...bad, timeZone: 'EST5EDT-ish' })).toMatchObject({ ok: false, fieldErrors: { timeZone: expect.any(String) } });
    expect(await actions.createFacilityAction({ ...bad, timeZone: 'America/Phoenix', setting: 'hospital' })).toMatchObject({ ok: false, fieldErrors: { setting: expect.any(String) } });
    expect(snapshot()).toEqual(before);

    const result = await actions.createFacilityAction({ ...bad, timeZone: 'America/Phoenix' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(one(sql`select name, time_zone, setting, late_entry_threshold_minutes, jw_jz_policy from facilities where id = ${result.data.id}`)).toEqual({
      name: 'Harbor Urgent Care',
      time_zone: 'America/Phoenix',
      setting: 'facility',
      late_entry_threshold_minutes: 60,
      jw_jz_policy: 'apply',
    });
    expect(JSON.parse(lastAudit('facility.created').changes)).toMatchObject({ timeZone: { old: null, new: 'America/Phoenix' } });
    expect(await actions.createFacilityAction({ ...bad, name: 'harbor urgent care', timeZone: 'America/Phoenix' })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
  });

  it('late-entry threshold 1–1440 and JW/JZ policy; only changed fields are audited; encounters keep their setting', async () => {
    as('admin');
    const settings = () => JSON.stringify(all(sql`select id, setting from encounters order by id`));
    const encounterSettings = settings();
    for (const bad of [0, 1441, 2.5, 'ten']) {
      expect(await actions.updateFacilityAction({ facilityId: 2, lateEntryThresholdMinutes: bad, jwJzPolicy: 'apply' })).toMatchObject({
        ok: false,
        fieldErrors: { lateEntryThresholdMinutes: expect.any(String) },
      });
    }
    expect(await actions.updateFacilityAction({ facilityId: 2, lateEntryThresholdMinutes: 60, jwJzPolicy: 'sometimes' })).toMatchObject({ ok: false, fieldErrors: { jwJzPolicy: expect.any(String) } });
    expect(await actions.updateFacilityAction({ facilityId: 2, lateEntryThresholdMinutes: '1440', jwJzPolicy: 'none' })).toEqual({ ok: true, data: { changed: ['lateEntryThresholdMinutes', 'jwJzPolicy'] } });
    expect(await actions.updateFacilityAction({ facilityId: 2, lateEntryThresholdMinutes: 1, jwJzPolicy: 'none' })).toEqual({ ok: true, data: { changed: ['lateEntryThresholdMinutes'] } });
    expect(JSON.parse(lastAudit('facility.updated').changes)).toEqual({ lateEntryThresholdMinutes: { old: 1440, new: 1 } });
    expect(one(sql`select late_entry_threshold_minutes as m, jw_jz_policy as p from facilities where id = 2`)).toEqual({ m: 1, p: 'none' });
    expect(settings()).toBe(encounterSettings);
  });
});

describe('formulary', () => {
  it('a drug added with dated codes and a product is in loadFormulary(), and the code is picked by date of service', async () => {
    as('admin');
    const result = await actions.addDrugAction(
      newDrug('trial-antiemetic', {
        codes: [
          code({ code: 'J1626', billingAmount: '100', billingUnit: 'mcg', effectiveTo: '2025-06-30' }),
          code({ code: 'J1627', descriptorKind: 'up to', billingAmount: '0.1', billingUnit: 'mg', descriptor: 'up to 0.1 mg (test)', effectiveFrom: '2025-07-01' }),
        ],
        product: { ndc10: '0409-4888-01', description: '', containerType: 'single-dose', amountPerContainer: '1', amountUnit: 'mg', amountPerMl: '1' },
      }),
    );
    expect(result.ok).toBe(true);
    const drug = loadFormulary().find((d) => d.key === 'trial-antiemetic');
    expect(drug).toMatchObject({ name: 'Trial antiemetic', defaultDoseUnit: 'mg', usualDose: '1', chemo: false, supplyBilling: true });
    expect(drug?.hcpcs).toEqual([
      { code: 'J1626', billingAmount: '100', billingUnit: 'mcg', descriptor: 'per', descriptorText: 'per 100 mcg', effectiveFrom: null, effectiveTo: '2025-06-30', paymentStatus: 'unknown' },
      { code: 'J1627', billingAmount: '0.1', billingUnit: 'mg', descriptor: 'up to', descriptorText: 'up to 0.1 mg (test)', effectiveFrom: '2025-07-01', effectiveTo: null, paymentStatus: 'unknown' },
    ]);
    expect(drug?.products).toEqual([
      { ndc10: '0409-4888-01', ndc11: '00409488801', description: '1 mg single-dose container', containerType: 'single-dose', amountPerContainer: '1', amountUnit: 'mg', amountPerMl: '1', placeholderNdc: false },
    ]);
    if (!drug) return;
    expect(hcpcsForDate(drug, '2025-06-30')?.code).toBe('J1626');
    expect(hcpcsForDate(drug, '2025-07-01')?.code).toBe('J1627');
    expect(JSON.parse(lastAudit('formulary.drug-added').changes)).toMatchObject({ key: { old: null, new: 'trial-antiemetic' }, product: { new: { ndc11: '00409488801' } } });
  });

  it('refuses a duplicate key, a duplicate NDC, bad dates and an unclassified code with an amount, writing nothing', async () => {
    as('admin');
    const before = snapshot();
    const refused = async (payload: unknown, field: string) => expect(await actions.addDrugAction(payload)).toMatchObject({ ok: false, fieldErrors: { [field]: expect.any(String) } });
    await refused(newDrug('trial-antiemetic'), 'key');
    await refused(newDrug('ondansetron-copy', { product: { ndc10: '0409-4888-01', containerType: 'single-dose', amountPerContainer: '1', amountUnit: 'mg' } }), 'product.ndc10');
    await refused(newDrug('bad-ndc', { product: { ndc10: '04094888011', containerType: 'single-dose', amountPerContainer: '1', amountUnit: 'mg' } }), 'product.ndc10');
    await refused(newDrug('no-codes', { codes: [] }), 'codes');
    await refused(newDrug('backwards', { codes: [code({ effectiveFrom: '2025-02-01', effectiveTo: '2025-01-31' })] }), 'codes.0.effectiveTo');
    await refused(newDrug('not-a-date', { codes: [code({ effectiveFrom: '2025-02-30' })] }), 'codes.0.effectiveFrom');
    await refused(newDrug('noc-amount', { codes: [code({ code: 'J3490', descriptorKind: 'noc', billingAmount: '1' })] }), 'codes.0.billingAmount');
    await refused(newDrug('per-no-amount', { codes: [code({ billingAmount: '' })] }), 'codes.0.billingAmount');
    await refused(newDrug('zero-amount', { codes: [code({ billingAmount: '0' })] }), 'codes.0.billingAmount');
    await refused(newDrug('j3490-per', { codes: [code({ code: 'J3490' })] }), 'codes.0.descriptorKind');
    await refused(newDrug('overlap', { codes: [code(), code({ effectiveFrom: '2025-01-01' })] }), 'codes.1.effectiveFrom');
    await refused(newDrug('Bad Key!'), 'key');
    expect(snapshot()).toEqual(before);

    expect((await actions.addDrugAction(newDrug('compounded-thing', { codes: [code({ code: 'J3490', descriptorKind: 'noc', billingAmount: '', billingUnit: '' })] }))).ok).toBe(true);
    expect(loadFormulary().find((d) => d.key === 'compounded-thing')?.hcpcs).toEqual([
      { code: 'J3490', billingAmount: null, billingUnit: null, descriptor: 'noc', descriptorText: 'unclassified drugs (units = containers)', effectiveFrom: null, effectiveTo: null, paymentStatus: 'unknown' },
    ]);
  });

  it('a replacement code ends the old one the day before (audited old/new); the engine picks each by date', async () => {
    as('admin');
    const id = drugId('trial-antiemetic');
    const j1627 = codeRow('trial-antiemetic', 'J1627');
    const before = snapshot();
    expect(await actions.addCodeAction({ drugId: id, replacesCodeId: j1627.id, ...code({ code: 'J1628' }) })).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: expect.any(String) } });
    expect(await actions.addCodeAction({ drugId: id, replacesCodeId: j1627.id, ...code({ code: 'J1628', effectiveFrom: '2025-07-01' }) })).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: expect.stringContaining('starts 2025-07-01') } });
    expect(await actions.addCodeAction({ drugId: id, replacesCodeId: codeRow('ondansetron', 'J2405').id, ...code({ code: 'J1628', effectiveFrom: '2026-01-01' }) })).toMatchObject({ ok: false, fieldErrors: { replacesCodeId: expect.any(String) } });
    expect(await actions.addCodeAction({ drugId: id, ...code({ code: 'J1627', effectiveFrom: '2026-01-01' }) })).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: expect.stringContaining('already') } });
    expect(snapshot()).toEqual(before);

    const result = await actions.addCodeAction({ drugId: id, replacesCodeId: j1627.id, ...code({ code: 'J1628', billingAmount: '0.01', billingUnit: 'mg', effectiveFrom: '2026-01-01' }) });
    expect(result.ok).toBe(true);
    expect(codeRow('trial-antiemetic', 'J1627').effective_to).toBe('2025-12-31');
    expect(lastAudit('formulary.code-ended')).toMatchObject({
      entity_id: String(id),
      changes: JSON.stringify({ codeId: { old: j1627.id, new: j1627.id }, code: { old: 'J1627', new: 'J1627' }, effectiveTo: { old: null, new: '2025-12-31' } }),
    });
    expect(JSON.parse(lastAudit('formulary.code-added').changes)).toMatchObject({ code: { old: null, new: 'J1628' }, effectiveFrom: { old: null, new: '2026-01-01' } });
    const drug = loadFormulary().find((d) => d.key === 'trial-antiemetic');
    if (!drug) throw new Error('granisetron missing');
    expect(hcpcsForDate(drug, '2025-12-31')?.code).toBe('J1627');
    expect(hcpcsForDate(drug, '2026-01-01')?.code).toBe('J1628');
  });

  it('ends a code on a date with a reason; not before it starts', async () => {
    as('admin');
    const j1628 = codeRow('trial-antiemetic', 'J1628');
    expect(await actions.endCodeAction({ codeId: j1628.id, effectiveTo: '2025-12-31', reason: 'Typo' })).toMatchObject({ ok: false, fieldErrors: { effectiveTo: expect.any(String) } });
    expect(await actions.endCodeAction({ codeId: j1628.id, effectiveTo: '2027-03-31', reason: '' })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect((await actions.endCodeAction({ codeId: j1628.id, effectiveTo: '2027-03-31', reason: 'Deleted from the HCPCS file' })).ok).toBe(true);
    expect(lastAudit('formulary.code-ended')).toMatchObject({ reason: 'Deleted from the HCPCS file', changes: expect.stringContaining('"effectiveTo":{"old":null,"new":"2027-03-31"}') });
  });

  it('a deactivated drug leaves the pick list; doses already charted keep referring to it', async () => {
    as('admin');
    const id = drugId('ondansetron');
    const doses = () => JSON.stringify(all(sql`select * from administrations where drug_id = ${id} order by id`));
    const charted = doses();
    expect(charted).not.toBe('[]');
    expect(await actions.deactivateDrugAction({ drugId: id, reason: '' })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect((await actions.deactivateDrugAction({ drugId: id, reason: 'Replaced by granisetron' })).ok).toBe(true);
    expect(loadFormulary().some((d) => d.key === 'ondansetron')).toBe(false);
    expect(doses()).toBe(charted);
    expect(lastAudit('formulary.drug-deactivated')).toMatchObject({ reason: 'Replaced by granisetron', changes: JSON.stringify({ active: { old: true, new: false } }) });
    expect(await actions.deactivateDrugAction({ drugId: id, reason: 'Again' })).toMatchObject({ ok: false, formError: expect.stringContaining('already') });
  });
});
