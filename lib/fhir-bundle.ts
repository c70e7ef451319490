// An encounter as a FHIR R4 collection Bundle for interface partners:
// a Patient, one MedicationAdministration per charted dose (corrections
// included, so the record is complete) and one ChargeItem per final line.
// Mapping: drug-reference.md §4 and §5.
import type { Bundle, ChargeItem, MedicationAdministration, Patient, Resource } from '@medplum/fhirtypes';
import type { FinalLine } from './claim-lines';
import type { AdministrationView, EncounterDetail } from './types';

export const FHIR_BASE = 'https://pushchart.example/fhir';
export const MODIFIER_EXTENSION = `${FHIR_BASE}/StructureDefinition/claim-line-modifier`;
const SNOMED = 'http://snomed.info/sct';
const NDC = 'http://hl7.org/fhir/sid/ndc';
const CPT = 'http://www.ama-assn.org/go/cpt';
// HL7 THO's URI for HCPCS Level II (http, as registered).
const HCPCS = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const UCUM = 'http://unitsofmeasure.org';
const UCUM_CODE: Record<string, string> = { mg: 'mg', mcg: 'ug', g: 'g', mL: 'mL', mEq: 'meq', units: '[iU]' };

function hyphenatedNdc(ndc: string): string {
  const d = ndc.replace(/-/g, '');
  return d.length === 11 ? `${d.slice(0, 5)}-${d.slice(5, 9)}-${d.slice(9)}` : ndc;
}

function medicationAdministration(a: AdministrationView, encounter: EncounterDetail, patientRef: string, replacedBy: Map<number, number>): MedicationAdministration {
  // An amended or voided version is no longer the record: interface partners
  // read entered-in-error; the note points to the version that replaced it.
  const status = a.status === 'active' ? 'completed' : 'entered-in-error';
  const notes = [
    a.status === 'amended' ? `Superseded by MedicationAdministration/ma-${replacedBy.get(a.id)}` : null,
    a.status === 'entered-in-error' ? `Entered in error by ${a.voidedBy}: ${a.voidReason}` : null,
    a.amendsId !== null ? `Amends MedicationAdministration/ma-${a.amendsId}: ${a.correctionReason}` : null,
    a.lateEntryReason ? `Late entry: ${a.lateEntryReason}` : null,
  ].filter((n): n is string => n !== null);
  return {
    resourceType: 'MedicationAdministration',
    id: `ma-${a.id}`,
    status,
    category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medication-admin-category', code: 'outpatient' }] },
    medicationCodeableConcept: {
      text: `${a.drugName} ${a.doseValue} ${a.doseUnit}`,
      ...(a.ndc ? { coding: [{ system: NDC, code: hyphenatedNdc(a.ndc) }] } : {}),
    },
    subject: { reference: patientRef },
    context: { reference: `Encounter/e-${encounter.id}` },
    ...(a.stopAt ? { effectivePeriod: { start: a.startAt.toISOString(), end: a.stopAt.toISOString() } } : { effectiveDateTime: a.startAt.toISOString() }),
    performer: [
      {
        function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/med-admin-perform-function', code: 'performer' }] },
        actor: { reference: `Practitioner/${a.performerId}`, display: `${a.performerName}, ${a.performerCredentials}` },
      },
    ],
    reasonCode: [{ text: a.rationale }],
    ...(notes.length > 0 ? { note: notes.map((text) => ({ text })) } : {}),
    dosage: {
      text: `${a.doseValue} ${a.doseUnit} ${a.kind === 'push' ? 'IV push' : a.kind}`,
      site: { text: a.site },
      ...(a.kind === 'injection' ? {} : { route: { coding: [{ system: SNOMED, code: '47625008', display: 'Intravenous route' }] } }),
      ...(a.kind === 'push' ? { method: { coding: [{ system: SNOMED, code: '420620005', display: 'Push - dosing instruction imperative' }] } } : {}),
      dose: { value: Number(a.doseValue), unit: a.doseUnit, system: UCUM, code: UCUM_CODE[a.doseUnit] ?? a.doseUnit },
    },
  };
}

function chargeItem(line: FinalLine, index: number, encounter: EncounterDetail, patientRef: string, final: boolean): ChargeItem {
  return {
    resourceType: 'ChargeItem',
    id: `ci-${encounter.id}-${index + 1}`,
    // Coded lines are billable; an uncoded suggestion is only planned.
    status: final ? 'billable' : 'planned',
    code: { coding: [{ system: line.kind === 'cpt' ? CPT : HCPCS, code: line.code }] },
    subject: { reference: patientRef },
    context: { reference: `Encounter/e-${encounter.id}` },
    occurrenceDateTime: line.dateOfService,
    quantity: { value: line.units },
    ...(line.ndc11 ? { productCodeableConcept: { coding: [{ system: NDC, code: hyphenatedNdc(line.ndc11) }] } } : {}),
    service: line.administrationIds.map((id) => ({ reference: `MedicationAdministration/ma-${id}` })),
    // R4 ChargeItem has no modifier element (drug-reference.md §4.2).
    ...(line.modifiers.length > 0 ? { extension: line.modifiers.map((m) => ({ url: MODIFIER_EXTENSION, valueCode: m })) } : {}),
  };
}

export function encounterBundle(encounter: EncounterDetail, lines: FinalLine[], final = true): Bundle {
  const patient: Patient = {
    resourceType: 'Patient',
    id: `p-${encounter.patient.id}`,
    identifier: [{ type: { text: 'MRN' }, system: `${FHIR_BASE}/facility/${encounter.facility.id}/mrn`, value: encounter.patient.mrn }],
    name: [{ family: encounter.patient.familyName, given: [encounter.patient.givenName] }],
    birthDate: encounter.patient.birthDate,
  };
  const patientRef = `Patient/${patient.id}`;
  const replacedBy = new Map(encounter.administrations.filter((a) => a.amendsId !== null).map((a) => [a.amendsId!, a.id]));
  const resources: Resource[] = [
    patient,
    ...encounter.administrations.map((a) => medicationAdministration(a, encounter, patientRef, replacedBy)),
    ...lines.map((l, i) => chargeItem(l, i, encounter, patientRef, final)),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: `${FHIR_BASE}/${resource.resourceType}/${resource.id}`, resource })),
  };
}
