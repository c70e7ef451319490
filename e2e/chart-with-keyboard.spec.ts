import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save } from './support/charting';
import { queryDb } from './support/db';
import { signInAs } from './support/auth';

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

async function tabTo(page: Page, accessibleName: string | RegExp, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() || el.id : '';
    });
    if (typeof accessibleName === 'string' ? name === accessibleName : accessibleName.test(name)) return;
  }
  throw new Error(`could not reach ${accessibleName} with Tab`);
}

test('charts a push with the keyboard alone', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  await tabTo(page, 'drug');
  await page.keyboard.type('morph');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('picked-drug')).toHaveText(/^Morphine/);
  await expect(page.getByRole('textbox', { name: 'Dose' })).toBeFocused(); // the flow continues at the dose
  await page.keyboard.type('2');
  await expect(page.getByTestId('dose-echo')).toHaveText('2 mg morphine');
  await tabTo(page, 'site');
  await page.keyboard.type('L forearm 20G');
  await tabTo(page, 'Pain');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Clinical rationale')).toHaveValue('Pain');
  await tabTo(page, 'Save and sign');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved: 2 mg' })).toBeVisible();
  expect(queryDb<{ dose_value: string; site: string }>('select dose_value, site from administrations where encounter_id = ?', encounterId)).toEqual([
    { dose_value: '2', site: 'L forearm 20G' },
  ]);
});

test('the encounter page has no serious or critical axe-core violations', async ({ page }) => {
  await openNewEncounter(page, 'ED');
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(5, NY), site: 'L antecubital 20G' });
  await save(page);
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(1, NY) });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a routine push takes at most 5 interactions from the opened encounter', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  // The first push of the visit sets the access site; the routine one keeps it.
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(40, NY), site: 'L antecubital 20G' });
  await save(page);

  let interactions = 0;
  const step = async (action: () => Promise<void>) => {
    interactions += 1;
    await action();
  };
  await step(() => page.getByRole('combobox', { name: 'Drug' }).fill('ketor')); // pick drug: type…
  await step(() => page.getByRole('option', { name: /^Ketorolac/ }).click()); // …and choose
  // accept the formulary's usual dose: no interaction
  await step(() => page.getByRole('button', { name: 'Pain', exact: true }).click()); // rationale chip
  await step(() => page.getByRole('button', { name: 'Save and sign' }).click()); // save
  await expect(page.getByRole('status').filter({ hasText: 'Saved: 15 mg' })).toBeVisible();
  expect(interactions).toBeLessThanOrEqual(5);
  const rows = queryDb<{ rationale: string; site: string }>(
    "select a.rationale, a.site from administrations a join formulary_drugs d on d.id = a.drug_id where a.encounter_id = ? and d.key = 'ketorolac'",
    encounterId,
  );
  expect(rows).toEqual([{ rationale: 'Pain', site: 'L antecubital 20G' }]);
});
