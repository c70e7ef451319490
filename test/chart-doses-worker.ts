// Charts IV pushes through the db functions in a process of its own, as the
// server would, so a test can back up or restore the file while it writes.
//   DATABASE_PATH=… tsx --conditions=react-server test/chart-doses-worker.ts
// Prints "ready" after start-up (migrate, seed), then "ack <administration id>"
// after each dose's transaction committed, back to back, until it is killed.
// A refused dose prints "refused <json>" and stops the worker (exit 1).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { chartAdministration } from '@/db/administrations';
import { getDb } from '@/db/client';
import { openEncounter } from '@/db/encounters';
import { getActiveUser } from '@/db/users';
import { administrationSchema } from '@/lib/administration-schema';
import { startUp } from '@/server/start-up';
import { DEMO_PROVIDER_ID } from './charting-payload';

startUp();
const nurse = getActiveUser('u-nurse');
if (!nurse) throw new Error('demo nurse missing');
const ondansetron = getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;
// A few encounters of Okafor (ED), so no one chart grows very long.
const encounterIds = [0, 1, 2].map(() => {
  const opened = openEncounter(2, 1, nurse.id, new Date(Date.now() - 60 * 60_000));
  if (!opened.ok) throw new Error('could not open an encounter');
  return opened.data.id;
});
process.stdout.write('ready\n');

let n = 0;
function chartOne(): void {
  const input = administrationSchema.parse({
    encounterId: encounterIds[n++ % encounterIds.length],
    drugId: ondansetron,
    doseValue: '4',
    doseUnit: 'mg',
    kind: 'push',
    start: 'now',
    stop: 'now',
    site: 'L antecubital 20G',
    rationale: 'Nausea',
    orderingProviderId: DEMO_PROVIDER_ID,
    orderType: 'written',
    idempotencyKey: randomUUID(),
  });
  const result = chartAdministration(input, nurse!, new Date());
  if (!result.ok) {
    process.stdout.write(`refused ${JSON.stringify(result)}\n`);
    process.exit(1);
  }
  process.stdout.write(`ack ${result.data.id}\n`);
  // Yield to the event loop between doses so signals and pipes are served.
  setImmediate(chartOne);
}
chartOne();
