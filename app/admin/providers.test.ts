// The ordering-provider directory (issue 12 item 5): admins add, correct,
// deactivate and reactivate providers; NPIs are checked (Luhn, prefix 80840)
// and unique; every change is audited in its transaction; the bedside picker
// (listActiveProviders) offers only active ones.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/types';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  passwordMatches: async () => false,
  reauthenticate: async () => ({ ok: false, sessionEnded: false, message: 'no' }),
}));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-providers-')), 'providers.db');

const actions = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { getActiveUser } = await import('@/db/users');
const { listActiveProviders, listProviders } = await import('@/db/providers');
const { isValidNpi } = await import('@/lib/admin-schema');
const { sql } = await import('drizzle-orm');

const as = (id: string | null) => {
  session.user = id ? getActiveUser(id) : null;
};
const auditCount = (event: string) => getDb().get<{ n: number }>(sql`select count(*) as n from audit_events where event = ${event}`)!.n;
const providerRows = () => JSON.stringify(getDb().all(sql`select * from providers order by id`));

describe('NPI check digit (CMS: Luhn over 80840 + the first 9 digits)', () => {
  it("accepts CMS's worked example and the demo providers' NPIs", () => {
    expect(isValidNpi('1234567893')).toBe(true);
    for (const p of listProviders()) expect(isValidNpi(p.npi)).toBe(true);
  });
  it('refuses a wrong check digit, a swapped pair of digits, and anything but 10 digits', () => {
    for (let d = 0; d <= 9; d++) if (d !== 3) expect(isValidNpi(`123456789${d}`)).toBe(false);
    expect(isValidNpi('1234567839')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678930')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
    expect(isValidNpi('')).toBe(false);
  });
});

describe('provider directory actions', () => {
  it('an admin adds a provider: audited, offered at the bedside; dashes and spaces in the NPI are dropped', async () => {
    as('u-admin');
    const before = auditCount('provider.created');
    const r = await actions.createProviderAction({ name: 'Lena Ortiz', credentials: 'DO', npi: '123-456-7893' });
    expect(r).toMatchObject({ ok: true });
    expect(auditCount('provider.created')).toBe(before + 1);
    const added = listActiveProviders().find((p) => p.name === 'Lena Ortiz');
    expect(added).toMatchObject({ credentials: 'DO', npi: '1234567893' });
  });

  it('refuses an invalid NPI and a duplicate NPI with a field error, writing nothing', async () => {
    as('u-admin');
    const rows = providerRows();
    const bad = await actions.createProviderAction({ name: 'Typo Person', credentials: 'MD', npi: '1234567894' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { npi: expect.stringMatching(/check digit/) } });
    const short = await actions.createProviderAction({ name: 'Short Person', credentials: 'MD', npi: '123456789' });
    expect(short).toMatchObject({ ok: false, fieldErrors: { npi: 'An NPI has exactly 10 digits' } });
    const dup = await actions.createProviderAction({ name: 'Someone Else', credentials: 'MD', npi: '1234567893' });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { npi: 'This NPI is already in the directory' } });
    expect(providerRows()).toBe(rows);
  });

  it('corrects a provider with the old and new values in the audit trail; nothing changed writes nothing', async () => {
    as('u-admin');
    const lena = listProviders().find((p) => p.name === 'Lena Ortiz')!;
    const r = await actions.updateProviderAction({ providerId: lena.id, name: 'Lena Ortiz', credentials: 'MD', npi: lena.npi, reason: 'Credentials were wrong' });
    expect(r).toEqual({ ok: true, data: { changed: ['credentials'] } });
    const event = getDb().get<{ changes: string; reason: string }>(sql`select changes, reason from audit_events where event = 'provider.updated' order by id desc limit 1`)!;
    expect(JSON.parse(event.changes)).toEqual({ credentials: { old: 'DO', new: 'MD' } });
    expect(event.reason).toBe('Credentials were wrong');
    const n = auditCount('provider.updated');
    expect(await actions.updateProviderAction({ providerId: lena.id, name: 'Lena Ortiz', credentials: 'MD', npi: lena.npi })).toEqual({ ok: true, data: { changed: [] } });
    expect(auditCount('provider.updated')).toBe(n);
    const other = listProviders().find((p) => p.id !== lena.id)!;
    expect(await actions.updateProviderAction({ providerId: lena.id, name: 'Lena Ortiz', credentials: 'MD', npi: other.npi })).toMatchObject({ ok: false, fieldErrors: { npi: 'This NPI is already in the directory' } });
  });

  it('deactivating needs a reason and takes the provider off the bedside list; reactivating brings them back', async () => {
    as('u-admin');
    const lena = listProviders().find((p) => p.name === 'Lena Ortiz')!;
    expect(await actions.setProviderActiveAction({ providerId: lena.id, active: false, reason: '' })).toMatchObject({ ok: false });
    expect(await actions.setProviderActiveAction({ providerId: lena.id, active: false, reason: 'Left the practice' })).toMatchObject({ ok: true });
    expect(listActiveProviders().some((p) => p.id === lena.id)).toBe(false);
    expect(listProviders().find((p) => p.id === lena.id)?.active).toBe(false);
    expect(await actions.setProviderActiveAction({ providerId: lena.id, active: false, reason: 'Again' })).toMatchObject({ ok: false, formError: 'This provider is already deactivated' });
    expect(auditCount('provider.deactivated')).toBe(1);
    expect(await actions.setProviderActiveAction({ providerId: lena.id, active: true, reason: 'Back on staff' })).toMatchObject({ ok: true });
    expect(listActiveProviders().some((p) => p.id === lena.id)).toBe(true);
    expect(auditCount('provider.reactivated')).toBe(1);
  });

  it('only an admin may change the directory', async () => {
    for (const who of [null, 'u-nurse', 'u-coder']) {
      as(who);
      const rows = providerRows();
      const r = await actions.createProviderAction({ name: 'Not Allowed', credentials: 'MD', npi: '1999999984' });
      expect(r.ok).toBe(false);
      expect(providerRows()).toBe(rows);
    }
  });
});
