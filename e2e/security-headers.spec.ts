import http from 'node:http';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { signInAs } from './support/auth';
import { pickDrug } from './support/charting';

/** The headers every response carries (proxy.ts, lib/security-headers.ts). */
function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers['content-security-policy'];
  expect(csp, `${what}: CSP`).toBeTruthy();
  const scriptSrc = csp!.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
  expect(scriptSrc, `${what}: script-src`).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'$/);
  expect(csp, `${what}: no inline or eval scripts`).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['permissions-policy'], what).toContain('microphone=()');
  expect(headers['permissions-policy'], what).toContain('geolocation=()');
  expect(headers['x-frame-options'], what).toBe('DENY');
  // Served over plain http here: no HSTS.
  expect(headers['strict-transport-security'], what).toBeUndefined();
}

const nonceOf = (res: APIResponse) => /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')?.[1];

/** Collects every CSP violation and console error of a page, from the first byte. */
async function watchForViolations(page: Page) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sample})`);
    });
  });
  page.on('console', (msg) => {
    // The page we open on purpose to see the not-found page answers 404, which Chromium logs.
    if (/status of 404/.test(msg.text()) && msg.location().url.endsWith('/no-such-page')) return;
    if (msg.type() === 'error' || /Content Security Policy|Permissions-Policy|Permissions policy/i.test(msg.text())) problems.push(`${msg.type()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

test('a page, the print view, the CSV export, the FHIR bundle and the health check all carry the security headers', async ({ page, browser, baseURL }) => {
  await signInAs(page, 'coder');
  const request = page.context().request; // the signed-in session's cookies

  const home = await request.get('/');
  expect(home.status()).toBe(200);
  expectSecurityHeaders(home.headers(), 'home page');

  const print = await request.get('/encounters/1/print');
  expect(print.status()).toBe(200);
  expectSecurityHeaders(print.headers(), 'print view');
  // The print view's page-margin footer is an inline style element: it carries this response's nonce.
  const printNonce = nonceOf(print);
  expect(await print.text()).toMatch(new RegExp(`<style nonce="${printNonce!.replace(/[+/=]/g, (c) => `\\${c}`)}">[^<]*@media print`));

  // Even a 404 for the favicon browsers ask for (the proxy once skipped it).
  expectSecurityHeaders((await request.get('/favicon.ico')).headers(), 'favicon 404');

  const csv = await request.get('/coding/export?from=2026-01-01&to=2026-12-31');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expectSecurityHeaders(csv.headers(), 'CSV export');

  const fhir = await request.get('/coding/1/fhir');
  expectSecurityHeaders(fhir.headers(), 'FHIR bundle');

  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expectSecurityHeaders(health.headers(), '/api/health');

  // Signed out: the sign-in page and the redirect to it.
  const anonymous = await browser.newContext({ baseURL });
  const signIn = await anonymous.request.get('/sign-in');
  expectSecurityHeaders(signIn.headers(), 'sign-in page');
  const redirect = await anonymous.request.get('/coding', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect.headers(), 'redirect to sign-in');
  await anonymous.close();

  // A fresh nonce on every response, and Next's own scripts carry it.
  const again = await request.get('/');
  expect(nonceOf(again)).not.toBe(nonceOf(home));
  const html = await again.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonceOf(again)}"`);

  // The build's static assets (not seen by the proxy) still refuse sniffing.
  const asset = /(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  const assetResponse = await request.get(asset!);
  expect(assetResponse.status()).toBe(200);
  expect(assetResponse.headers()['x-content-type-options']).toBe('nosniff');
  expect(assetResponse.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
});

test('HSTS only when the request came over https (a TLS-terminating proxy in front)', async ({ request }) => {
  const res = await request.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
  expect(res.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(res.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  const plain = await request.get('/sign-in');
  expect(plain.headers()['strict-transport-security']).toBeUndefined();
  expect(plain.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
});

test('pages render and work with no CSP violation: sign-in, encounters, the push form with its live sidebar, print', async ({ page }) => {
  const problems = await watchForViolations(page);
  await signInAs(page, 'nurse');

  await page.goto('/encounters/2');
  await expect(page.getByRole('combobox', { name: 'Drug' })).toBeVisible();
  // Client-side work: the drug picker and the "Codes so far" sidebar run the engine in the browser.
  await pickDrug(page, 'ondan', /^Ondansetron/);
  await expect(page.getByTestId('sidebar-line').first()).toBeVisible();
  await page.getByRole('link', { name: 'Print' }).first().click();
  await expect(page.getByTestId('print-header')).toBeVisible();
  // The footer style element was applied (it would be blocked without its nonce).
  expect(await page.evaluate(() => [...document.styleSheets].some((s) => !s.href && [...s.cssRules].some((r) => r.cssText.includes('@page'))))).toBe(true);

  await page.goBack();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signInAs(page, 'coder');
  await page.goto('/coding');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.goto('/coding/1');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // A missing page and another facility's record answer with our not-found page, which needs no inline style.
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await page.goto('/encounters/1/audit');
  await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-intact', 'true');
  await expect(page.getByTestId('audit-chain')).toContainText('Hash chain intact');

  expect(problems).toEqual([]);
});

test('an oversized server-action body answers 413 (not 500), with or without a content-length', async ({ page, baseURL }) => {
  await signInAs(page, 'nurse');
  const request = page.context().request;
  const big = 'x'.repeat(300 * 1024);
  const headers = { 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' };
  const res = await request.post('/encounters/2', { headers, data: big });
  expect(res.status()).toBe(413);
  expect(await res.text()).toContain('Request body too large');
  expectSecurityHeaders(res.headers(), '413');

  // Under the limit, the same request reaches Next (which refuses the unknown action, but not with 413).
  const small = await request.post('/encounters/2', { headers, data: 'x'.repeat(10 * 1024) });
  expect(small.status()).not.toBe(413);

  // Chunked, no content-length: the proxy measures the body itself.
  const url = new URL('/sign-in', baseURL);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let i = 0; i < 30; i++) req.write('y'.repeat(10 * 1024));
    req.end();
  });
  expect(status).toBe(413);
});
