import { expect, type Page } from '@playwright/test';
import { toLocalInput } from '../../lib/time';

let counter = 0;

/** A fresh MRN per call so tests never collide on the unique (facility, MRN). */
export function uniqueMrn(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36).toUpperCase()}${counter}`;
}

/** Registers a patient through the UI and opens an encounter at the named facility. */
export async function openNewEncounter(page: Page, facility: 'ED' | 'Office'): Promise<{ mrn: string; encounterId: number }> {
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

/** Charts one push with explicit times; the form's defaults do the rest. */
export async function chartPush(page: Page, opts: { drug: string; drugName: RegExp; start: string; stop?: string; site?: string; rationale?: string }) {
  await pickDrug(page, opts.drug, opts.drugName);
  await page.getByLabel('Given at', { exact: true }).fill(opts.start);
  await page.getByLabel('Finished at', { exact: true }).fill(opts.stop ?? opts.start);
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
