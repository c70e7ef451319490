// Issue 13 items 4 and 5 at the bedside: a vial of another drug is refused
// (typed or scanned), an impossible dose is refused naming the label's
// maximum, and a dose above the usual range is saved only with a reason the
// timeline and the printed summary show.
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { STARTER_FORMULARY } from '../lib/formulary/starter-formulary';
import { signInAs } from './support/auth';
import { chartPush, openNewEncounter, save } from './support/charting';
import { E2E_DB, queryDb } from './support/db';

/** GTIN-14 of a US unit: "003" + NDC-10 digits + GS1 mod-10 check digit (drug-reference.md §3.1). */
function gtinOf(ndc10: string): string {
  const body = `003${ndc10.replace(/-/g, '')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}
const METOCLOPRAMIDE_VIAL = STARTER_FORMULARY.find((d) => d.key === 'metoclopramide')!.products[0]!.ndc10;

test.beforeAll(() => {
  // The starter data carries ondansetron's label limits (4 / 8 / 16 mg); a database seeded without them gets them here.
  const db = new Database(E2E_DB, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { id } = db.prepare("select id from formulary_drugs where key = 'ondansetron'").get() as { id: number };
    const has = db.prepare('select count(*) as n from drug_dose_limits where drug_id = ?').get(id) as { n: number };
    if (has.n === 0) db.prepare("insert into drug_dose_limits (drug_id, kinds, unit, usual_dose, soft_max, hard_max, source) values (?, '[\"push\",\"infusion\"]', 'mg', '4', '8', '16', 'label')").run(id);
  } finally {
    db.close();
  }
});

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

const dosesOf = (encounterId: number) => queryDb<{ dose_value: string }>('select dose_value from administrations where encounter_id = ?', encounterId);
const ndcField = (page: Page) => page.getByLabel('NDC', { exact: true });

test('a metoclopramide vial, typed or scanned while ondansetron is picked, is refused', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, site: 'L antecubital 20G' });
  await page.getByText('Vial: NDC, lot, expiry, amount wasted').click();

  // Typed: said as soon as it is a whole NDC, and refused on the NDC field at Save.
  await ndcField(page).fill(METOCLOPRAMIDE_VIAL);
  await expect(page.locator('#ndc-hint')).toHaveText('This vial is metoclopramide, not ondansetron');
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#ndc-error')).toContainText('This vial is metoclopramide, not ondansetron');
  await expect(ndcField(page)).toBeFocused();
  expect(dosesOf(encounterId)).toEqual([]);

  // Scanned: the same rule; the field is emptied so the wrong NDC cannot be saved.
  await ndcField(page).fill(`01${gtinOf(METOCLOPRAMIDE_VIAL)}17301200` + '10MLOT');
  await ndcField(page).press('Enter');
  await expect(page.locator('#ndc-error')).toContainText('This vial is metoclopramide, not ondansetron');
  await expect(ndcField(page)).toHaveValue('');
  expect(dosesOf(encounterId)).toEqual([]);
});

test('400 mg of ondansetron is refused naming the label maximum; 12 mg is saved only with a reason, shown on the timeline and print', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, site: 'L antecubital 20G' });
  const dose = page.getByLabel('Dose', { exact: true });

  await dose.fill('400');
  await expect(page.getByTestId('dose-limit')).toContainText('ondansetron: at most 16 mg in one IV dose (label)');
  // The sidebar does not count a dose that cannot be charted: no J2405 × 400, and it says why.
  const sidebar = page.getByTestId('code-sidebar');
  await expect(sidebar.getByTestId('draft-not-counted')).toContainText('its dose cannot be charted');
  await expect(sidebar.getByTestId('supply-line')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#doseValue-error')).toContainText('ondansetron: at most 16 mg in one IV dose (label)');
  await expect(dose).toBeFocused();
  // No way around it: there is no reason to give for an impossible dose.
  await expect(page.getByLabel('Reason for this dose')).toHaveCount(0);
  expect(dosesOf(encounterId)).toEqual([]);

  await dose.fill('12');
  const reason = page.getByLabel('Reason for this dose');
  await expect(reason).toBeVisible();
  // A dose that can be charted (with a reason) is counted, marked as the draft's.
  await expect(sidebar.getByTestId('draft-not-counted')).toHaveCount(0);
  await expect(sidebar.getByTestId('supply-line').filter({ hasText: 'J2405' })).toContainText('× 12');
  await expect(sidebar.getByTestId('supply-line').filter({ hasText: 'J2405' }).getByTestId('if-saved')).toBeVisible();
  await expect(page.locator('#doseConfirmationReason-hint')).toHaveText('12 mg is above the usual range for ondansetron (up to 8 mg IV, label): confirm with a reason');
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#doseConfirmationReason-error')).toContainText('Enter the reason for this dose');
  await expect(reason).toBeFocused();
  expect(dosesOf(encounterId)).toEqual([]);

  await reason.fill('Ordered 12 mg for refractory vomiting');
  await save(page);
  expect(queryDb('select dose_value, dose_confirmation_reason from administrations where encounter_id = ?', encounterId)).toEqual([
    { dose_value: '12', dose_confirmation_reason: 'Ordered 12 mg for refractory vomiting' },
  ]);
  await expect(page.getByTestId('timeline-row').getByTestId('dose-confirmation')).toHaveText('Dose outside the usual range, confirmed: Ordered 12 mg for refractory vomiting');

  await page.goto(`/encounters/${encounterId}/print`);
  await expect(page.getByTestId('print-dose-confirmation')).toHaveText('DOSE OUTSIDE THE USUAL RANGE, confirmed: Ordered 12 mg for refractory vomiting');
});

test('an NDC the formulary does not know is saved only with a reason, shown on the timeline', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, site: 'L antecubital 20G' });
  await page.getByText('Vial: NDC, lot, expiry, amount wasted').click();
  await ndcField(page).fill('12345-678-90');
  const reason = page.getByLabel('NDC not in the formulary: reason to use it');
  await expect(reason).toBeVisible();
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#ndcConfirmationReason-error')).toContainText('Enter the reason for using this NDC');
  expect(dosesOf(encounterId)).toEqual([]);
  await reason.fill('Pharmacy substituted a new supplier');
  await save(page);
  expect(queryDb('select ndc, ndc_confirmation_reason from administrations where encounter_id = ?', encounterId)).toEqual([
    { ndc: '12345-678-90', ndc_confirmation_reason: 'Pharmacy substituted a new supplier' },
  ]);
  await expect(page.getByTestId('timeline-row').getByTestId('ndc-confirmation')).toContainText('Pharmacy substituted a new supplier');
});
