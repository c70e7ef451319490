// Issue 14 items 2 and 7 at the action boundary: the pump of an infusion and
// the procedure a drug was part of are stored, audited and amended like any field.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PUMP_ONLY_FOR_INFUSION } from '@/lib/administration-schema';
import { toLocalInput } from '@/lib/time';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string; credentials: string; role: 'nurse' | 'coder' | 'admin'; facilityIds: number[] } }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  passwordMatches: async (_user: unknown, password: string) => password === 'pushchart-demo',
  reauthenticate: async (_user: unknown, password: string) =>
    password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' },
}));
const NURSE = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse' as const, facilityIds: [1, 2] };

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-pump-')), 'pump.db');

const { chartAdministrationAction, amendAdministrationAction } = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { openEncounter, getEncounter } = await import('@/db/encounters');
const { sql } = await import('drizzle-orm');

const NY = 'America/New_York';
let encounterId = 0;
const drugId = (key: string) => getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const minutesAgo = (m: number) => toLocalInput(new Date(Date.now() - m * 60_000), NY);

interface Stored {
  pump: string | null;
  integral_to: string | null;
}
const stored = (id: number) => getDb().get<Stored>(sql`select pump, integral_to from administrations where id = ${id}`);
const auditChanges = (event: string, id: number) =>
  JSON.parse(getDb().get<{ c: string }>(sql`select changes as c from audit_events where event = ${event} and entity_id = ${String(id)}`).c) as Record<string, { old: unknown; new: unknown }>;
const count = (table: 'administrations' | 'audit_events') => getDb().get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)).n;

/** Fluorouracil 4,000 mg over 9 h 10 min ending 10 min ago (a late entry, so with its reason). */
function pumpInfusion(overrides: Record<string, unknown> = {}) {
  return {
    encounterId,
    drugId: drugId('fluorouracil'),
    doseValue: '4000',
    doseUnit: 'mg',
    kind: 'infusion',
    start: minutesAgo(560),
    stop: minutesAgo(10),
    site: 'R chest port',
    rationale: 'Colorectal cancer, FOLFOX cycle 3',
    lateEntryReason: 'Charted when the pump was disconnected',
    pump: 'portable',
    ...orderFields(),
    ...overrides,
  };
}

function premedication(overrides: Record<string, unknown> = {}) {
  const t = minutesAgo(5);
  return {
    encounterId,
    drugId: drugId('diphenhydramine'),
    doseValue: '25',
    doseUnit: 'mg',
    kind: 'push',
    start: t,
    stop: t,
    site: 'L AC 20G',
    rationale: 'Premedication before transfusion',
    integral: true,
    integralTo: 'blood transfusion',
    ...orderFields(),
    ...overrides,
  };
}

beforeAll(() => {
  session.user = NURSE;
  // Opened 10 hours ago, so the 9-hour infusion started inside the visit.
  const opened = openEncounter(1, 1, 'u-nurse', new Date(Date.now() - 10 * 3600_000));
  if (!opened.ok) throw new Error('could not open a test encounter');
  encounterId = opened.data.id;
});

describe('charting the pump of an infusion', () => {
  it('stores the pump and names it in the charting audit event', async () => {
    const result = await chartAdministrationAction(pumpInfusion());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(stored(result.data.id)).toEqual({ pump: 'portable', integral_to: null });
    expect(auditChanges('administration.charted', result.data.id)).toMatchObject({ pump: { old: null, new: 'portable' }, integralTo: { old: null, new: null } });
    // The encounter view the engine input is built from carries it.
    expect(getEncounter(encounterId)!.administrations.find((a) => a.id === result.data.id)).toMatchObject({ pump: 'portable', integralTo: null });
  });

  it('refuses a pump on a push beside the field, writing nothing', async () => {
    const before = [count('administrations'), count('audit_events')];
    const result = await chartAdministrationAction(premedication({ integral: false, pump: 'implantable' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { pump: PUMP_ONLY_FOR_INFUSION } });
    expect([count('administrations'), count('audit_events')]).toEqual(before);
  });

  it('an amendment changes the pump, audited old → new', async () => {
    const charted = await chartAdministrationAction(pumpInfusion());
    if (!charted.ok) throw new Error('not charted');
    // encounterId and drugId are not amendable: the schema drops them.
    const fields = pumpInfusion({ pump: 'implantable' });
    const amended = await amendAdministrationAction({ ...fields, administrationId: charted.data.id, reason: 'It is the implanted pump, not the ambulatory one' });
    expect(amended.ok).toBe(true);
    if (!amended.ok) return;
    expect(stored(amended.data.id)).toEqual({ pump: 'implantable', integral_to: null });
    expect(auditChanges('administration.amended', charted.data.id)).toMatchObject({ pump: { old: 'portable', new: 'implantable' } });
    expect(auditChanges('administration.amended', charted.data.id)).not.toHaveProperty('integralTo');
  });

  it('an amendment to "None" removes the pump', async () => {
    const charted = await chartAdministrationAction(pumpInfusion());
    if (!charted.ok) throw new Error('not charted');
    // encounterId and drugId are not amendable: the schema drops them.
    const fields = pumpInfusion({ pump: '' });
    const amended = await amendAdministrationAction({ ...fields, administrationId: charted.data.id, reason: 'Given by gravity, no pump' });
    if (!amended.ok) throw new Error(JSON.stringify(amended));
    expect(stored(amended.data.id)?.pump).toBeNull();
    expect(auditChanges('administration.amended', charted.data.id)).toMatchObject({ pump: { old: 'portable', new: null } });
  });
});

describe('charting a drug given as part of another procedure', () => {
  it('stores the procedure and names it in the charting audit event', async () => {
    const result = await chartAdministrationAction(premedication());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(stored(result.data.id)).toEqual({ pump: null, integral_to: 'blood transfusion' });
    expect(auditChanges('administration.charted', result.data.id)).toMatchObject({ integralTo: { old: null, new: 'blood transfusion' }, pump: { old: null, new: null } });
  });

  it('refuses the box ticked with no procedure, beside the procedure, writing nothing', async () => {
    const before = [count('administrations'), count('audit_events')];
    const result = await chartAdministrationAction(premedication({ integralTo: '  ' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { integralTo: expect.stringMatching(/^Name the procedure/) } });
    expect([count('administrations'), count('audit_events')]).toEqual(before);
  });

  it('an amendment that unticks the box removes the procedure, audited', async () => {
    const charted = await chartAdministrationAction(premedication());
    if (!charted.ok) throw new Error('not charted');
    // encounterId and drugId are not amendable: the schema drops them.
    const fields = premedication({ integral: false });
    const amended = await amendAdministrationAction({ ...fields, administrationId: charted.data.id, reason: 'Given for itching, not as a premedication' });
    if (!amended.ok) throw new Error(JSON.stringify(amended));
    expect(stored(amended.data.id)?.integral_to).toBeNull();
    expect(auditChanges('administration.amended', charted.data.id)).toMatchObject({ integralTo: { old: 'blood transfusion', new: null } });
  });
});
