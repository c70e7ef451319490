// Issue 12 at the server action: times follow the server clock, closed means
// closed, impossible times are refused (charting and amending alike), nothing
// doubles on a retry, documenting text is visible text, expiry and waste make
// sense, every dose names its order, and a controlled waste is witnessed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromLocalInput, toLocalInput } from '@/lib/time';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
// The witness check is the real one (better-auth's hashing, the limiter, the
// audit); only the signed-in user and the request headers are the test's.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.9.0.1' }), cookies: async () => ({ set: () => undefined }) }));
vi.mock('next/headers.js', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.9.0.1' }), cookies: async () => ({ set: () => undefined }) }));
vi.mock('@/server/session', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/server/session')>()), getSessionUser: async () => session.user }));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-truth-')), 'truth.db');
process.env.BETTER_AUTH_URL = 'http://localhost:3000';

const actions = await import('./actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { openEncounter, closeEncounter, getEncounter } = await import('@/db/encounters');
const { getActiveUser } = await import('@/db/users');
const { signAndSend } = await import('@/db/corrections');
const { chartVersion } = await import('@/lib/chart-version');
const { sql } = await import('drizzle-orm');
const { WITNESS_WRONG_MESSAGE } = await import('@/server/session');

const NY = 'America/New_York';
const NURSE = getActiveUser('u-nurse')!;
const NURSE2 = getActiveUser('u-nurse2')!;
const one = <T>(q: ReturnType<typeof sql>) => getDb().get<T>(q);
const drug = (key: string) => one<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const count = (q: ReturnType<typeof sql>) => one<{ n: number }>(q).n;

// The server clock: Monday 2026-11-30 15:00 EST (no DST change within 4 days before).
let clock = Date.parse('2026-11-30T20:00:00Z');
vi.useFakeTimers({ toFake: ['Date'], now: clock });
const setClock = (iso: string) => {
  clock = Date.parse(iso);
  vi.setSystemTime(clock);
};
const local = (iso: string) => toLocalInput(new Date(iso), NY);
afterAll(() => vi.useRealTimers());

/** Rows and audit events: "nothing written" means these are equal. */
function tables() {
  return {
    administrations: count(sql`select count(*) as n from administrations`),
    audits: count(sql`select count(*) as n from audit_events where event like 'administration.%'`),
  };
}

/** An open ED encounter (Okafor, born 1979-09-30), opened at `openedAtIso`. */
function openAt(openedAtIso: string): number {
  const r = openEncounter(2, 1, 'u-nurse', new Date(openedAtIso));
  if (!r.ok) throw new Error('open failed');
  return r.data.id;
}

function push(encounterId: number, start: string, stop: string = start, extra: Record<string, unknown> = {}) {
  return {
    encounterId,
    drugId: drug('ondansetron'),
    doseValue: '4',
    doseUnit: 'mg',
    kind: 'push',
    start,
    stop,
    site: 'L antecubital 20G',
    rationale: 'Nausea',
    ...orderFields(),
    ...extra,
  };
}

async function mustChart(payload: Record<string, unknown>) {
  const r = await actions.chartAdministrationAction(payload);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

beforeEach(() => {
  setClock('2026-11-30T20:00:00Z');
  session.user = NURSE;
});

describe('times follow the server clock (item 1)', () => {
  it('"now" start and stop are stamped with the action clock (to the minute); the answer is the stored entry', async () => {
    const encounterId = openAt('2026-11-30T19:00:00Z');
    setClock('2026-11-30T20:07:41Z'); // 15:07:41 EST
    const saved = await mustChart(push(encounterId, 'now', 'now'));
    const { view, ...entry } = saved;
    expect(entry).toEqual({ id: expect.any(Number), startAt: '2026-11-30T20:07:00.000Z', stopAt: '2026-11-30T20:07:00.000Z', chartedAt: '2026-11-30T20:07:41.000Z', replayed: false, chartVersion: chartVersion(getEncounter(encounterId)!.administrations) });
    // Issue 16 item 1: the answer carries the row exactly as the timeline reads it, so the page merges it without a re-render.
    expect(view).toEqual(getEncounter(encounterId)!.administrations.find((r) => r.id === saved.id));
    const row = one<{ start_at: number; stop_at: number }>(sql`select start_at, stop_at from administrations where id = ${saved.id}`);
    expect([row.start_at, row.stop_at]).toEqual([Date.parse('2026-11-30T20:07:00Z'), Date.parse('2026-11-30T20:07:00Z')]);
  });

  it('a push with a typed start and an untouched stop stops at its start; an infusion stops at the clock', async () => {
    const encounterId = openAt('2026-11-30T19:00:00Z');
    const p = await mustChart(push(encounterId, local('2026-11-30T19:50:00Z'), 'now'));
    expect(p.stopAt).toBe(p.startAt);
    const inf = await mustChart(push(encounterId, local('2026-11-30T19:30:00Z'), 'now', { kind: 'infusion', drugId: drug('sodium-chloride-0.9'), doseValue: '500', doseUnit: 'mL' }));
    expect(inf).toMatchObject({ startAt: '2026-11-30T19:30:00.000Z', stopAt: '2026-11-30T20:00:00.000Z' });
  });
});

describe('impossible times are refused at their boundaries (item 4)', () => {
  // Opened 2026-11-26 09:00 EST; the server clock is 2026-11-30 15:00 EST. A
  // late-entry reason is sent so only the rule under test can refuse.
  const late = { lateEntryReason: 'Charted after the shift' };
  const inf = (start: string, stop: string, kind = 'infusion') => ({ kind, start, stop, drugId: drug('sodium-chloride-0.9'), doseValue: '1000', doseUnit: 'mL', ...late });
  const cases: [string, Record<string, unknown>, string | null][] = [
    ['given exactly 15 min before opening', { start: '2026-11-26T08:45', stop: '2026-11-26T08:45', ...late }, null],
    ['given 16 min before opening', { start: '2026-11-26T08:44', stop: '2026-11-26T08:44', ...late }, 'start'],
    ['a 60-minute push', { start: '2026-11-27T10:00', stop: '2026-11-27T11:00', ...late }, null],
    ['a 61-minute push', { start: '2026-11-27T10:00', stop: '2026-11-27T11:01', ...late }, 'stop'],
    ['a 72-hour infusion', inf('2026-11-26T10:00', '2026-11-29T10:00'), null],
    ['a 72 h 1 min infusion', inf('2026-11-26T10:00', '2026-11-29T10:01'), 'stop'],
    ['a 72-hour hydration', inf('2026-11-26T10:00', '2026-11-29T10:00', 'hydration'), null],
    ['a 72 h 1 min hydration', inf('2026-11-26T10:00', '2026-11-29T10:01', 'hydration'), 'stop'],
    ['year 0026', { start: '0026-11-27T10:00', stop: '0026-11-27T10:00', ...late }, 'start'],
    ['year 1899', { start: '1899-11-27T10:00', stop: '1899-11-27T10:00', ...late }, 'start'],
    ['before the patient was born', { start: '1979-09-29T10:00', stop: '1979-09-29T10:00', ...late }, 'start'],
    ['3 minutes in the future', { start: '2026-11-30T15:03', stop: '2026-11-30T15:03' }, 'start'],
    ['a date that does not exist', { start: '2026-11-31T10:00', stop: '2026-11-31T10:00', ...late }, 'start'],
  ];

  it.each(cases)('%s', async (_name, overrides, field) => {
    const encounterId = openAt('2026-11-26T14:00:00Z');
    const before = tables();
    const result = await actions.chartAdministrationAction(push(encounterId, '', '', overrides));
    if (field === null) {
      expect(result).toMatchObject({ ok: true });
      expect(tables().administrations).toBe(before.administrations + 1);
    } else {
      expect(result.ok).toBe(false);
      // The named field is refused (a stop equal to a refused start is refused with it).
      if (!result.ok) expect(Object.keys(result.fieldErrors).filter((k) => k !== 'stop' || field === 'stop')).toEqual([field]);
      expect(tables()).toEqual(before);
    }
  });

  it('says why: year 0026 is not 2026; before birth names the birth date', async () => {
    const encounterId = openAt('2026-11-26T14:00:00Z');
    const y26 = await actions.chartAdministrationAction(push(encounterId, '0026-11-27T10:00', '0026-11-27T10:00', late));
    expect(y26).toMatchObject({ ok: false, fieldErrors: { start: 'The year 0026 is before 1900: check the date' } });
    const unborn = await actions.chartAdministrationAction(push(encounterId, '1979-09-29T10:00', '1979-09-29T10:00', late));
    expect(unborn).toMatchObject({ ok: false, fieldErrors: { start: expect.stringContaining('before the patient was born (1979-09-30)') } });
  });
});

describe('closed means closed (item 3)', () => {
  it('refuses a dose given after the close; one given before it but charted after needs a late-entry reason, even within the threshold', async () => {
    const encounterId = openAt('2026-11-30T18:00:00Z');
    expect(closeEncounter(encounterId, 'u-nurse', new Date('2026-11-30T19:45:00Z')).ok).toBe(true); // 14:45 EST
    const before = tables();
    const after = await actions.chartAdministrationAction(push(encounterId, local('2026-11-30T19:46:00Z'), local('2026-11-30T19:46:00Z')));
    expect(after).toMatchObject({ ok: false, fieldErrors: { start: expect.stringContaining('closed at 2026-11-30 14:45') } });
    // Given 14:40, charted 15:00: 20 minutes (within the 60-minute threshold) but after the close.
    const unexplained = await actions.chartAdministrationAction(push(encounterId, local('2026-11-30T19:40:00Z'), local('2026-11-30T19:40:00Z')));
    expect(unexplained).toMatchObject({ ok: false, fieldErrors: { lateEntryReason: expect.stringContaining('after the visit closed') } });
    expect(tables()).toEqual(before);
    const explained = await actions.chartAdministrationAction(push(encounterId, local('2026-11-30T19:40:00Z'), local('2026-11-30T19:40:00Z'), { lateEntryReason: 'Charted after transfer' }));
    expect(explained.ok).toBe(true);
  });

  it('a "now" dose on a closed visit is refused', async () => {
    const encounterId = openAt('2026-11-30T18:00:00Z');
    closeEncounter(encounterId, 'u-nurse', new Date('2026-11-30T19:45:00Z'));
    expect(await actions.chartAdministrationAction(push(encounterId, 'now', 'now'))).toMatchObject({ ok: false, fieldErrors: { start: expect.stringContaining('closed') } });
  });

  it('a signed chart cannot be closed, and no clinician can reopen it (only the admin unlock)', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    await mustChart(push(encounterId, local('2026-11-30T19:40:00Z')));
    // Signed through the data layer (the action's password check needs a live better-auth session).
    const signed = signAndSend(encounterId, NURSE, { shownVersion: chartVersion(getEncounter(encounterId)!.administrations), gapsOf: () => [], clock: () => new Date() });
    expect(signed.ok).toBe(true);
    expect(await actions.closeEncounterAction({ encounterId })).toMatchObject({ ok: false, formError: expect.stringContaining('signed and locked') });
    expect(await actions.unlockEncounterAction({ encounterId, reason: 'I want to add a dose' })).toMatchObject({ ok: false, status: 403 });
    expect(getEncounter(encounterId)).toMatchObject({ status: 'ready-for-coding', closedAt: null });
  });
});

describe('amendments obey the same rules (item 4)', () => {
  it('moving the time to one charted late needs the late-entry reason; a later correction of an on-time entry does not', async () => {
    const encounterId = openAt('2026-11-30T17:00:00Z');
    const first = await mustChart(push(encounterId, local('2026-11-30T19:50:00Z'))); // given 14:50, charted 15:00
    setClock('2026-11-30T22:00:00Z'); // two hours later
    const amend = (start: string, extra: Record<string, unknown> = {}) => ({
      administrationId: first.id,
      doseValue: '8',
      doseUnit: 'mg',
      kind: 'push',
      start,
      stop: start,
      site: 'L antecubital 20G',
      rationale: 'Nausea',
      reason: 'Dose transcribed wrongly',
      ...orderFields(),
      ...extra,
    });
    // Moved to 13:59, 61 minutes before it was first charted (15:00): a late entry.
    const before = tables();
    const refused = await actions.amendAdministrationAction(amend('2026-11-30T13:59'));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { lateEntryReason: expect.stringContaining('Charted more than 60 min') } });
    expect(tables()).toEqual(before);
    // The same impossible-time rules as a new entry.
    expect(await actions.amendAdministrationAction(amend('0026-11-30T14:50', { lateEntryReason: 'x late' }))).toMatchObject({ ok: false, fieldErrors: { start: expect.stringContaining('0026') } });
    expect(await actions.amendAdministrationAction(amend('2026-11-30T11:44', { lateEntryReason: 'Charted after a code' }))).toMatchObject({ ok: false, fieldErrors: { start: expect.stringContaining('more than 15 min before') } });
    // Kept at 14:50: corrected 2 hours later, but charted on time the first time.
    expect((await actions.amendAdministrationAction(amend('2026-11-30T14:50'))).ok).toBe(true);
  });

  it('an amendment has its own idempotency key, never the original\'s; its retry answers the first result', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const first = await mustChart(push(encounterId, local('2026-11-30T19:40:00Z')));
    const payload = { administrationId: first.id, doseValue: '8', doseUnit: 'mg', kind: 'push', start: local('2026-11-30T19:40:00Z'), stop: local('2026-11-30T19:40:00Z'), site: 'L AC 20G', rationale: 'Nausea', reason: 'Wrong dose', ...orderFields() };
    const a = await actions.amendAdministrationAction(payload);
    const b = await actions.amendAdministrationAction(payload);
    expect(a).toMatchObject({ ok: true, data: { replayed: false } });
    expect(b).toMatchObject({ ok: true, data: { replayed: true } });
    if (!a.ok || !b.ok) return;
    expect(b.data.id).toBe(a.data.id);
    const keys = getDb().all<{ k: string }>(sql`select idempotency_key as k from administrations where id in (${first.id}, ${a.data.id}) order by id`).map((r) => r.k);
    expect(keys[1]).toBe(payload.idempotencyKey);
    expect(keys[0]).not.toBe(keys[1]);
    expect(count(sql`select count(*) as n from audit_events where event = 'administration.amended' and entity_id = ${String(first.id)}`)).toBe(1);
    expect(count(sql`select count(*) as n from audit_events where event = 'administration.amend-refused' and entity_id = ${String(first.id)}`)).toBe(0);
  });
});

