// Recomputes the audit trail's hash chain over a database file:
//   npm run audit:verify                      (DATABASE_PATH, default data/pushchart.db)
//   DATABASE_PATH=backup.db npm run audit:verify
// Prints "chain intact: N events" and exits 0, or prints the first broken link
// (its id and what is wrong) and exits 1. Exits 2 when the file cannot be read.
// Opens the file read-only: it never migrates, chains or otherwise writes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { verifyAuditChain } from '@/db/audit-chain';

function main(): number {
  const file = path.resolve(process.env.DATABASE_PATH || 'data/pushchart.db');
  if (!existsSync(file)) {
    console.error(`audit:verify: no database at ${file}`);
    return 2;
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    console.error(`audit:verify: cannot open ${file}: ${(error as Error).message}`);
    return 2;
  }
  try {
    const started = performance.now();
    const result = verifyAuditChain(sqlite, { onProgress: (n) => process.stderr.write(`\r${n} events checked`) });
    if (result.count >= 100_000) process.stderr.write('\n');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.intact) {
      console.log(`chain intact: ${result.count} events`);
      console.log(`head hash: ${result.headHash ?? '(no events)'} (${seconds} s, ${file})`);
      return 0;
    }
    console.log(`chain BROKEN at event ${result.firstBroken.id}: ${result.firstBroken.reason}`);
    console.log(`${result.count} events before it verify (${seconds} s, ${file})`);
    return 1;
  } catch (error) {
    console.error(`audit:verify: cannot read the audit trail of ${file}: ${(error as Error).message}`);
    return 2;
  } finally {
    sqlite.close();
  }
}

process.exitCode = main();
