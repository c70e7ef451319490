import { describe, expect, it } from 'vitest';
import type { Bundle, ChargeItem, MedicationAdministration, MedicationRequest, Practitioner, Resource } from '@medplum/fhirtypes';
import { encounterBundle, fhirDateTime, MODIFIER_EXTENSION_URL, NDC_FLAG_EXTENSION_URL, NDC_FLAG_SYSTEM, ORDER_TYPE_EXTENSION_URL, pushchartUuid, REVENUE_CODE_EXTENSION_URL, type EncounterBundleInput } from './fhir-bundle';
import { validateFhirResource } from './fhir-validate';
import { administration, CLASSIC_ADMINISTRATIONS, CLASSIC_LINES, ED_ENCOUNTER, FORMULARY, ONDANSETRON_VIAL } from './test-fixtures';

const CLASSIC: EncounterBundleInput = { encounter: ED_ENCOUNTER, administrations: CLASSIC_ADMINISTRATIONS, lines: CLASSIC_LINES, formulary: FORMULARY };

function resources(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).map((e) => e.resource!);
}
function ofType<T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] {
  return resources(bundle).filter((r): r is T => r.resourceType === type);
}
function fullUrl(bundle: Bundle, r: Resource): string {
  return bundle.entry!.find((e) => e.resource === r)!.fullUrl!;
}

describe('encounterBundle: the classic demo encounter', () => {
  const bundle = encounterBundle(CLASSIC);

  it('is a valid R4 collection, and so is every entry on its own', () => {
    expect(bundle.type).toBe('collection');
    expect(validateFhirResource(bundle)).toEqual([]);
    for (const r of resources(bundle)) expect([r.resourceType, validateFhirResource(r)]).toEqual([r.resourceType, []]);
  });

  it('has one MedicationAdministration per dose and one ChargeItem per final line', () => {
    expect(ofType(bundle, 'MedicationAdministration')).toHaveLength(2);
    expect(ofType(bundle, 'ChargeItem')).toHaveLength(CLASSIC_LINES.length);
    expect(ofType(bundle, 'Patient')).toHaveLength(1);
    expect(ofType(bundle, 'Practitioner')).toHaveLength(1);
  });

  it('uses urn:uuid fullUrls, stable across exports and distinct per installation', () => {
    for (const e of bundle.entry!) expect(e.fullUrl).toBe(`urn:uuid:${e.resource!.id}`);
    expect(encounterBundle(CLASSIC)).toEqual(bundle);
    const other = encounterBundle({ ...CLASSIC, installationId: 'https://other-site.example' });
    expect(other.entry![0]!.fullUrl).not.toBe(bundle.entry![0]!.fullUrl);
    // RFC 4122 v5, checked against Python's uuid.uuid5 for the same namespace and name.
    expect(pushchartUuid('|MedicationAdministration/1')).toBe('19b3acce-cc0a-5754-88fc-f02c65cb5bae');
    expect(pushchartUuid('Tomás')).toBe('f36f3dde-8202-56a6-b998-09a3385c251f');
  });

  it('maps a push: status, drug with NDC, patient by MRN, times with the facility offset, performer, route, method, dose', () => {
    const [first] = ofType<MedicationAdministration>(bundle, 'MedicationAdministration');
    const patient = ofType(bundle, 'Patient')[0]!;
    expect(first).toMatchObject({
      status: 'completed',
      identifier: [{ value: '1' }],
      medicationCodeableConcept: { text: 'Ondansetron HCl', coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '99999-001-01' }] },
      subject: { reference: fullUrl(bundle, patient), type: 'Patient', identifier: { value: 'ED-100234', type: { coding: [{ code: 'MR' }] } } },
      context: { type: 'Encounter', identifier: { value: '1' } },
      effectivePeriod: { start: '2026-03-02T10:00:00-05:00', end: '2026-03-02T10:01:00-05:00' },
      performer: [{ function: { coding: [{ code: 'performer' }] }, actor: { type: 'Practitioner', display: 'Nora Quinn, RN' } }],
      reasonCode: [{ text: 'Nausea' }],
      dosage: {
        site: { text: 'L antecubital 20G' },
        route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] },
        method: { coding: [{ system: 'http://snomed.info/sct', code: '420620005' }] },
        dose: { value: 4, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
      },
    });
    expect(first!.note).toBeUndefined();
  });

  it('maps each final line to a billable ChargeItem with CPT/HCPCS, units, NDC, modifiers, revenue code and its doses', () => {
    const items = ofType<ChargeItem>(bundle, 'ChargeItem');
    const admins = ofType<MedicationAdministration>(bundle, 'MedicationAdministration');
    expect(items.map((c) => [c.status, c.code.coding![0]!.system, c.code.coding![0]!.code, c.quantity?.value, c.occurrenceDateTime])).toEqual([
      ['billable', 'http://www.ama-assn.org/go/cpt', '96374', 1, '2026-03-02'],
      ['billable', 'http://www.ama-assn.org/go/cpt', '96376', 1, '2026-03-02'],
      ['billable', 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', 'J2405', 8, '2026-03-02'],
    ]);
    const drug = items[2]!;
    expect(drug.productCodeableConcept).toEqual({ coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '99999-001-01' }] });
    expect(drug.extension).toEqual([
      { url: MODIFIER_EXTENSION_URL, valueCoding: { system: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'JZ' } },
      { url: REVENUE_CODE_EXTENSION_URL, valueCoding: { system: 'https://www.nubc.org/CodeSystem/RevenueCodes', code: '0636' } },
      { url: NDC_FLAG_EXTENSION_URL, valueCoding: { system: NDC_FLAG_SYSTEM, code: 'placeholder', display: 'Placeholder NDC, not a real package' } },
    ]);
    expect(drug.note).toEqual([{ text: 'NDC 99999-001-01 is a placeholder, not a real package: replace it before billing.' }]);
    expect(drug.service).toEqual(admins.map((a) => ({ reference: fullUrl(bundle, a) })));
    expect(items[0]!.productCodeableConcept).toBeUndefined();
  });

  it('an uncoded suggestion exports as planned charges', () => {
    const planned = encounterBundle({ ...CLASSIC, final: false });
    expect(ofType<ChargeItem>(planned, 'ChargeItem').map((c) => c.status)).toEqual(['planned', 'planned', 'planned']);
    expect(validateFhirResource(planned)).toEqual([]);
  });
});

