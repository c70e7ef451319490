// Generates a large database for the coder-queue benchmark:
//   npm run seed:large            (100,000 encounters, 1,000,000 administrations)
//   ENCOUNTERS=5000 npm run seed:large
// Writes to DATABASE_PATH (default data/pushchart-large.db), recreated from scratch.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { recordAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { seedDemoData } from '@/db/seed';
import { seedVolume } from '@/db/volume-seed';

const ENCOUNTERS = Number(process.env.ENCOUNTERS ?? 100_000);
const file = path.resolve(process.env.DATABASE_PATH ?? 'data/pushchart-large.db');

function main() {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  // The app's connection to this file: seedVolume reads the stored formulary through it, as the review does.
  process.env.DATABASE_PATH = file;
  const db = getDb();
  const sqlite = db.$client;
  seedDemoData(db, new Date());
  sqlite.pragma('synchronous = NORMAL'); // bulk load only; the app runs FULL
  const t0 = performance.now();
  const doses = seedVolume(sqlite, ENCOUNTERS, { onProgress: (n) => process.stdout.write(`\r${n} / ${ENCOUNTERS} encounters`) });
  // Names a coder types without their apostrophe or accents (issue 15): one patient in 100 is an O'Brien, an
  // Østergaard or a Müller, some called Élodie, so bench:queue's folded search ("obrien") reads real candidates.
  sqlite.exec(`update patients set family_name = case id % 3 when 0 then 'O''Brien' when 1 then 'Østergaard' else 'Müller' end,
      given_name = case when id % 2 = 0 then 'Élodie' else given_name end where id % 100 = 7`);
  // Through recordAudit, so the event joins the audit hash chain like any other.
  db.transaction(
    (tx) =>
      recordAudit(tx, {
        event: 'seed.demo-data',
        actorId: null,
        at: new Date(),
        entityType: 'database',
        entityId: 'large',
        changes: { encounters: { old: 0, new: ENCOUNTERS }, administrations: { old: 0, new: doses } },
        reason: 'benchmark data',
      }),
    { behavior: 'immediate' },
  );
  sqlite.pragma('analysis_limit = 1000');
  sqlite.exec('ANALYZE');
  sqlite.close();
  console.log(`\nseed-large: ${ENCOUNTERS} encounters, ${doses} administrations in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`);
}

main();
