// A shared workstation: a page stays open for one clinician while another signs in
// in another tab. Nothing the first typed may be sent in the second's name, and
// whoever is at the screen is told, by name, what happened (fresh user, stop 22).
import { expect, test, type BrowserContext } from '@playwright/test';
import { signInAs } from './support/auth';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save } from './support/charting';
import { queryDb } from './support/db';

const ondansetron = { drug: 'ondan', drugName: /^Ondansetron/ };
const changed = (now: string, before: string) =>
  `Signed in as ${now} now: this page was open for ${before}, so anything typed on it and not saved was cleared — none of it was saved, in either name. Enter it again if it is still needed.`;

/** In another tab of the same browser: sign out whoever is signed in and sign in as `who`. */
async function signInElsewhere(context: BrowserContext, who: 'nurse2' | 'coder') {
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(other, who);
  await other.close();
}

test("a signing password half-typed by one nurse is cleared when the page comes back for another: one more tap cannot sign the chart in the second nurse's name", async ({ page, context }) => {
  await signInAs(page, 'nurse');
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { ...ondansetron, start: localMinutesAgo(20, NY), site: 'L antecubital 20G' });
  await save(page);
  await page.getByLabel('Your password').fill('pushchart-demo'); // the demo accounts share it: the worst case

  await signInElsewhere(context, 'nurse2');
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await expect(page.getByTestId('signed-in-user-changed')).toHaveText(new RegExp(`^${changed('Tomás Reyes', 'Nora Quinn')}`));
  await expect(page.getByTestId('signed-in-user')).toContainText('Tomás Reyes');
  await expect(page.getByLabel('Your password')).toHaveValue('');
  // What Tomás would attest: Nora's dose as reviewed by him, not as his documentation.
  await expect(page.getByTestId('attestation')).toContainText('I, Tomás Reyes, RN, attest that my entries are my documentation and that I have reviewed the entries charted by Nora Quinn, RN (1 entry), which stay signed by them.');

  // Tomás taps Sign and send without typing: refused beside the field, nothing signed, no failed password counted against him.
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await expect(page.getByTestId('locked-banner')).toHaveCount(0);
  expect(queryDb<{ status: string; signed_by_name: string | null }>('select status, signed_by_name from encounters where id = ?', encounterId)).toEqual([{ status: 'open', signed_by_name: null }]);
  expect(queryDb("select id from audit_events where event = 'auth.reauth-failed' and actor_id = 'u-nurse2'")).toHaveLength(0);
});

test('a nurse\'s amendment typed on a page a coder now holds: refused, the page shows the coder and says what was cleared; nothing is amended', async ({ page, context }) => {
  await signInAs(page, 'nurse');
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chartPush(page, { ...ondansetron, start: localMinutesAgo(20, NY), site: 'L antecubital 20G' });
  await save(page);
  await page.getByRole('button', { name: /^Amend Ondansetron/ }).click();
  await page.getByLabel('Dose', { exact: true }).last().fill('8');
  await page.getByLabel('Reason for the amendment').fill('Gave 8 mg, charted 4 mg');

  await signInElsewhere(context, 'coder');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.getByTestId('signed-in-user-changed')).toHaveText(new RegExp(`^${changed('Casey Morgan', 'Nora Quinn')}`));
  await expect(page.getByTestId('signed-in-user')).toContainText('Casey Morgan');
  await expect(page.getByLabel('Reason for the amendment')).toHaveCount(0);
  expect(queryDb<{ dose_value: string }>('select dose_value from administrations where encounter_id = ?', encounterId)).toEqual([{ dose_value: '4' }]);

  // The notice is about this page: it goes when the coder moves on, and does not come back.
  await page.getByRole('link', { name: 'Coding queue' }).click();
  await expect(page).toHaveURL(/\/coding/);
  await expect(page.getByTestId('signed-in-user-changed')).toHaveCount(0);
});
