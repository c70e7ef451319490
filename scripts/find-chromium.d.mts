export interface ChromiumChoice {
  /** undefined: let Playwright use its own downloaded browser. */
  path: string | undefined;
  source: 'CHROMIUM_PATH' | 'debian' | 'playwright';
}
/** null when CHROMIUM_PATH names a file that does not exist. */
export function findChromium(): ChromiumChoice | null;
