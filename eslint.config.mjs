import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

// A bulk UPDATE or DELETE without WHERE on clinical tables is never intended:
// the drizzle rules make it a lint error for every handle we use (db, tx).
const drizzleObjects = { drizzleObjectName: ['db', 'tx'] };

const config = [
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'db/migrations/**', 'next-env.d.ts', '.e2e/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', drizzleObjects],
      'drizzle/enforce-update-with-where': ['error', drizzleObjects],
    },
  },
  {
    // Rules live in lib/: no database, no server-only session code (README "Layout").
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/db/*', '@/server/*', '../db/*', '../server/*'], message: 'lib/ holds rules only: database and session code lives in db/ and server/.' },
            { group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'server-only', 'next/headers'], message: 'lib/ holds rules only: no database or request code.' },
          ],
        },
      ],
    },
  },
];

export default config;
