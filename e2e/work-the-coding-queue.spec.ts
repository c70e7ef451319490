import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';

const rows = (page: import('@playwright/test').Page) => page.getByTestId('queue-row');

test('a coder finds encounters by partial MRN and by name, works the queue from the keyboard and goes on with "Next encounter"', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, 'coder');
  // Other journeys chart, sign and code encounters of their own (and the demo's) in the same database:
  // this one looks at the demo's day of service, 2026-03-02, whatever state its three encounters are in.
  await page.goto('/coding?status=any&from=2026-03-02&to=2026-03-02');

  // The manager's numbers at the top (exact figures: db/coding-queue.test.ts).
  await expect(page.getByTestId('overview-total').locator('[data-status="ready-for-coding"]')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('overview-total').locator('[data-status="open"]')).toHaveText(/^[1-9]\d*$/);

  // Partial MRN without the facility prefix.
  const search = page.getByLabel('Search: MRN or patient name');
  await page.getByLabel('Status').selectOption('any');
  await search.fill('0023');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('ED-100234');
  await expect(rows(page)).toContainText('Alvarez, Maria');

  // Partial MRN with the prefix, in lower case.
  await search.fill('ed-1008');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Okafor, James');

  // The MRN without its hyphen, and a name with part of the MRN: both narrow.
  await search.fill('ED100871');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Okafor, James');
  await search.fill('alvarez 1002');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('ED-100234');
  await search.fill('okafor 1002');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(0);

  // No letter or digit: nothing matched, and why (not every encounter).
  await search.fill('--');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByTestId('queue-search-help')).toHaveText('Type letters or digits to search');
  await expect(page.getByTestId('queue-total')).toContainText('Type letters or digits to search: nothing matched. 0 encounters');
  await expect(search).toHaveAttribute('aria-invalid', 'true');
  // The field takes no more than the queue reads.
  await expect(search).toHaveAttribute('maxlength', '60');

  // By name: given and family name parts, any case.
  await search.fill('LINDA ch');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('MS-2001');
  await expect(page).toHaveURL(/q=LINDA\+ch/);

  // Every encounter, waiting longest first: the keyboard moves the selection, never while typing in the search.
  await search.fill('');
  await page.getByLabel('Sort').selectOption('opened-asc');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows(page)).toHaveCount(3);
  await search.focus();
  await page.keyboard.press('j');
  await expect(search).toHaveValue('j');
  await expect(page.locator('[data-testid="queue-row"][aria-selected="true"]')).toHaveCount(0);
  await search.fill('');
  await search.blur();

  await page.keyboard.press('ArrowDown');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('j'); // already on the last row: stays there
  await expect(rows(page).nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  // Home and End: the first and the last row of the page.
  await page.keyboard.press('End');
  await expect(rows(page).nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(rows(page).nth(2).getByRole('link')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  // The selected row's link has the focus (and its visible ring).
  await expect(rows(page).nth(0).getByRole('link')).toBeFocused();
  await expect(rows(page).nth(0)).toContainText('Alvarez, Maria');
  await page.keyboard.press('Enter');

  // The review of Maria Alvarez, opened from this view: next is the following row of the same view.
  await expect(page).toHaveURL(/\/coding\/\d+\?status=any&from=2026-03-02&to=2026-03-02&sort=opened-asc$/);
  await expect(page.getByTestId('patient-mrn')).toHaveText('ED-100234');
  const next = page.getByTestId('next-encounter');
  await expect(next).toContainText('Chen, Linda (MS-2001)');
  await next.click();
  await expect(page.getByTestId('patient-mrn')).toHaveText('MS-2001');
  await expect(page).toHaveURL(/status=any&from=2026-03-02&to=2026-03-02&sort=opened-asc/);
  await expect(page.getByTestId('next-encounter')).toContainText('Okafor, James (ED-100871)');
  await page.getByTestId('next-encounter').click();
  await expect(page.getByTestId('patient-mrn')).toHaveText('ED-100871');
  await expect(page.getByTestId('next-encounter-none')).toHaveText('Last encounter of this queue view');

  // Back to the same view of the queue, on the row the coder was working on.
  await page.getByRole('link', { name: 'Back to the queue' }).click();
  await expect(page).toHaveURL(/\/coding\?status=any&from=2026-03-02&to=2026-03-02&sort=opened-asc#encounter-\d+$/);
  await expect(rows(page)).toHaveCount(3);
  const okafor = rows(page).filter({ hasText: 'ED-100871' });
  await expect(okafor.getByRole('link')).toBeFocused();
  await expect(okafor).toHaveAttribute('aria-selected', 'true');
});
