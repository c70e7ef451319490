/** @type {import('next').NextConfig} */
const nextConfig = {
  // The native SQLite binding must be loaded by Node, not bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
};

module.exports = nextConfig;
