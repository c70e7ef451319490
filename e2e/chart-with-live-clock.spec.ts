import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { formatTime, toLocalInput } from '../lib/time';
import { DEMO_EMAIL, DEMO_PASSWORD, signInAs } from './support/auth';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save, sidebarCodes } from './support/charting';
import { E2E_DB, queryDb } from './support/db';

const ondansetron = { drug: 'ondan', drugName: /^Ondansetron/ };
const MINUTE = 60_000;
const TOMAS_NOW_NOT_NORA =
  'Signed in as Tomás Reyes now: this page was open for Nora Quinn, so anything typed on it and not saved was cleared — none of it was saved, in either name. Enter it again if it is still needed.';

/** The live "now" shown is the browser clock's minute (it re-reads the clock every 15 s). */
async function expectLiveNow(page: Page) {
  await expect
    .poll(async () => {
      const browserNow = await page.evaluate(() => Date.now());
      const shown = await page.getByTestId('live-start').textContent();
      return [browserNow, browserNow - 15_000].map((t) => `now · ${formatTime(new Date(t), NY)}`).includes(shown ?? '');
    })
    .toBe(true);
}

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

test('a page left open 20 minutes charts the 4-interaction repeat at the new time, and the banner follows the clock', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  const real = Date.now();
  // The browser's clock starts 20 minutes behind the server's; the page stays open while it catches up.
  await page.clock.install({ time: real - 20 * MINUTE });
  await page.reload();

  const first = localMinutesAgo(35, NY, real);
  await chartPush(page, { ...ondansetron, start: first, site: 'L antecubital 20G' });
  await save(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toHaveText(`✓ Saved: Ondansetron HCl 4 mg at ${first.slice(11)}`);
  // Back to live "now" after the save, focus on Drug.
  await expect(page.getByRole('combobox', { name: 'Drug' })).toBeFocused();
  await expectLiveNow(page);
  expect(Math.abs((await page.evaluate(() => Date.now())) - (real - 20 * MINUTE))).toBeLessThan(5 * MINUTE);

  let interactions = 0;
  const step = async (action: () => Promise<void>) => {
    interactions += 1;
    await action();
  };
  await step(() => page.getByRole('combobox', { name: 'Drug' }).fill('ondan'));
  await step(() => page.getByRole('option', { name: /^Ondansetron/ }).click());
  // 15 minutes after the first dose on the browser's clock: not yet reportable, banner and warning agree.
  const eligibility = page.getByTestId('eligibility');
  await expect(eligibility).toHaveAttribute('data-reportable', 'false');
  await expect(eligibility).toContainText('again now would not be separately reportable');
  await expect(page.getByTestId('sidebar-warnings').locator('[data-rule="R-SAME-DRUG-30MIN"]')).toContainText('(if saved)');

  // 20 minutes pass without a reload: the live time, the banner and the codes follow.
  await page.clock.fastForward('20:00');
  await expectLiveNow(page);
  await expect(eligibility).toHaveAttribute('data-reportable', 'true');
  await expect(eligibility).toContainText('would be separately reportable (96376)');
  await expect(page.getByTestId('sidebar-warnings').locator('[data-rule="R-SAME-DRUG-30MIN"]')).toHaveCount(0);
  await expect(sidebarCodes(page).filter({ hasText: '96376' }).getByTestId('if-saved')).toBeVisible();

  await step(() => page.getByRole('button', { name: 'Nausea', exact: true }).click());
  const before = Date.now();
  await step(() => page.getByRole('button', { name: 'Save and sign' }).click());
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  const after = Date.now();
  expect(interactions).toBe(4);

  const rows = queryDb<{ start_at: number; stop_at: number; ordering_provider_id: number; order_type: string }>(
    'select start_at, stop_at, ordering_provider_id, order_type from administrations where encounter_id = ? order by start_at',
    encounterId,
  );
  expect(rows).toHaveLength(2);
  // The server's clock at save, not the page-load time, and stop = start for a push.
  expect(rows[1]!.start_at).toBeGreaterThanOrEqual(before - MINUTE);
  expect(rows[1]!.start_at).toBeLessThanOrEqual(after);
  expect(rows[1]!.stop_at).toBe(rows[1]!.start_at);
  // Provider and order type were kept from the first dose.
  expect(rows[1]!.ordering_provider_id).toBe(rows[0]!.ordering_provider_id);
  expect(rows[1]!.order_type).toBe('written');
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toHaveText(`✓ Saved: Ondansetron HCl 4 mg at ${formatTime(new Date(rows[1]!.start_at), NY)}`);
});

