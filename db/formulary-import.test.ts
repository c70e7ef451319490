// Applying CMS's crosswalk (issue 13 item 3) to a throw-away database: the
// sample file writes exactly its new and changed products with one audit event
// each, a second import of the same file changes nothing, and a preview made
// before the formulary changed is refused.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/types';

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-crosswalk-')), 'crosswalk.db');

const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { getActiveUser } = await import('@/db/users');
const { applyCrosswalkImport, previewCrosswalkImport, STALE_PREVIEW_MESSAGE } = await import('./formulary-import');
const { decodeCrosswalkFile } = await import('@/lib/formulary/crosswalk');
const { sql } = await import('drizzle-orm');

const fixture = (name: string) => decodeCrosswalkFile(readFileSync(path.resolve('test/fixtures', name)));
const SAMPLE = fixture('cms-asp-ndc-hcpcs-sample.csv');
const MALFORMED = fixture('cms-asp-ndc-hcpcs-malformed.csv');
const admin = getActiveUser('u-admin') as SessionUser;
const db = getDb();

interface ProductRow {
  id: number;
  drug_id: number;
  ndc10: string;
  ndc11: string;
  source: string;
  hcpcs_code: string | null;
  billable_units_per_package: string | null;
  labeler_name: string | null;
  placeholder_ndc: number;
  container_type_confirmed: number;
}
const products = () => db.all<ProductRow>(sql`select * from drug_products order by id`);
const productsHash = () => createHash('sha256').update(JSON.stringify(products())).digest('hex');
const product = (ndc11: string) => db.get<ProductRow | undefined>(sql`select * from drug_products where ndc11 = ${ndc11}`);
const importEvents = () =>
  db.all<{ event: string; entity_type: string; entity_id: string; changes: string; reason: string }>(
    sql`select event, entity_type, entity_id, changes, reason from audit_events where event like 'formulary.product-%' order by id`,
  );

/** The one active drug with this code; the test adds one if the starter formulary has none (ceftriaxone may not be there yet). */
function drugOf(code: string, name: string): number {
  const found = db.all<{ id: number }>(sql`select distinct d.id from formulary_drugs d join drug_hcpcs_codes c on c.drug_id = d.id where c.code = ${code} and d.active = 1`);
  if (found.length === 1) return found[0]!.id;
  if (found.length > 1) throw new Error(`${code} is on ${found.length} drugs`);
  const { id } = db.get<{ id: number }>(sql`insert into formulary_drugs (key, generic_name, default_dose_unit, created_at) values (${`test-${code}`}, ${name}, 'mg', ${Date.now()}) returning id`);
  db.run(sql`insert into drug_hcpcs_codes (drug_id, code, billing_amount, billing_unit, descriptor_kind, descriptor) values (${id}, ${code}, '250', 'mg', 'per', 'per 250 mg')`);
  return id;
}

let ondansetron = 0;
let ketorolac = 0;
let hydromorphone = 0;
let ceftriaxone = 0;

/** Last quarter's crosswalk products, as the sample file's known NDCs expect them. */
beforeAll(() => {
  ondansetron = drugOf('J2405', 'Ondansetron');
  ketorolac = drugOf('J1885', 'Ketorolac');
  hydromorphone = drugOf('J1171', 'Hydromorphone');
  expect(drugOf('J1170', 'Hydromorphone')).toBe(hydromorphone);
  ceftriaxone = drugOf('J0696', 'Ceftriaxone');
  const known: [number, string, string, string, string][] = [
    [ondansetron, '99998-102-10', '99998010210', 'J2405', '20'],
    [ondansetron, '99998-104-01', '99998010401', 'J2405', '40'],
    [ondansetron, '99997-103-01', '99997010301', 'J2405', '4'],
    [hydromorphone, '99998-401-25', '99998040125', 'J1170', '250'],
  ];
  for (const [drugId, ndc10, ndc11, code, units] of known) {
    db.run(sql`insert into drug_products (drug_id, ndc10, ndc11, description, container_type, amount_per_container, amount_unit, source, hcpcs_code, billable_units_per_package, labeler_name)
      values (${drugId}, ${ndc10}, ${ndc11}, 'Last quarter', 'single-dose', '4', 'mg', 'cms-crosswalk', ${code}, ${units}, ${ndc11.startsWith('99997') ? 'Example Labs 99997' : 'Fictitious Pharma 99998'})`);
  }
});

