import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signInAs } from './support/auth';
import { E2E_DB } from './support/db';
import { pdfPages } from './support/pdf';

// Text in four scripts beyond Latin: Greek, Cyrillic, CJK (Chinese), Arabic.
const GREEK = 'Ναυτία';
const CYRILLIC = 'Тошнота';
const CJK = '恶心呕吐';
const ARABIC = 'غثيان';

test('an unsigned 40-dose chart prints UNSIGNED on every page, 96376 intervals from the reported push, orders awaiting co-signature, and text in any script', async ({ page }) => {
  // Fixture written straight to the test database (no audit events are needed for an unsigned print).
  const db = new Database(E2E_DB);
  db.pragma('busy_timeout = 5000');
  const patientId = Number(
    db.prepare("insert into patients (facility_id, mrn, family_name, given_name, birth_date) values (1, ?, ?, ?, '1961-02-03')").run(`UNS-${Date.now()}`, `Παπαδοπούλου ${CYRILLIC}`, '美玲').lastInsertRowid,
  );
  const encounterId = Number(
    db.prepare("insert into encounters (patient_id, facility_id, setting, opened_at, status) values (?, 1, 'facility', ?, 'open')").run(patientId, Date.parse('2026-04-01T16:00:00Z')).lastInsertRowid,
  );
  const insert = db.prepare(
    `insert into administrations (encounter_id, drug_id, dose_value, dose_unit, kind, start_at, site, rationale, performer_id, performer_name, performer_credentials, charted_at, ordering_provider_id, ordering_provider_name, order_type)
     values (?, (select id from formulary_drugs where key = ?), '4', 'mg', 'push', ?, 'L AC 20G', ?, 'u-nurse', 'Nora Quinn', 'RN', ?, 1, 'Dana Whitfield, MD', ?)`,
  );
  const at = (hhmm: string) => Date.parse(`2026-04-01T${hhmm}:00-04:00`);
  // Ondansetron 12:10 (initial), 12:30 (20 min: not reported), 12:50: 96376 measured from 12:10, not 12:30.
  insert.run(encounterId, 'ondansetron', at('12:10'), `Nausea — ${GREEK}, ${CYRILLIC}, ${CJK}, ${ARABIC}`, at('12:12'), 'written');
  insert.run(encounterId, 'ondansetron', at('12:30'), 'Nausea', at('12:31'), 'written');
  insert.run(encounterId, 'ondansetron', at('12:50'), 'Nausea', at('12:51'), 'verbal');
  for (let i = 0; i < 37; i++) {
    const t = at('13:00') + i * 9 * 60_000;
    insert.run(encounterId, 'ketorolac', t, `Pain, reassessed ${i + 1}`, t + 60_000, 'written');
  }
  db.close();

  await signInAs(page, 'coder');
  await page.goto(`/encounters/${encounterId}/print`);
  await expect(page.getByTestId('print-row')).toHaveCount(40);
  await expect(page.getByTestId('print-unsigned')).toContainText('UNSIGNED');
  const third = page.getByTestId('print-row').filter({ hasText: '12:50' });
  await expect(third.getByTestId('print-interval')).toHaveText('40 min after the reported 12:10 push');
  await expect(page.getByTestId('print-cosign-list')).toContainText('Verbal order from Dana Whitfield, MD for Ondansetron HCl 4 mg at 12:50 by Nora Quinn, RN: awaiting co-signature');
  await expect(page.getByTestId('print-signature')).toContainText('UNSIGNED: documentation not yet signed');

  await page.emulateMedia({ media: 'print' });
  const pages = await pdfPages(await page.pdf({ format: 'Letter', preferCSSPageSize: true }));
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const [i, text] of pages.entries()) {
    expect(text, `page ${i + 1}`).toContain('UNSIGNED (documentation not signed)');
    expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
  }
  const all = pages.join('\n');
  expect(all).toContain('40 min after the reported 12:10 push');
  // No typographic ligatures: the text layer reads "Whitfield", never "Whit fi eld" (one glyph for "fi").
  expect(all.match(/Whitfield/g)?.length ?? 0).toBeGreaterThanOrEqual(40);
  expect(all).not.toMatch(/Whit\s*\ufb01\s*eld|Whit fi eld/);
  // The PDF's text layer splits runs of CJK and Arabic into separate items (spaces between glyph runs):
  // compare without whitespace. Arabic is shaped for print (joined letter forms, visual order): NFKC folds the
  // forms back, and the text may read right to left.
  const compact = all.normalize('NFKC').replace(/\s+/g, '');
  for (const word of [GREEK, CYRILLIC, CJK, 'Παπαδοπούλου', '美玲']) expect(compact).toContain(word);
  expect(compact.includes(ARABIC) || compact.includes([...ARABIC].reverse().join(''))).toBe(true);
});

test('every character of a multi-script rationale is drawn by a font that has it (no boxes)', async ({ page }) => {
  await signInAs(page, 'coder');
  const encounterId = new Database(E2E_DB, { readonly: true })
    .prepare("select encounter_id as id from administrations where rationale like 'Nausea — %' order by id desc limit 1")
    .get() as { id: number };
  await page.goto(`/encounters/${encounterId.id}/print`);
  await page.emulateMedia({ media: 'print' });
  const cell = page.getByTestId('print-row').first().locator('td').nth(4);
  await expect(cell).toContainText(CJK);
  // Chromium reports which platform fonts drew the text; a missing glyph would fall to no font with that script.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-testid="print-row"] td:nth-child(5)' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: nodeIds[0]! });
  const families = fonts.map((f) => f.familyName);
  // A CJK face drew the Chinese text, and every font that drew glyphs is a real installed font.
  expect(families.some((f) => /Droid Sans Fallback|Noto Sans CJK|WenQuanYi|Microsoft YaHei/i.test(f))).toBe(true);
  for (const f of fonts) expect(f.glyphCount).toBeGreaterThan(0);
});