describe('encounterBundle: NDC flags', () => {
  // A real ondansetron package, as a site would enter it (placeholderNdc false).
  const real = { ...ONDANSETRON_VIAL, ndc10: '0409-4755-03', ndc11: '00409475503', placeholderNdc: false };
  const formulary = FORMULARY.map((d) => (d.key === 'ondansetron' ? { ...d, products: [...d.products, real] } : d));
  const drugCharge = (b: Bundle) => ofType<ChargeItem>(b, 'ChargeItem').find((c) => c.code.coding![0]!.code === 'J2405')!;

  it('a real product\'s NDC carries no flag and no note', () => {
    const lines = CLASSIC_LINES.map((l) => (l.kind === 'hcpcs' ? { ...l, ndc11: real.ndc11 } : l));
    const bundle = encounterBundle({ ...CLASSIC, lines, formulary });
    const charge = drugCharge(bundle);
    expect(charge.productCodeableConcept).toEqual({ coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '0409-4755-03' }] });
    expect(charge.extension!.some((e) => e.url === NDC_FLAG_EXTENSION_URL)).toBe(false);
    expect(charge.note).toBeUndefined();
  });

  it('an NDC unknown to the formulary is flagged on the charge, and the nurse\'s bedside reasons are notes on the dose; still valid R4', () => {
    const lines = CLASSIC_LINES.map((l) => (l.kind === 'hcpcs' ? { ...l, ndc11: '12345678901' } : l));
    const administrations = [
      { ...CLASSIC_ADMINISTRATIONS[0]!, ndc: '12345-6789-01', ndcConfirmationReason: 'New supplier vial', doseConfirmationReason: 'Ordered by Dr. Reyes' },
      CLASSIC_ADMINISTRATIONS[1]!,
    ];
    const bundle = encounterBundle({ ...CLASSIC, lines, administrations, formulary });
    const charge = drugCharge(bundle);
    expect(charge.extension).toContainEqual({ url: NDC_FLAG_EXTENSION_URL, valueCoding: { system: NDC_FLAG_SYSTEM, code: 'not-in-formulary', display: 'NDC not in the formulary' } });
    expect(charge.note).toEqual([{ text: 'NDC 12345-6789-01 is not in the formulary: check it against the package before billing.' }]);
    const dose = ofType<MedicationAdministration>(bundle, 'MedicationAdministration')[0]!;
    expect(dose.note!.map((n) => n.text)).toEqual([
      'NDC 12345-6789-01 not in the formulary, confirmed at the bedside: New supplier vial',
      'Dose outside the usual range, confirmed at the bedside: Ordered by Dr. Reyes',
    ]);
    expect(validateFhirResource(bundle)).toEqual([]);
  });
});

