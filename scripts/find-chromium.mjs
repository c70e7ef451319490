// Which Chromium the browser tests drive: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium, else Playwright's own download (if someone installed it).
import { existsSync } from 'node:fs';

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv, source: 'CHROMIUM_PATH' } : null;
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: 'debian' };
  return { path: undefined, source: 'playwright' };
}

async function playwrightOwnBrowserExists() {
  try {
    const { chromium } = await import('@playwright/test');
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

async function check() {
  const found = findChromium();
  const ok = found && (found.source !== 'playwright' || (await playwrightOwnBrowserExists()));
  if (!ok) {
    console.error(
      process.env.CHROMIUM_PATH
        ? `No Chromium at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}: fix the path or unset it.`
        : 'No Chromium for the browser tests: install Debian\'s (apt-get install chromium), set CHROMIUM_PATH, or run `npx playwright install chromium`.',
    );
    process.exit(1);
  }
}

if (process.argv.includes('--check')) void check();
