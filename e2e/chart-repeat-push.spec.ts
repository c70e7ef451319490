import { expect, test } from '@playwright/test';
import { chartPush, localMinutesAgo, NY, CHICAGO, openNewEncounter, save, sidebarCodes } from './support/charting';
import { queryDb } from './support/db';
import { signInAs } from './support/auth';

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

const ondansetron = { drug: 'ondan', drugName: /^Ondansetron/ };

test('charts the classic example in the ED: 96374 then 96376, rows and audit events stored', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  const base = Date.now();
  const first = localMinutesAgo(55, NY, base);
  const second = localMinutesAgo(10, NY, base);

  await chartPush(page, { ...ondansetron, start: first, site: 'L antecubital 20G' });
  await expect(page.getByTestId('dose-echo')).toHaveText('4 mg ondansetron');
  // While typing, before saving, the sidebar already shows what the draft would add.
  await expect(sidebarCodes(page).filter({ hasText: '96374' }).getByTestId('if-saved')).toBeVisible();
  await save(page);
  await expect(page.getByTestId('timeline-row')).toHaveCount(1);
  await expect(page.getByLabel('Access site')).toHaveValue('L antecubital 20G'); // remembered

  await chartPush(page, { ...ondansetron, start: second });
  await expect(sidebarCodes(page).filter({ hasText: '96376' }).getByTestId('if-saved')).toBeVisible();
  await save(page);

  const rows = page.getByTestId('timeline-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId('interval')).toHaveText('45 min');
  // Near midnight the visit spans two days and the time carries its date ("2026-12-01 00:24").
  await expect(rows.nth(1).locator('time').first()).toHaveText(new RegExp(`${second.slice(11)}$`));
  await expect(sidebarCodes(page)).toHaveCount(2);
  await expect(sidebarCodes(page).nth(0)).toHaveAttribute('data-code', '96374');
  await expect(sidebarCodes(page).nth(1)).toHaveAttribute('data-code', '96376');

  const stored = queryDb<{ id: number; dose_value: string; start_at: number; performer_name: string; performer_credentials: string }>(
    'select id, dose_value, start_at, performer_name, performer_credentials from administrations where encounter_id = ? order by start_at',
    encounterId,
  );
  expect(stored).toHaveLength(2);
  expect((stored[1]!.start_at - stored[0]!.start_at) / 60_000).toBe(45);
  expect(stored[0]).toMatchObject({ dose_value: '4', performer_name: 'Nora Quinn', performer_credentials: 'RN' });
  const audits = queryDb<{ entity_id: string }>(
    "select entity_id from audit_events where event = 'administration.charted' and encounter_id = ? order by id",
    encounterId,
  );
  expect(audits.map((a) => Number(a.entity_id))).toEqual(stored.map((s) => s.id));
});

test('a third ondansetron 10 minutes after the second: warning with eligible-from, no new 96376', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  const base = Date.now();
  await chartPush(page, { ...ondansetron, start: localMinutesAgo(55, NY, base), site: 'R hand 22G' });
  await save(page);
  await chartPush(page, { ...ondansetron, start: localMinutesAgo(10, NY, base) });
  await save(page);

  const third = localMinutesAgo(0, NY, base);
  const eligible = localMinutesAgo(-20, NY, base).slice(11); // 30 min after the second, reported push
  await chartPush(page, { ...ondansetron, start: third });
  const eligibility = page.getByTestId('eligibility');
  await expect(eligibility).toContainText('not be separately reportable');
  await expect(eligibility).toContainText(new RegExp(`eligible from (\\d{1,2} [A-Z][a-z]{2} )?${eligible}`));
  const warning = page.getByTestId('sidebar-warnings').locator('[data-rule="R-SAME-DRUG-30MIN"]');
  await expect(warning).toContainText(new RegExp(`eligible from (\\d{1,2} [A-Z][a-z]{2} )?${eligible}`));
  await expect(sidebarCodes(page).filter({ hasText: '96376' })).toHaveCount(1);
  await expect(sidebarCodes(page).getByTestId('if-saved')).toHaveCount(0);

  await save(page);
  await expect(page.getByTestId('timeline-row')).toHaveCount(3);
  await expect(sidebarCodes(page).filter({ hasText: '96376' })).toHaveCount(1);
  await expect(page.getByTestId('sidebar-warnings').locator('[data-rule="R-SAME-DRUG-30MIN"]')).toContainText(new RegExp(`eligible from (\\d{1,2} [A-Z][a-z]{2} )?${eligible}`));
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(3);
});

test('the same two pushes in the office: no 96376, with the office explanation', async ({ page }) => {
  await openNewEncounter(page, 'Office');
  const base = Date.now();
  await chartPush(page, { ...ondansetron, start: localMinutesAgo(55, CHICAGO, base), site: 'L antecubital 20G' });
  await save(page);
  await chartPush(page, { ...ondansetron, start: localMinutesAgo(10, CHICAGO, base) });
  await expect(page.getByTestId('setting-note')).toContainText('96376 is facility-only');
  await save(page);
  await expect(page.getByTestId('timeline-row')).toHaveCount(2);
  await expect(sidebarCodes(page)).toHaveCount(1);
  await expect(sidebarCodes(page).first()).toHaveAttribute('data-code', '96374');
  await expect(page.getByTestId('sidebar-warnings').locator('[data-rule="R-SAME-DRUG-OFFICE"]')).toBeVisible();
});

test('missing rationale or a stop before the start: inline errors, nothing saved', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  const start = localMinutesAgo(20, NY);
  await chartPush(page, { ...ondansetron, start, site: 'L antecubital 20G' });
  await page.getByLabel('Clinical rationale').fill('');
  await page.getByRole('button', { name: 'Save and sign' }).click();
  const rationale = page.getByLabel('Clinical rationale');
  await expect(rationale).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#rationale-error')).toHaveText(/clinical rationale/i);
  await expect(rationale).toHaveAttribute('aria-describedby', /rationale-error/);

  await page.getByRole('button', { name: 'Nausea', exact: true }).click();
  await page.getByLabel('Finished at', { exact: true }).fill(localMinutesAgo(25, NY));
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.locator('#stop-error')).toContainText('The stop time is before the start time');
  await expect(page.getByLabel('Finished at', { exact: true })).toHaveAttribute('aria-describedby', /stop-error/);
  await expect(page.getByTestId('timeline-row')).toHaveCount(0);
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);
});