describe('nothing doubles on a retry (item 8)', () => {
  it('the same payload twice: one row, one audit event, the same id', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const payload = push(encounterId, 'now', 'now');
    const before = tables();
    const first = await actions.chartAdministrationAction(payload);
    setClock('2026-11-30T20:03:00Z'); // the retry arrives 3 minutes later: "now" is not re-stamped
    const retry = await actions.chartAdministrationAction(payload);
    expect(first).toMatchObject({ ok: true, data: { replayed: false } });
    expect(retry).toEqual(first.ok ? { ok: true, data: { ...first.data, replayed: true } } : null);
    expect(tables()).toEqual({ administrations: before.administrations + 1, audits: before.audits + 1 });
  });

  it('a concurrent double submit writes one row', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const payload = push(encounterId, local('2026-11-30T19:45:00Z'));
    const before = tables();
    const results = await Promise.all([actions.chartAdministrationAction(payload), actions.chartAdministrationAction(payload), actions.chartAdministrationAction(payload)]);
    const ids = results.map((r) => (r.ok ? r.data.id : null));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).not.toBeNull();
    expect(tables()).toEqual({ administrations: before.administrations + 1, audits: before.audits + 1 });
  });

  it('a key is not reusable by another clinician or for another dose', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const payload = push(encounterId, local('2026-11-30T19:45:00Z'));
    await mustChart(payload);
    session.user = NURSE2;
    expect(await actions.chartAdministrationAction(payload)).toMatchObject({ ok: false, status: 409 });
  });
});

