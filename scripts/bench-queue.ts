// Times the coder queue's first page on the large database (npm run seed:large first):
//   npm run bench:queue
// Prints the median of the app's query function and of the same SQL run bare.
import path from 'node:path';
import { existsSync } from 'node:fs';

const file = path.resolve(process.env.DATABASE_PATH ?? 'data/pushchart-large.db');
if (!existsSync(file)) {
  console.error(`No database at ${file}: run \`npm run seed:large\` first.`);
  process.exit(2);
}
process.env.DATABASE_PATH = file;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  const { codingQueue } = await import('@/db/coding');
  const { getDb } = await import('@/db/client');
  const { facilityIdsOf } = await import('@/db/access');
  const sqlite = getDb().$client;
  // The demo coder's queue: encounters at the facilities he belongs to.
  const scope = facilityIdsOf('u-coder');
  const filters = { scope, status: 'ready-for-coding', sort: 'opened-desc', page: 1 } as const;
  const inScope = `e.facility_id in (${scope.map(Number).join(', ')})`;
  const RUNS = 30;

  // The same statements the query function issues, without the ORM and mapping.
  const pageSql = sqlite.prepare(
    `select e.id, p.mrn, p.family_name || ', ' || p.given_name, f.name, f.time_zone, e.setting, e.opened_at, e.date_of_service, e.status,
            e.query_state, e.administration_count, e.warning_count, e.gap_count
       from encounters e join patients p on p.id = e.patient_id join facilities f on f.id = e.facility_id
      where e.status = ? and ${inScope} order by e.opened_at desc, e.id desc limit 50 offset 0`,
  );
  const countSql = sqlite.prepare(`select count(*) from encounters e where e.status = ? and ${inScope}`);

  for (let i = 0; i < 5; i++) codingQueue(filters); // warm caches and statements
  const app: number[] = [];
  const bare: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    total = codingQueue(filters).total;
    app.push(performance.now() - t);
    t = performance.now();
    pageSql.all('ready-for-coding');
    countSql.get('ready-for-coding');
    bare.push(performance.now() - t);
  }
  const encounters = (sqlite.prepare('select count(*) as n from encounters').get() as { n: number }).n;
  const doses = (sqlite.prepare('select count(*) as n from administrations').get() as { n: number }).n;
  console.log(`database: ${encounters} encounters, ${doses} administrations; first page of ${total} ready for coding`);
  console.log(`queue-first-page-ms: ${median(app).toFixed(2)}`);
  console.log(`queue-bare-sql-ms: ${median(bare).toFixed(2)}`);
}

void main();
