// The charting answer carries the encounter's chart version after the write
// (issue 16 fresh-user F2): the screen that saved compares it with what it
// shows and reloads when a colleague charted, corrected or marked an entry in
// error meanwhile. It must be exactly lib/chart-version.ts over the rows the
// page lists (db/encounters.ts listAdministrations).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PROVIDER_ID } from '@/test/charting-payload';

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-chart-version-')), 'chart-version.db');

const { startUp } = await import('@/server/start-up');
const { chartAdministration } = await import('./administrations');
const { amendAdministration, markEnteredInError } = await import('./corrections');
const { getDb } = await import('./client');
const { listAdministrations, openEncounter } = await import('./encounters');
const { getActiveUser } = await import('./users');
const { administrationSchema, amendmentSchema } = await import('@/lib/administration-schema');
const { chartVersion } = await import('@/lib/chart-version');
const { toLocalInput } = await import('@/lib/time');
const { sql } = await import('drizzle-orm');

startUp();
const nora = getActiveUser('u-nurse')!;
const tomas = getActiveUser('u-nurse2')!;
const drug = (key: string) => getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = ${key}`).id;
const order = { orderingProviderId: DEMO_PROVIDER_ID, orderType: 'written' };

function chart(encounterId: number, by: typeof nora, idempotencyKey = randomUUID()) {
  const input = administrationSchema.parse({
    encounterId, drugId: drug('ondansetron'), doseValue: '4', doseUnit: 'mg', kind: 'push', start: 'now', stop: 'now',
    site: 'L antecubital 20G', rationale: 'Nausea', idempotencyKey, ...order,
  });
  const result = chartAdministration(input, by, new Date());
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

describe('the chart version in the charting answer', () => {
  it('is the version of the chart the page would list, after each kind of change by anyone', () => {
    const opened = openEncounter(2, 1, nora.id, new Date(Date.now() - 60 * 60_000));
    if (!opened.ok) throw new Error('could not open an encounter');
    const id = opened.data.id;
    const listed = () => chartVersion(listAdministrations(id));

    const first = chart(id, nora);
    expect(first.chartVersion).toBe(listed());
    expect(first.chartVersion).toBe(`1:${first.id}:0`);

    // Tomás charts on the same encounter: Nora's next answer is two entries further on than her screen + her dose.
    const his = chart(id, tomas);
    const second = chart(id, nora);
    expect(second.chartVersion).toBe(listed());
    expect(second.chartVersion).not.toBe(chartVersion([...listAdministrations(id).filter((r) => r.id !== his.id)]));

    // A correction (a new version) and an entry in error change it too.
    const t = toLocalInput(new Date(Date.now() - 5 * 60_000), 'America/New_York');
    const amended = amendAdministration(
      amendmentSchema.parse({ administrationId: his.id, doseValue: '8', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'R AC', rationale: 'Nausea', reason: 'Wrong site charted', idempotencyKey: randomUUID(), ...order }),
      tomas,
      new Date(),
    );
    expect(amended.ok).toBe(true);
    expect(markEnteredInError(first.id, 'Charted on the wrong patient', nora, new Date()).ok).toBe(true);
    const third = chart(id, nora);
    expect(third.chartVersion).toBe(listed());
    expect(third.chartVersion).toMatch(/^5:\d+:1$/);

    // A repeated submission answers with the version as it is now.
    const key = randomUUID();
    chart(id, nora, key);
    chart(id, tomas);
    expect(chart(id, nora, key).chartVersion).toBe(listed());
  });
});
