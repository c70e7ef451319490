import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signInAs } from './support/auth';
import { E2E_DB } from './support/db';
import { pdfPages } from './support/pdf';

test('the demo ED summary prints with header, both pushes, the interval, codes and a footer on every page', async ({ page }) => {
  await signInAs(page, 'coder');
  await page.goto('/encounters/1');
  await page.getByRole('link', { name: 'Print' }).click();
  await expect(page).toHaveURL(/\/encounters\/1\/print$/);
  await page.emulateMedia({ media: 'print' });

  const header = page.getByTestId('print-header');
  await expect(header).toContainText('Alvarez, Maria');
  await expect(header).toContainText('ED-100234');
  await expect(header).toContainText('1958-04-12');
  await expect(header).toContainText('St. Brigid Hospital Emergency Department');
  await expect(header).toContainText('Facility (hospital outpatient / ED)');
  await expect(header).toContainText('2026-03-02 09:40 EST');
  await expect(header).toContainText('America/New_York');

  const current = page.locator('[data-testid="print-row"][data-status="active"]');
  await expect(current.filter({ hasText: '2026-03-02 10:00' })).toContainText(/Ondansetron/);
  await expect(current.filter({ hasText: '2026-03-02 10:45' }).getByTestId('print-interval')).toHaveText('45 min after the reported 10:00 push');
  await expect(page.getByTestId('print-codes')).toContainText('96374');
  await expect(page.getByTestId('print-codes')).toContainText('96376');
  await expect(page.getByTestId('print-codes')).toContainText('J2405');
  await expect(page.getByTestId('print-signature')).toContainText('electronically signed by Nora Quinn, RN');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();

  const pages = await pdfPages(await page.pdf({ format: 'Letter', preferCSSPageSize: true }));
  for (const [i, text] of pages.entries()) {
    expect(text).toContain('Alvarez, Maria · MRN ED-100234');
    expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text).toContain('by Casey Morgan, CPC');
  }
});

test('a 60-dose encounter with an amendment prints on several pages with the struck original and its reason', async ({ page }) => {
  // Fixture written straight to the test database: 60 charted doses, one amended.
  const db = new Database(E2E_DB);
  const encounterId = Number(
    db.prepare("insert into encounters (patient_id, facility_id, setting, opened_at, status) values (2, 1, 'facility', ?, 'open')").run(Date.parse('2026-04-01T12:00:00Z')).lastInsertRowid,
  );
  const insert = db.prepare(
    `insert into administrations (encounter_id, drug_id, dose_value, dose_unit, kind, start_at, stop_at, site, rationale, performer_id, performer_name, performer_credentials, charted_at, amends_id, correction_reason)
     values (?, (select id from formulary_drugs where key = ?), ?, 'mg', 'push', ?, ?, 'L AC 20G', 'Pain', 'u-nurse', 'Nora Quinn', 'RN', ?, ?, ?)`,
  );
  let first = 0;
  for (let i = 0; i < 60; i++) {
    const t = Date.parse('2026-04-01T12:10:00Z') + i * 7 * 60_000;
    const id = Number(insert.run(encounterId, i % 2 ? 'morphine' : 'ketorolac', '4', t, t + 60_000, t + 120_000, null, null).lastInsertRowid);
    if (i === 0) first = id;
  }
  const t0 = Date.parse('2026-04-01T12:10:00Z');
  insert.run(encounterId, 'ketorolac', '15', t0, t0 + 60_000, t0 + 30 * 60_000, first, 'Dose was 15 mg per order, not 4');
  db.close();

  await signInAs(page, 'nurse');
  await page.goto(`/encounters/${encounterId}/print`);
  await expect(page.getByTestId('print-row')).toHaveCount(61);
  await expect(page.locator('[data-testid="print-row"][data-status="amended"] .line-through').first()).toBeVisible();
  const pages = await pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  expect(pages.length).toBeGreaterThan(1);
  const all = pages.join('\n');
  expect(all).toContain('[AMENDED by Nora Quinn, RN');
  expect(all).toContain('Reason: Dose was 15 mg per order, not 4');
  expect(all).toContain('Codes: suggested, not yet coded');
  expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
});
