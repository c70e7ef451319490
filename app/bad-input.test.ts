// Issue 11: arbitrary payloads at the charting, amendment, sign, query and
// coder-line actions never fail with a server error (a thrown exception is an
// HTTP 500), and a refused payload leaves every clinical table byte-identical.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toLocalInput } from '@/lib/time';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  reauthenticate: async (_user: unknown, password: unknown) =>
    password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' },
}));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-bad-input-')), 'bad-input.db');

const encounterActions = await import('./encounters/[id]/actions');
const codingActions = await import('./coding/actions');
const patientActions = await import('./patients/actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { sql } = await import('drizzle-orm');

const NURSE: SessionUser = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] };
const CODER: SessionUser = { id: 'u-coder', name: 'Casey Morgan', email: 'coder@pushchart.test', credentials: 'CPC', role: 'coder', facilityIds: [1, 2] };

/** Every table of the clinical record and of coding: the audit trail is left out on purpose (refusals are audited). */
const CLINICAL_TABLES = ['patients', 'encounters', 'administrations', 'administration_voids', 'encounter_addenda', 'coder_queries', 'coding_overrides', 'coding_results', 'formulary_drugs', 'drug_hcpcs_codes', 'drug_products', 'users', 'user_facilities', 'facilities'];

/** SHA-256 over every row of every clinical table, in rowid order. */
function clinicalHash(): string {
  const hash = createHash('sha256');
  for (const table of CLINICAL_TABLES) {
    hash.update(table);
    for (const row of getDb().$client.prepare(`select * from ${table} order by rowid`).raw().all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const NY = 'America/New_York';
// Within 15 minutes before the test encounters were opened (issue 12 item 4).
const recent = () => toLocalInput(new Date(Date.now() - 10 * 60_000), NY);

let encounterId = 0; // open, charted by the nurse
let administrationId = 0;
let reviewId = 0; // signed, ready for coding
let reviewDoseId = 0;
let queryId = 0;

beforeAll(async () => {
  session.user = NURSE;
  const drugId = getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;
  const open = async () => {
    const r = await patientActions.openEncounterAction({ patientId: 2, facilityId: 1 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.data.id;
  };
  const chart = async (id: number) => {
    const t = recent();
    const r = await encounterActions.chartAdministrationAction({ encounterId: id, drugId, doseValue: '4', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', ...orderFields() });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.data.id;
  };
  encounterId = await open();
  administrationId = await chart(encounterId);
  reviewId = await open();
  reviewDoseId = await chart(reviewId);
  const version = getDb().get<{ n: number; m: number }>(sql`select count(*) as n, max(id) as m from administrations where encounter_id = ${reviewId}`);
  const signed = await encounterActions.signAndSendAction({ encounterId: reviewId, password: 'pushchart-demo', chartVersion: `${version.n}:${version.m}:0` });
  if (!signed.ok) throw new Error(JSON.stringify(signed));
  session.user = CODER;
  const q = await codingActions.raiseQueryAction({ encounterId: reviewId, administrationId: reviewDoseId, question: 'Which site was used?' });
  if (!q.ok) throw new Error(JSON.stringify(q));
  queryId = q.data.id;
});

/** Values that have broken parsers before: coerced ids, odd numbers, odd text. */
const nasty = fc.oneof(
  fc.constantFrom(true, false, null, undefined, [2], [], {}, '0x2', ' 2 ', '2.0', '1e3', '-1', 0, -1, 1.5, Number.NaN, Infinity, 1e308, 2 ** 53, '9'.repeat(40), '', ' ', '\u0000', '<script>alert(1)</script>', "'; drop table patients; --", '2026-02-30T10:00', '0026-03-02T10:00', 'Infinity'),
  fc.anything(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** A valid payload with some of its fields replaced by hostile values (or dropped, or joined by extra keys). */
function mutated(valid: () => Record<string, unknown>) {
  return fc
    .tuple(fc.uniqueArray(fc.constantFrom(...Object.keys(valid())), { minLength: 1 }), fc.array(nasty, { minLength: 8, maxLength: 8 }), fc.boolean(), fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 2 }))
    .map(([keys, values, drop, extra]) => {
      const payload: Record<string, unknown> = { ...extra, ...valid() };
      keys.forEach((key, i) => {
        if (drop && i === 0) delete payload[key];
        else payload[key] = values[i % values.length];
      });
      return payload;
    });
}

/** Whole payloads that are not even objects, and objects of garbage. */
const garbage = fc.oneof(fc.anything(), fc.object(), nasty);

interface Target {
  name: string;
  as: () => SessionUser;
  run: (payload: unknown) => Promise<{ ok: boolean }>;
  valid: () => Record<string, unknown>;
}

const targets: Target[] = [
  {
    name: 'chart a dose',
    as: () => NURSE,
    run: (p) => encounterActions.chartAdministrationAction(p),
    valid: () => {
      const t = recent();
      const drugId = getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;
      return { encounterId, drugId, doseValue: '4', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', ...orderFields() };
    },
  },
  {
    name: 'amend a dose',
    as: () => NURSE,
    run: (p) => encounterActions.amendAdministrationAction(p),
    valid: () => {
      const t = recent();
      return { administrationId, doseValue: '8', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', reason: 'Dose transcribed wrongly', ...orderFields() };
    },
  },
  {
    name: 'sign and send',
    as: () => NURSE,
    run: (p) => encounterActions.signAndSendAction(p),
    valid: () => ({ encounterId, password: 'pushchart-demo', chartVersion: '0:0:0' }),
  },
  {
    name: 'raise a query',
    as: () => CODER,
    run: (p) => codingActions.raiseQueryAction(p),
    valid: () => ({ encounterId: reviewId, administrationId: reviewDoseId, question: 'Which site was used?' }),
  },
  { name: 'answer a query', as: () => NURSE, run: (p) => encounterActions.answerQueryAction(p), valid: () => ({ queryId, answer: 'Left antecubital' }) },
  {
    name: 'add a coder line',
    as: () => CODER,
    run: (p) => codingActions.addLineAction(p),
    valid: () => ({ encounterId: reviewId, kind: 'cpt', code: '96375', units: 1, modifiers: '', administrationIds: [String(reviewDoseId)], reason: 'Second push documented' }),
  },
  {
    name: 'change a coder line',
    as: () => CODER,
    run: (p) => codingActions.changeLineAction(p),
    valid: () => ({ encounterId: reviewId, lineKey: 'cpt:96374::1', code: '96374', units: 1, modifiers: '', reason: 'Checked' }),
  },
  {
    name: 'choose the initial service',
    as: () => CODER,
    run: (p) => codingActions.chooseInitialAction(p),
    valid: () => ({ encounterId: reviewId, administrationId: String(reviewDoseId), reason: 'Office initial service' }),
  },
];

describe('hostile payloads at the action boundary', () => {
  for (const target of targets) {
    it(`${target.name}: never a server error; a refusal changes no clinical table`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: mutated(target.valid) }, { weight: 1, arbitrary: garbage }), async (payload) => {
          session.user = target.as();
          const before = clinicalHash();
          const result = await target.run(payload); // a throw fails the property: that would be a 500
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(clinicalHash()).toBe(before);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('the ids that used to be coerced are refused, field by field', async () => {
    session.user = NURSE;
    for (const bad of [true, [2], '0x2', ' 2 ', '2.0', 0, -3]) {
      const before = clinicalHash();
      const result = await encounterActions.chartAdministrationAction({ ...targets[0]!.valid(), drugId: bad });
      expect(result).toMatchObject({ ok: false, fieldErrors: { drugId: 'Pick a drug from the formulary' } });
      expect(clinicalHash()).toBe(before);
    }
  });

  it('a dose of another encounter cannot be cited by a query, an added line or an initial-service choice', async () => {
    session.user = CODER;
    const before = clinicalHash();
    // administrationId belongs to the open encounter, not to the one under review.
    expect(await codingActions.raiseQueryAction({ encounterId: reviewId, administrationId, question: 'About that other dose?' })).toMatchObject({ ok: false, fieldErrors: { administrationId: 'That dose is not part of this encounter' } });
    expect(await codingActions.addLineAction({ encounterId: reviewId, kind: 'cpt', code: '96375', units: 1, modifiers: '', administrationIds: [String(administrationId)], reason: 'Borrowed dose' })).toMatchObject({ ok: false });
    expect(await codingActions.chooseInitialAction({ encounterId: reviewId, administrationId: String(administrationId), reason: 'Borrowed dose' })).toMatchObject({ ok: false });
    expect(clinicalHash()).toBe(before);
  });
});