describe('documenting text is visible text; amounts say what is wrong (item 9)', () => {
  const cases: [string, Record<string, unknown>, string, string | RegExp][] = [
    ['zero-width site', { site: '\u200b\u200b' }, 'site', /^Enter the access site/],
    ['blank rationale', { rationale: '  ' }, 'rationale', /^Enter the clinical rationale/],
    ['one letter and a NUL', { site: 'a\u0000' }, 'site', 'Enter the access site: at least 2 visible characters'],
    ['bidi controls only', { rationale: '\u202E\u2066\u2069' }, 'rationale', /^Enter the clinical rationale/],
    ['a too-long site', { site: 'x'.repeat(81) }, 'site', 'At most 80 characters'],
    ['a one-character late-entry reason', { lateEntryReason: 'a\u0000' }, 'lateEntryReason', 'Enter the late-entry reason: at least 2 visible characters'],
    ['a negative dose', { doseValue: '-4' }, 'doseValue', 'The dose must be more than zero'],
    ['a zero dose', { doseValue: '0' }, 'doseValue', 'The dose must be more than zero'],
    ['a word as dose', { doseValue: 'four' }, 'doseValue', /^That is not a dose: "four"/],
    ['an absurd dose', { doseValue: '200000' }, 'doseValue', 'That is not a dose: 200000 mg is far more than any single dose'],
    ['exponent notation', { doseValue: '1e9' }, 'doseValue', /^That is not a dose/],
    ['a negative waste', { wastedValue: '-1' }, 'wastedValue', 'The wasted amount cannot be negative'],
  ];
  it.each(cases)('%s is refused with a field error, nothing written', async (_name, overrides, field, message) => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const before = tables();
    const result = await actions.chartAdministrationAction(push(encounterId, local('2026-11-30T19:45:00Z'), local('2026-11-30T19:45:00Z'), overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[field]).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
    expect(tables()).toEqual(before);
  });

  it('stores the normalised text', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const saved = await mustChart(push(encounterId, 'now', 'now', { site: ' L\u200b  AC\t20G ', rationale: 'Nause\u0301a\u0000' }));
    // NFC composes e + U+0301 into é; the NUL is removed.
    expect(one<{ site: string; rationale: string }>(sql`select site, rationale from administrations where id = ${saved.id}`)).toEqual({ site: 'L AC 20G', rationale: 'Nauséa' });
  });
});

