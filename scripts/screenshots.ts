// Regenerates the README's screenshots under docs/ from a running app:
//   npm run build && DATABASE_PATH=/tmp/shots.db npx next start -p 3200 &
//   npx tsx scripts/screenshots.ts http://127.0.0.1:3200
import { chromium, type Page } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';
import { toLocalInput } from '../lib/time';

const base = process.argv[2] ?? 'http://127.0.0.1:3200';
const NY = 'America/New_York';
const local = (minutesAgo: number) => toLocalInput(new Date(Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000), NY);

async function chart(page: Page, drug: string, start: string, chip: string, site?: string) {
  await page.getByRole('combobox', { name: 'Drug' }).fill(drug);
  await page.getByRole('option').first().click();
  await page.getByLabel('Given at', { exact: true }).fill(start);
  await page.getByLabel('Finished at', { exact: true }).fill(start);
  if (site) await page.getByLabel('Access site').fill(site);
  await page.getByRole('button', { name: chip, exact: true }).click();
}

async function main() {
const browser = await chromium.launch({
  executablePath: findChromium()?.path,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const signIn = async (email: string) => {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('pushchart-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
};
await signIn('nurse@pushchart.test');
await page.goto(`${base}/patients/new`);
await page.getByLabel('Registering facility').selectOption({ label: 'St. Brigid Hospital Emergency Department' });
await page.getByLabel('MRN').fill(`ED-${Date.now().toString().slice(-6)}`);
await page.getByLabel('Family name').fill('Rivera');
await page.getByLabel('Given name').fill('Ana');
await page.getByLabel('Date of birth').fill('1986-11-03');
await page.getByRole('button', { name: 'Register patient' }).click();
await page.waitForURL(/\/patients\/\d+$/, { timeout: 5000 }).catch(async () => { await page.screenshot({ path: '/tmp/shots/fail.png' }); throw new Error('registration failed'); });
await page.getByRole('button', { name: 'Open new encounter' }).click();
await page.waitForURL(/\/encounters\/\d+$/);
await chart(page, 'ondan', local(25), 'Nausea', 'L antecubital 20G');
await page.getByRole('button', { name: 'Save and sign' }).click();
await page.getByRole('status').filter({ hasText: 'Saved:' }).waitFor({ timeout: 5000 }).catch(async () => { await page.screenshot({ path: '/tmp/shots/fail.png', fullPage: true }); throw new Error('save failed'); });
await chart(page, 'morph', local(15), 'Pain');
await page.getByRole('button', { name: 'Save and sign' }).click();
await page.getByRole('status').filter({ hasText: 'Saved:' }).waitFor({ timeout: 5000 }).catch(async () => { await page.screenshot({ path: '/tmp/shots/fail.png', fullPage: true }); throw new Error('save failed'); });
await chart(page, 'ondan', local(0), 'Vomiting');
await page.locator('[data-testid="sidebar-line"] summary').first().click();
await page.screenshot({ path: 'docs/encounter-desktop.png', fullPage: true });
await page.setViewportSize({ width: 768, height: 1024 });
await page.screenshot({ path: 'docs/encounter-tablet.png', fullPage: true });
// The demo ED encounter's printed summary, as the coder prints it.
await page.setViewportSize({ width: 816, height: 1056 });
await page.getByRole('button', { name: 'Sign out' }).click();
await signIn('coder@pushchart.test');
await page.goto(`${base}/encounters/1/print`);
await page.emulateMedia({ media: 'print' });
await page.screenshot({ path: 'docs/print-summary.png', fullPage: true });
await browser.close();
}

void main();
