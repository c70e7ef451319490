import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save } from './support/charting';
import { pdfPages } from './support/pdf';

test('an auditor reads a chart\'s history in words: local times with the zone, names not ids, old → new, filtered to one dose, printed; the print lists changes after signing', async ({ page }) => {
  // A nurse charts two doses, amends one, signs, then corrects after signing and adds an addendum.
  await signInAs(page, 'nurse');
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(30, NY), site: 'L antecubital 20G' });
  await save(page);
  await chartPush(page, { drug: 'ketor', drugName: /^Ketorolac/, start: localMinutesAgo(20, NY), rationale: 'Pain' });
  await save(page);
  await page.getByRole('button', { name: /^Amend Ondansetron/ }).click();
  await page.getByLabel('Dose', { exact: true }).last().fill('8');
  await page.getByLabel('Reason for the amendment').fill('Gave 8 mg, charted 4 mg');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.locator('[data-testid="timeline-row"][data-status="amended"]')).toHaveCount(1);
  await page.getByLabel('Your password').fill('pushchart-demo');
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await expect(page.getByTestId('locked-banner')).toContainText('signed by Nora Quinn, RN');
  await page.getByLabel('Addendum (what and why)').fill('Patient reports nausea resolved at discharge.');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByTestId('addenda')).toContainText('nausea resolved');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInAs(page, 'coder');
  await page.goto(`/encounters/${encounterId}/audit`);
  await expect(page.getByTestId('audit-zone')).toHaveText('All times America/New_York');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  for (const time of await page.getByTestId('audit-time').allTextContents()) expect(time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} E[SD]T$/);
  // No raw ISO instants, user ids or JSON anywhere in the events.
  const text = (await page.getByRole('list', { name: 'Audit events' }).innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text).not.toMatch(/u-nurse|[{}"]/);

  const charted = rows.filter({ has: page.getByTestId('audit-title').filter({ hasText: 'Dose charted' }) }).first();
  await expect(charted.getByTestId('audit-actor')).toHaveText('Nora Quinn, RN');
  await expect(charted.getByTestId('audit-subject')).toContainText(/^Dose: Ondansetron HCl 4 mg at (\d{1,2} [A-Z][a-z]{2} )?\d{2}:\d{2} by Nora Quinn, RN/);
  await expect(charted.locator('[data-field="drugId"]')).toContainText('Ondansetron HCl');
  await expect(charted.locator('[data-field="orderingProviderId"]')).toContainText('Dana Whitfield, MD');
  await expect(charted.locator('[data-field="orderType"]')).toContainText('Written order');
  await expect(charted.locator('[data-field="startAt"] [data-testid="audit-new"]')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00 E[SD]T$/);
  const amended = page.locator('[data-testid="audit-row"][data-event="administration.amended"]');
  await expect(amended.locator('[data-field="doseValue"] [data-testid="audit-old"]')).toHaveText('4');
  await expect(amended.locator('[data-field="doseValue"] [data-testid="audit-new"]')).toHaveText('8');
  await expect(amended.getByTestId('audit-reason')).toHaveText('Why: Gave 8 mg, charted 4 mg');

  // Filter to the ondansetron entry: its charting and its amendment only.
  await page.getByLabel('Show events about').selectOption({ label: (await page.getByLabel('Show events about').locator('option', { hasText: 'Ondansetron' }).textContent())! });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('audit-filter-shown')).toContainText('Ondansetron HCl 8 mg');
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-event')))).toEqual(['administration.charted', 'administration.amended']);

  // Printable: the controls hide, the history and the zone stay.
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  const pages = await pdfPages(await page.pdf({ format: 'Letter', preferCSSPageSize: true }));
  expect(pages.join(' ')).toContain('All times America/New_York');
  expect(pages.join(' ')).toContain('Gave 8 mg, charted 4 mg');

  // The printed summary names the change made after signing, with who and when.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`/encounters/${encounterId}/print`);
  const after = page.getByTestId('print-after-signing');
  await expect(after).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} E[SD]T · Nora Quinn, RN: Addendum written after signing: Patient reports nausea resolved at discharge\./);
  await expect(page.getByTestId('print-unsigned')).toHaveCount(0);
});
