import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-coding-')), 'coding.db');

const { getDb } = await import('./client');
const { startUp } = await import('@/server/start-up');
const { codingQueue, codeStoredEncounter, recordOverride, markCoded, summaryCounts, raiseQuery, answerQuery, closeQuery, changesSinceCoded, QUEUE_PAGE_SIZE } = await import('./coding');
const { seedVolume } = await import('./volume-seed');
const { amendAdministration, markEnteredInError } = await import('./corrections');
const { asc, eq, sql } = await import('drizzle-orm');
const schemaTables = await import('./schema');
const { administrations } = schemaTables;
const { blockingItems } = await import('@/lib/coding-confirmations');
const { amendmentSchema } = await import('@/lib/administration-schema');

const CODER: SessionUser = { id: 'u-coder', name: 'Casey Morgan', email: 'coder@pushchart.test', credentials: 'CPC', role: 'coder', facilityIds: [1, 2] };
const NURSE: SessionUser = { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] };
const NOW = new Date('2026-11-26T15:00:00Z');
const GENERATED = 3_000;

beforeAll(() => {
  startUp(); // migrates and seeds the demo data
  const db = getDb();
  seedVolume(db.$client, GENERATED, { seed: 7 });
}, 120_000); // 3,000 encounters coded as the review codes them: tens of seconds on a loaded 2-core machine

describe('coder queue over a few thousand encounters', () => {
  const count = (where: string) => getDb().get<{ n: number }>(sql.raw(`select count(*) as n from encounters where ${where}`)).n;

  it('pages through every ready-for-coding encounter exactly once, newest first', () => {
    const expected = count("status = 'ready-for-coding'");
    expect(expected).toBeGreaterThan(QUEUE_PAGE_SIZE * 3);
    const seen = new Set<number>();
    let previous = Infinity;
    for (let page = 1; ; page++) {
      const { rows, total } = codingQueue({ scope: CODER.facilityIds, status: 'ready-for-coding', sort: 'opened-desc', page });
      expect(total).toBe(expected);
      if (rows.length === 0) break;
      expect(rows.length).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
      for (const r of rows) {
        expect(r.status).toBe('ready-for-coding');
        expect(r.openedAt.getTime()).toBeLessThanOrEqual(previous);
        previous = r.openedAt.getTime();
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
    }
    expect(seen.size).toBe(expected);
  });

  it('filters by facility, date range, warnings and open queries', () => {
    const byFacility = codingQueue({ scope: CODER.facilityIds, status: 'any', facilityId: 2, sort: 'opened-asc', page: 1 });
    expect(byFacility.total).toBe(count('facility_id = 2'));
    expect(byFacility.rows.every((r) => r.facility === 'Maple Street Family Practice')).toBe(true);

    const ranged = codingQueue({ scope: CODER.facilityIds, status: 'coded', from: '2025-03-01', to: '2025-03-31', sort: 'opened-asc', page: 1 });
    expect(ranged.total).toBe(count(`status = 'coded' and opened_at >= ${Date.UTC(2025, 2, 1)} and opened_at <= ${Date.UTC(2025, 2, 31, 23, 59, 59, 999)}`));
    expect(ranged.rows.every((r) => r.openedAt >= new Date('2025-03-01') && r.openedAt < new Date('2025-04-01'))).toBe(true);

    const warned = codingQueue({ scope: CODER.facilityIds, status: 'any', hasWarnings: true, sort: 'warnings-desc', page: 1 });
    expect(warned.total).toBe(count('warning_count + gap_count > 0'));
    expect(warned.total).toBeGreaterThan(0);
    const weights = warned.rows.map((r) => r.warningCount + r.gapCount);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));

    const queried = codingQueue({ scope: CODER.facilityIds, status: 'any', hasOpenQuery: true, sort: 'opened-desc', page: 1 });
    expect(queried.total).toBe(count("query_state in ('open', 'answered')"));
    expect(queried.rows.every((r) => r.queryState !== 'none')).toBe(true);
  });

  it('uses an index for the default queue page, never a full scan of encounters', () => {
    const plan = getDb()
      .$client.prepare("explain query plan select id from encounters where status = 'ready-for-coding' order by opened_at desc, id desc limit 50")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX encounters_status/);
  });
});

