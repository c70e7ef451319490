// The same values as lib/security-headers.ts (a unit test keeps them equal):
// the proxy sends them with the CSP on pages, route handlers and actions; these
// cover what the proxy does not see, the build's static assets.
const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'browsing-topics', 'camera', 'display-capture', 'encrypted-media',
  'fullscreen', 'geolocation', 'gyroscope', 'hid', 'idle-detection', 'magnetometer', 'microphone', 'midi',
  'payment', 'picture-in-picture', 'publickey-credentials-get', 'screen-wake-lock', 'serial', 'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

const STATIC_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The native SQLite binding must be loaded by Node, not bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // A separate build folder lets two test servers build side by side (NEXT_DIST_DIR).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  experimental: {
    serverActions: {
      // Deliberate: the largest form (a formulary drug with its codes) is a few
      // KB. proxy.ts answers 413 above this (SERVER_ACTION_BODY_LIMIT_BYTES);
      // Next's own check, the same limit, would answer 500.
      bodySizeLimit: '256kb',
    },
  },
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      // HSTS only where the client came over https (a TLS-terminating proxy in front).
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }],
      },
    ];
  },
};

module.exports = nextConfig;
