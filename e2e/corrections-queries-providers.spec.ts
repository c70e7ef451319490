// Issue 12 items 5, 7 and 11 in the browser: the amend dialog on a tablet, the
// "query from coding" badge, and the provider directory feeding the bedside form.
import { expect, test, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { signInAs } from './support/auth';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save } from './support/charting';
import { E2E_DB, queryDb } from './support/db';

/** Width, left and right edge of every visible input, select and textarea inside `scope`, in CSS px. */
async function controlBoxes(scope: Locator): Promise<{ name: string; width: number; left: number; right: number }[]> {
  const controls = scope.locator('input:visible, select:visible, textarea:visible');
  const out: { name: string; width: number; left: number; right: number }[] = [];
  for (let i = 0; i < (await controls.count()); i++) {
    const c = controls.nth(i);
    const box = await c.boundingBox();
    const name = (await c.getAttribute('aria-label')) ?? (await c.getAttribute('id')) ?? `#${i}`;
    if (box) out.push({ name, width: Math.round(box.width), left: Math.round(box.x), right: Math.round(box.x + box.width) });
  }
  return out;
}

async function chartOneDose(page: Page) {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(10, NY), site: 'L antecubital 20G' });
  await save(page);
  return encounterId;
}

test('the amend dialog at 768 px: every field at least 120 px wide, current values filled in, a summary of what changes, Escape closes, and it saves', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signInAs(page, 'nurse');
  await chartOneDose(page);

  const amend = page.getByRole('button', { name: /^Amend Ondansetron/ });
  await amend.click();
  const dialog = page.getByRole('dialog', { name: /^Amend Ondansetron/ });
  await expect(dialog).toBeVisible();
  // Modal: opened with showModal(), so the page behind is inert.
  expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);

  const boxes = await controlBoxes(dialog);
  console.log(`amend dialog at 768 px: ${boxes.length} controls, narrowest ${Math.min(...boxes.map((b) => b.width))} px`, JSON.stringify(boxes));
  expect(boxes.length).toBeGreaterThanOrEqual(14);
  for (const b of boxes) {
    expect(b.width, `${b.name} width`).toBeGreaterThanOrEqual(120);
    expect(b.left, `${b.name} left edge`).toBeGreaterThanOrEqual(0);
    expect(b.right, `${b.name} right edge`).toBeLessThanOrEqual(768);
  }
  // Full width: the dialog spans the tablet, not a narrow box.
  const dialogBox = (await dialog.boundingBox())!;
  expect(dialogBox.width).toBeGreaterThanOrEqual(740);

  // Current values, the order included.
  await expect(dialog.getByLabel('Dose', { exact: true })).toHaveValue('4');
  await expect(dialog.getByLabel('Access site')).toHaveValue('L antecubital 20G');
  await expect(dialog.getByLabel('Ordered by')).not.toHaveValue('');
  await expect(dialog.getByLabel('Order type')).toHaveValue('written');
  await expect(dialog.getByLabel('Dose', { exact: true })).toBeFocused();
  await expect(dialog.getByTestId('amend-summary')).toContainText('Nothing yet');
  await expect(dialog.getByRole('button', { name: 'Save amendment' })).toBeDisabled();

  // Tab from the last control wraps to the first: focus stays inside.
  await dialog.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);

  // Escape closes it and focus returns to the Amend button.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(amend).toBeFocused();

  await amend.click();
  await dialog.getByLabel('Dose', { exact: true }).fill('8');
  await dialog.getByLabel('Order type').selectOption('verbal');
  await expect(dialog.getByTestId('amend-summary')).toContainText('Dose 4 mg → 8 mg');
  await expect(dialog.getByTestId('amend-summary')).toContainText('Order type Written order → Verbal order');
  // The reason is still required.
  await dialog.getByRole('button', { name: 'Save amendment' }).click();
  await expect(dialog.getByText('Enter the reason', { exact: false }).first()).toBeVisible();
  await dialog.getByLabel('Reason for the amendment').fill('Gave 8 mg per verbal order');
  await dialog.getByRole('button', { name: 'Save amendment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-testid="timeline-row"][data-status="amended"]')).toHaveCount(1);
  const current = page.locator('[data-testid="timeline-row"][data-status="active"]').filter({ hasText: /Ondansetron/ });
  await expect(current).toContainText('8 mg');
  await expect(current.getByTestId('order')).toContainText('Verbal order');
  await expect(current.getByTestId('order')).toContainText('Awaiting provider co-signature');
  const keys = queryDb<{ k: string | null }>("select idempotency_key as k from administrations where correction_reason = 'Gave 8 mg per verbal order'");
  expect(keys).toHaveLength(1);
  expect(keys[0]!.k).toMatch(/^[0-9a-f]{32}$/);
});