describe('review, decisions and coded status', () => {
  it('suggests 96374 + 96376 + J2405 × 8 for the demo ED encounter', () => {
    const coded = codeStoredEncounter(1)!;
    expect(coded.working.lines.map((l) => `${l.code}x${l.units}`)).toEqual(['96374x1', '96376x1', expect.stringMatching(/^J2405x8$/)]);
  });

  it('an override needs the line to exist, is replayed, and is shown with the engine suggestion', () => {
    const line = codeStoredEncounter(1)!.working.lines.find((l) => l.code === 'J2405')!;
    expect(recordOverride(1, { op: 'change', lineKey: 'nope', value: { code: 'J2405', units: 1, modifiers: [] }, reason: 'x' }, CODER, NOW).ok).toBe(false);
    expect(recordOverride(1, { op: 'change', lineKey: line.key, value: { code: 'J2405', units: 8, modifiers: [] }, reason: 'Ondansetron packaged under OPPS: no JZ' }, CODER, NOW).ok).toBe(true);
    const after = codeStoredEncounter(1)!.working.lines.find((l) => l.code === 'J2405')!;
    expect(after).toMatchObject({ source: 'override', modifiers: [], overrideReason: 'Ondansetron packaged under OPPS: no JZ', engine: { code: 'J2405', units: 8, modifiers: line.modifiers } });
  });

  it('removing the primary leaves an orphan add-on that blocks Mark coded', () => {
    const initial = codeStoredEncounter(1)!.working.lines.find((l) => l.code === '96374')!;
    expect(recordOverride(1, { op: 'remove', lineKey: initial.key, reason: 'testing integrity' }, CODER, NOW).ok).toBe(true);
    expect(codeStoredEncounter(1)!.working.problems.map((p) => p.code)).toEqual(['96376']);
    const refused = markCoded(1, CODER, NOW);
    expect(refused.ok === false && refused.formError).toMatch(/96376 is an add-on/);
    expect(recordOverride(1, { op: 'accept-all' }, CODER, NOW).ok).toBe(true);
    expect(codeStoredEncounter(1)!.working.problems).toEqual([]);
  });

  it("the queue's Warnings follows a coder's decision, not only chart changes", () => {
    const stored = () => getDb().select({ n: schemaTables.encounters.warningCount }).from(schemaTables.encounters).where(eq(schemaTables.encounters.id, 1)).get()!.n;
    const shown = () => {
      const coded = codeStoredEncounter(1)!;
      return summaryCounts(coded.result, coded.confirmations).warningCount;
    };
    const before = stored();
    const initial = codeStoredEncounter(1)!.working.lines.find((l) => l.code === '96374')!;
    expect(recordOverride(1, { op: 'remove', lineKey: initial.key, reason: 'testing the count' }, CODER, NOW).ok).toBe(true);
    expect(stored()).toBe(shown());
    expect(stored()).not.toBe(before);
    expect(recordOverride(1, { op: 'accept-all' }, CODER, NOW).ok).toBe(true);
    expect(stored()).toBe(shown());
  });

  it('a query must be answered and closed before coding; the state follows', () => {
    const q = raiseQuery(1, 1, 'Was the second dose given for persistent nausea?', CODER, NOW);
    expect(q.ok).toBe(true);
    const queryId = q.ok ? q.data.id : 0;
    expect(getDb().get<{ s: string }>(sql`select query_state as s from encounters where id = 1`).s).toBe('open');
    expect(markCoded(1, CODER, NOW).ok).toBe(false);
    expect(closeQuery(queryId, CODER, NOW).ok).toBe(false); // not answered yet
    expect(answerQuery(queryId, 'Yes, nausea persisted at 10:45.', NURSE, NOW).ok).toBe(true);
    expect(closeQuery(queryId, CODER, NOW).ok).toBe(true);
    expect(getDb().get<{ s: string }>(sql`select query_state as s from encounters where id = 1`).s).toBe('none');
  });

  it('a placeholder NDC on the drug line: refused without a reason (nothing changes), coded with one, and the reason audited', () => {
    const items = codeStoredEncounter(1)!.confirmations;
    expect(items.map((i) => i.kind)).toEqual(['placeholder-ndc']);
    const auditCount = () => getDb().get<{ n: number }>(sql`select count(*) as n from audit_events where event = 'coding.marked-coded' and encounter_id = 1`).n;
    const before = auditCount();
    const refused = markCoded(1, CODER, NOW);
    expect(refused.ok === false && refused.fieldErrors.reason).toMatch(/reason for coding with this item unresolved/);
    expect(refused.ok === false && refused.formError).toContain('is a placeholder, not a real package');
    // A reason given against a list that no longer matches the chart is refused too.
    const unseen = markCoded(1, CODER, NOW, { reason: 'Site has no real NDCs yet', seenKeys: [] });
    expect(unseen.ok === false && unseen.fieldErrors.reason).toMatch(/chart changed/);
    expect(getDb().get<{ s: string }>(sql`select status as s from encounters where id = 1`).s).toBe('ready-for-coding');
    expect(getDb().get<{ n: number }>(sql`select count(*) as n from coding_results where encounter_id = 1`).n).toBe(0);
    expect(auditCount()).toBe(before);
  });

  it('marks coded with frozen lines; a later correction sends it back and shows what changed', () => {
    const seenKeys = codeStoredEncounter(1)!.confirmations.map((i) => i.key);
    const coded = markCoded(1, CODER, NOW, { reason: 'Billing replaces the demo NDC from the pharmacy record', seenKeys });
    expect(coded.ok).toBe(true);
    const audit = getDb().get<{ reason: string; changes: string }>(sql`select reason, changes from audit_events where event = 'coding.marked-coded' and encounter_id = 1 order by id desc limit 1`);
    expect(audit.reason).toBe('Billing replaces the demo NDC from the pharmacy record');
    expect(JSON.parse(audit.changes).confirmed.new).toEqual([expect.stringMatching(/^J2405: NDC 99999-\d{4}-01 is a placeholder/)]);
    expect(getDb().get<{ s: string }>(sql`select status as s from encounters where id = 1`).s).toBe('coded');
    const frozen = getDb().get<{ lines: string; engine_version: string }>(sql`select lines, engine_version from coding_results where encounter_id = 1`);
    expect(JSON.parse(frozen.lines).map((l: { code: string }) => l.code)).toEqual(['96374', '96376', 'J2405']);

    const second = getDb().get<{ id: number }>(sql`select max(id) as id from administrations where encounter_id = 1`).id;
    expect(markEnteredInError(second, 'Second dose was charted twice by mistake', NURSE, NOW).ok).toBe(true);
    expect(getDb().get<{ s: string }>(sql`select status as s from encounters where id = 1`).s).toBe('ready-for-coding');
    const now = codeStoredEncounter(1)!;
    const diff = changesSinceCoded(1, now.working.lines)!;
    expect(diff.removed.map((l) => l.code)).toEqual(['96376']);
    expect(diff.changed.map((c) => `${c.before.code}:${c.before.units}->${c.after.units}`)).toEqual(['J2405:8->4']);
    expect(getDb().get<{ n: number }>(sql`select count(*) as n from coding_results where encounter_id = 1`).n).toBe(1); // history kept
  });

  it('the coder cannot amend clinical entries (ownership), and coder decisions are append-only', () => {
    const first = getDb().get<{ id: number }>(sql`select min(id) as id from administrations where encounter_id = 1`).id;
    const t = '2026-03-02T10:00';
    const input = amendmentSchema.parse({ administrationId: first, doseValue: '8', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC', rationale: 'Nausea', reason: 'coder edit', ...orderFields() });
    const refused = amendAdministration(input, CODER, NOW);
    expect(refused.ok).toBe(false);
    expect(() => getDb().$client.prepare('delete from coding_overrides').run()).toThrow(/append-only/);
    expect(() => getDb().$client.prepare('update coding_results set lines = ?').run('[]')).toThrow(/append-only/);
  });

  it('an error-level warning blocks Mark coded even with a reason, until the chart is fixed', () => {
    // An infusion charted without its stop time (R-DOC-STOP… error: infusion codes need start and stop).
    const dose = getDb().select().from(administrations).where(eq(administrations.encounterId, 1)).orderBy(asc(administrations.id)).get()!;
    const copy: Partial<typeof dose> = { ...dose };
    delete copy.id;
    delete copy.idempotencyKey;
    const infusion = getDb()
      .insert(administrations)
      .values({ ...(copy as Omit<typeof dose, 'id' | 'idempotencyKey'>), kind: 'infusion', stopAt: null, stopMissingReason: 'Infusion still running at handover', startAt: new Date(dose.startAt.getTime() + 90 * 60_000) })
      .returning({ id: administrations.id })
      .get();
    const items = codeStoredEncounter(1)!.confirmations;
    expect(items[0]).toMatchObject({ kind: 'engine-error', level: 'block', administrationIds: [String(infusion.id)] });
    const refused = markCoded(1, CODER, NOW, { reason: 'Billing replaces the demo NDC', seenKeys: items.map((i) => i.key) });
    expect(refused.ok === false && refused.formError).toMatch(/^Not coded: fix this error first.*no stop time/);
    expect(getDb().get<{ s: string }>(sql`select status as s from encounters where id = 1`).s).toBe('ready-for-coding');
    expect(markEnteredInError(infusion.id, 'Charted on the wrong patient', NURSE, NOW).ok).toBe(true);
    expect(blockingItems(codeStoredEncounter(1)!.confirmations)).toEqual([]);
    expect(markCoded(1, CODER, NOW, { reason: 'Billing replaces the demo NDC' }).ok).toBe(true);
  });
});

describe('Mark coded over a corrected chart (issue 15 fresh-coder faults)', () => {
  const { encounters } = schemaTables;
  /** A copy of the demo ED encounter (signed, ready for coding) with its two ondansetron pushes; the first on a verbal order. */
  function copyOfDemo(): { encounterId: number; first: number; second: number } {
    const db = getDb();
    const source = db.select().from(encounters).where(eq(encounters.id, 1)).get()!;
    const rest: Partial<typeof source> = { ...source };
    delete rest.id;
    const encounterId = db.insert(encounters).values({ ...(rest as Omit<typeof source, 'id'>), status: 'ready-for-coding' }).returning({ id: encounters.id }).get().id;
    const doses = db.select().from(administrations).where(eq(administrations.encounterId, 1)).orderBy(asc(administrations.id)).all().slice(0, 2);
    const [first, second] = doses.map((d, i) => {
      const copy: Partial<typeof d> = { ...d };
      delete copy.id;
      delete copy.idempotencyKey;
      return db.insert(administrations).values({ ...(copy as Omit<typeof d, 'id' | 'idempotencyKey'>), encounterId, amendsId: null, orderType: i === 0 ? 'verbal' : 'written' }).returning({ id: administrations.id }).get().id;
    });
    return { encounterId, first: first!, second: second! };
  }
  /** A correction of `id` as the corrections module stores it: a new row naming the version it replaces. */
  function amend(id: number, change: Partial<typeof administrations.$inferInsert>): number {
    const db = getDb();
    const found = db.select().from(administrations).where(eq(administrations.id, id)).get()!;
    const row: Partial<typeof found> = { ...found };
    delete row.id;
    delete row.idempotencyKey;
    return db.insert(administrations).values({ ...(row as Omit<typeof found, 'id' | 'idempotencyKey'>), ...change, amendsId: id, correctionReason: 'Correction', chartedAt: new Date(found.chartedAt.getTime() + 6 * 86_400_000) }).returning({ id: administrations.id }).get().id;
  }

  it('a corrected site keeps every decision; a corrected dose lapses only the drug line decision, which Mark coded lists with the verbal order and the server audits', () => {
    const { encounterId, second } = copyOfDemo();
    const lines = codeStoredEncounter(encounterId)!.working.lines;
    const drug = lines.find((l) => l.code === 'J2405')!;
    const addOn = lines.find((l) => l.code === '96376')!;
    expect(recordOverride(encounterId, { op: 'change', lineKey: drug.key, value: { code: 'J2405', units: drug.units, modifiers: ['JZ'] }, reason: 'Payer wants JZ' }, CODER, NOW).ok).toBe(true);
    expect(recordOverride(encounterId, { op: 'change', lineKey: addOn.key, value: { code: '96376', units: 1, modifiers: ['59'] }, reason: 'Separate IV site' }, CODER, NOW).ok).toBe(true);

    const siteFixed = amend(second, { site: 'R hand 22G' });
    const afterSite = codeStoredEncounter(encounterId)!;
    expect(afterSite.working.lapsed).toEqual([]);
    expect(afterSite.working.lines.map((l) => `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''}`)).toEqual(['96374', '96376-59', 'J2405-JZ']);
    // Six days later is a correction, not a late charting.
    expect(afterSite.result.warnings.map((w) => w.rule)).not.toContain('R-DOC-LATE-ENTRY');

    amend(siteFixed, { doseValue: '8' });
    const coded = codeStoredEncounter(encounterId)!;
    expect(coded.working.lapsed.map((d) => d.message)).toEqual([`Your JZ on J2405 was made against ${drug.units} units; the chart now gives ${drug.units + 4}.`]);
    expect(coded.working.lines.find((l) => l.code === '96376')!.modifiers).toEqual(['59']);
    expect(coded.confirmations.map((i) => i.kind)).toEqual(['placeholder-ndc', 'lapsed-decision', 'order-awaiting-cosign']);

    const withoutReason = markCoded(encounterId, CODER, NOW);
    expect(withoutReason.ok === false && withoutReason.formError).toContain('Your JZ on J2405 was made against');
    expect(withoutReason.ok === false && withoutReason.formError).toContain("still awaits the provider's co-signature");
    const ok = markCoded(encounterId, CODER, NOW, { reason: 'Payer confirmed by phone; co-signature requested', seenKeys: coded.confirmations.map((i) => i.key) });
    expect(ok.ok).toBe(true);
    const audit = getDb().get<{ reason: string; changes: string }>(sql`select reason, changes from audit_events where event = 'coding.marked-coded' and encounter_id = ${encounterId}`);
    expect(audit.reason).toBe('Payer confirmed by phone; co-signature requested');
    expect(JSON.parse(audit.changes).confirmed.new).toEqual(coded.confirmations.map((i) => i.message));
  });
});
