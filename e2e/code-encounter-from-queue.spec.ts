import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './support/auth';
import { queryDb } from './support/db';

const claimLine = (page: Page, code: string) => page.locator(`[data-testid="claim-line"][data-code="${code}"]`);

test('coder codes the demo ED encounter with an override and a query loop; a later amendment sends it back', async ({ page }) => {
  await signInAs(page, 'coder');
  await page.getByRole('link', { name: 'Coding queue' }).click();
  const row = page.getByTestId('queue-row').filter({ hasText: 'ED-100234' });
  await expect(row).toContainText('2026-03-02');
  await row.getByRole('link', { name: 'Alvarez, Maria' }).click();

  // The engine's suggestion: two 4 mg ondansetron pushes → 96374 + 96376 + J2405 × 8 (summed per day).
  await expect(page.getByTestId('claim-line')).toHaveCount(3);
  await expect(claimLine(page, '96374')).toContainText('R-INITIAL');
  await expect(claimLine(page, '96376')).toContainText('R-PUSH-SAME-DRUG');
  await expect(claimLine(page, 'J2405').locator('td').nth(1)).toHaveText('8');
  await expect(claimLine(page, '96376')).toContainText('Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN');
  // The demo's vial NDC is a placeholder: flagged beside the drug line, in words a coder can check.
  await expect(claimLine(page, 'J2405').getByTestId('line-flags')).toContainText('NDC 99999-0001-01 is a placeholder, not a real package: replace it before billing');
  await expect(claimLine(page, '96374').getByTestId('line-flags')).toHaveCount(0);

  // Override the drug line with a reason: shown next to the engine's suggestion.
  // (J2405 is packaged under OPPS, so the engine adds no JZ; this payer wants it.)
  await page.getByRole('button', { name: 'Override J2405' }).click();
  await page.getByRole('form', { name: 'Override J2405' }).getByLabel('Modifiers').fill('JZ');
  await page.getByLabel('Reason for the override').fill('Payer requires JZ on single-dose vials: nothing discarded');
  await page.getByRole('button', { name: 'Save override' }).click();
  await expect(claimLine(page, 'J2405').getByTestId('override-note')).toContainText('engine: J2405 × 8');
  await expect(claimLine(page, 'J2405').getByTestId('override-note')).toContainText('Payer requires JZ');

  // A claim no payer can process is refused beside the field: JW with JZ.
  await page.getByRole('button', { name: 'Override J2405' }).click();
  await page.getByRole('form', { name: 'Override J2405' }).getByLabel('Modifiers').fill('JW JZ');
  await page.getByRole('form', { name: 'Override J2405' }).getByLabel('Reason for the override').fill('Trying both');
  await page.getByRole('button', { name: 'Save override' }).click();
  await expect(page.getByRole('form', { name: 'Override J2405' }).getByRole('alert')).toContainText('JW and JZ never go together');
  await page.getByRole('form', { name: 'Override J2405' }).getByRole('button', { name: 'Cancel' }).click();

  // A removed line stays on the review, struck through with who and why, and comes back with Restore.
  await page.getByRole('button', { name: /^Remove 96376/ }).click();
  await page.getByLabel('Reason for removing').fill('Checking the repeat push');
  await page.getByRole('button', { name: 'Remove line' }).click();
  await expect(page.getByTestId('claim-line')).toHaveCount(2);
  await expect(page.getByTestId('removed-line')).toContainText('Removed by Casey Morgan, CPC');
  await expect(page.getByTestId('removed-line')).toContainText('Checking the repeat push');
  await page.getByRole('button', { name: /^Restore 96376/ }).click();
  await page.getByLabel('Reason for restoring').fill('The repeat push is documented');
  await page.getByRole('button', { name: 'Restore line' }).click();
  await expect(page.getByTestId('claim-line')).toHaveCount(3);
  await expect(page.getByTestId('removed-line')).toHaveCount(0);
  // Accept all asks before discarding the one decision in force (the JZ override); keep it.
  await page.getByRole('button', { name: 'Accept all suggestions' }).click();
  await expect(page.getByTestId('accept-all-confirm')).toContainText('discard your 1 decision');
  await page.getByRole('button', { name: 'Keep my decisions' }).click();
  await expect(claimLine(page, 'J2405').getByTestId('override-note')).toContainText('Payer requires JZ');

  // Raise a documentation query about the second push.
  await page.getByLabel('About the administration').selectOption({ label: 'Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN' });
  await page.getByLabel('Question for the clinician').fill('Please document the indication for the 10:45 repeat dose.');
  await page.getByRole('button', { name: 'Send query' }).click();
  await expect(page.locator('[data-testid="queries"] li[data-status="open"]')).toContainText('10:45 repeat dose');
  await expect(page.getByRole('button', { name: 'Mark coded' })).toBeDisabled();

  // The nurse sees "query open" on the encounter and answers it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'nurse');
  await page.goto('/encounters/1');
  await expect(page.getByTestId('query-banner')).toContainText('Query open from coding');
  await page.getByLabel('Your answer').fill('Nausea persisted after the first dose; vomiting at 10:40.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByTestId('query-banner')).toContainText('Answered by Nora Quinn, RN');

  // Back as the coder: read the answer, close the query, mark coded.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'coder');
  await page.goto('/coding/1');
  await expect(page.getByTestId('query-answer')).toContainText('vomiting at 10:40');
  await page.getByRole('button', { name: 'Close query' }).click();
  await expect(page.locator('[data-testid="queries"] li[data-status="closed"]')).toHaveCount(1);
  // Mark coded asks for confirmation, listing the placeholder NDC; without a reason nothing is coded.
  await page.getByRole('button', { name: 'Mark coded' }).click();
  const dialog = page.getByRole('dialog', { name: /Mark coded with this item unresolved/ });
  await expect(dialog.getByTestId('mark-coded-items')).toContainText('J2405: NDC 99999-0001-01 is a placeholder');
  await dialog.getByRole('button', { name: 'Confirm and mark coded' }).click();
  await expect(dialog.getByLabel('Your reason for coding with these items')).toHaveAccessibleDescription(/Give the reason for coding with this item unresolved/);
  expect(queryDb<{ status: string }>('select status from encounters where id = 1')).toEqual([{ status: 'ready-for-coding' }]);
  await dialog.getByLabel('Your reason for coding with these items').fill('Demo vial: billing enters the real NDC from the pharmacy record');
  await dialog.getByRole('button', { name: 'Confirm and mark coded' }).click();
  await expect(page.getByRole('heading', { name: /Claim lines \(coded\)/ })).toBeVisible();
  expect(queryDb<{ reason: string }>("select reason from audit_events where event = 'coding.marked-coded' and encounter_id = 1")).toEqual([
    { reason: 'Demo vial: billing enters the real NDC from the pharmacy record' },
  ]);
  await expect(page.getByTestId('coding-history')).toContainText('Casey Morgan, CPC');
  expect(queryDb<{ status: string }>('select status from encounters where id = 1')).toEqual([{ status: 'coded' }]);

  // Exports of the final lines: CSV for the billing system, FHIR R4 for interfaces.
  const csv = await page.request.get('/coding/export?encounterId=1');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const csvText = await csv.text();
  expect(csvText).toContain('"1","ED-100234","2026-03-02","J2405","JZ","8","99999000101","4","ML","0636","Nora Quinn, RN","Casey Morgan, CPC","placeholder"\r\n');
  const fhir = await (await page.request.get('/coding/1/fhir')).json();
  expect(fhir.resourceType).toBe('Bundle');
  const charges = fhir.entry.map((e: { resource: { resourceType: string } }) => e.resource).filter((r: { resourceType: string }) => r.resourceType === 'ChargeItem');
  expect(charges).toHaveLength(3);
  expect(JSON.stringify(charges)).toContain('"code":"placeholder"');

  // The nurse amends the second dose (an addendum: the chart is signed).
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'nurse');
  await page.goto('/encounters/1');
  await page.getByRole('button', { name: 'Addendum: amend Ondansetron HCl 4 mg at 10:45 by Nora Quinn, RN' }).click();
  await page.getByLabel('Dose', { exact: true }).last().fill('8');
  await page.getByLabel('Reason for the amendment').fill('Second dose was 8 mg per order');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.locator('[data-testid="timeline-row"][data-status="amended"]')).toHaveCount(1);

  // Back in the queue, with the changed line highlighted against the coded result.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'coder');
  await page.goto('/coding');
  await page.getByTestId('queue-row').filter({ hasText: 'ED-100234' }).getByRole('link').click();
  await expect(page.getByTestId('changed-lines')).toContainText('J2405-JZ × 8 → J2405 × 12');
  await expect(claimLine(page, 'J2405')).toHaveAttribute('data-changed', 'true');
  await expect(page.getByTestId('coding-history')).toContainText('J2405-JZ × 8');
});
