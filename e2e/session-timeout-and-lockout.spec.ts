import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, DEMO_PASSWORD, signInAs } from './support/auth';
import { chartPush } from './support/charting';
import { AppServer } from './support/server';

// A server of its own: a 6-second idle timeout, a failed-sign-in limit of 3 and
// short delays, so the shared test server's accounts are never locked. Its port
// follows E2E_PORT (3100 + 2 by default), so side-by-side runs do not collide.
const server = AppServer.fresh(Number(process.env.E2E_PORT ?? 3100) + 2, 'session-limits', {
  SESSION_IDLE_MINUTES: '0.1',
  MAX_FAILED_SIGN_INS: '3',
  SIGN_IN_DELAY_BASE_MS: '50',
  SIGN_IN_DELAY_MAX_MS: '200',
});

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.kill();
});

async function trySignIn(page: import('@playwright/test').Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

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

test('charting without leaving the page keeps the session alive (each save re-sends the cookie); idle after it, it ends', async ({ page }) => {
  await signInAs(page, 'nurse', server.url);
  await page.goto(`${server.url}/encounters/2`);
  await expect(page.getByRole('combobox', { name: 'Drug' })).toBeVisible();
  await page.waitForLoadState('networkidle'); // the page's link prefetches are done
  // From here on only saves reach the server: no page load or refresh that could slide the session instead.
  // Next may prefetch the page's links again at any time (seen: twice in 10 s, 1 run in 3); a prefetch passes
  // the proxy and could slide the session, so prefetches are stopped in the browser, and any other GET counted.
  const pageLoads: string[] = [];
  await page.route('**/*', (route) => {
    const r = route.request();
    if (r.headers()['next-router-prefetch']) return route.abort();
    if (r.method() === 'GET' && !new URL(r.url()).pathname.startsWith('/_next/static')) pageLoads.push(r.url());
    return route.continue();
  });
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(2_500); // 10 s of charting in all: beyond the 6 s idle limit, never 6 s apart
    await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/ });
    await page.getByRole('button', { name: 'Save and sign' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
    await expect(page.getByTestId('sign-in-dialog')).toBeHidden();
  }
  expect(pageLoads).toEqual([]);

  await page.waitForTimeout(7_500); // idle beyond the limit: the next save asks to sign in again
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/ });
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByTestId('sign-in-dialog').getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
});

test('an amendment typed when the session has ended: sign in over the page, the typed amendment stays, one more tap saves it', async ({ page }) => {
  await signInAs(page, 'nurse', server.url);
  await page.goto(`${server.url}/encounters/2`);
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/ });
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  await page.getByRole('button', { name: /^Amend Ondansetron/ }).last().click();
  await page.getByLabel('Dose', { exact: true }).last().fill('8');
  await page.getByLabel('Reason for the amendment').fill('Gave 8 mg, charted 4 mg');

  await page.waitForTimeout(7_500); // idle beyond the 6 s limit
  await page.getByRole('button', { name: 'Save amendment' }).click();
  // The open one (the push form keeps its own, closed, on this page).
  const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Email').fill(DEMO_EMAIL.nurse);
  await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Reason for the amendment')).toHaveValue('Gave 8 mg, charted 4 mg');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.locator('[data-testid="timeline-row"][data-status="amended"]').getByTestId('correction-note')).toContainText('Gave 8 mg, charted 4 mg');
});

test('repeated failed sign-ins lock the account for a while, even with the right password; an admin clears it', async ({ page }) => {
  for (let i = 0; i < 3; i++) {
    await page.goto(`${server.url}/sign-in`);
    await trySignIn(page, DEMO_EMAIL.coder, `wrong-${i}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
  }
  await trySignIn(page, DEMO_EMAIL.coder, DEMO_PASSWORD);
  await expect(page.getByRole('alert').filter({ hasText: 'Too many failed sign-ins for this account' })).toBeVisible();
  // Other accounts are unaffected.
  await signInAs(page, 'admin', server.url);

  // The admin sees the locked account and clears it, with a reason.
  await page.goto(`${server.url}/admin/users`);
  const lockouts = page.getByRole('region', { name: 'Sign-in lockouts' });
  await expect(lockouts.getByTestId('sign-in-lockout')).toContainText(DEMO_EMAIL.coder);
  await lockouts.getByRole('button', { name: `Clear lockout of ${DEMO_EMAIL.coder}` }).click();
  await lockouts.getByLabel('Reason').fill('Confirmed by phone with Casey');
  await lockouts.getByRole('button', { name: 'Clear lockout', exact: true }).click();
  await expect(lockouts.getByTestId('no-sign-in-lockouts')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await page.goto(`${server.url}/sign-in`);
  await trySignIn(page, DEMO_EMAIL.coder, DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
});

test("better-auth's profile endpoint is gone: a signed-in user cannot rename themselves", async ({ page }) => {
  await signInAs(page, 'nurse2', server.url);
  const rename = await page.request.post(`${server.url}/api/auth/update-user`, {
    data: { name: 'Nora Quinn' },
    headers: { origin: server.url },
  });
  expect(rename.status()).toBe(404);
  const session = await page.request.get(`${server.url}/api/auth/get-session`);
  expect(session.status()).toBe(200);
  expect(((await session.json()) as { user: { name: string } }).user.name).toBe('Tomás Reyes');
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId('signed-in-user')).toContainText('Tomás Reyes');
});

test('?next= after sign-in stays on this origin', async ({ page }) => {
  for (const next of ['//evil.example/', '/\\evil.example', 'https://evil.example/']) {
    await page.context().clearCookies();
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
    await trySignIn(page, DEMO_EMAIL.nurse, DEMO_PASSWORD);
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(server.url);
    expect(new URL(page.url()).pathname).toBe('/');
  }
});
