import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';

test('an admin creates a clinician who can then sign in and chart; a nurse cannot open admin', async ({ page }) => {
  const email = `new.nurse.${Date.now()}@pushchart.test`;
  await signInAs(page, 'admin');
  await page.getByRole('link', { name: 'Admin' }).click();
  const form = page.getByRole('form', { name: 'Create a user' });
  await form.getByLabel('Full name').fill('Sam Rivera');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Credentials').fill('RN');
  await form.getByLabel('Role').selectOption('nurse');
  await form.getByLabel('Initial password (at least 12 characters)').fill('a-long-initial-password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId('user-row').filter({ hasText: email })).toContainText('Active');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-initial-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Sam Rivera, RN · clinician');
  await expect(page.getByRole('link', { name: 'Register a new patient' })).toBeVisible();
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/forbidden$/);
});

test('the nurse is sent away from the admin page', async ({ page }) => {
  await signInAs(page, 'nurse');
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/forbidden$/);
});
