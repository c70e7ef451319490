// Offline restore of a backup over the app's database:
//   npm run restore -- SRC            (DATABASE_PATH, default data/pushchart.db)
// Refuses while any process has the database open (stop the server first),
// checks a copy of SRC (integrity_check, counts, audit hash chain), keeps the
// current database as <DATABASE_PATH>.before-restore and swaps the copy in with
// one atomic rename. Prints one line:
//   restore ok: FILE from SRC integrity=ok chain=intact … (previous kept as FILE.before-restore)
// Exit 0 on success; 1 when refused (server running, SRC fails its check:
// nothing changed); 2 on a usage or read error.
import path from 'node:path';
import { DatabaseCheckError, DatabaseInUseError, describeCheck, restoreDatabase } from '@/db/backup';
import { logSecurityEvent } from '@/server/log';
import { databasePath } from '@/db/client';

async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: npm run restore -- SRC   (a file written by npm run backup)');
    return 2;
  }
  const target = databasePath();
  try {
    const { check, previous } = await restoreDatabase(path.resolve(source), target);
    console.log(`restore ok: ${target} from ${path.resolve(source)} ${describeCheck(check)}${previous ? ` (previous kept as ${previous})` : ''}`);
    return 0;
  } catch (error) {
    console.error(`restore REFUSED: ${(error as Error).message}`);
    if (error instanceof DatabaseCheckError) {
      const chain = error.check.chain;
      if (chain && !chain.intact) logSecurityEvent({ event: 'audit.chain-broken', where: 'restore-source', brokenEventId: chain.brokenEventId, breakKind: chain.breakKind });
      return 1;
    }
    return error instanceof DatabaseInUseError ? 1 : 2;
  }
}

main().then((code) => {
  process.exitCode = code;
});