describe('encounterBundle: corrections', () => {
  // Dose 1 charted 4 mg, amended to 8 mg (dose 3); dose 2 voided as charted on the wrong patient.
  const administrations = [
    administration({ id: 1, status: 'amended' }),
    administration({ id: 2, status: 'entered-in-error', voidReason: 'Wrong patient', voidedBy: 'Nora Quinn, RN', voidedAt: new Date('2026-03-02T16:00:00Z'), startAt: new Date('2026-03-02T15:45:00Z'), stopAt: new Date('2026-03-02T15:46:00Z') }),
    administration({ id: 3, doseValue: '8', amendsId: 1, correctionReason: 'Dose was 8 mg, not 4 mg' }),
  ];
  const bundle = encounterBundle({ ...CLASSIC, administrations, lines: [{ ...CLASSIC_LINES[0]!, administrationIds: ['3'] }] });
  const [superseded, voided, amendment] = ofType<MedicationAdministration>(bundle, 'MedicationAdministration');

  it('keeps every version: the current one completed, the voided and the superseded entered-in-error', () => {
    expect([superseded!.status, voided!.status, amendment!.status]).toEqual(['entered-in-error', 'entered-in-error', 'completed']);
    expect(validateFhirResource(bundle)).toEqual([]);
  });

  it('says who voided a dose, when and why', () => {
    expect(voided!.note).toEqual([{ text: 'Entered in error: Wrong patient', authorString: 'Nora Quinn, RN', time: '2026-03-02T11:00:00-05:00' }]);
  });

  it('links the superseded version and its amendment both ways', () => {
    expect(superseded!.note).toEqual([{ text: `Superseded by amendment ${fullUrl(bundle, amendment!)} (PushChart administration 3)` }]);
    expect(amendment!.note).toEqual([{ text: `Amends ${fullUrl(bundle, superseded!)} (PushChart administration 1): Dose was 8 mg, not 4 mg` }]);
    expect(amendment!.dosage?.dose?.value).toBe(8);
  });
});