describe('crosswalk import into the database', () => {
  it('refuses a preview made before the formulary changed, and one of another file', () => {
    const { token } = previewCrosswalkImport(SAMPLE);
    const before = productsHash();
    const audits = importEvents().length;
    // Another admin edits a product in between.
    db.run(sql`update drug_products set billable_units_per_package = '21' where ndc11 = '99998010210'`);
    expect(applyCrosswalkImport(SAMPLE, token, admin, new Date())).toMatchObject({ ok: false, status: 409, formError: STALE_PREVIEW_MESSAGE });
    db.run(sql`update drug_products set billable_units_per_package = '20' where ndc11 = '99998010210'`);
    expect(productsHash()).toBe(before);
    // The formulary is back as it was, but the file sent with the confirmation is not the previewed one.
    expect(applyCrosswalkImport(`${SAMPLE}\r\n`, token, admin, new Date())).toMatchObject({ ok: false, status: 409 });
    expect([productsHash(), importEvents().length]).toEqual([before, audits]);
  });

  it('refuses a file with malformed rows and writes nothing', () => {
    const { preview, token } = previewCrosswalkImport(MALFORMED);
    expect(preview.errors.map((e) => e.line)).toEqual([11, 12, 13]);
    expect(preview.canApply).toBe(false);
    const before = productsHash();
    expect(applyCrosswalkImport(MALFORMED, token, admin, new Date())).toMatchObject({ ok: false });
    expect([productsHash(), importEvents().length]).toEqual([before, 0]);
  });

  it('writes exactly the new and changed products of the sample, one audit event each', () => {
    const { preview, token } = previewCrosswalkImport(SAMPLE);
    expect(preview.canApply).toBe(true);
    const before = new Map(products().map((p) => [p.id, p]));
    const result = applyCrosswalkImport(SAMPLE, token, admin, new Date());
    expect(result).toEqual({ ok: true, data: { added: 4, updated: 3, moved: 1 } });

    const after = products();
    const added = after.filter((p) => !before.has(p.id));
    expect(added.map((p) => [p.ndc11, p.ndc10, p.drug_id, p.hcpcs_code, p.billable_units_per_package])).toEqual([
      ['99998010125', '99998-101-25', ondansetron, 'J2405', '100'],
      ['99998020110', '99998-201-10', ceftriaxone, 'J0696', '40'],
      ['99998045605', '99998-0456-05', ceftriaxone, 'J0696', '80'], // ambiguous NDC-10: the 11-digit form kept
      ['99997030125', '99997-301-25', ketorolac, 'J1885', '50'],
    ]);
    for (const p of added) expect(p).toMatchObject({ source: 'cms-crosswalk', placeholder_ndc: 0, container_type_confirmed: 0 });
    expect(added[1]!.labeler_name).toBe('Laboratoires Fictifs Société');

    const changed = after.filter((p) => before.has(p.id) && JSON.stringify(before.get(p.id)) !== JSON.stringify(p));
    expect(changed.map((p) => [p.ndc11, p.drug_id, p.hcpcs_code, p.billable_units_per_package])).toEqual([
      ['99998010210', ondansetron, 'J2405', '40'],
      ['99997010301', ketorolac, 'J1885', '4'], // moved from ondansetron, confirmed with the preview
      ['99998040125', hydromorphone, 'J1171', '250'],
    ]);

    const events = importEvents();
    expect(events.map((e) => [e.event, e.entity_type, Number(e.entity_id)])).toEqual([
      ...added.map((p) => ['formulary.product-imported', 'drug-product', p.id]),
      ['formulary.product-billing-units-changed', 'drug-product', product('99998010210')!.id],
      ['formulary.product-code-changed', 'drug-product', product('99997010301')!.id],
      ['formulary.product-code-changed', 'drug-product', product('99998040125')!.id],
    ]);
    expect(JSON.parse(events[4]!.changes)).toEqual({ ndc11: { old: '99998010210', new: '99998010210' }, billableUnitsPerPackage: { old: '20', new: '40' } });
    expect(JSON.parse(events[5]!.changes).drugId).toEqual({ old: ondansetron, new: ketorolac });
    expect(events[5]!.reason).toMatch(/line 16: moved from .* to /);
  });

  it('a second import of the same file changes nothing', () => {
    const before = productsHash();
    const audits = importEvents().length;
    const { preview, token } = previewCrosswalkImport(SAMPLE);
    expect([preview.newProducts.length, preview.updates.length, preview.unchanged, preview.canApply]).toEqual([0, 0, 8, false]);
    expect(applyCrosswalkImport(SAMPLE, token, admin, new Date())).toEqual({ ok: true, data: { added: 0, updated: 0, moved: 0 } });
    expect([productsHash(), importEvents().length]).toEqual([before, audits]);
  });
});
