import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { AppServer } from './support/server';
import { signInAs } from './support/auth';

test('opens the demo ED encounter and sees both ondansetron pushes in Eastern time', async ({ page }) => {
  await signInAs(page, 'nurse');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Encounters' })).toBeVisible();
  const row = page.getByTestId('encounter-row').filter({ hasText: 'ED-100234' });
  await expect(row).toContainText('St. Brigid Hospital');
  await expect(row).toContainText('2026-03-02 09:40 EST');
  await expect(row.locator('td').last()).toHaveText('2');

  await row.getByRole('link', { name: 'Alvarez, Maria' }).click();
  await expect(page).toHaveURL(/\/encounters\/\d+$/);
  await expect(page.getByTestId('patient-mrn')).toHaveText('ED-100234');
  await expect(page.getByTestId('patient-dob')).toHaveText('1958-04-12');
  await expect(page.getByTestId('encounter-zone')).toHaveText('America/New_York (EST)');

  // Current entries only: another journey may have corrected this encounter meanwhile.
  const rows = page.locator('[data-testid="timeline-row"][data-status="active"]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(/ondansetron/i);
  await expect(rows.nth(1)).toContainText(/ondansetron/i);
  await expect(rows.nth(0)).toContainText('4 mg'); // the first dose is never amended
  await expect(rows.nth(0).locator('time').first()).toHaveText('10:00');
  await expect(rows.nth(1).locator('time').first()).toHaveText('10:45');
  await expect(rows.nth(1).getByTestId('interval')).toHaveText('45 min');
  await expect(rows.nth(0)).toContainText('Nora Quinn, RN');
});

test('data is still there after the server is killed and restarted', async ({ browser }) => {
  const server = AppServer.fresh(3101, 'restart');
  await server.start();
  const page = await browser.newPage();
  try {
    await signInAs(page, 'nurse', server.url);
    await page.goto(`${server.url}/`);
    const rowsBefore = await page.getByTestId('encounter-row').count();
    expect(rowsBefore).toBeGreaterThanOrEqual(3);

    // A write committed while the server runs (synchronous=FULL) must survive a crash.
    const db = new Database(server.databasePath);
    const patient = db
      .prepare("insert into patients (facility_id, mrn, family_name, given_name, birth_date) values (1, 'ED-777', 'Durable', 'Dana', '1990-05-05')")
      .run();
    db.prepare('insert into encounters (patient_id, facility_id, setting, opened_at) values (?, 1, ?, ?)').run(
      patient.lastInsertRowid,
      'facility',
      Date.parse('2026-03-03T14:00:00Z'),
    );
    db.close();

    await server.kill();
    await server.start();
    await page.reload();
    await expect(page.getByTestId('encounter-row')).toHaveCount(rowsBefore + 1);
    await expect(page.getByTestId('encounter-row').filter({ hasText: 'ED-777' })).toContainText('Durable, Dana');
    await expect(page.getByTestId('encounter-row').filter({ hasText: 'ED-100234' })).toHaveCount(1);
  } finally {
    await page.close();
    await server.kill();
  }
});
