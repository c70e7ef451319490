import { defineConfig, devices } from '@playwright/test';
import { E2E_DB } from './e2e/support/db';
import { E2E_AUTH_SECRET } from './e2e/support/server';
import { findChromium } from './scripts/find-chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The throw-away database lives outside test-results/ (Playwright wipes that folder).

const chromium = findChromium();

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    timezoneId: 'America/New_York',
    launchOptions: {
      executablePath: chromium?.path,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // Fresh database every run, production build, as a user would run it.
    command: `rm -f ${E2E_DB}* && mkdir -p .e2e && ./node_modules/.bin/next build && node scripts/serve.mjs -H 127.0.0.1 -p ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { DATABASE_PATH: E2E_DB, NEXT_TELEMETRY_DISABLED: '1', BETTER_AUTH_SECRET: E2E_AUTH_SECRET },
  },
});