describe('encounterBundle: other kinds and fields', () => {
  it('maps hydration, an injection, mcg and units doses, a missing stop time and a late entry', () => {
    const administrations = [
      administration({ id: 10, kind: 'hydration', drugName: 'Sodium chloride 0.9%', doseValue: '1000', doseUnit: 'mL', ndc: null, stopAt: new Date('2026-07-02T15:35:00Z'), startAt: new Date('2026-07-02T14:00:00Z') }),
      administration({ id: 11, kind: 'injection', drugName: 'Heparin', doseValue: '5000', doseUnit: 'units', ndc: null }),
      administration({ id: 12, drugName: 'Fentanyl citrate', doseValue: '50', doseUnit: 'mcg', stopAt: null, ndc: '12345678901', lateEntryReason: 'Code blue', performerId: 'user-nurse-2', performerName: 'Tomás Reyes' }),
    ];
    const bundle = encounterBundle({ ...CLASSIC, administrations, lines: [] });
    expect(validateFhirResource(bundle)).toEqual([]);
    const [hydration, injection, fentanyl] = ofType<MedicationAdministration>(bundle, 'MedicationAdministration');
    // Summer time: the offset follows the facility's zone.
    expect(hydration!.effectivePeriod).toEqual({ start: '2026-07-02T10:00:00-04:00', end: '2026-07-02T11:35:00-04:00' });
    expect(hydration!.dosage?.route?.coding?.[0]?.code).toBe('47625008');
    expect(hydration!.dosage?.method).toBeUndefined();
    expect(hydration!.dosage?.dose).toEqual({ value: 1000, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' });
    expect(injection!.dosage?.route).toBeUndefined();
    expect(injection!.dosage?.dose?.code).toBe('[iU]');
    expect(fentanyl!.effectiveDateTime).toBe('2026-03-02T10:00:00-05:00');
    expect(fentanyl!.effectivePeriod).toBeUndefined();
    expect(fentanyl!.dosage?.dose?.code).toBe('ug');
    // An 11-digit NDC outside the formulary cannot be re-hyphenated reliably: no NDC coding.
    expect(fentanyl!.medicationCodeableConcept).toEqual({ text: 'Fentanyl citrate' });
    expect(fentanyl!.note).toEqual([{ text: 'Late entry (charted 2026-03-02T10:02:00-05:00): Code blue' }]);
    expect(ofType(bundle, 'Practitioner')).toHaveLength(2);
  });

  it('an office encounter has no revenue-code extension; CPT modifiers use the CPT system', () => {
    const bundle = encounterBundle({
      ...CLASSIC,
      encounter: { ...ED_ENCOUNTER, setting: 'non-facility' },
      lines: [{ ...CLASSIC_LINES[0]!, modifiers: ['59'] }],
    });
    expect(ofType<ChargeItem>(bundle, 'ChargeItem')[0]!.extension).toEqual([{ url: MODIFIER_EXTENSION_URL, valueCoding: { system: 'http://www.ama-assn.org/go/cpt', code: '59' } }]);
    expect(validateFhirResource(bundle)).toEqual([]);
  });

  it('fhirDateTime keeps milliseconds only when there are some, and prints Z for UTC', () => {
    expect(fhirDateTime(new Date('2026-03-02T15:00:00.250Z'), 'America/New_York')).toBe('2026-03-02T10:00:00.250-05:00');
    expect(fhirDateTime(new Date('2026-03-02T15:00:00Z'), 'UTC')).toBe('2026-03-02T15:00:00Z');
  });
});

describe('validateFhirResource really validates', () => {
  const bundle = encounterBundle(CLASSIC);
  const push = ofType<MedicationAdministration>(bundle, 'MedicationAdministration')[0]!;
  const charge = ofType<ChargeItem>(bundle, 'ChargeItem')[0]!;

  it('rejects a status outside the required value set (medplum alone accepts it)', () => {
    const problems = validateFhirResource({ ...push, status: 'given' as MedicationAdministration['status'] });
    expect(problems).toEqual([expect.stringContaining("MedicationAdministration.status: 'given' is not in the required value set http://hl7.org/fhir/ValueSet/medication-admin-status")]);
    expect(validateFhirResource({ ...charge, status: 'paid' as ChargeItem['status'] })).toEqual([expect.stringContaining("ChargeItem.status: 'paid'")]);
    expect(validateFhirResource({ ...bundle, type: 'colection' as Bundle['type'] })).toEqual([expect.stringContaining("Bundle.type: 'colection'")]);
  });

  it('finds a bad status inside a bundle entry, with its path', () => {
    const broken: Bundle = { ...bundle, entry: [...bundle.entry!.slice(0, 2), { ...bundle.entry![2]!, resource: { ...push, status: 'given' as MedicationAdministration['status'] } }, ...bundle.entry!.slice(3)] };
    expect(validateFhirResource(broken)).toEqual([expect.stringContaining("Bundle.entry[2].resource.status: 'given'")]);
  });

  it('rejects a missing subject, a dose value as text and an invalid dateTime', () => {
    const noSubject: Partial<MedicationAdministration> = { ...push };
    delete noSubject.subject;
    expect(validateFhirResource(noSubject as MedicationAdministration).join('\n')).toMatch(/subject/);
    expect(validateFhirResource({ ...push, dosage: { ...push.dosage, dose: { value: '4' as unknown as number } } }).join('\n')).toMatch(/dose/);
    expect(validateFhirResource({ ...push, effectivePeriod: undefined, effectiveDateTime: '02/03/2026 10:00' }).join('\n')).toMatch(/effective/);
  });

  it('rejects a bundle reference that resolves to no entry', () => {
    const dangling = 'urn:uuid:00000000-0000-5000-8000-000000000000';
    const broken: Bundle = { ...bundle, entry: [...bundle.entry!, { fullUrl: 'urn:uuid:11111111-1111-5111-8111-111111111111', resource: { ...charge, id: '11111111-1111-5111-8111-111111111111', service: [{ reference: dangling }] } }] };
    expect(validateFhirResource(broken)).toEqual([`Bundle.entry[${bundle.entry!.length}].resource.service[0].reference: ${dangling} does not resolve to an entry of this bundle`]);
  });
});

describe('encounterBundle: who ordered each dose, and who witnessed a waste', () => {
  const ordered = {
    orderingProviderId: 7,
    orderingProviderName: 'Amara Osei, MD',
    orderingProviderNpi: '1999999992',
  };
  const bundle = encounterBundle({
    ...CLASSIC,
    administrations: [
      administration({ id: 1, ...ordered, orderType: 'written' }),
      administration({
        id: 2,
        ...ordered,
        orderType: 'verbal',
        drugKey: 'morphine',
        drugName: 'Morphine sulfate',
        ndc: null,
        wastedValue: '2',
        wastedUnit: 'mg',
        witnessId: 'user-nurse-2',
        witnessName: 'Tomás Reyes',
        witnessCredentials: 'RN',
        witnessedAt: new Date('2026-03-02T15:07:00Z'),
        expiredProductReason: 'Only vial on the unit; pharmacy informed',
        expiry: '2026-02-28',
      }),
      administration({ id: 3, startAt: new Date('2026-03-02T16:30:00Z'), stopAt: new Date('2026-03-02T16:31:00Z') }),
    ],
  });
  const admins = ofType<MedicationAdministration>(bundle, 'MedicationAdministration');
  const requests = ofType<MedicationRequest>(bundle, 'MedicationRequest');

  it('is still a valid R4 bundle, entry by entry', () => {
    expect(validateFhirResource(bundle)).toEqual([]);
    for (const r of resources(bundle)) expect([r.resourceType, validateFhirResource(r)]).toEqual([r.resourceType, []]);
  });

  it('links each ordered dose to a MedicationRequest whose requester is the provider, identified by NPI', () => {
    expect(requests).toHaveLength(2);
    const [first, second] = admins;
    const request1 = requests.find((r) => `urn:uuid:${r.id}` === first!.request?.reference)!;
    expect(request1).toBeDefined();
    expect(request1.intent).toBe('order');
    expect(request1.subject).toEqual(first!.subject);
    const provider = ofType<Practitioner>(bundle, 'Practitioner').find((p) => fullUrl(bundle, p) === request1.requester?.reference)!;
    expect(provider.identifier).toContainEqual({ system: 'http://hl7.org/fhir/sid/us-npi', value: '1999999992' });
    expect(provider.name?.[0]?.text).toBe('Amara Osei, MD');
    // One Practitioner for the provider, however many doses they ordered.
    expect(requests.every((r) => r.requester?.reference === request1.requester?.reference)).toBe(true);
    expect(request1.extension).toEqual([{ url: ORDER_TYPE_EXTENSION_URL, valueCoding: expect.objectContaining({ code: 'written' }) }]);
    const request2 = requests.find((r) => `urn:uuid:${r.id}` === second!.request?.reference)!;
    expect(request2.extension?.[0]?.valueCoding?.code).toBe('verbal');
    expect(request2.note?.[0]?.text).toMatch(/awaiting provider co-signature/);
  });

  it('exports no order for a dose charted without one (before migration 0007)', () => {
    expect(admins[2]!.request).toBeUndefined();
  });

  it('names the witness of a waste as a performer with the R4 function "witness", and notes an expired product', () => {
    const waste = admins[1]!;
    const witness = waste.performer?.find((p) => p.function?.coding?.[0]?.code === 'witness');
    expect(witness?.actor.display).toBe('Tomás Reyes, RN');
    const witnessPractitioner = ofType<Practitioner>(bundle, 'Practitioner').find((p) => fullUrl(bundle, p) === witness?.actor.reference);
    expect(witnessPractitioner?.name?.[0]?.text).toBe('Tomás Reyes');
    expect(waste.note?.map((n) => n.text)).toContain('Expired product given (expiry 2026-02-28): Only vial on the unit; pharmacy informed');
  });

  it('a request that cites a provider missing from the bundle fails validation', () => {
    const request = requests[0]!;
    const broken: Bundle = {
      ...bundle,
      entry: bundle.entry!.map((e) => (e.resource === request ? { ...e, resource: { ...request, requester: { reference: 'urn:uuid:00000000-0000-5000-8000-000000000000' } } } : e)),
    };
    expect(validateFhirResource(broken).join('\n')).toMatch(/requester.*does not resolve/);
  });
});
