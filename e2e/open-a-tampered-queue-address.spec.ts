import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';

const notices = (page: import('@playwright/test').Page) => page.getByTestId('queue-notices');

test('a coder opening a queue address with values the queue does not take is told what is shown instead, never a facility not his', async ({ page }) => {
  await signInAs(page, 'coder');

  // A facility that is not one of his (here: none such exists): all his facilities, and a notice saying so.
  await page.goto('/coding?status=any&from=2026-03-02&to=2026-03-02&facility=999');
  await expect(notices(page)).toContainText('Facility 999 is not one of yours — showing all your facilities');
  await expect(page.getByTestId('queue-row')).toHaveCount(3);
  await expect(page.getByLabel('Facility')).toHaveValue('');

  // A page past the last: the last page, said.
  await page.goto('/coding?status=any&from=2026-03-02&to=2026-03-02&page=99999');
  await expect(notices(page)).toContainText('Page 99,999 does not exist — showing the last page (1)');
  await expect(page.getByTestId('queue-total')).toContainText('3 encounters · page 1 of 1');
  await expect(page.getByTestId('queue-row')).toHaveCount(3);

  // Not page numbers, an unknown status and sort: each named, the defaults shown.
  await page.goto('/coding?page=1e3&status=deleted&sort=id');
  await expect(notices(page).getByRole('listitem')).toHaveText([
    "Status “deleted” is not one of the queue's — showing Ready for coding",
    "Sort “id” is not one of the queue's — showing newest first",
    'Page “1e3” is not a page number — showing page 1',
  ]);
  await expect(page.getByLabel('Status')).toHaveValue('ready-for-coding');
  await expect(page.getByLabel('Sort')).toHaveValue('opened-desc');
  await page.goto('/coding?page=-1');
  await expect(notices(page)).toContainText('Page “-1” is not a page number — showing page 1');

  // An address with a 2,000-character search: answered (not 431), the search cut to 60 characters and said.
  const response = await page.goto(`/coding?status=any&q=${'alvarez'.repeat(300).slice(0, 2_000)}`);
  expect(response?.status()).toBe(200);
  await expect(notices(page)).toContainText('Search shortened to its first 60 characters (2,000 were given)');
  await expect(page.getByLabel('Search: MRN or patient name')).toHaveValue('alvarez'.repeat(10).slice(0, 60));

  // An address the form made: no notice.
  await page.goto('/coding?status=any&facility=1');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await expect(notices(page)).toHaveCount(0);
});
