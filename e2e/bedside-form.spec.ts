import { expect, test, type Page } from '@playwright/test';
import { STARTER_FORMULARY } from '../lib/formulary/starter-formulary';
import { signInAs } from './support/auth';
import { chartPush, chooseOrder, localMinutesAgo, NY, openNewEncounter, pickDrug, save } from './support/charting';
import { backdateClose, queryDb } from './support/db';

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

/** GTIN-14 of a US unit: "003" + NDC-10 digits + GS1 mod-10 check digit (drug-reference.md §3.1). */
function gtinOf(ndc10: string): string {
  const body = `003${ndc10.replace(/-/g, '')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}
const GS = '\u001d';
// The demo's placeholder products, as seeded: ondansetron 2 mL single-dose vial, a morphine syringe.
const productOf = (key: string) => STARTER_FORMULARY.find((d) => d.key === key)!.products[0]!.ndc10;
const ONDANSETRON_VIAL = productOf('ondansetron');
const MORPHINE_4 = productOf('morphine');

async function scanInto(page: Page, field: 'drug' | 'ndc', text: string) {
  const input = field === 'drug' ? page.getByRole('combobox', { name: 'Drug' }) : page.getByLabel('NDC', { exact: true });
  await input.fill(text);
  await input.press('Enter');
}

test('one DataMatrix scan fills drug, NDC, expiry and lot; every shape a scanner sends', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chooseOrder(page);
  const shapes = [
    `]d201${gtinOf(ONDANSETRON_VIAL)}17301200` + `10LOT7A${GS}21SN000123`,
    `(01)${gtinOf(ONDANSETRON_VIAL)}(17)301200(10)LOT7A(21)SN000123`,
  ];
  for (const shape of shapes) {
    await scanInto(page, 'drug', shape);
    await expect(page.getByTestId('picked-drug')).toHaveText(/^Ondansetron/);
    await expect(page.getByLabel('NDC', { exact: true })).toHaveValue(ONDANSETRON_VIAL);
    await expect(page.getByLabel('Expiry')).toHaveValue('2030-12-31'); // day 00 = end of month
    await expect(page.getByLabel('Lot')).toHaveValue('LOT7A');
    await page.getByRole('button', { name: /^Change drug/ }).click();
  }
  await scanInto(page, 'drug', shapes[0]!);
  await page.getByLabel('Access site').fill('L antecubital 20G');
  await page.getByRole('button', { name: 'Nausea', exact: true }).click();
  await save(page);
  expect(queryDb('select ndc, lot, expiry from administrations where encounter_id = ?', encounterId)).toEqual([{ ndc: ONDANSETRON_VIAL, lot: 'LOT7A', expiry: '2030-12-31' }]);
});

test('an expired vial and a vial of another drug are refused at the scan', async ({ page }) => {
  await openNewEncounter(page, 'ED');
  await chooseOrder(page);
  await scanInto(page, 'drug', `01${gtinOf(ONDANSETRON_VIAL)}17240100` + '10OLDLOT');
  await expect(page.getByTestId('scan-note')).toHaveText('Refused: this vial expired on 2024-01-31. Take another vial.');
  await expect(page.getByTestId('picked-drug')).toHaveCount(0);

  await pickDrug(page, 'ondan', /^Ondansetron/);
  await page.getByText('Vial: NDC, lot, expiry, amount wasted').click();
  await scanInto(page, 'ndc', `01${gtinOf(MORPHINE_4)}17301200` + '10MLOT');
  await expect(page.getByTestId('scan-note')).toContainText('Refused: this vial is Morphine sulfate, not Ondansetron HCl');
  await expect(page.getByLabel('NDC', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Lot')).toHaveValue('');

  // A broken barcode says so instead of guessing.
  await page.getByRole('button', { name: /^Change drug/ }).click();
  const badCheck = gtinOf(ONDANSETRON_VIAL).slice(0, 13) + String((Number(gtinOf(ONDANSETRON_VIAL).at(-1)) + 1) % 10);
  await page.getByRole('combobox', { name: 'Drug' }).fill(`(01)${badCheck}(17)301200`);
  await expect(page.getByTestId('scan-error')).toContainText('check digit');
});

test('a wasted controlled substance asks for a witness, who signs with their own account', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'morph', drugName: /^Morphine/, site: 'L antecubital 20G', rationale: 'Pain' });
  await page.getByText('Vial: NDC, lot, expiry, amount wasted').click();
  await expect(page.getByTestId('witness')).toHaveCount(0);
  await page.getByLabel(/Amount wasted/).fill('2');
  const witness = page.getByTestId('witness');
  await expect(witness).toContainText('Schedule II controlled substance, 2 mg wasted: a second clinician must watch the waste');
  await expect(witness.getByLabel('Witness email')).toHaveAttribute('autocomplete', 'off');
  await expect(witness.getByLabel('Witness password')).toHaveAttribute('autocomplete', 'new-password');

  // Without the witness: refused, focus on the first missing field, nothing written.
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(witness.getByLabel('Witness email')).toBeFocused();
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);

  await witness.getByLabel('Witness email').fill('nurse2@pushchart.test');
  await witness.getByLabel('Witness password').fill('pushchart-demo');
  await save(page);
  expect(queryDb('select witness_name, wasted_value from administrations where encounter_id = ?', encounterId)).toEqual([{ witness_name: 'Tomás Reyes', wasted_value: '2' }]);
});

test('an expiry before the day given asks for a reason', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, site: 'L antecubital 20G' });
  await page.getByText('Vial: NDC, lot, expiry, amount wasted').click();
  // A date that does not exist, typed as a nurse would: the browser hands the form an empty value; it must not save without an expiry.
  await page.getByLabel('Expiry').pressSequentially('02302026');
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#expiry-error')).toContainText('That is not a real date');
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toEqual([]);
  await page.getByLabel('Expiry').fill('2025-01-31');
  const reason = page.getByLabel('Expired product: why it is given anyway');
  await expect(reason).toBeVisible();
  await page.getByRole('button', { name: 'Save and sign' }).click();
  // The server marks the expiry and asks for the reason: focus goes to the first of them on screen.
  await expect(page.getByLabel('Expiry')).toBeFocused();
  await expect(page.locator('#expiredProductReason-error')).toBeVisible();
  await reason.fill('Only vial on the unit; pharmacy informed');
  await save(page);
  expect(queryDb('select expired_product_reason from administrations where encounter_id = ?', encounterId)).toEqual([{ expired_product_reason: 'Only vial on the unit; pharmacy informed' }]);
});

test('opening a second encounter for a patient with an open one asks first', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  const patientId = queryDb<{ patient_id: number }>('select patient_id from encounters where id = ?', encounterId)[0]!.patient_id;
  await page.goto(`/patients/${patientId}`);
  await page.getByRole('button', { name: 'Open new encounter' }).click();
  const confirm = page.getByTestId('confirm-second-encounter');
  await expect(confirm).toContainText('This patient already has an open encounter');
  await expect(confirm.getByRole('link')).toHaveAttribute('href', `/encounters/${encounterId}`);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect(queryDb('select id from encounters where patient_id = ?', patientId)).toHaveLength(1);

  await page.getByRole('button', { name: 'Open new encounter' }).click();
  await page.getByRole('button', { name: 'Open a second encounter' }).click();
  await expect(page).toHaveURL(/\/encounters\/\d+$/);
  expect(queryDb('select id from encounters where patient_id = ?', patientId)).toHaveLength(2);
});

test('closed means closed: a dose given after the close is refused; one given before it, charted after, needs a late-entry reason', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Close visit' }).click();
  await expect.poll(() => queryDb<{ closed: number | null }>('select closed_at as closed from encounters where id = ?', encounterId)[0]?.closed).not.toBeNull();
  await expect(page.getByRole('button', { name: 'Close visit' })).toHaveCount(0);
  // The visit closed 10 minutes ago.
  backdateClose(encounterId, 10);
  await page.reload();
  // The form says so before anything is typed, and asks for the late-entry reason up front.
  await expect(page.getByTestId('visit-closed')).toContainText('This visit closed at');
  await expect(page.getByLabel('Late entry: reason for charting now')).toBeVisible();

  // "Now" is after the close: refused, nothing written.
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, site: 'L antecubital 20G' });
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#start-error')).toContainText('a dose given after the close cannot be charted');
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toEqual([]);

  // Given 20 minutes ago, before the close, but charted after it: the late-entry reason is asked for.
  await page.reload();
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, site: 'L antecubital 20G', start: localMinutesAgo(20, NY) });
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#lateEntryReason-error')).toBeVisible();
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toEqual([]);
  await page.getByLabel('Late entry: reason for charting now').fill('Charted after the patient left; given before discharge');
  await save(page);
  expect(queryDb<{ late_entry_reason: string }>('select late_entry_reason from administrations where encounter_id = ?', encounterId)).toEqual([
    { late_entry_reason: 'Charted after the patient left; given before discharge' },
  ]);
});
