/** @type {import('next').NextConfig} */
const nextConfig = {
  // The native SQLite binding must be loaded by Node, not bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // A separate build folder lets two test servers build side by side (NEXT_DIST_DIR).
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

module.exports = nextConfig;
