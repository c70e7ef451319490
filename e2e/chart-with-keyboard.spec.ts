import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chartPush, localMinutesAgo, NY, openNewEncounter, pickDrug, save } from './support/charting';
import { queryDb } from './support/db';
import { signInAs } from './support/auth';

test.beforeEach(async ({ page }) => {
  await signInAs(page, 'nurse');
});

/** What the focused element is called: its aria-label, a form control's id, else its text. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return el.id;
    return (el.textContent ?? '').trim() || el.id;
  });
}

async function tabTo(page: Page, accessibleName: string | RegExp, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const name = await focusedName(page);
    if (typeof accessibleName === 'string' ? name === accessibleName : accessibleName.test(name)) return i;
  }
  throw new Error(`could not reach ${accessibleName} with Tab`);
}

test('charts a push with the keyboard alone', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  // The order and the access site come first (kept from dose to dose).
  await tabTo(page, 'orderingProviderId');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Ordered by')).not.toHaveValue('');
  await tabTo(page, 'site');
  await page.keyboard.type('L forearm 20G');
  await tabTo(page, 'orderType-written');
  await page.keyboard.press('ArrowRight'); // radios: arrows choose
  await expect(page.getByRole('radio', { name: 'Verbal order' })).toBeChecked();
  await tabTo(page, 'drug');
  await page.keyboard.type('morph');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('picked-drug')).toHaveText(/^Morphine/);
  await expect(page.getByRole('textbox', { name: 'Dose' })).toBeFocused(); // the flow continues at the dose
  await page.keyboard.type('2');
  await expect(page.getByTestId('dose-echo')).toHaveText('2 mg morphine');
  await tabTo(page, 'Nausea'); // the chips are one stop; arrows move between them
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focusedName(page)).toBe('Pain');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Clinical rationale')).toHaveValue('Pain');
  await tabTo(page, 'Save and sign');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Saved: .+ 2 mg at / })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Drug' })).toBeFocused(); // after a save, back to Drug
  expect(queryDb<{ dose_value: string; site: string; order_type: string }>('select dose_value, site, order_type from administrations where encounter_id = ?', encounterId)).toEqual([
    { dose_value: '2', site: 'L forearm 20G', order_type: 'verbal' },
  ]);
});

test('from Drug to Save is at most 8 Tab presses, with a drug picked or not', async ({ page }) => {
  await openNewEncounter(page, 'ED');
  await page.getByRole('combobox', { name: 'Drug' }).focus();
  const empty = await tabTo(page, 'Save and sign', 8);
  // Ondansetron has a single-dose vial: the vial section adds its one stop.
  await pickDrug(page, 'ondan', /^Ondansetron/);
  await page.getByRole('button', { name: /^Change drug/ }).focus();
  const picked = await tabTo(page, 'Save and sign', 8);
  test.info().annotations.push({ type: 'tab presses Drug → Save', description: `${empty} (no drug), ${picked} (ondansetron)` });
  expect(empty).toBeLessThanOrEqual(8);
  expect(picked).toBeLessThanOrEqual(8);
});

test('a server refusal moves focus to the first invalid field', async ({ page }) => {
  const { encounterId } = await openNewEncounter(page, 'ED');
  // Given 70 minutes ago: the facility's late-entry threshold is 60 minutes; the server wants a reason.
  await chartPush(page, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(70, NY), site: 'L antecubital 20G' });
  await page.getByRole('button', { name: 'Save and sign' }).click();
  await expect(page.getByLabel('Late entry: reason for charting now')).toBeFocused();
  await expect(page.getByTestId('given-ago')).toContainText('Given 1 h 10 min ago?');
  expect(queryDb('select id from administrations where encounter_id = ?', encounterId)).toHaveLength(0);
});

test('every control of the push form is at least 44 px high (and buttons 44 px wide)', async ({ page }) => {
  await openNewEncounter(page, 'ED');
  await pickDrug(page, 'ondan', /^Ondansetron/);
  await page.getByRole('button', { name: 'Change times' }).click();
  await page.getByLabel('Given at', { exact: true }).fill(localMinutesAgo(3, NY)); // shows the Now buttons too
  await page.getByText('Vial: NDC, lot, expiry, amount wasted').click();
  const form = page.getByRole('form', { name: 'Chart an administration' });
  const small = await form.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('input:not([type=radio]), select, button, summary, a, label:has(input[type=radio])')]
      .map((c) => ({ what: c.id || c.textContent?.trim() || c.tagName, box: c.getBoundingClientRect(), tag: c.tagName }))
      .filter(({ box }) => box.width > 0)
      .filter(({ box, tag }) => box.height < 44 || (tag === 'BUTTON' && box.width < 44))
      .map(({ what, box }) => `${what}: ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small).toEqual([]);
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

test('a routine repeat push takes 4 interactions: type, pick, rationale chip, save (order and site kept)', async ({ page }) => {
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
  await expect(page.getByRole('status').filter({ hasText: /Saved: .+ 15 mg at / })).toBeVisible();
  expect(interactions).toBe(4);
  const rows = queryDb<{ rationale: string; site: string }>(
    "select a.rationale, a.site from administrations a join formulary_drugs d on d.id = a.drug_id where a.encounter_id = ? and d.key = 'ketorolac'",
    encounterId,
  );
  expect(rows).toEqual([{ rationale: 'Pain', site: 'L antecubital 20G' }]);
});
