// The exports of the real seeded demo encounter, through the database, as the routes build them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-export-')), 'export.db');

(await import('@/server/start-up')).startUp();
const { codeStoredEncounter } = await import('@/db/coding');
const { loadFormulary } = await import('@/db/formulary');
const { claimCsvRows, claimLinesCsv } = await import('@/lib/export/claim-csv');
const { encounterBundle } = await import('@/lib/export/fhir-bundle');
const { validateFhirResource } = await import('@/lib/export/fhir-validate');

describe('exports of the seeded demo ED encounter', () => {
  it('CSV: 96374 and 96376 under 0260, J2405 × 8 under 0636 with 4 ML of the placeholder NDC, flagged', () => {
    const coded = codeStoredEncounter(1)!;
    const csv = claimLinesCsv(
      claimCsvRows({
        encounter: { id: 1, mrn: coded.encounter.patient.mrn, setting: coded.encounter.setting },
        lines: coded.working.lines,
        administrations: coded.encounter.administrations,
        formulary: loadFormulary(),
        coder: { name: 'Casey Morgan', credentials: 'CPC' },
      }),
    );
    expect(csv.split('\r\n').slice(1, 4)).toEqual([
      '"1","ED-100234","2026-03-02","96374","","1","","","","0260","Nora Quinn, RN","Casey Morgan, CPC",""',
      '"1","ED-100234","2026-03-02","96376","","1","","","","0260","Nora Quinn, RN","Casey Morgan, CPC",""',
      // J2405 is packaged under OPPS (formulary data): no JZ.
      '"1","ED-100234","2026-03-02","J2405","","8","99999000101","4","ML","0636","Nora Quinn, RN","Casey Morgan, CPC","placeholder"',
    ]);
  });

  it('FHIR: the bundle and every resource in it validate as R4', () => {
    const coded = codeStoredEncounter(1)!;
    const bundle = encounterBundle({ encounter: coded.encounter, administrations: coded.encounter.administrations, lines: coded.working.lines, formulary: loadFormulary(), final: false });
    expect(validateFhirResource(bundle)).toEqual([]);
    const types = bundle.entry!.map((e) => e.resource!.resourceType);
    expect(types.filter((t) => t === 'MedicationAdministration')).toHaveLength(2);
    expect(types.filter((t) => t === 'ChargeItem')).toHaveLength(3);
    for (const e of bundle.entry!) expect([e.resource!.resourceType, validateFhirResource(e.resource!)]).toEqual([e.resource!.resourceType, []]);
  });
});
