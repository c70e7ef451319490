// Issue 13 item 1: a nurse finds a drug by the name she uses (brand,
// abbreviation, accents and case as typed), and picking a fluid switches the
// kind to the one it is given by; an admin finds drugs with the same search
// and edits their names beside the field.
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './support/auth';
import { chooseOrder, openNewEncounter, save } from './support/charting';
import { queryDb } from './support/db';

/** The drug picker's options (the order form has <option>s of its own). */
const drugOptions = (page: Page) => page.getByRole('listbox', { name: 'Formulary drugs' }).getByRole('option');
const drugIdOf = (key: string) => queryDb<{ id: number }>('select id from formulary_drugs where key = ?', key)[0]!.id;

test('a nurse types "Zofran", sees it is ondansetron, picks it and charts the dose', async ({ page }) => {
  await signInAs(page, 'nurse');
  const { encounterId } = await openNewEncounter(page, 'ED');
  await chooseOrder(page);
  await page.getByRole('combobox', { name: 'Drug' }).fill('Zofran');
  const option = drugOptions(page).first();
  await expect(option).toContainText('Zofran');
  await expect(option).toContainText('Ondansetron HCl');
  await expect(option.getByTestId('matched-alias')).toHaveText('Zofran');
  await option.click();
  await expect(page.getByTestId('picked-drug')).toHaveText('Ondansetron HCl');
  await page.getByLabel('Access site').fill('L antecubital 20G');
  await page.getByRole('button', { name: 'Nausea', exact: true }).click();
  await save(page);
  expect(queryDb<{ drug_id: number; kind: string }>('select drug_id, kind from administrations where encounter_id = ?', encounterId)).toEqual([
    { drug_id: drugIdOf('ondansetron'), kind: 'push' },
  ]);
});

test('accents and case do not matter: "ZOFRÁN" and Enter pick ondansetron from the keyboard', async ({ page }) => {
  await signInAs(page, 'nurse');
  await openNewEncounter(page, 'ED', { openedMinutesAgo: 0 });
  const drug = page.getByRole('combobox', { name: 'Drug' });
  await drug.fill('ZOFRÁN');
  await expect(drugOptions(page).first()).toContainText('Ondansetron HCl');
  await drug.press('Enter');
  await expect(page.getByTestId('picked-drug')).toHaveText('Ondansetron HCl');
});

test('a nurse types "NS": normal saline comes first, before ondansetron, and the kind switches to Hydration', async ({ page }) => {
  await signInAs(page, 'nurse');
  await openNewEncounter(page, 'ED', { openedMinutesAgo: 0 });
  await expect(page.getByRole('radio', { name: 'IV push' })).toBeChecked();
  const drug = page.getByRole('combobox', { name: 'Drug' });
  await drug.fill('NS');
  const options = drugOptions(page);
  await expect(options.first()).toContainText('Sodium chloride 0.9%');
  await expect(options.first().getByTestId('matched-alias')).toHaveText('NS');
  // "ns" is also inside "ondansetron": offered, but below the exact abbreviation.
  await expect(options.filter({ hasText: 'Ondansetron' })).toHaveCount(1);
  await drug.press('Enter');
  await expect(page.getByTestId('picked-drug')).toHaveText('Sodium chloride 0.9%');
  await expect(page.getByRole('radio', { name: 'Hydration' })).toBeChecked();
});

test('an admin finds a drug by its brand and edits its names and kinds, errors beside the field', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/formulary');
  await page.getByLabel('Find a drug').fill('toradol');
  const rows = page.getByTestId('drug-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Ketorolac tromethamine');
  await expect(rows.first().getByTestId('admin-matched-alias')).toHaveText('Found by “toradol”');

  await rows.first().getByText('Edit names and kinds of Ketorolac tromethamine').click();
  const form = page.getByRole('form', { name: 'Names and kinds of Ketorolac tromethamine' });
  const names = form.getByLabel('Brand names, synonyms and abbreviations');
  await names.fill('Toradol\nSprix\nNS');
  await form.getByLabel('1. Most usual').selectOption('push');
  await form.getByLabel('2. Then').selectOption('push');
  await form.getByRole('button', { name: 'Save names and kinds' }).click();
  // Checked in the browser with the action's schema: the repeated kind, beside the kinds.
  await expect(form.getByText('IV push is chosen twice')).toBeVisible();
  await form.getByLabel('2. Then').selectOption('injection');
  await form.getByRole('button', { name: 'Save names and kinds' }).click();
  // Checked by the server: "NS" already names sodium chloride 0.9%.
  await expect(names).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('“NS” already names Sodium chloride 0.9%')).toBeVisible();
  await names.fill('Toradol\nSprix');
  await form.getByRole('button', { name: 'Save names and kinds' }).click();
  await expect(form.getByRole('status')).toContainText('Saved Ketorolac tromethamine');
  const stored = queryDb<{ aliases: string; typical_kinds: string }>("select aliases, typical_kinds from formulary_drugs where key = 'ketorolac'")[0]!;
  expect(JSON.parse(stored.aliases)).toEqual(['Toradol', 'Sprix']);
  expect(JSON.parse(stored.typical_kinds)).toEqual(['push', 'injection']);
  expect(queryDb("select actor_id from audit_events where event = 'formulary.drug-updated' and entity_id = ?", String(drugIdOf('ketorolac')))).toEqual([{ actor_id: 'u-admin' }]);

  // The new brand is found by the same search.
  await page.getByLabel('Find a drug').fill('sprix');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Ketorolac tromethamine');
});
