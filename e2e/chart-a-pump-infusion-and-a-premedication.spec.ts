// Issue 14 items 2 and 7 at the bedside: a prolonged chemo infusion on a pump
// is 96416 as the nurse charts it, and a premedication given as part of a
// blood transfusion gets no administration code while its drug line stays.
import { expect, test } from '@playwright/test';
import { chooseOrder, chartPush, editTimes, localMinutesAgo, NY, openNewEncounter, pickDrug, save, sidebarCodes } from './support/charting';
import { queryDb } from './support/db';
import { signInAs } from './support/auth';

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

test('a fluorouracil infusion over more than 8 hours on a portable pump shows 96416 as it is charted', async ({ page }) => {
  // The visit opened 10 hours ago; the infusion ran 9 h 10 min and is charted as a late entry.
  const { encounterId } = await openNewEncounter(page, 'ED', { openedMinutesAgo: 600 });
  await chooseOrder(page);
  await page.getByLabel('Access site').fill('R chest port');
  await pickDrug(page, 'fluoro', /^Fluorouracil/);
  // Picking fluorouracil chooses its most usual kind, an infusion, and the pump choice appears.
  await expect(page.getByRole('radio', { name: 'IV infusion' })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Pump' })).toHaveCount(1);
  await page.getByRole('textbox', { name: 'Dose' }).fill('4000');
  await editTimes(page);
  await page.getByLabel('Started', { exact: true }).fill(localMinutesAgo(560, NY));
  await page.getByLabel('Stopped', { exact: true }).fill(localMinutesAgo(10, NY));
  await page.getByLabel('Late entry: reason for charting now').fill('Charted when the pump was disconnected');
  await page.getByLabel('Clinical rationale').fill('Colorectal cancer, FOLFOX');

  // Without a pump, a 9-hour chemo infusion is billed by the hour.
  const pump = page.getByRole('group', { name: 'Pump' });
  await expect(pump.getByRole('radio', { name: 'None' })).toBeChecked();
  await expect(pump).toContainText('A chemo infusion over 8 hours on a pump is 96416');
  await expect(sidebarCodes(page).and(page.locator('[data-code="96413"]'))).toHaveCount(1);
  await expect(sidebarCodes(page).and(page.locator('[data-code="96416"]'))).toHaveCount(0);

  await pump.getByRole('radio', { name: 'Portable (ambulatory) pump' }).check();
  await expect(sidebarCodes(page)).toHaveCount(1);
  await expect(sidebarCodes(page).first()).toHaveAttribute('data-code', '96416');
  await expect(sidebarCodes(page).first().getByTestId('if-saved')).toBeVisible();

  await save(page);
  expect(queryDb<{ kind: string; pump: string | null }>('select kind, pump from administrations where encounter_id = ?', encounterId)).toEqual([{ kind: 'infusion', pump: 'portable' }]);
  const row = page.getByTestId('timeline-row').filter({ hasText: 'Fluorouracil' });
  await expect(row.getByTestId('pump')).toHaveText('on a portable pump');
  await expect(sidebarCodes(page)).toHaveCount(1);
  await expect(sidebarCodes(page).first()).toHaveAttribute('data-code', '96416');

  // The pump was the implanted one: an amendment like any field, shown in what changes.
  await page.getByRole('button', { name: /^Amend Fluorouracil/ }).click();
  const dialog = page.getByTestId('amend-dialog');
  await dialog.getByLabel('Pump').selectOption({ label: 'Implantable pump' });
  await expect(dialog.getByTestId('amend-summary')).toContainText('Pump Portable (ambulatory) pump → Implantable pump');
  await dialog.getByLabel('Reason for the amendment').fill('Infused through the implanted pump');
  await dialog.getByRole('button', { name: 'Save amendment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('timeline-row').filter({ hasText: 'Fluorouracil' }).and(page.locator('[data-status="active"]')).getByTestId('pump')).toHaveText('on an implantable pump');
  expect(queryDb<{ pump: string | null }>('select pump from administrations where encounter_id = ? order by id', encounterId)).toEqual([{ pump: 'portable' }, { pump: 'implantable' }]);
  await expect(sidebarCodes(page).first()).toHaveAttribute('data-code', '96416');

  // The next dose starts without a pump, and a push offers none.
  await pickDrug(page, 'ondan', /^Ondansetron/);
  await expect(page.getByRole('group', { name: 'Pump' })).toHaveCount(0);
});

test('diphenhydramine given as part of a blood transfusion gets no administration code; its drug line stays', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'diphen', drugName: /^Diphenhydramine/, start: localMinutesAgo(50, NY), site: 'L antecubital 20G', rationale: 'Allergic reaction' });
  await expect(sidebarCodes(page).first()).toHaveAttribute('data-code', '96374');

  // Ticked with no procedure: refused beside the field, which takes the focus.
  await page.getByRole('checkbox', { name: 'Given as part of another procedure' }).check();
  await page.getByRole('button', { name: 'Save and sign' }).click();
  const procedure = page.getByRole('combobox', { name: 'Procedure' });
  await expect(procedure).toBeFocused();
  await expect(page.locator('#integralTo-error')).toHaveText(/Name the procedure this drug was given as part of/);
  await expect(procedure).toHaveAttribute('aria-invalid', 'true');
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);

  // The suggestions are those of coding-rules.md §7.
  await expect(page.locator('#integral-procedures option')).toHaveCount(3);
  await procedure.fill('blood transfusion');
  await expect(sidebarCodes(page)).toHaveCount(0);
  await expect(page.getByTestId('code-sidebar')).toContainText('No reportable administration yet.');
  await expect(page.getByRole('region', { name: 'Drug supply lines' })).toContainText('J1200');
  await expect(page.getByTestId('sidebar-warnings').locator('[data-rule="R-INTEGRAL"]')).toContainText('blood transfusion');

  await save(page);
  expect(queryDb<{ integral_to: string | null }>('select integral_to from administrations where encounter_id = ?', encounterId)).toEqual([{ integral_to: 'blood transfusion' }]);
  const row = page.getByTestId('timeline-row').filter({ hasText: 'Diphenhydramine' });
  await expect(row.getByTestId('integral-to')).toHaveText('part of blood transfusion — no administration code');
  await expect(page.getByRole('checkbox', { name: 'Given as part of another procedure' })).not.toBeChecked();

  // It never takes the initial slot: the ondansetron after it is the initial push.
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(20, NY) });
  await save(page);
  await expect(sidebarCodes(page)).toHaveCount(1);
  await expect(sidebarCodes(page).first()).toHaveAttribute('data-code', '96374');
  await expect(page.getByRole('region', { name: 'Drug supply lines' })).toContainText('J1200');
});
