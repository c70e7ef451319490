import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './support/auth';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save } from './support/charting';
import { queryDb } from './support/db';

const claimLine = (page: Page, code: string) => page.locator(`[data-testid="claim-line"][data-code="${code}"]`);

async function overrideWithJz(page: Page, reason: string) {
  await page.getByRole('button', { name: 'Override J2405' }).click();
  await page.getByRole('form', { name: 'Override J2405' }).getByLabel('Modifiers').fill('JZ');
  await page.getByLabel('Reason for the override').fill(reason);
  await page.getByRole('button', { name: 'Save override' }).click();
}

test('a coder sees which decision a chart correction made lapse, beside its line (a corrected site lapses none), and the notice goes after deciding again', async ({ page }) => {
  // Three corrections and six sign-ins between a nurse and a coder: longer than one page's default 30 s.
  test.setTimeout(120_000);
  // A nurse charts two 4 mg ondansetron pushes in the ED and signs: J2405 × 8 (1 mg a unit, summed per day).
  await signInAs(page, 'nurse');
  const { encounterId } = await openNewEncounter(page, 'ED');
  const base = Date.now();
  const second = localMinutesAgo(15, NY, base);
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(50, NY, base), site: 'L antecubital 20G' });
  await save(page);
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: second });
  await save(page);
  await page.getByLabel('Your password').fill('pushchart-demo');
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await expect(page.getByTestId('locked-banner')).toContainText('signed by Nora Quinn, RN');

  // The coder adds JZ to the drug line (J2405 is packaged under OPPS, so the engine suggests none; this payer wants it).
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'coder');
  await page.goto(`/coding/${encounterId}`);
  await expect(claimLine(page, 'J2405').locator('td').nth(1)).toHaveText('8');
  await overrideWithJz(page, 'Payer requires JZ on single-dose vials: nothing discarded');
  await expect(claimLine(page, 'J2405').getByTestId('override-note')).toContainText('engine: J2405 × 8');
  await expect(page.getByTestId('lapsed-decision')).toHaveCount(0);
  // A decision on the second dose's administration line too; ".." is no reason (refused beside the field).
  await page.getByRole('button', { name: 'Override 96376' }).click();
  const addOnForm = page.getByRole('form', { name: 'Override 96376' });
  await addOnForm.getByLabel('Modifiers').fill('59');
  await addOnForm.getByLabel('Reason for the override').fill('..');
  await addOnForm.getByRole('button', { name: 'Save override' }).click();
  await expect(addOnForm.getByRole('alert')).toHaveText('Enter the reason in words: at least 2 letters or digits');
  await addOnForm.getByLabel('Reason for the override').fill('Separate IV site per nurse note');
  await addOnForm.getByRole('button', { name: 'Save override' }).click();
  await expect(claimLine(page, '96376').getByTestId('override-note')).toContainText('Separate IV site per nurse note');

  // The nurse corrects only the second dose's site (an addendum): no decision lapses, both still apply.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'nurse');
  await page.goto(`/encounters/${encounterId}`);
  const time = second.slice(11);
  await page.getByRole('button', { name: new RegExp(`^Addendum: amend Ondansetron HCl 4 mg at (\\d{1,2} [A-Z][a-z]{2} )?${time} by Nora Quinn, RN$`) }).click();
  await page.getByLabel('Access site').last().fill('R hand 22G');
  await page.getByLabel('Reason for the amendment').fill('Site charted on the wrong arm');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.locator('[data-testid="timeline-row"][data-status="amended"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'coder');
  await page.goto(`/coding/${encounterId}`);
  await expect(claimLine(page, '96376').getByTestId('override-note')).toContainText('Separate IV site per nurse note');
  await expect(claimLine(page, '96376').locator('td').first()).toContainText('96376-59');
  await expect(claimLine(page, 'J2405').locator('td').first()).toContainText('J2405-JZ');
  await expect(page.getByTestId('lapsed-decision')).toHaveCount(0);

  // The nurse corrects the second dose to 8 mg (an addendum: the chart is signed): the drug line becomes 12 units.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'nurse');
  await page.goto(`/encounters/${encounterId}`);
  await page.getByRole('button', { name: new RegExp(`^Addendum: amend Ondansetron HCl 4 mg at (\\d{1,2} [A-Z][a-z]{2} )?${time} by Nora Quinn, RN$`) }).click();
  await page.getByLabel('Dose', { exact: true }).last().fill('8');
  await page.getByLabel('Reason for the amendment').fill('Second dose was 8 mg per order');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.locator('[data-testid="timeline-row"][data-status="amended"]')).toHaveCount(2);

  // The review names the line and the decision beside it; the line follows the chart.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'coder');
  await page.goto(`/coding/${encounterId}`);
  const drugLine = claimLine(page, 'J2405');
  await expect(drugLine.locator('td').nth(1)).toHaveText('12');
  await expect(drugLine.locator('td').first()).toHaveText('J2405');
  await expect(drugLine.getByTestId('lapsed-decision')).toContainText('Your JZ on J2405 was made against 8 units; the chart now gives 12.');
  await expect(drugLine.getByTestId('lapsed-decision')).toContainText('Payer requires JZ on single-dose vials');
  // When the decision was made, in the facility's zone with the zone named.
  await expect(drugLine.getByTestId('lapsed-decision')).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} E[SD]T/);
  await expect(page.getByTestId('lapsed-decision')).toHaveCount(1);
  // The add-on decision was made against what the chart still gives: it still applies.
  await expect(claimLine(page, '96376').getByTestId('override-note')).toContainText('Separate IV site per nurse note');
  // Mark coded lists the lapsed decision, naming the line and the decision.
  await page.getByRole('button', { name: 'Mark coded' }).click();
  const dialog = page.getByTestId('mark-coded-dialog');
  await expect(dialog.getByTestId('mark-coded-items')).toContainText('Your decision lapsed: Line J2405 × 12: Your JZ on J2405 was made against 8 units; the chart now gives 12.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('to-confirm').locator('[data-kind="lapsed-decision"]')).toHaveCount(1);
  await expect(drugLine.getByTestId('override-note')).toHaveCount(0);
  // The other lines carry no notice, and "From:" names the amended dose as the pickers do.
  await expect(claimLine(page, '96374').getByTestId('lapsed-decision')).toHaveCount(0);
  await expect(claimLine(page, '96376')).toContainText(new RegExp(`Ondansetron HCl 8 mg at (\\d{1,2} [A-Z][a-z]{2} )?${time} by Nora Quinn, RN`));

  // Deciding again on that line (JZ against 12 units) clears the notice.
  await overrideWithJz(page, 'Payer still requires JZ at 12 units');
  await expect(drugLine.getByTestId('override-note')).toContainText('engine: J2405 × 12');
  await expect(page.getByTestId('lapsed-decision')).toHaveCount(0);
  await expect(drugLine.locator('td').first()).toContainText('J2405-JZ');
  expect(queryDb<{ n: number }>("select count(*) as n from coding_overrides where encounter_id = ? and op = 'change'", encounterId)).toEqual([{ n: 3 }]);
  // Nothing lapsed is left for Mark coded to list.
  await expect(page.getByTestId('to-confirm').locator('[data-kind="lapsed-decision"]')).toHaveCount(0);
});
