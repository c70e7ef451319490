import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toLocalInput } from '@/lib/time';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

// The action boundary loads the signed-in user; tests choose who that is.
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string; credentials: string; role: 'nurse' | 'coder' | 'admin'; facilityIds: number[] } }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  passwordMatches: async (_user: unknown, password: string) => password === 'pushchart-demo',
  reauthenticate: async (_user: unknown, password: string) =>
    password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' },
}));
const NURSE = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse' as const, facilityIds: [1, 2] };

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-action-')), 'actions.db');

const { chartAdministrationAction } = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { openEncounter } = await import('@/db/encounters');
const { sql } = await import('drizzle-orm');

const NY = 'America/New_York';
let encounterId = 0;

function counts() {
  const db = getDb();
  return {
    administrations: db.get<{ n: number }>(sql`select count(*) as n from administrations`).n,
    audits: db.get<{ n: number }>(sql`select count(*) as n from audit_events`).n,
  };
}

function valid(overrides: Record<string, unknown> = {}) {
  const start = toLocalInput(new Date(Date.now() - 10 * 60_000), NY);
  return {
    encounterId,
    drugId: getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id,
    doseValue: '4',
    doseUnit: 'mg',
    kind: 'push',
    start,
    stop: start,
    site: 'L antecubital 20G',
    rationale: 'Nausea',
    ...orderFields(),
    ...overrides,
  };
}

beforeAll(() => {
  session.user = NURSE;
  // Opened 6 hours ago, so a dose given 3 hours ago is a late entry, not one before the visit.
  const opened = openEncounter(1, 1, 'u-nurse', new Date(Date.now() - 6 * 3600_000));
  if (!opened.ok) throw new Error('could not open a test encounter');
  encounterId = opened.data.id;
});

describe('chart administration server action', () => {
  it('stores a complete push and its audit event', async () => {
    const before = counts();
    const result = await chartAdministrationAction(valid());
    expect(result.ok).toBe(true);
    expect(counts()).toEqual({ administrations: before.administrations + 1, audits: before.audits + 1 });
  });

  const crafted: [string, Record<string, unknown>, string][] = [
    ['missing rationale', { rationale: undefined }, 'rationale'],
    ['blank site', { site: '   ' }, 'site'],
    ['missing dose', { doseValue: undefined }, 'doseValue'],
    ['dose as a number type', { doseValue: 4 }, 'doseValue'],
    ['negative dose', { doseValue: '-4' }, 'doseValue'],
    ['unknown kind', { kind: 'bolus' }, 'kind'],
    ['unknown drug', { drugId: 99999 }, 'drugId'],
    ['drug id of the wrong type', { drugId: 'ondansetron' }, 'drugId'],
    ['time in the future', { start: toLocalInput(new Date(Date.now() + 10 * 60_000), NY), stop: '' , stopMissingReason: 'running' }, 'start'],
    ['malformed time', { start: '10:00' }, 'start'],
    ['stop before start', { stop: toLocalInput(new Date(Date.now() - 20 * 60_000), NY) }, 'stop'],
    ['no stop and no reason', { stop: '' }, 'stopMissingReason'],
    ['late entry without a reason', { start: toLocalInput(new Date(Date.now() - 3 * 3600_000), NY), stop: toLocalInput(new Date(Date.now() - 3 * 3600_000), NY) }, 'lateEntryReason'],
  ];

  it.each(crafted)('refuses %s with a field error and writes nothing', async (_name, overrides, field) => {
    const before = counts();
    const payload = valid(overrides);
    for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete (payload as Record<string, unknown>)[k];
    const result = await chartAdministrationAction(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).toContain(field);
    expect(counts()).toEqual(before);
  });

  it('refuses charting on an encounter that is not open, writing nothing', async () => {
    const before = counts();
    const result = await chartAdministrationAction(valid({ encounterId: 1 })); // demo encounter 1 is sent to coding
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/closed to new charting/) });
    expect(counts()).toEqual(before);
  });

  it('refuses a payload that is not an object at all', async () => {
    const before = counts();
    expect((await chartAdministrationAction('drop table administrations')).ok).toBe(false);
    expect((await chartAdministrationAction(null)).ok).toBe(false);
    expect(counts()).toEqual(before);
  });

  it('accepts a late entry with a reason', async () => {
    const t = toLocalInput(new Date(Date.now() - 3 * 3600_000), NY);
    const result = await chartAdministrationAction(valid({ start: t, stop: t, lateEntryReason: 'Charted after a resuscitation' }));
    expect(result.ok).toBe(true);
  });
});