test('an amendment whose answer is lost is retried with the same key: one amendment, not two', async ({ page }) => {
  await signInAs(page, 'nurse');
  await chartOneDose(page);
  await page.getByRole('button', { name: /^Amend Ondansetron/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Amend Ondansetron/ });
  await dialog.getByLabel('Dose', { exact: true }).fill('6');
  await dialog.getByLabel('Reason for the amendment').fill('Lost answer retried');
  // The server receives and saves the first submission; its answer never reaches the tablet.
  const keys: string[] = [];
  await page.route('**/encounters/*', async (route) => {
    const body = route.request().postData() ?? '';
    if (route.request().method() === 'POST' && body.includes('Lost answer retried')) {
      keys.push(/"idempotencyKey":"([0-9a-f]+)"/.exec(body)?.[1] ?? '');
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
    }
    return route.continue();
  });
  await dialog.getByRole('button', { name: 'Save amendment' }).click();
  await expect(dialog.getByRole('alert')).toContainText('it will not be saved twice');
  expect(queryDb<{ n: number }>("select count(*) as n from administrations where correction_reason = 'Lost answer retried'")[0]!.n).toBe(1);
  await dialog.getByRole('button', { name: 'Save amendment' }).click();
  await expect(dialog).toHaveCount(0);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(queryDb<{ n: number }>("select count(*) as n from administrations where correction_reason = 'Lost answer retried'")[0]!.n).toBe(1);
  await page.reload();
  await expect(page.locator('[data-testid="timeline-row"][data-status="active"]').filter({ hasText: /Ondansetron/ })).toContainText('6 mg');
});

test('the amend and in-error dialogs at 390 px keep every field on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'nurse');
  await chartOneDose(page);
  await page.getByRole('button', { name: /^Amend Ondansetron/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Amend Ondansetron/ });
  const boxes = await controlBoxes(dialog);
  console.log(`amend dialog at 390 px: narrowest ${Math.min(...boxes.map((b) => b.width))} px`);
  for (const b of boxes) {
    expect(b.width, `${b.name} width`).toBeGreaterThanOrEqual(120);
    expect(b.left, `${b.name} left edge`).toBeGreaterThanOrEqual(0);
    expect(b.right, `${b.name} right edge`).toBeLessThanOrEqual(390);
  }
  await page.keyboard.press('Escape');
  const markInError = page.getByRole('button', { name: /^Mark Ondansetron .* entered in error$/ });
  await markInError.click();
  const inError = page.getByRole('dialog', { name: /entered in error/ });
  await expect(inError.getByLabel('Why was this entered in error?')).toBeFocused();
  await inError.getByRole('button', { name: 'Mark entered in error' }).click();
  await expect(inError.getByRole('alert')).toBeVisible(); // the reason is required
  await inError.getByLabel('Why was this entered in error?').fill('Charted on the wrong patient');
  await inError.getByRole('button', { name: 'Mark entered in error' }).click();
  await expect(inError).toHaveCount(0);
  await expect(page.locator('[data-testid="timeline-row"][data-status="entered-in-error"]')).toHaveCount(1);
});

