import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';
import { queryDb } from './support/db';

test('an admin creates a clinician who can then sign in and chart, but not open admin', async ({ page }) => {
  const email = `new.nurse.${Date.now()}@pushchart.test`;
  const password = 'a-long-initial-password';
  await signInAs(page, 'admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Create a user' });
  await form.getByLabel('Full name').fill('Sam Rivera');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Credentials').fill('RN');
  await form.getByLabel('Role').selectOption('nurse');
  await form.getByLabel('Initial password (at least 12 characters)').fill(password);
  // People belong to facilities: without one a clinician sees and registers nothing.
  await form.getByRole('checkbox', { name: 'St. Brigid Hospital Emergency Department' }).check();
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('status')).toContainText(`Created Sam Rivera (${email})`);
  const row = page.getByTestId('user-row').filter({ hasText: email });
  await expect(row).toContainText('Sam Rivera');
  await expect(row.getByTestId('user-facilities')).toHaveText('St. Brigid Hospital Emergency Department');
  await expect(row).toContainText('clinician');
  await expect(row).toContainText('Active');

  // better-auth's credential account, keyed by the user's id; no password in the audit trail.
  const [account] = queryDb<{ user_id: string; account_id: string; provider_id: string }>(
    'select a.user_id, a.account_id, a.provider_id from accounts a join users u on u.id = a.user_id where u.email = ?',
    email,
  );
  expect(account).toMatchObject({ provider_id: 'credential', account_id: account?.user_id });
  expect(queryDb<{ n: number }>("select count(*) as n from audit_events where changes like ?", `%${password}%`)[0]?.n).toBe(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Sam Rivera, RN · clinician');
  await expect(page.getByRole('link', { name: 'Register a new patient' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/forbidden$/);

  // Deactivated (from the keyboard, with a reason): the person can no longer sign in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'admin');
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'Deactivate Sam Rivera' }).click();
  await page.keyboard.type('Left the unit');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('user-row').filter({ hasText: email })).toContainText('Deactivated');
  await expect(page.getByRole('button', { name: 'Reactivate Sam Rivera' })).toBeFocused();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The right password: told why (a wrong one still says only "Wrong email or password").
  await expect(page.getByRole('alert').filter({ hasText: 'This account is deactivated: ask an admin' })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
});

test('an admin adds a drug with a dated HCPCS code and a product from the keyboard-friendly form', async ({ page }) => {
  const key = `granisetron-${Date.now().toString(36)}`;
  await signInAs(page, 'admin');
  await page.goto('/admin/formulary');
  const form = page.getByRole('form', { name: 'Add a formulary drug' });
  await form.getByLabel('Key (slug)').fill(key);
  await form.getByLabel('Generic name').fill('Granisetron');
  await form.getByLabel('Usual dose (optional)').fill('1');
  await form.getByLabel('HCPCS code', { exact: true }).fill('j1626');
  await form.getByLabel('Billing amount').fill('100');
  await form.getByLabel('Billing unit').selectOption('mcg');
  await form.getByLabel('First date of service').fill('2025-01-01');
  await form.getByLabel('Last date of service').fill('2024-12-31');
  await form.getByRole('button', { name: 'Add drug' }).click();
  // Checked in the browser with the same schema as the server: the error is tied to its field.
  const to = form.getByLabel('Last date of service');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('The last date is before the first date')).toBeVisible();
  await to.fill('');

  await form.getByLabel('Add a product (NDC)').check();
  await form.getByLabel('NDC-10 as printed (hyphenated)').fill('0409-4888-01');
  await expect(form.getByText('Billing NDC-11: 00409488801')).toBeVisible();
  await form.getByLabel('Amount per container').fill('1');
  await form.getByRole('button', { name: 'Add drug' }).click();
  await expect(form.getByRole('status')).toContainText('Added Granisetron');

  const row = page.getByTestId('drug-row').filter({ hasText: key });
  await expect(row).toContainText('J1626');
  await expect(row).toContainText('per 100 mcg');
  await expect(row).toContainText('00409488801');
  expect(queryDb<{ code: string; effective_from: string }>('select c.code, c.effective_from from drug_hcpcs_codes c join formulary_drugs d on d.id = c.drug_id where d.key = ?', key)).toEqual([
    { code: 'J1626', effective_from: '2025-01-01' },
  ]);
});

test('a nurse is sent away from every admin page', async ({ page }) => {
  await signInAs(page, 'nurse');
  for (const path of ['/admin', '/admin/users', '/admin/facilities', '/admin/formulary']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
  }
});
