import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/types';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({ getSessionUser: async () => session.user }));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-lockouts-')), 'lockouts.db');

const { clearSignInLockoutAction } = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { listSignInLockouts, openSignInAttempt, settleSignInAttempt } = await import('@/db/auth-events');
const { SIGN_IN_LIMITS } = await import('@/server/auth');
const { sql } = await import('drizzle-orm');

const ADMIN: SessionUser = { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin', facilityIds: [] };
const NURSE: SessionUser = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] };

/** Five wrong passwords for the account, as the sign-in limiter records them. */
function lockOut(email: string) {
  for (let i = 0; i < SIGN_IN_LIMITS.maxPerAccount; i++) {
    const gate = openSignInAttempt(email, `10.3.0.${i}`, new Date(), SIGN_IN_LIMITS);
    if (!gate.ok) throw new Error('refused too early');
    settleSignInAttempt(gate.attemptId, 'failed', null, new Date());
  }
  expect(openSignInAttempt(email, '10.3.1.1', new Date(), SIGN_IN_LIMITS)).toMatchObject({ ok: false, limit: 'account' });
}

describe('an admin clears a sign-in lockout', () => {
  it('only an admin, with a reason; audited; the account can try again', async () => {
    lockOut('coder@pushchart.test');
    expect(listSignInLockouts(new Date(), SIGN_IN_LIMITS)).toEqual([
      expect.objectContaining({ email: 'coder@pushchart.test', failures: 5 }),
    ]);

    session.user = NURSE;
    expect(await clearSignInLockoutAction({ email: 'coder@pushchart.test', reason: 'Asked nicely' })).toMatchObject({ ok: false, status: 403 });
    session.user = ADMIN;
    expect(await clearSignInLockoutAction({ email: 'coder@pushchart.test', reason: '' })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(listSignInLockouts(new Date(), SIGN_IN_LIMITS)).toHaveLength(1);

    expect(await clearSignInLockoutAction({ email: ' Coder@PushChart.test ', reason: 'Verified by phone with the coding lead' })).toEqual({ ok: true, data: null });
    expect(listSignInLockouts(new Date(), SIGN_IN_LIMITS)).toEqual([]);
    expect(getDb().get(sql`select actor_id, entity_id, reason from audit_events where event = 'auth.lockout-cleared'`)).toEqual({
      actor_id: 'u-admin',
      entity_id: 'coder@pushchart.test',
      reason: 'Verified by phone with the coding lead',
    });
    expect(openSignInAttempt('coder@pushchart.test', '10.3.2.1', new Date(), SIGN_IN_LIMITS)).toMatchObject({ ok: true });

    // Nothing to clear: refused, nothing audited.
    expect(await clearSignInLockoutAction({ email: 'nurse@pushchart.test', reason: 'Just in case' })).toMatchObject({ ok: false, fieldErrors: { email: 'This account is not locked out' } });
    expect(getDb().get<{ n: number }>(sql`select count(*) as n from audit_events where event = 'auth.lockout-cleared'`).n).toBe(1);
  });
});