test('a coder raises a query: the nurse sees the badge on the encounter list and the header, the query names the dose, answering returns to the chart', async ({ page }) => {
  await signInAs(page, 'nurse');
  const encounterId = await chartOneDose(page);
  const givenAt = localMinutesAgo(10, NY).slice(11);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'coder');
  await page.goto(`/coding/${encounterId}`);
  // The dose's name carries its day when the visit spans two (a run just after midnight).
  const doseName = new RegExp(`^Ondansetron HCl 4 mg at (\\d{1,2} [A-Z][a-z]{2} )?${givenAt} by Nora Quinn, RN$`);
  const about = page.getByLabel('About the administration');
  await about.selectOption({ label: (await about.locator('option', { hasText: doseName }).textContent())! });
  await page.getByLabel('Question for the clinician').fill('Please document the indication.');
  await page.getByRole('button', { name: 'Send query' }).click();
  await expect(page.locator('[data-testid="queries"] li[data-status="open"]')).toContainText(new RegExp(`about Ondansetron HCl 4 mg at (\\d{1,2} [A-Z][a-z]{2} )?${givenAt}`));

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'nurse');
  await page.goto('/');
  const row = page.getByTestId('encounter-row').filter({ has: page.locator(`a[href="/encounters/${encounterId}"]`) });
  await expect(row.getByTestId('query-badge')).toHaveText('1 query from coding');
  // Encounters without an open query carry no badge.
  expect(await page.getByTestId('query-badge').count()).toBe(queryDb<{ n: number }>("select count(distinct encounter_id) as n from coder_queries where status = 'open'")[0]!.n);

  await row.getByRole('link', { name: /Testpatient/ }).click();
  await expect(page.getByRole('region', { name: 'Patient and encounter' }).getByTestId('query-badge')).toHaveText('1 query from coding');
  const banner = page.getByTestId('query-banner');
  await expect(banner).toContainText(new RegExp(`asks about Ondansetron HCl 4 mg at (\\d{1,2} [A-Z][a-z]{2} )?${givenAt} by Nora Quinn, RN: Please document the indication\\.`));
  await expect(banner).not.toContainText('#');
  await banner.getByLabel('Your answer').fill('Nausea after the first dose.');
  await banner.getByRole('button', { name: 'Send answer' }).click();
  await expect(banner).toContainText('Answered by Nora Quinn, RN');
  await expect(page.getByRole('combobox', { name: 'Drug' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Patient and encounter' }).getByTestId('query-badge')).toHaveCount(0);
});

test('an admin adds a provider (NPI check digit enforced), who is then offered as "Ordered by" at the bedside; a deactivated one is not', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Providers' }).click();
  await expect(page).toHaveURL(/\/admin\/providers$/);
  const form = page.getByRole('form', { name: 'Add a provider' });
  await form.getByLabel('Full name').fill('Lena Ortiz');
  await form.getByLabel('Credentials (MD, DO, NP, PA-C)').fill('DO');
  await form.getByLabel('NPI').fill('1234567894');
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByText('its check digit does not match')).toBeVisible();
  await form.getByLabel('NPI').fill('1234567893');
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByRole('status')).toHaveText('✓ Added Lena Ortiz, DO');
  await expect(page.getByTestId('provider-row').filter({ hasText: 'Lena Ortiz, DO' })).toContainText('NPI 1234567893');
  expect(queryDb<{ n: number }>("select count(*) as n from audit_events where event = 'provider.created'")[0]!.n).toBe(1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'nurse');
  await openNewEncounter(page, 'ED');
  await expect(page.getByLabel('Ordered by').locator('option', { hasText: 'Lena Ortiz, DO' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'admin');
  await page.goto('/admin/providers');
  await page.getByRole('button', { name: 'Deactivate Lena Ortiz' }).click();
  await page.getByLabel('Reason').fill('Left the practice');
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await expect(page.locator('[data-testid="provider-row"][data-active="false"]')).toContainText('Lena Ortiz');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'nurse');
  await openNewEncounter(page, 'ED');
  await expect(page.getByLabel('Ordered by').locator('option', { hasText: 'Dana Whitfield' })).toHaveCount(1);
  await expect(page.getByLabel('Ordered by').locator('option', { hasText: 'Lena Ortiz' })).toHaveCount(0);
});

