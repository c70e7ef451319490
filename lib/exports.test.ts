import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MedicationAdministration } from '@medplum/fhirtypes';

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-export-')), 'export.db');

const { codeStoredEncounter } = await import('@/db/coding');
const { loadFormulary } = await import('@/db/formulary');
const { claimCsvRows, claimLinesCsv } = await import('./claims-csv');
const { encounterBundle } = await import('./fhir-bundle');
const { validateFhirResource } = await import('./fhir-validate');

function demo() {
  const coded = codeStoredEncounter(1)!;
  return { coded, lines: coded.working.lines };
}

describe('claim-line CSV', () => {
  it('exports the demo ED encounter exactly: admin lines under 0260, the drug under 0636 with NDC quantity', () => {
    const { coded, lines } = demo();
    const csv = claimLinesCsv(
      claimCsvRows({
        encounter: { id: 1, mrn: coded.encounter.patient.mrn, setting: coded.encounter.setting },
        lines,
        administrations: coded.encounter.administrations,
        formulary: loadFormulary(),
        coder: 'Casey Morgan, CPC',
      }),
    );
    expect(csv).toBe(
      '\uFEFF' +
        [
          '"encounter_id","mrn","date_of_service","code","modifiers","units","ndc_11","ndc_quantity","ndc_unit_qualifier","revenue_code","performer","coder"',
          '"1","ED-100234","2026-03-02","96374","","1","","","","0260","Nora Quinn, RN","Casey Morgan, CPC"',
          '"1","ED-100234","2026-03-02","96376","","1","","","","0260","Nora Quinn, RN","Casey Morgan, CPC"',
          '"1","ED-100234","2026-03-02","J2405","JZ","8","99999000101","4","ML","0636","Nora Quinn, RN","Casey Morgan, CPC"',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('quotes commas and quotes, blocks spreadsheet formulas, and leaves office revenue codes empty', () => {
    const csv = claimLinesCsv([
      {
        encounter_id: 7,
        mrn: '=HYPERLINK("x")',
        date_of_service: '2026-03-02',
        code: '96374',
        modifiers: '',
        units: 1,
        ndc_11: '',
        ndc_quantity: '',
        ndc_unit_qualifier: '',
        revenue_code: '',
        performer: 'O\'Neil, "Pat", RN',
        coder: '-Casey',
      },
    ]);
    const row = csv.split('\r\n')[1]!;
    expect(row).toBe('"7","\'=HYPERLINK(""x"")","2026-03-02","96374","","1","","","","","O\'Neil, ""Pat"", RN","\'-Casey"');
  });
});

describe('FHIR R4 bundle', () => {
  it('every resource of the demo encounter validates against R4 with required codes in their value sets', () => {
    const { coded, lines } = demo();
    const bundle = encounterBundle(coded.encounter, lines);
    expect(validateFhirResource(bundle)).toEqual([]);
    const resources = bundle.entry!.map((e) => e.resource!);
    expect(resources.filter((r) => r.resourceType === 'MedicationAdministration')).toHaveLength(2);
    expect(resources.filter((r) => r.resourceType === 'ChargeItem')).toHaveLength(lines.length);
    for (const r of resources) expect([r.resourceType, validateFhirResource(r)]).toEqual([r.resourceType, []]);
    const push = resources.find((r) => r.resourceType === 'MedicationAdministration') as MedicationAdministration;
    expect(push.dosage?.route?.coding?.[0]?.code).toBe('47625008');
    expect(push.dosage?.method?.coding?.[0]?.code).toBe('420620005');
    expect(push.dosage?.dose).toEqual({ value: 4, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' });
    expect(push.medicationCodeableConcept?.coding?.[0]).toEqual({ system: 'http://hl7.org/fhir/sid/ndc', code: '99999-0001-01' });
  });

  it('a deliberately broken resource fails: the validator really runs', () => {
    const { coded, lines } = demo();
    const push = encounterBundle(coded.encounter, lines).entry![1]!.resource as MedicationAdministration;
    expect(validateFhirResource({ ...push, status: 'given' as 'completed' })).toEqual([expect.stringContaining("'given' is not in the required value set")]);
    const noSubject: Partial<MedicationAdministration> = { ...push };
    delete noSubject.subject;
    expect(validateFhirResource(noSubject as MedicationAdministration).join(' ')).toMatch(/subject/i);
    expect(validateFhirResource({ ...push, dosage: { ...push.dosage, dose: { value: '4' as unknown as number } } }).join(' ')).toMatch(/dose|value/i);
  });
});
