import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, isHttps, securityHeaders, SERVER_ACTION_BODY_LIMIT_BYTES, STATIC_SECURITY_HEADERS } from './security-headers';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => { const [name, ...values] = d.split(' '); return [name!, values]; }));
const NONCE = 'AAECAwQFBgcICQoLDA0ODw==';

describe('contentSecurityPolicy', () => {
  it('lets scripts run only with the nonce (and what they load), never inline or eval in production', () => {
    const d = directives(contentSecurityPolicy({ nonce: NONCE }));
    expect(d.get('script-src')).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", `'nonce-${NONCE}'`]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });

  it("allows 'unsafe-eval' only in development, and upgrades subresources only over https", () => {
    expect(directives(contentSecurityPolicy({ nonce: NONCE, dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ nonce: NONCE, https: true })).has('upgrade-insecure-requests')).toBe(true);
  });

  it('refuses a missing or malformed nonce rather than weakening the policy', () => {
    expect(() => contentSecurityPolicy({ nonce: '' })).toThrow();
    expect(() => contentSecurityPolicy({ nonce: "abc'; script-src *" })).toThrow();
  });
});

describe('createNonce', () => {
  it('is 128 random bits, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const n of [...nonces].slice(0, 10)) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});

describe('isHttps and HSTS', () => {
  it('trusts the forwarded scheme first, then the request URL', () => {
    expect(isHttps('http://app.test/', 'https')).toBe(true);
    expect(isHttps('http://app.test/', 'https, http')).toBe(true);
    expect(isHttps('https://app.test/', null)).toBe(true);
    expect(isHttps('http://app.test/', null)).toBe(false);
    expect(isHttps('http://app.test/', 'http')).toBe(false);
  });

  it('sends Strict-Transport-Security only over https', () => {
    const keys = (https: boolean) => securityHeaders({ nonce: NONCE, https }).map(([k]) => k);
    expect(keys(true)).toContain('Strict-Transport-Security');
    expect(keys(false)).not.toContain('Strict-Transport-Security');
    expect(keys(false)).toEqual(expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']));
  });

  it('turns the camera off (barcodes come from a keyboard-wedge scanner)', () => {
    const policy = STATIC_SECURITY_HEADERS.find((h) => h.key === 'Permissions-Policy')!.value;
    expect(policy).toContain('camera=()');
    expect(policy).toContain('microphone=()');
    expect(policy).toContain('geolocation=()');
  });
});

describe('next.config.js', () => {
  const config = createRequire(import.meta.url)('../next.config.js');

  it('sends the same static headers on every path (the build assets the proxy does not see)', async () => {
    const rules = await config.headers();
    const all = rules.find((r: { source: string; has?: unknown }) => r.source === '/:path*' && !r.has);
    expect(all.headers).toEqual(STATIC_SECURITY_HEADERS);
  });

  it("sets Next's server-action body limit to the proxy's 413 limit", () => {
    expect(config.experimental.serverActions.bodySizeLimit).toBe(`${SERVER_ACTION_BODY_LIMIT_BYTES / 1024}kb`);
  });
});