test('a visit across midnight: dates on the timeline, "1 d 3 h" intervals, order, witness and expired product on screen and on paper, and Closed everywhere', async ({ page }) => {
  // Fixture written straight to the test database (as the print spec does): an ED visit from
  // 1 April 09:00 EDT to 2 April 16:00 EDT, closed; ondansetron 27 hours apart; a witnessed morphine waste.
  const db = new Database(E2E_DB);
  const mrn = `E2E-MIDNIGHT-${Date.now().toString(36)}`;
  const patientId = Number(db.prepare("insert into patients (facility_id, mrn, family_name, given_name, birth_date) values (1, ?, 'Nightshift', 'Nia', '1980-01-01')").run(mrn).lastInsertRowid);
  const at = (iso: string) => Date.parse(iso);
  const encounterId = Number(
    db.prepare("insert into encounters (patient_id, facility_id, setting, opened_at, closed_at, status) values (?, 1, 'facility', ?, ?, 'open')").run(patientId, at('2026-04-01T13:00:00Z'), at('2026-04-02T20:00:00Z')).lastInsertRowid,
  );
  const insert = db.prepare(
    `insert into administrations (encounter_id, drug_id, dose_value, dose_unit, kind, start_at, stop_at, site, rationale, performer_id, performer_name, performer_credentials, charted_at,
       ordering_provider_id, ordering_provider_name, order_type, wasted_value, wasted_unit, witness_id, witness_name, witness_credentials, witnessed_at, expiry, expired_product_reason)
     values (?, (select id from formulary_drugs where key = ?), ?, 'mg', 'push', ?, ?, 'L AC 20G', 'Nausea', 'u-nurse', 'Nora Quinn', 'RN', ?, 1, 'Dana Whitfield, MD', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const t1 = at('2026-04-01T14:00:00Z');
  const t2 = at('2026-04-02T17:00:00Z');
  const t3 = at('2026-04-02T18:07:00Z');
  insert.run(encounterId, 'ondansetron', '4', t1, t1 + 60_000, t1 + 120_000, 'written', null, null, null, null, null, null, null, null);
  insert.run(encounterId, 'ondansetron', '4', t2, t2 + 60_000, t2 + 120_000, 'telephone', null, null, null, null, null, null, null, null);
  insert.run(encounterId, 'morphine', '2', t3, t3 + 60_000, t3 + 120_000, 'verbal', '2', 'mg', 'u-nurse2', 'Tomás Reyes', 'RN', t3 + 60_000, '2026-03-31', 'Only vial on the unit; pharmacy informed');
  db.close();

  await signInAs(page, 'nurse');
  await expect(page.getByTestId('encounter-row').filter({ hasText: mrn }).getByTestId('encounter-status')).toHaveText('Closed');
  await page.goto(`/encounters/${encounterId}`);
  await expect(page.getByRole('region', { name: 'Patient and encounter' }).getByTestId('encounter-status')).toHaveText('Closed');
  const rows = page.getByTestId('timeline-row');
  await expect(rows.nth(0)).toContainText('2026-04-01 10:00');
  await expect(rows.nth(1)).toContainText('2026-04-02 13:00');
  await expect(rows.nth(1).getByTestId('interval')).toHaveText('1 d 3 h');
  await expect(rows.nth(0).getByTestId('order')).toHaveText('Ordered by Dana Whitfield, MD · Written order');
  await expect(rows.nth(1).getByTestId('order')).toContainText('Telephone orderAwaiting provider co-signature');
  await expect(rows.nth(2).getByTestId('witness')).toHaveText('Witnessed by Tomás Reyes, RN at 2026-04-02 14:08');
  await expect(rows.nth(2).getByTestId('expired-product')).toContainText('EXPIRED PRODUCT (expiry 2026-03-31): Only vial on the unit; pharmacy informed');

  await page.goto(`/encounters/${encounterId}/print`);
  await expect(page.getByTestId('print-status')).toHaveText('Closed');
  const printed = page.getByTestId('print-row');
  await expect(printed.nth(1).getByTestId('print-interval')).toHaveText(/^1 d 3 h after the reported .*10:00 push$/);
  await expect(printed.nth(0).getByTestId('print-order')).toHaveText('Ordered by Dana Whitfield, MD · Written order');
  await expect(printed.nth(0).getByTestId('print-cosign')).toHaveCount(0);
  await expect(printed.nth(1).getByTestId('print-cosign')).toHaveText('AWAITING PROVIDER CO-SIGNATURE (telephone order)');
  await expect(printed.nth(2).getByTestId('print-cosign')).toHaveText('AWAITING PROVIDER CO-SIGNATURE (verbal order)');
  await expect(printed.nth(2).getByTestId('print-witness')).toHaveText('Witnessed by Tomás Reyes, RN at 2026-04-02 14:08');
  await expect(printed.nth(2).getByTestId('print-expired')).toHaveText('EXPIRED PRODUCT given: Only vial on the unit; pharmacy informed');
});
