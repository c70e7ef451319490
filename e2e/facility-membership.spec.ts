// People belong to facilities (issue 11 item 7): Tomás (nurse2) works in the ED
// only, so the office visit of Linda Chen (MS-2001, Maple Street Family
// Practice) does not exist for him; Nora belongs to both and sees it.
import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';
import { queryDb } from './support/db';

function chenEncounterId(): number {
  const [row] = queryDb<{ id: number }>("select e.id from encounters e join patients p on p.id = e.patient_id where p.mrn = 'MS-2001' order by e.id limit 1");
  if (!row) throw new Error('the demo office encounter is missing');
  return row.id;
}

test('a nurse of the ED only neither lists, finds nor opens the office patient; a nurse of both does', async ({ page }) => {
  const encounterId = chenEncounterId();

  await signInAs(page, 'nurse2');
  await page.goto('/');
  const rows = page.getByTestId('encounter-row');
  await expect(rows.filter({ hasText: 'ED-100234' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'MS-2001' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Maple Street Family Practice' })).toHaveCount(0);

  const search = page.getByRole('combobox', { name: 'Find a patient by MRN or name' });
  await search.fill('Chen');
  await expect(page.getByRole('status').filter({ hasText: 'No patient at your facilities matches “Chen”' })).toBeVisible();
  await expect(page.getByRole('option', { name: /Chen, Linda/ })).toHaveCount(0);

  // The URL of her encounter answers exactly as an id that does not exist.
  for (const url of [`/encounters/${encounterId}`, `/encounters/${encounterId}/print`, '/encounters/999999']) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByText('This record does not exist, or it belongs to a facility you do not work at.')).toBeVisible();
    await expect(page.getByText('Chen')).toHaveCount(0);
  }

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signInAs(page, 'nurse');
  await page.goto('/');
  await expect(page.getByTestId('encounter-row').filter({ hasText: 'MS-2001' })).toHaveCount(1);
  const response = await page.goto(`/encounters/${encounterId}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('patient-mrn')).toHaveText('MS-2001');
});
