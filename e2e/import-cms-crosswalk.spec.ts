import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';
import { queryDb } from './support/db';

const SAMPLE = path.resolve('test/fixtures/cms-asp-ndc-hcpcs-sample.csv');
const MALFORMED = path.resolve('test/fixtures/cms-asp-ndc-hcpcs-malformed.csv');

test('an admin uploads CMS’s crosswalk, reads the preview, confirms, and the formulary shows the new product', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/formulary/import');
  await expect(page.getByRole('heading', { level: 1, name: /NDC–HCPCS crosswalk/ })).toBeVisible();

  // A malformed file: its rows with their lines, and no way to import.
  await page.getByLabel('CMS ASP NDC–HCPCS crosswalk (CSV)').setInputFiles(MALFORMED);
  await page.getByRole('button', { name: 'Preview' }).click();
  const malformed = page.getByRole('alert').filter({ hasText: 'Malformed rows' });
  await expect(malformed).toContainText("line 11: NDC2 '1234' is not an 11-digit NDC");
  await expect(malformed).toContainText("line 12: BILLUNITS 'four' is not a positive number");
  await expect(malformed).toContainText('line 13: _2026_code (HCPCS code) is missing');
  await expect(page.getByText('Nothing can be imported until the file is fixed.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm import' })).toHaveCount(0);

  // The sample: ondansetron's new NDC is listed, the code not in the formulary ignored.
  await page.getByLabel('CMS ASP NDC–HCPCS crosswalk (CSV)').setInputFiles(SAMPLE);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Preview' })).toBeVisible();
  const added = page.getByRole('table', { name: 'New products' }).getByRole('row').filter({ hasText: '99998-0101-25' });
  await expect(added).toContainText('99998-101-25');
  await expect(added).toContainText('J2405');
  await expect(added).toContainText('Fictitious Pharma 99998');
  await expect(added).toContainText('100');
  await expect(page.getByRole('table', { name: 'Rows ignored' })).toContainText('J9999');
  await expect(page.getByText(/container type unconfirmed/)).toBeVisible();

  await page.getByRole('button', { name: 'Confirm import' }).click();
  await expect(page.getByRole('status')).toContainText(/Imported: \d+ new products?/);
  expect(queryDb<{ source: string; container_type_confirmed: number }>("select source, container_type_confirmed from drug_products where ndc11 = '99998010125'")).toEqual([
    { source: 'cms-crosswalk', container_type_confirmed: 0 },
  ]);

  await page.getByRole('link', { name: 'Back to the formulary' }).first().click();
  const ondansetron = page.getByTestId('drug-row').filter({ hasText: 'ondansetron' });
  await expect(ondansetron).toContainText('99998-101-25');
});

test('the upload route answers only an admin, and only from the app itself', async ({ browser, baseURL }) => {
  const nurse = await browser.newContext({ baseURL });
  await signInAs(await nurse.newPage(), 'nurse');
  const asNurse = await nurse.request.post('/api/admin/formulary/crosswalk', {
    headers: { origin: baseURL! },
    multipart: { intent: 'preview', file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('x') } },
  });
  expect(asNurse.status()).toBe(403);
  await nurse.close();

  const admin = await browser.newContext({ baseURL });
  await signInAs(await admin.newPage(), 'admin');
  const crossSite = await admin.request.post('/api/admin/formulary/crosswalk', {
    headers: { origin: 'https://elsewhere.example' },
    multipart: { intent: 'preview', file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('x') } },
  });
  expect(crossSite.status()).toBe(403);
  await admin.close();
});
