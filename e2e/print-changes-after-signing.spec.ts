import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signInAs } from './support/auth';
import { E2E_DB } from './support/db';
import { pdfPages } from './support/pdf';

test('a chart signed without a signing event (as the demo charts are) lists the addendum made after signing, with who and when, on the printed summary', async ({ page }) => {
  // Signed at 11:25 by its snapshot columns only: no encounter.signed audit event, as the demo's signed charts.
  const db = new Database(E2E_DB);
  db.pragma('busy_timeout = 5000');
  const patientId = Number(db.prepare("insert into patients (facility_id, mrn, family_name, given_name, birth_date) values (1, ?, 'Whitfield', 'Fiona', '1970-05-06')").run(`SGN-${Date.now()}`).lastInsertRowid);
  const at = (hhmm: string) => Date.parse(`2026-04-02T${hhmm}:00-04:00`);
  const encounterId = Number(
    db
      .prepare(
        "insert into encounters (patient_id, facility_id, setting, opened_at, status, signed_by_id, signed_by_name, signed_by_credentials, signed_at) values (?, 1, 'facility', ?, 'ready-for-coding', 'u-nurse', 'Nora Quinn', 'RN', ?)",
      )
      .run(patientId, at('09:00'), at('11:25')).lastInsertRowid,
  );
  db.prepare(
    `insert into administrations (encounter_id, drug_id, dose_value, dose_unit, kind, start_at, site, rationale, performer_id, performer_name, performer_credentials, charted_at, ordering_provider_id, ordering_provider_name, order_type)
     values (?, (select id from formulary_drugs where key = 'ondansetron'), '4', 'mg', 'push', ?, 'L AC 20G', 'Nausea', 'u-nurse', 'Nora Quinn', 'RN', ?, 1, 'Dana Whitfield, MD', 'written')`,
  ).run(encounterId, at('10:00'), at('10:02'));
  expect(db.prepare("select count(*) as n from audit_events where encounter_id = ? and event = 'encounter.signed'").get(encounterId)).toEqual({ n: 0 });
  db.close();

  // The nurse adds an addendum after signing.
  await signInAs(page, 'nurse');
  await page.goto(`/encounters/${encounterId}`);
  await page.getByLabel('Addendum (what and why)').fill('Patient reports nausea resolved at discharge.');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByTestId('addenda')).toContainText('nausea resolved');

  await page.goto(`/encounters/${encounterId}/print`);
  const after = page.getByTestId('print-after-signing');
  await expect(after).toContainText('Changes after signing');
  await expect(after).toContainText('Nora Quinn, RN');
  await expect(after).toContainText('Patient reports nausea resolved at discharge.');

  // The PDF's text reads names as written: no "fi" ligature splitting Whitfield or Fiona.
  await page.emulateMedia({ media: 'print' });
  const text = (await pdfPages(await page.pdf({ format: 'Letter', preferCSSPageSize: true }))).join('\n');
  expect(text).toContain('Whitfield, Fiona');
  expect(text).toMatch(/Dana\s+Whitfield/);
  expect(text).not.toContain('\ufb01');
});
