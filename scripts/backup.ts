// Online backup of the live database, safe while the app runs:
//   npm run backup -- DEST            (DATABASE_PATH, default data/pushchart.db)
// DEST is a file, or a folder that gets pushchart-<UTC time>.db. Copies with
// SQLite's online backup API, checks the copy (integrity_check, counts per
// clinical table, the audit hash chain) and prints one line:
//   backup ok: FILE integrity=ok chain=intact head=… patients=… administrations=… audit_events=…
// Exit 0 when the copy checked out; 1 when it did not (no file is left at DEST);
// 2 on a usage or read error.
import path from 'node:path';
import { backupDatabase, DatabaseCheckError, describeCheck } from '@/db/backup';
import { databasePath } from '@/db/client';
import { logSecurityEvent } from '@/server/log';

async function main(): Promise<number> {
  const dest = process.argv[2];
  if (!dest) {
    console.error('usage: npm run backup -- DEST   (a file, or a folder for a time-stamped file)');
    return 2;
  }
  const source = databasePath();
  try {
    // A trailing slash means a folder (created if missing): keep it through resolve().
    const { file, check } = await backupDatabase(source, path.resolve(dest) + (/[\\/]$/.test(dest) ? path.sep : ''));
    console.log(`backup ok: ${file} ${describeCheck(check)}`);
    return 0;
  } catch (error) {
    console.error(`backup FAILED: ${(error as Error).message}`);
    if (!(error instanceof DatabaseCheckError)) return 2;
    const chain = error.check.chain;
    if (chain && !chain.intact) logSecurityEvent({ event: 'audit.chain-broken', where: 'backup', brokenEventId: chain.brokenEventId, breakKind: chain.breakKind });
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
