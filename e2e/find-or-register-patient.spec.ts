import { expect, test } from '@playwright/test';
import { uniqueMrn } from './support/charting';
import { queryDb } from './support/db';
import { signInAs } from './support/auth';

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

test('finds a patient by name or MRN with the type-ahead and sees open encounters first', async ({ page }) => {
  await page.goto('/');
  const search = page.getByRole('combobox', { name: 'Find a patient by MRN or name' });
  await search.fill('alvar');
  await expect(page.getByRole('option', { name: /Alvarez, Maria/ })).toBeVisible();
  await search.fill('ed-1008');
  const james = page.getByRole('option', { name: /Okafor, James/ });
  await expect(james).toContainText('1 open encounter');
  await search.press('Enter');
  await expect(page.getByRole('heading', { name: 'Okafor, James' })).toBeVisible();
  await expect(page.getByRole('listitem').first()).toContainText('Open');
});

test('registers a patient once; the same MRN at the same facility is refused with a clear message', async ({ page }) => {
  const mrn = uniqueMrn('DUP');
  for (const attempt of [1, 2]) {
    await page.goto('/patients/new');
    await page.getByLabel('MRN').fill(mrn);
    await page.getByLabel('Family name').fill(attempt === 1 ? 'Original' : 'Impostor');
    await page.getByLabel('Given name').fill('Pat');
    await page.getByLabel('Date of birth').fill('1980-02-29');
    await page.getByRole('button', { name: 'Register patient' }).click();
    if (attempt === 1) await expect(page.getByRole('heading', { name: 'Original, Pat' })).toBeVisible();
  }
  await expect(page.locator('#mrn-error')).toContainText(`MRN ${mrn} is already registered at this facility (Original, Pat)`);
  expect(queryDb('select id from patients where mrn = ?', mrn)).toHaveLength(1);

  await page.getByLabel('MRN').fill(uniqueMrn('BAD'));
  await page.getByLabel('Date of birth').fill('2999-01-01');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.locator('#birthDate-error')).toContainText('in the future');
});
