import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, signInAs } from './support/auth';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save, sidebarCodes } from './support/charting';
import { queryDb } from './support/db';

test('no page without signing in; a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/encounters/1');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fencounters%2F1$/);
  await page.getByLabel('Email').fill(DEMO_EMAIL.nurse);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong' })).toHaveText('Wrong email or password');
  const failed = queryDb<{ n: number }>("select count(*) as n from audit_events where event = 'auth.sign-in-failed' and entity_id = ?", DEMO_EMAIL.nurse);
  expect(failed[0]!.n).toBeGreaterThan(0);

  await page.getByLabel('Password').fill('pushchart-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/encounters\/1$/); // back where they were going
  const cookies = await page.context().cookies();
  const sessionCookie = cookies.find((c) => c.name.endsWith('session_token'));
  expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('nurse amends a dose, marks another in error, then signs and sends: the chart locks', async ({ page }) => {
  await signInAs(page, 'nurse');
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(30, NY), site: 'L antecubital 20G' });
  await save(page);
  await chartPush(page, { drug: 'ketor', drugName: /^Ketorolac/, start: localMinutesAgo(20, NY), rationale: 'Pain' });
  await save(page);
  await expect(sidebarCodes(page)).toHaveCount(2); // 96374 + 96375

  // Amend the ondansetron dose with a reason: both versions stay on the timeline.
  await page.getByRole('button', { name: /^Amend Ondansetron/ }).click();
  await page.getByLabel('Dose', { exact: true }).last().fill('8');
  await page.getByLabel('Reason for the amendment').fill('Gave 8 mg, charted 4 mg');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  const original = page.locator('[data-testid="timeline-row"][data-status="amended"]');
  await expect(original).toHaveCount(1);
  await expect(original).toContainText('4 mg');
  await expect(original.getByTestId('correction-note')).toContainText('AMENDED by Nora Quinn, RN');
  await expect(original.getByTestId('correction-note')).toContainText('Gave 8 mg, charted 4 mg');
  const current = page.locator('[data-testid="timeline-row"][data-status="active"]').filter({ hasText: /Ondansetron/ });
  await expect(current).toContainText('8 mg');
  await expect(current.getByTestId('amendment-note')).toContainText('Gave 8 mg, charted 4 mg');

  // Mark the ketorolac in error: struck through, and its 96375 drops out of the codes.
  await page.getByRole('button', { name: /^Mark Ketorolac .* entered in error$/ }).click();
  await page.getByLabel('Why was this entered in error?').fill('Charted on the wrong patient');
  await page.getByRole('button', { name: 'Mark entered in error' }).click();
  const voided = page.locator('[data-testid="timeline-row"][data-status="entered-in-error"]');
  await expect(voided.getByTestId('correction-note')).toContainText('ENTERED IN ERROR by Nora Quinn, RN');
  await expect(sidebarCodes(page)).toHaveCount(1);
  await expect(sidebarCodes(page).first()).toHaveAttribute('data-code', '96374');

  // Sign and send with the password: locked, charting replaced by addenda.
  await page.getByLabel('Your password').fill('pushchart-demo');
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await expect(page.getByTestId('locked-banner')).toContainText('signed by Nora Quinn, RN');
  await expect(page.getByRole('form', { name: 'Chart an administration' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Add addendum' })).toBeVisible();
  await page.getByLabel('Addendum (what and why)').fill('Patient reports nausea resolved at discharge.');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByTestId('addenda')).toContainText('nausea resolved');

  const status = queryDb<{ status: string; signed_by_id: string }>('select status, signed_by_id from encounters where id = ?', encounterId);
  expect(status).toEqual([{ status: 'ready-for-coding', signed_by_id: 'u-nurse' }]);
  const events = queryDb<{ event: string }>('select event from audit_events where encounter_id = ? order by id', encounterId).map((e) => e.event);
  expect(events).toEqual(
    expect.arrayContaining(['encounter.opened', 'administration.charted', 'administration.amended', 'administration.entered-in-error', 'encounter.signed', 'encounter.addendum']),
  );
});

test('the coder reads charts but gets no charting form, and cannot reach nurse-only pages', async ({ page }) => {
  await signInAs(page, 'coder');
  await page.goto('/encounters/2'); // an open ED encounter
  await expect(page.getByTestId('patient-mrn')).toHaveText('ED-100871');
  await expect(page.getByTestId('timeline-row').first()).toBeVisible();
  await expect(page.getByRole('form', { name: 'Chart an administration' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Amend/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Sign and send to coding' })).toHaveCount(0);
  await page.goto('/patients/new');
  await expect(page).toHaveURL(/\/forbidden$/);
  await page.goto('/encounters/1/audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
});
