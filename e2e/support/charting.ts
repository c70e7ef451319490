import { expect, type Page } from '@playwright/test';
import { toLocalInput } from '../../lib/time';
import { backdateEncounter } from './db';

let counter = 0;

/** A fresh MRN per call so tests never collide on the unique (facility, MRN). */
export function uniqueMrn(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36).toUpperCase()}${counter}`;
}

/**
 * Registers a patient through the UI and opens an encounter at the named
 * facility, then moves its opening `openedMinutesAgo` back (default 2 hours)
 * so back-timed doses fall inside the visit; the page is reloaded to show it.
 */
export async function openNewEncounter(page: Page, facility: 'ED' | 'Office', { openedMinutesAgo = 120 } = {}): Promise<{ mrn: string; encounterId: number }> {
  const mrn = uniqueMrn(facility === 'ED' ? 'E2E' : 'E2O');
  await page.goto('/patients/new');
  const facilityName = facility === 'ED' ? 'St. Brigid Hospital Emergency Department' : 'Maple Street Family Practice';
  await page.getByLabel('Registering facility').selectOption({ label: facilityName });
  await page.getByLabel('MRN').fill(mrn);
  await page.getByLabel('Family name').fill('Testpatient');
  await page.getByLabel('Given name').fill(facility);
  await page.getByLabel('Date of birth').fill('1970-06-15');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: 'Testpatient, ' + facility })).toBeVisible();
  await page.getByLabel('Facility', { exact: true }).selectOption({ label: facilityName });
  await page.getByRole('button', { name: 'Open new encounter' }).click();
  await expect(page).toHaveURL(/\/encounters\/\d+$/);
  await expect(page.getByTestId('patient-mrn')).toHaveText(mrn);
  const encounterId = Number(new URL(page.url()).pathname.split('/').pop());
  if (openedMinutesAgo > 0) {
    backdateEncounter(encounterId, openedMinutesAgo);
    await page.reload();
    await expect(page.getByTestId('patient-mrn')).toHaveText(mrn);
  }
  return { mrn, encounterId };
}

export const NY = 'America/New_York';
export const CHICAGO = 'America/Chicago';

/** A wall-clock time in the facility's zone, `minutesAgo` before now, to the minute. */
export function localMinutesAgo(minutesAgo: number, timeZone: string, base = Date.now()): string {
  const t = Math.floor(base / 60_000) * 60_000 - minutesAgo * 60_000;
  return toLocalInput(new Date(t), timeZone);
}

export async function pickDrug(page: Page, typed: string, name: RegExp) {
  await page.getByRole('combobox', { name: 'Drug' }).fill(typed);
  await page.getByRole('option', { name }).click();
  await expect(page.getByTestId('picked-drug')).toHaveText(name);
}

/** The demo's ordering providers (db/seed.ts). */
export const DEMO_PROVIDER = 'Dana Whitfield, MD (NPI 1999999901)';

/**
 * Chooses who ordered the dose and how, when the form does not already keep
 * them from the encounter's last dose (the first dose of a visit).
 */
export async function chooseOrder(page: Page, opts: { provider?: string; orderType?: string } = {}) {
  const provider = page.getByLabel('Ordered by');
  if (opts.provider || (await provider.inputValue()) === '') await provider.selectOption({ label: opts.provider ?? DEMO_PROVIDER });
  const orderType = page.getByRole('radio', { name: opts.orderType ?? 'Written order' });
  if (opts.orderType || !(await page.getByRole('group', { name: 'Order type' }).getByRole('radio', { checked: true }).count())) await orderType.check();
}

/** Shows the time inputs (untouched times follow the clock and are shown as "now"). */
export async function editTimes(page: Page) {
  const change = page.getByRole('button', { name: 'Change times' });
  if (await change.isVisible()) await change.click();
}

/** Charts one push with explicit times; the form's defaults do the rest. */
export async function chartPush(page: Page, opts: { drug: string; drugName: RegExp; start?: string; stop?: string; site?: string; rationale?: string }) {
  await chooseOrder(page);
  await pickDrug(page, opts.drug, opts.drugName);
  if (opts.start !== undefined) {
    await editTimes(page);
    await page.getByLabel('Given at', { exact: true }).fill(opts.start);
    await page.getByLabel('Finished at', { exact: true }).fill(opts.stop ?? opts.start);
  }
  if (opts.site !== undefined) await page.getByLabel('Access site').fill(opts.site);
  await page.getByRole('button', { name: opts.rationale ?? 'Nausea', exact: true }).click();
}

export async function save(page: Page) {
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
}

export function sidebarCodes(page: Page) {
  return page.getByTestId('sidebar-line');
}