test('a back-timed draft: the banner and the warning agree, judged at the typed time; "given N min ago?" shows', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  const base = Date.now();
  await chartPush(page, { ...ondansetron, start: localMinutesAgo(50, NY, base), site: 'R hand 22G' });
  await save(page);

  // 10 minutes after the first dose, typed: the wall clock (50 minutes later) must not decide.
  const typed = localMinutesAgo(40, NY, base);
  await chartPush(page, { ...ondansetron, start: typed });
  const eligibility = page.getByTestId('eligibility');
  const warning = page.getByTestId('sidebar-warnings').locator('[data-rule="R-SAME-DRUG-30MIN"]');
  const eligibleFrom = localMinutesAgo(20, NY, base).slice(11);
  await expect(eligibility).toHaveText(`Ondansetron HCl again at ${typed.slice(11)} would not be separately reportable — eligible from ${eligibleFrom}.`);
  await expect(warning).toContainText(`eligible from ${eligibleFrom}`);
  await expect(warning).toContainText('(if saved)');
  await expect(sidebarCodes(page).getByTestId('if-saved')).toHaveCount(0);
  await expect(page.getByTestId('given-ago')).toContainText('Given 40 min ago?');

  // 30 minutes after the first (boundary: eligible from exactly 30 min in a facility): reportable, no warning.
  const onBoundary = localMinutesAgo(20, NY, base);
  await page.getByLabel('Given at', { exact: true }).fill(onBoundary);
  await expect(eligibility).toHaveAttribute('data-reportable', 'true');
  await expect(eligibility).toHaveText(`Ondansetron HCl again at ${onBoundary.slice(11)} would be separately reportable (96376).`);
  await expect(warning).toHaveCount(0);
  await expect(sidebarCodes(page).filter({ hasText: '96376' }).getByTestId('if-saved')).toBeVisible();

  // 10 minutes ago exactly: no "given N min ago?" notice; past 10: the notice.
  await page.getByLabel('Given at', { exact: true }).fill(localMinutesAgo(10, NY));
  await expect(page.getByTestId('given-ago')).toHaveCount(0);
  // 12, not 11: the typed time has whole minutes and the form's clock ticks every 15 s, so a time typed
  // 11 minutes ago can read as 10 min 50 s before the tick (the notice is for more than 10 minutes).
  await page.getByLabel('Given at', { exact: true }).fill(localMinutesAgo(12, NY));
  await expect(page.getByTestId('given-ago')).toContainText(/Given 1[12] min ago\?/);

  // "Now" on Given at: back to the live clock, and for a push Finished at follows it again.
  await page.getByRole('button', { name: 'Given at: now' }).click();
  await expect(page.getByLabel('Given at', { exact: true })).toHaveAttribute('data-live', 'true');
  await expect(page.getByLabel('Given at', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Finished at', { exact: true })).toHaveAttribute('data-live', 'true');
  await expect(page.getByTestId('given-ago')).toHaveCount(0);
  await expect(eligibility).toContainText('again now would be separately reportable (96376)');
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(1);
});

test('session expired at Save: sign in in place, the draft is kept and saved once with one more tap; nothing in browser storage', async ({ page, context }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { ...ondansetron, site: 'L antecubital 20G' });
  await page.getByLabel('Clinical rationale').fill('Nausea after the CT contrast');

  // The session ends (idle timeout, or signed out elsewhere).
  await context.clearCookies();
  await page.getByRole('button', { name: 'Save and sign' }).click();
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);

  await dialog.getByLabel('Email').fill(DEMO_EMAIL.nurse);
  await dialog.getByLabel('Password').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Wrong email or password');
  await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();

  // The draft is all there; one more tap saves it.
  await expect(page.getByTestId('picked-drug')).toHaveText(/^Ondansetron/);
  await expect(page.getByLabel('Clinical rationale')).toHaveValue('Nausea after the CT contrast');
  await expect(page.getByRole('button', { name: 'Save and sign' })).toBeFocused();
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved: .+ 4 mg at / })).toBeVisible();
  expect(queryDb<{ rationale: string }>('select rationale from administrations where encounter_id = ?', encounterId)).toEqual([{ rationale: 'Nausea after the CT contrast' }]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
});

