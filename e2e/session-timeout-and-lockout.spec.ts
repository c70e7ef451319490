import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, signInAs } from './support/auth';
import { AppServer } from './support/server';

// A server of its own: a 6-second idle timeout and a failed-sign-in limit of 3,
// so the shared test server's accounts are never locked.
const server = AppServer.fresh(3102, 'session-limits', { SESSION_IDLE_MINUTES: '0.1', MAX_FAILED_SIGN_INS: '3' });

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.kill();
});

test('an idle session ends; activity keeps it alive', async ({ page }) => {
  await signInAs(page, 'nurse', server.url);
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(3_000); // active every 3 s: under the 6 s idle limit
    await page.goto(`${server.url}/`);
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
  }
  await page.waitForTimeout(7_500);
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('repeated failed sign-ins lock the account for a while, even with the right password', async ({ page }) => {
  for (let i = 0; i < 3; i++) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill(DEMO_EMAIL.coder);
    await page.getByLabel('Password').fill(`wrong-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
  }
  await page.getByLabel('Email').fill(DEMO_EMAIL.coder);
  await page.getByLabel('Password').fill('pushchart-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Too many failed sign-ins' })).toBeVisible();
  // Other accounts are unaffected.
  await signInAs(page, 'admin', server.url);
});