describe('orders, expiry and waste (items 5 and 10)', () => {
  it('the ordering provider must be an active one; the name is a snapshot with the order type, also in the audit event', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const inactive = getDb().get<{ id: number }>(sql`insert into providers (name, credentials, npi, active) values ('Former Doctor', 'MD', '1999999935', 0) returning id`).id;
    for (const id of [inactive, 99999]) {
      const r = await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { orderingProviderId: id }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { orderingProviderId: expect.stringContaining('active provider') } });
    }
    const saved = await mustChart(push(encounterId, 'now', 'now', { orderType: 'verbal' }));
    expect(one(sql`select ordering_provider_id as id, ordering_provider_name as name, order_type as type from administrations where id = ${saved.id}`)).toEqual({ id: 1, name: 'Dana Whitfield, MD', type: 'verbal' });
    const changes = JSON.parse(one<{ c: string }>(sql`select changes as c from audit_events where event = 'administration.charted' and entity_id = ${String(saved.id)}`).c);
    expect(changes).toMatchObject({ orderingProviderName: { new: 'Dana Whitfield, MD' }, orderType: { new: 'verbal' }, idempotencyKey: { new: expect.any(String) } });
  });

  it('an expiry must be a real date; an expired product needs a reason (typed and "now" times alike) and the reason is stored', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    expect(await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { expiry: '2026-02-30' }))).toMatchObject({ ok: false, fieldErrors: { expiry: expect.stringContaining('does not exist') } });
    for (const start of ['now', local('2026-11-30T19:45:00Z')]) {
      const r = await actions.chartAdministrationAction(push(encounterId, start, start, { expiry: '2026-11-29' }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { expiredProductReason: expect.stringContaining('expired on 2026-11-29') } });
    }
    // Expiring today is not expired (the expiry date is the last day of use).
    expect((await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { expiry: '2026-11-30' }))).ok).toBe(true);
    const saved = await mustChart(push(encounterId, 'now', 'now', { expiry: '2026-11-29', expiredProductReason: 'Only vial on the unit, pharmacy informed' }));
    expect(one<{ r: string }>(sql`select expired_product_reason as r from administrations where id = ${saved.id}`).r).toBe('Only vial on the unit, pharmacy informed');
  });

  it('waste is at most the container minus the dose (the charted NDC\'s product, else the drug\'s single-dose vial)', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const vial = one<{ ndc: string }>(sql`select p.ndc10 as ndc from drug_products p join formulary_drugs d on d.id = p.drug_id where d.key = 'ondansetron' and p.container_type = 'single-dose'`).ndc;
    const over = await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { doseValue: '3', wastedValue: '1.5', ndc: vial }));
    expect(over).toMatchObject({ ok: false, fieldErrors: { wastedValue: 'At most 1 mg can be wasted: a 4 mg container minus the 3 mg dose' } });
    expect((await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { doseValue: '3', wastedValue: '1.5' }))).ok).toBe(false);
    expect((await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { doseValue: '3', wastedValue: '1', ndc: vial }))).ok).toBe(true);
    const otherDrug = one<{ ndc: string }>(sql`select p.ndc10 as ndc from drug_products p join formulary_drugs d on d.id = p.drug_id where d.key = 'morphine' limit 1`).ndc;
    expect(await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { doseValue: '3', wastedValue: '1', ndc: otherDrug }))).toMatchObject({ ok: false, fieldErrors: { ndc: 'This vial is morphine, not ondansetron' } });
  });
});