test('a session ended on the server while the page is open (signed out on another workstation): the next save asks to sign in and keeps the entry', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { ...ondansetron, site: 'L antecubital 20G' });
  await page.getByLabel('Clinical rationale').fill('Nausea, ended elsewhere');
  // The browser still holds its cookie; the server no longer has this session (other tests' sessions stay).
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith('session_token'))!;
  const token = decodeURIComponent(cookie.value).split('.')[0]!;
  const db = new Database(E2E_DB);
  try {
    db.pragma('busy_timeout = 5000');
    expect(db.prepare('delete from sessions where token = ?').run(token).changes).toBe(1);
  } finally {
    db.close();
  }
  const pressedAt = await page.evaluate(() => Date.now());
  await page.getByRole('button', { name: 'Save and sign' }).click();
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog.getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/encounters/${encounterId}$`));
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);
  // "Now" was the moment Save was pressed: it is written into the time field, and said, before signing in takes minutes.
  const pinned = await page.getByLabel('Given at', { exact: true }).inputValue();
  expect([pressedAt, pressedAt + MINUTE].map((t) => toLocalInput(new Date(t), NY))).toContain(pinned);
  await expect(page.getByTestId('form-error')).toHaveText(`Your session has ended: sign in to save. Your entry is still here, given at ${pinned.slice(11)} (when you pressed Save).`);
  await dialog.getByLabel('Email').fill(DEMO_EMAIL.nurse);
  await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Clinical rationale')).toHaveValue('Nausea, ended elsewhere');
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  const stored = queryDb<{ start_at: number }>('select start_at from administrations where encounter_id = ?', encounterId);
  expect(stored).toHaveLength(1);
  expect(toLocalInput(new Date(stored[0]!.start_at), NY)).toBe(pinned);
});

test("another clinician signed in on this browser (another tab) since the page was opened: a save there is refused, never signed in their name; the entry is discarded, saying so", async ({ page, context }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { ...ondansetron, site: 'L antecubital 20G' });
  await page.getByLabel('Clinical rationale').fill('Nausea, Nora drafted it');
  await expect(page.getByTestId('signer')).toContainText('Nora Quinn');

  // The shared workstation: in another tab Nora is signed out and Tomás signs in; this tab is not reloaded.
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(other, 'nurse2');
  await other.close();

  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByTestId('signed-in-user-changed')).toContainText(TOMAS_NOW_NOT_NORA);
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);
  // The page is read again for who is signed in now.
  await expect(page.getByTestId('signer')).toContainText('Tomás Reyes');
  await expect(page.getByLabel('Clinical rationale')).toHaveValue('');
});

test("another nurse signing in through the session-ended dialog does not sign the previous nurse's draft: it is discarded, saying so", async ({ page, context }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { ...ondansetron, site: 'L antecubital 20G' });
  await page.getByLabel('Clinical rationale').fill('Nausea, Nora gave it');
  await expect(page.getByTestId('signer')).toContainText('Nora Quinn');

  await context.clearCookies();
  await page.getByRole('button', { name: 'Save and sign' }).click();
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog.getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
  await dialog.getByLabel('Email').fill(DEMO_EMAIL.nurse2);
  await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();

  // Tomás is told, by name, that Nora's entry was discarded; the page is his.
  await expect(page.getByTestId('signed-in-user-changed')).toContainText(TOMAS_NOW_NOT_NORA);
  await expect(page.getByTestId('signer')).toContainText('Tomás Reyes');
  await expect(page.getByTestId('picked-drug')).toHaveCount(0);
  await expect(page.getByLabel('Clinical rationale')).toHaveValue('');
  await page.getByRole('button', { name: 'Save and sign' }).click();
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);

  // What he charts himself is his.
  await chartPush(page, { ...ondansetron, site: 'R forearm 22G' });
  await save(page);
  expect(queryDb('select performer_name, rationale from administrations where encounter_id = ?', encounterId)).toEqual([{ performer_name: 'Tomás Reyes', rationale: 'Nausea' }]);
});

test('a retry of the same draft carries the same idempotency key; a new draft a new one', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  const keys: string[] = [];
  let dropFirst = true;
  // Lose the answer to the first Save (the server still charts it), as a dropped connection would.
  await page.route('**/encounters/*', async (route) => {
    const body = route.request().postData() ?? '';
    const key = /"idempotencyKey":"([A-Za-z0-9-]+)"/.exec(body)?.[1];
    if (route.request().method() !== 'POST' || !key) return route.continue();
    keys.push(key);
    if (dropFirst) {
      dropFirst = false;
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await chartPush(page, { ...ondansetron, site: 'L antecubital 20G' });
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByTestId('form-error')).toContainText('Tap Save again');
  await save(page);
  await chartPush(page, { drug: 'ketor', drugName: /^Ketorolac/, rationale: 'Pain' });
  await save(page);
  expect(keys).toHaveLength(3);
  expect(keys[1]).toBe(keys[0]);
  expect(keys[2]).not.toBe(keys[0]);
  // The server answered the retry with the first result: one ondansetron, not two.
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(2);
});
