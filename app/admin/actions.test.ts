import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/types';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getSessionUser: async () => session.user, passwordMatches: async () => false }));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-admin-')), 'admin.db');

const actions = await import('./actions');
const { getDb } = await import('@/db/client');
const { loadFormulary } = await import('@/db/formulary');
const { verifyPassword } = await import('better-auth/crypto');
const { sql } = await import('drizzle-orm');

const ADMIN: SessionUser = { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin' };
const NURSE: SessionUser = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse' };
const CODER: SessionUser = { id: 'u-coder', name: 'Casey Morgan', email: 'coder@pushchart.test', credentials: 'CPC', role: 'coder' };

const snapshot = () => {
  const n = (t: string) => getDb().get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`)).n;
  return { users: n('users'), accounts: n('accounts'), drugs: n('formulary_drugs'), audits: n('audit_events'), facilities: JSON.stringify(getDb().all(sql`select * from facilities`)) };
};
const newUser = (email: string) => ({ name: 'Pat Lee', email, credentials: 'RN', role: 'nurse', password: 'correct horse battery' });
const newDrug = (key: string) => ({ key, genericName: 'Granisetron', defaultDoseUnit: 'mg', usualDose: '1', strength: '1 mg/mL', chemo: false, hcpcsCode: 'J1626', descriptorKind: 'per', billingAmount: '0.1', billingUnit: 'mg', effectiveFrom: '2000-01-01' });

describe('admin actions', () => {
  const cases: [string, () => Promise<{ ok: boolean; status?: number }>][] = [
    ['create a user', () => actions.createUserAction(newUser(`x-${Math.random()}@pushchart.test`))],
    ['deactivate a user', () => actions.setUserActiveAction({ userId: 'u-nurse2', active: false, reason: 'left the unit' })],
    ['change facility settings', () => actions.updateFacilityAction({ facilityId: 1, lateEntryThresholdMinutes: 30, jwJzPolicy: 'none' })],
    ['add a drug', () => actions.addDrugAction(newDrug(`drug-${Math.floor(Math.random() * 1e6)}`))],
  ];
  for (const [name, run] of cases) {
    it(`nurse, coder and no session may not ${name}; nothing changes`, async () => {
      getDb();
      for (const [who, status] of [[NURSE, 403], [CODER, 403], [null, 401]] as const) {
        session.user = who;
        const before = snapshot();
        const result = await run();
        expect(result).toMatchObject({ ok: false, status });
        expect(snapshot()).toEqual(before);
      }
    });
  }

  it('an admin creates a user whose password better-auth verifies; duplicates are refused', async () => {
    session.user = ADMIN;
    expect((await actions.createUserAction(newUser('pat.lee@pushchart.test'))).ok).toBe(true);
    const hash = getDb().get<{ password: string }>(sql`select a.password from accounts a join users u on u.id = a.user_id where u.email = 'pat.lee@pushchart.test'`).password;
    expect(await verifyPassword({ hash, password: 'correct horse battery' })).toBe(true);
    const audit = getDb().get<{ changes: string }>(sql`select changes from audit_events where event = 'user.created' order by id desc limit 1`).changes;
    expect(audit).not.toContain('correct horse');
    expect(audit).not.toContain(hash);
    expect(await actions.createUserAction(newUser('Pat.Lee@pushchart.test'))).toMatchObject({ ok: false, fieldErrors: { email: expect.stringContaining('already exists') } });
    expect(await actions.createUserAction({ ...newUser('short@pushchart.test'), password: 'short' })).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
  });

  it('an admin cannot deactivate themselves; deactivation needs a reason', async () => {
    session.user = ADMIN;
    expect((await actions.setUserActiveAction({ userId: 'u-admin', active: false, reason: 'testing' })).ok).toBe(false);
    expect((await actions.setUserActiveAction({ userId: 'u-nurse2', active: false, reason: '' })).ok).toBe(false);
    expect((await actions.setUserActiveAction({ userId: 'u-nurse2', active: false, reason: 'Left the unit' })).ok).toBe(true);
  });

  it('a drug added by an admin is in the charting formulary with its dated code', async () => {
    session.user = ADMIN;
    expect((await actions.addDrugAction(newDrug('granisetron'))).ok).toBe(true);
    const drug = loadFormulary().find((d) => d.key === 'granisetron');
    expect(drug?.hcpcs).toEqual([expect.objectContaining({ code: 'J1626', billingAmount: '0.1', billingUnit: 'mg', descriptor: 'per', effectiveFrom: '2000-01-01' })]);
    expect(await actions.addDrugAction({ ...newDrug('granisetron') })).toMatchObject({ ok: false, fieldErrors: { key: expect.any(String) } });
    expect(await actions.updateFacilityAction({ facilityId: 1, lateEntryThresholdMinutes: 0, jwJzPolicy: 'apply' })).toMatchObject({ ok: false, fieldErrors: { lateEntryThresholdMinutes: expect.any(String) } });
  });
});
