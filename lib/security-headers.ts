/**
 * Security headers of every response. Pure: proxy.ts sends them on pages, route
 * handlers and actions (with a fresh nonce per request); next.config.js sends
 * the static ones on the build's own assets, which the proxy does not see.
 */

/**
 * Browser features the app does not use, each turned off for the page and any
 * frame. Barcodes arrive from a keyboard-wedge scanner or typing (no camera);
 * printing uses the browser's own dialog (no fullscreen, no payment).
 */
export const DISABLED_FEATURES = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
] as const;

export const PERMISSIONS_POLICY = DISABLED_FEATURES.map((f) => `${f}=()`).join(', ');

/** One year, subdomains included; sent only on responses served over https. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** Headers that do not depend on the request: on every response, assets included. */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  // For browsers that predate CSP's frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
];

export interface CspOptions {
  /** Fresh per request, base64 (at least 128 bits of randomness). */
  nonce: string;
  /** `next dev` only: React rebuilds server error stacks with eval. */
  dev?: boolean;
  /** Served over https: ask the browser to upgrade any http subresource. */
  https?: boolean;
}

/**
 * The Content-Security-Policy of one response. Scripts run only with the
 * request's nonce (Next applies it to its own scripts when it finds the nonce
 * in the request's CSP header) and whatever those load ('strict-dynamic'):
 * no 'unsafe-inline', no 'unsafe-eval' outside development. Stylesheets come
 * from the app (Tailwind's compiled CSS) or carry the nonce (the print view's
 * page-margin footer); inline style attributes are allowed (style-src-attr),
 * since Next's built-in error pages use them and they cannot run script.
 */
export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) throw new Error('CSP nonce must be base64 of at least 12 random bytes');
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(dev ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    ['worker-src', "'self'", 'blob:'],
    ['manifest-src', "'self'"],
  ];
  if (https) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** A fresh nonce: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the client reached the app over https: the request URL, or the
 * scheme a reverse proxy in front reports (x-forwarded-proto, first value).
 */
export function isHttps(url: string | URL, forwardedProto: string | null): boolean {
  const first = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  if (first) return first === 'https';
  return new URL(url).protocol === 'https:';
}

/** Every security header of one response, the CSP with this request's nonce. */
export function securityHeaders(options: CspOptions): [string, string][] {
  const out: [string, string][] = STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]);
  out.push(['Content-Security-Policy', contentSecurityPolicy(options)]);
  if (options.https) out.push(['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY]);
  return out;
}

/** Server-action bodies above this answer 413 (next.config.js sets Next's own limit to the same). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 256 * 1024;
