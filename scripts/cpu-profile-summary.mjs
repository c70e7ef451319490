// Where a charting round trip's server time goes, from V8 CPU profiles of the server's workers:
//   npm run bench:load -- --phases B --duration 40 --cpu-prof DIR
//   node scripts/cpu-profile-summary.mjs DIR
// Each sample goes to the first part (in the order below) its call stack matches; printed as
// shares of the workers' busy (non-idle) time. Functions are found by name, so profile a build
// made with `next build --no-mangling` (README, "Load benchmark"); on a mangled build most of
// the app's time lands in "other".
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/cpu-profile-summary.mjs DIR (the folder of bench:load --cpu-prof)');
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
const name = (re) => (fr) => fr.some((f) => re.test(f.functionName));
const leafUrl = (re) => (fr) => re.test(fr[0].url);
const leafName = (re) => (fr) => re.test(fr[0].functionName);
const buckets = [
  ['idle', leafName(/^\(idle\)$/)],
  ['garbage collection', leafName(/^\(garbage collector\)$/)],
  ['module loading and compilation (start-up)', name(/^(wrapSafe|compileFunction|instantiateModule|compileForInternalLoader|compileSourceTextModule|loadChunk.*|requireChunk)$/)],
  ['queue summary after the answer (after(): reload, engine, UPDATE)', name(/^refreshCodingSummaryAfterCommit$/)],
  ['charting write transaction (checks, insert, audit chain, COMMIT + fsync)', name(/^chartAdministration$/)],
  ['session read (better-auth: cookie, session + user rows)', name(/^readSessionUser$/)],
  ['proxy (CSP nonce, security headers, slide check)', name(/^(proxy|middleware)$/)],
  ['zod validation', (fr) => fr.some((f) => /_zod|zod/.test(f.functionName) || /zod/.test(f.url))],
  ['other database calls (scope, role, chart version)', leafUrl(/db_client|better-sqlite3|methods\/(transaction|wrappers)/)],
  ['gzip (zlib)', leafUrl(/^node:zlib/)],
  ['Next request pipeline + React Server Components', leafUrl(/next\/dist|next-server|\[turbopack\]|\[root-of-the-server\]|node_modules_next|chunks\/_|chunks\/node_modules/)],
  ['Node HTTP, sockets, streams, async hooks, microtasks', (fr) => /^node:/.test(fr[0].url) || /^(writeUtf8String|writev|writeLatin1String|runMicrotasks|structuredClone)$/.test(fr[0].functionName)],
  ['native / unattributed', leafName(/^\(program\)$/)],
  ['other (app code, crypto, natives)', () => true],
];
const totals = new Map(buckets.map(([n]) => [n, 0]));
let busy = 0;
let used = 0;
for (const file of files) {
  const p = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  // The primary process (scripts/serve.mjs) only forks and watches: leave it out.
  if (p.nodes.some((n) => n.callFrame.url.endsWith('scripts/serve.mjs')) && !p.nodes.some((n) => n.callFrame.functionName === 'chartAdministration')) continue;
  used++;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bucketOf = new Map();
  const bucket = (id) => {
    let b = bucketOf.get(id);
    if (b === undefined) {
      const fr = [];
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) fr.push(nodes.get(cur).callFrame);
      b = buckets.find(([, t]) => t(fr))[0];
      bucketOf.set(id, b);
    }
    return b;
  };
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i + 1] ?? 0;
    const b = bucket(id);
    totals.set(b, totals.get(b) + dt);
    if (b !== 'idle') busy += dt;
  });
}
console.log(`${used} worker profiles, ${(busy / 1e6).toFixed(1)} s busy`);
for (const [n, t] of [...totals].sort((a, b) => b[1] - a[1])) if (n !== 'idle') console.log(`${((100 * t) / busy).toFixed(1).padStart(5)} %  ${n}`);