describe('a controlled-substance waste is witnessed by another clinician (item 6)', () => {
  const morphine = (encounterId: number, extra: Record<string, unknown> = {}) =>
    push(encounterId, 'now', 'now', { drugId: drug('morphine'), doseValue: '4', wastedValue: '6', rationale: 'Pain 8/10', ...extra });
  const auditText = () => getDb().all<{ t: string }>(sql`select coalesce(reason, '') || changes as t from audit_events`).map((r) => r.t).join('\n');

  it('without a witness, with a wrong password, with the charting nurse as witness: refused, nothing charted; with the right one: stored', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const before = tables();
    expect(await actions.chartAdministrationAction(morphine(encounterId))).toMatchObject({ ok: false, fieldErrors: { witnessEmail: expect.stringContaining('must witness') } });
    expect(await actions.chartAdministrationAction(morphine(encounterId, { witnessEmail: 'nurse2@pushchart.test' }))).toMatchObject({ ok: false, fieldErrors: { witnessPassword: expect.any(String) } });
    const wrong = await actions.chartAdministrationAction(morphine(encounterId, { witnessEmail: 'nurse2@pushchart.test', witnessPassword: 'not-her-password-1' }));
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { witnessPassword: expect.stringContaining('(4 tries left') } });
    const self = await actions.chartAdministrationAction(morphine(encounterId, { witnessEmail: 'NURSE@pushchart.test', witnessPassword: 'pushchart-demo' }));
    expect(self).toMatchObject({ ok: false, fieldErrors: { witnessEmail: expect.stringContaining('another clinician') } });
    const coder = await actions.chartAdministrationAction(morphine(encounterId, { witnessEmail: 'coder@pushchart.test', witnessPassword: 'pushchart-demo' }));
    // The right password of someone who may not witness answers exactly like a wrong one: no oracle.
    expect(coder).toMatchObject({ ok: false, fieldErrors: { witnessPassword: expect.stringContaining(WITNESS_WRONG_MESSAGE) } });
    const coderGuess = await actions.chartAdministrationAction(morphine(encounterId, { witnessEmail: 'coder@pushchart.test', witnessPassword: 'a-wrong-guess-9' }));
    expect(Object.values(coderGuess.ok ? {} : coderGuess.fieldErrors)[0]?.replace(/\(\d tr.*$/, '')).toBe(Object.values(coder.ok ? {} : coder.fieldErrors)[0]?.replace(/\(\d tr.*$/, ''));
    expect(tables()).toEqual(before);
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.witness-failed' and entity_id = 'nurse2@pushchart.test' and actor_id = 'u-nurse'`)).toBe(1);

    const saved = await mustChart(morphine(encounterId, { witnessEmail: 'nurse2@pushchart.test', witnessPassword: 'pushchart-demo' }));
    expect(one(sql`select witness_id as id, witness_name as name, witness_credentials as cr, witnessed_at as at, wasted_value as w from administrations where id = ${saved.id}`)).toEqual({
      id: 'u-nurse2',
      name: 'Tomás Reyes',
      cr: 'RN',
      at: Date.parse('2026-11-30T20:00:00Z'),
      w: '6',
    });
    const changes = JSON.parse(one<{ c: string }>(sql`select changes as c from audit_events where event = 'administration.charted' and entity_id = ${String(saved.id)}`).c);
    expect(changes).toMatchObject({ witnessName: { new: 'Tomás Reyes' }, witnessCredentials: { new: 'RN' }, witnessedAt: { new: '2026-11-30T20:00:00.000Z' } });
    expect(auditText()).not.toMatch(/pushchart-demo|not-her-password-1/);
  });

  it('a waste over the container is refused before the witness is asked; a non-controlled waste needs no witness', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const attempts = () => count(sql`select count(*) as n from auth_attempts where email = 'nurse2@pushchart.test'`);
    const before = attempts();
    const over = await actions.chartAdministrationAction(morphine(encounterId, { wastedValue: '6.5', witnessEmail: 'nurse2@pushchart.test', witnessPassword: 'wrong-wrong-wrong' }));
    expect(over).toMatchObject({ ok: false, fieldErrors: { wastedValue: 'At most 6 mg can be wasted: a 10 mg container minus the 4 mg dose' } });
    expect(attempts()).toBe(before); // no password was tried
    expect((await actions.chartAdministrationAction(push(encounterId, 'now', 'now', { doseValue: '3', wastedValue: '1' }))).ok).toBe(true);
  });

  it('5 wrong witness passwords in 15 minutes for that account refuse further tries, even the right one; the window passing lets it sign', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    setClock('2026-11-30T21:00:00Z'); // past the first test's window
    const witnessAs = (password: string) => actions.chartAdministrationAction(morphine(encounterId, { witnessEmail: 'nurse2@pushchart.test', witnessPassword: password }));
    for (let i = 1; i <= 5; i++) {
      const r = await witnessAs(`guess-${i}`);
      expect(r).toMatchObject({ ok: false, fieldErrors: { witnessPassword: expect.stringContaining(`(${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left`) } });
    }
    expect(await witnessAs('pushchart-demo')).toMatchObject({ ok: false, fieldErrors: { witnessPassword: expect.stringContaining('Too many wrong passwords for this witness') } });
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.witness-refused' and entity_id = 'nurse2@pushchart.test'`)).toBe(1);
    // The witness's own re-authentication count is untouched: their sessions are never ended by a colleague's tries.
    expect(count(sql`select count(*) as n from audit_events where event = 'auth.sessions-ended'`)).toBe(0);
    setClock('2026-11-30T21:16:00Z');
    expect((await witnessAs('pushchart-demo')).ok).toBe(true);
  });

  it('a witness must work at the encounter\'s facility', async () => {
    const office = openEncounter(3, 2, 'u-nurse', new Date('2026-11-30T19:30:00Z'));
    if (!office.ok) throw new Error('open failed');
    const r = await actions.chartAdministrationAction(morphine(office.data.id, { witnessEmail: 'nurse2@pushchart.test', witnessPassword: 'pushchart-demo' }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { witnessPassword: expect.stringContaining(WITNESS_WRONG_MESSAGE) } });
  });

  it('an amendment keeps the witness when the waste is unchanged, and needs a new one when it changes', async () => {
    const encounterId = openAt('2026-11-30T19:30:00Z');
    const saved = await mustChart(morphine(encounterId, { witnessEmail: 'nurse2@pushchart.test', witnessPassword: 'pushchart-demo' }));
    const start = toLocalInput(new Date(saved.startAt), NY);
    const amend = (extra: Record<string, unknown>) =>
      actions.amendAdministrationAction({ administrationId: saved.id, doseValue: '4', doseUnit: 'mg', kind: 'push', start, stop: start, site: 'R AC 20G', rationale: 'Pain 8/10', wastedValue: '6', reason: 'Wrong arm', ...orderFields(), ...extra });
    const kept = await amend({});
    expect(kept.ok).toBe(true);
    if (!kept.ok) return;
    expect(one<{ w: string }>(sql`select witness_name as w from administrations where id = ${kept.data.id}`).w).toBe('Tomás Reyes');
    const changed = await actions.amendAdministrationAction({ administrationId: kept.data.id, doseValue: '5', doseUnit: 'mg', kind: 'push', start, stop: start, site: 'R AC 20G', rationale: 'Pain 8/10', wastedValue: '5', reason: 'Dose was 5 mg', ...orderFields() });
    expect(changed).toMatchObject({ ok: false, fieldErrors: { witnessEmail: expect.stringContaining('must witness') } });
  });
});

it('the helper-made times are read in the facility zone', () => {
  expect(fromLocalInput(local('2026-11-30T20:00:00Z'), NY)?.toISOString()).toBe('2026-11-30T20:00:00.000Z');
});
