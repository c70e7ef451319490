// Sidebar keystroke latency in Chromium (issue 16 item 4):
//   npm run bench:keystroke            (also part of `npm run bench`)
//   npm run bench:keystroke -- --keys 30 --doses 50 [--dist-dir .next-bench]
//
// Self-contained like scripts/bench-load.ts (and sharing its build in
// .next-bench, rebuilt only when stale): a throw-away database with one open
// ED encounter of DOSES doses charted by the demo nurse, `next start` on a
// free loopback port, Debian's Chromium (scripts/find-chromium.mjs) signed in
// as that nurse on the encounter page, ondansetron picked in the push form.
// Then KEYS keystrokes in the Dose field, alternately a digit and Backspace,
// so every keystroke changes the draft's billing units in the sidebar. Each is
// timed in the page from the input event (its timeStamp) to the first
// animation frame after the sidebar's DOM changed for it (a MutationObserver
// on the sidebar; the frame right after the event if the sidebar did not
// change). Prints the median:
//   sidebar-keystroke-ms: X (limit 16 ms)
// and the encounter page's JavaScript as loaded by the browser, gzipped:
//   encounter-page-js-gzip-kb: Y
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';
import { buildIfStale, freePort, signIn, startProductionServer } from '@/test/production-server';

const { values: flags } = parseArgs({
  options: {
    keys: { type: 'string', default: '30' },
    doses: { type: 'string', default: '50' },
    // Another build folder (e.g. an older build, to compare); built there if stale.
    'dist-dir': { type: 'string', default: '.next-bench' },
  },
});
const KEYS = Number(flags.keys);
const DOSES = Number(flags.doses);
const DIST_DIR = flags['dist-dir'];
const LIMIT_MS = 16;
/** The demo nurse (db/seed.ts), a member of the ED. */
const NURSE = { id: 'u-nurse', email: 'nurse@pushchart.test' };

/** The demo data and one ED encounter with DOSES ondansetron pushes, 4 minutes apart, written through the app's db functions. */
async function prepareEncounter(databasePath: string): Promise<number> {
  process.env.DATABASE_PATH = databasePath;
  const { startUp } = await import('@/server/start-up');
  const { getDb } = await import('@/db/client');
  const { chartAdministration } = await import('@/db/administrations');
  const { refreshCodingSummary } = await import('@/db/coding');
  const { openEncounter } = await import('@/db/encounters');
  const { getActiveUser } = await import('@/db/users');
  const { administrationSchema } = await import('@/lib/administration-schema');
  startUp();
  const nurse = getActiveUser(NURSE.id);
  if (!nurse) throw new Error('no demo nurse');
  const stepMs = 4 * 60_000;
  const openedAt = new Date(Date.now() - (DOSES + 2) * stepMs);
  const opened = openEncounter(2, 1, nurse.id, openedAt);
  if (!opened.ok) throw new Error('could not open an encounter');
  const drugId = (getDb().$client.prepare(`select id from formulary_drugs where key = 'ondansetron'`).get() as { id: number }).id;
  for (let i = 0; i < DOSES; i++) {
    // Charted as it was given: the action's clock is the dose's time, so no dose is a late entry.
    const at = new Date(openedAt.getTime() + (i + 1) * stepMs);
    const input = administrationSchema.parse({
      encounterId: opened.data.id, drugId, doseValue: '4', doseUnit: 'mg', kind: 'push', start: 'now', stop: 'now',
      site: 'L antecubital 20G', rationale: 'Nausea', orderingProviderId: 1, orderType: 'written', idempotencyKey: randomUUID(),
    });
    const result = chartAdministration(input, nurse, at);
    if (!result.ok) throw new Error(`dose ${i} refused: ${JSON.stringify(result)}`);
  }
  refreshCodingSummary(opened.data.id);
  getDb().$client.close();
  (globalThis as unknown as { pushchartDb?: Map<string, unknown> }).pushchartDb?.clear();
  return opened.data.id;
}

/**
 * In the page: every input event on the Dose field is timed from its
 * timeStamp to the first animation frame after the sidebar's DOM changed
 * (MutationObserver), or to the 30th frame if it never did; samples in
 * window.__keystrokes (ms).
 */
const INSTRUMENT_PAGE = `(() => {
  window.__keystrokes = [];
  let mutatedAt = -1;
  const sidebar = document.querySelector('[data-testid="code-sidebar"]');
  new MutationObserver(() => { mutatedAt = performance.now(); }).observe(sidebar, { subtree: true, childList: true, characterData: true, attributes: true });
  document.addEventListener('input', (e) => {
    if (!e.target || e.target.id !== 'doseValue') return;
    const start = e.timeStamp;
    let frames = 0;
    const frame = () => {
      frames++;
      if (mutatedAt >= start || frames >= 30) window.__keystrokes.push(performance.now() - start);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, { capture: true });
})()`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  buildIfStale(DIST_DIR, { onBuild: () => console.error(`bench-keystroke: building into ${DIST_DIR} (a few minutes)…`) });
  const folder = mkdtempSync(path.join(tmpdir(), 'pushchart-keystroke-'));
  const databasePath = path.join(folder, 'keystroke.db');
  const encounterId = await prepareEncounter(databasePath);
  const server = await startProductionServer({ distDir: DIST_DIR, port: await freePort(), databasePath, env: { BETTER_AUTH_SECRET: randomBytes(32).toString('hex') } });
  const browser = await chromium.launch({ executablePath: findChromium()?.path, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const cookie = await signIn(server.url, NURSE.email);
    const context = await browser.newContext({ timezoneId: 'America/New_York', viewport: { width: 1400, height: 1000 } });
    await context.addCookies(
      cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: server.url };
      }),
    );
    const page = await context.newPage();
    const scripts: Array<Promise<number>> = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body().then((b) => gzipSync(b).length, () => 0));
    });
    await page.goto(`${server.url}/encounters/${encounterId}`, { waitUntil: 'networkidle' });
    const rows = await page.getByTestId('timeline-row').count();
    if (rows !== DOSES) throw new Error(`the encounter page shows ${rows} doses, expected ${DOSES}`);
    const jsKb = (await Promise.all(scripts)).reduce((a, b) => a + b, 0) / 1024;

    await page.getByRole('combobox', { name: 'Drug' }).fill('ondan');
    await page.getByRole('option', { name: /^Ondansetron/ }).click();
    const dose = page.getByLabel('Dose', { exact: true });
    await dose.fill('4');
    await page.waitForTimeout(300);
    // Plain JavaScript text: a function passed from here would carry the bundler's helpers (__name) into the page.
    await page.evaluate(INSTRUMENT_PAGE);
    await dose.focus();
    for (let i = 0; i < KEYS; i++) {
      await page.keyboard.press(i % 2 === 0 ? '1' : 'Backspace');
      await page.waitForTimeout(120);
    }
    const samples = await page.evaluate(() => (window as unknown as { __keystrokes: number[] }).__keystrokes);
    if (samples.length !== KEYS) throw new Error(`timed ${samples.length} of ${KEYS} keystrokes`);
    console.log(`sidebar-keystroke-ms: ${median(samples).toFixed(1)} (limit ${LIMIT_MS} ms; median of ${KEYS} keystrokes, ${DOSES}-dose encounter; p90 ${[...samples].sort((a, b) => a - b)[Math.ceil(0.9 * KEYS) - 1]!.toFixed(1)})`);
    console.log(`encounter-page-js-gzip-kb: ${jsKb.toFixed(0)}`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
