// One encounter as a FHIR R4 (4.0.1) collection Bundle for interface partners:
// the Patient and the charting Practitioners, one MedicationAdministration per
// charted version of a dose (corrections included, so a partner that received
// an earlier export learns what was retracted) and one ChargeItem per claim line.
// Mapping: drug-reference.md §4 and §5. Pure: plain data in, a Bundle out, no
// clock (Bundle.timestamp only when the caller passes the time).
//
// Identity. Every entry's fullUrl is urn:uuid with a name-based (v5) UUID of
// the PushChart database id, and every reference between entries uses it, so
// references resolve inside the bundle without pretending PushChart serves a
// FHIR REST API (an https fullUrl would claim Type/id is readable at that base).
// The same dose gets the same UUID in every export: a partner can upsert.
// Each resource also carries its database id as an identifier.
import { createHash } from 'node:crypto';
import type {
  Annotation,
  Bundle,
  ChargeItem,
  CodeableConcept,
  Coding,
  Encounter,
  Extension,
  Identifier,
  MedicationAdministration,
  MedicationAdministrationPerformer,
  MedicationRequest,
  Patient,
  Practitioner,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { FinalLine } from '../claim-lines';
import { revenueCode } from '../claim-lines';
import { ndcDisplay, ndcFlag, type NdcFlag } from '../coding-confirmations';
import { ndc10To11, type FormularyDrug } from '../formulary/starter-formulary';
import { ORDER_TYPE_LABEL } from '../administration-schema';
import { formatInZone } from '../time';
import type { AdministrationView, EncounterDetail } from '../types';

/**
 * Base of the URLs PushChart mints for its own identifier systems and
 * extensions. `.example` is reserved: a site that publishes these to partners
 * should agree the URLs with them (they are only names, never fetched).
 */
export const PUSHCHART_FHIR_BASE = 'https://pushchart.example/fhir';
export const MODIFIER_EXTENSION_URL = `${PUSHCHART_FHIR_BASE}/StructureDefinition/chargeitem-modifier`;
export const REVENUE_CODE_EXTENSION_URL = `${PUSHCHART_FHIR_BASE}/StructureDefinition/chargeitem-revenue-code`;
/** How the order was given (written, verbal, telephone, standing protocol): R4 MedicationRequest has no element for it. */
export const ORDER_TYPE_EXTENSION_URL = `${PUSHCHART_FHIR_BASE}/StructureDefinition/medicationrequest-order-type`;
export const ORDER_TYPE_SYSTEM = `${PUSHCHART_FHIR_BASE}/CodeSystem/order-type`;
/**
 * Why a charge's NDC may not be billed as it is (issue 13 item 5): R4
 * ChargeItem has no element for it, so an extension with a code from
 * PushChart's own code system, plus a note a person reads.
 */
export const NDC_FLAG_EXTENSION_URL = `${PUSHCHART_FHIR_BASE}/StructureDefinition/chargeitem-ndc-flag`;
export const NDC_FLAG_SYSTEM = `${PUSHCHART_FHIR_BASE}/CodeSystem/ndc-flag`;
const NDC_FLAG_DISPLAY: Record<NdcFlag, string> = {
  placeholder: 'Placeholder NDC, not a real package',
  'not-in-formulary': 'NDC not in the formulary',
};
export const IDENTIFIER_SYSTEM = {
  administration: `${PUSHCHART_FHIR_BASE}/sid/administration-id`,
  claimLine: `${PUSHCHART_FHIR_BASE}/sid/claim-line`,
  encounter: `${PUSHCHART_FHIR_BASE}/sid/encounter-id`,
  user: `${PUSHCHART_FHIR_BASE}/sid/user-id`,
  provider: `${PUSHCHART_FHIR_BASE}/sid/provider-id`,
  mrn: (facilityId: number) => `${PUSHCHART_FHIR_BASE}/sid/facility/${facilityId}/mrn`,
} as const;

export const SYSTEM = {
  snomed: 'http://snomed.info/sct',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  cpt: 'http://www.ama-assn.org/go/cpt',
  // drug-reference.md §4.2: HL7 THO registers HCPCS Level II with http, not https.
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  ucum: 'http://unitsofmeasure.org',
  nubcRevenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  adminCategory: 'http://terminology.hl7.org/CodeSystem/medication-admin-category',
  performFunction: 'http://terminology.hl7.org/CodeSystem/med-admin-perform-function',
  // The US NPI identifier system (HL7 THO NamingSystem us-npi).
  npi: 'http://hl7.org/fhir/sid/us-npi',
} as const;

const IV_ROUTE: Coding = { system: SYSTEM.snomed, code: '47625008', display: 'Intravenous route (qualifier value)' };
const PUSH_METHOD: Coding = { system: SYSTEM.snomed, code: '420620005', display: 'Push - dosing instruction imperative (qualifier value)' };

/** Charted unit → UCUM (drug-reference.md §4.1). "units" are reported as international units. */
const UCUM: Record<string, string> = { mg: 'mg', mcg: 'ug', g: 'g', mL: 'mL', mEq: 'meq', units: '[iU]' };

// Fixed namespace of PushChart's name-based UUIDs (generated once; never change
// it, or every exported resource changes identity).
const UUID_NAMESPACE = '6a35cc5a-ada0-4767-8b21-7d03d7d5abf0';

/** RFC 4122 §4.3 version-5 UUID of `name` in PushChart's namespace. */
export function pushchartUuid(name: string): string {
  const ns = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface EncounterBundleInput {
  encounter: Pick<EncounterDetail, 'id' | 'patient' | 'facility' | 'setting'>;
  /** Every charted version of every dose: active, amended (superseded) and entered in error. */
  administrations: readonly AdministrationView[];
  lines: readonly FinalLine[];
  /** To print NDCs as the package does (10 digits, hyphenated) and resolve line NDCs. */
  formulary: readonly FormularyDrug[];
  /** true (default): the coder's final lines → ChargeItem billable; false: the engine's suggestion → planned. */
  final?: boolean;
  /**
   * Distinguishes PushChart installations: mixed into every UUID so that two
   * sites never mint the same one for their own "MedicationAdministration 12".
   * Use something stable and unique per site, e.g. its public URL.
   */
  installationId?: string;
  /** Bundle.timestamp, when the caller wants one (this module reads no clock). */
  generatedAt?: Date;
}

/** "2026-03-02T10:00:00-05:00": an instant with the facility's offset, as FHIR dateTime requires. */
export function fhirDateTime(instant: Date, timeZone: string): string {
  const pattern = instant.getUTCMilliseconds() === 0 ? "yyyy-MM-dd'T'HH:mm:ssXXX" : "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
  return formatInZone(instant, timeZone, pattern);
}

/**
 * The package NDC as FHIR's NDC code system wants it: 10 digits with the
 * hyphens where the label has them (HL7 THO, "Using NDC"). An 11-digit billing
 * NDC cannot be re-hyphenated reliably, so it is printed only via the
 * formulary's product; null when unknown.
 */
function ndcForFhir(ndc: string | null, ndc10ByNdc11: ReadonlyMap<string, string>): string | null {
  if (!ndc) return null;
  const trimmed = ndc.trim();
  if (/^\d+-\d+-\d+$/.test(trimmed) && ndc10To11(trimmed)) return trimmed;
  return ndc10ByNdc11.get(trimmed.replace(/-/g, '')) ?? null;
}

function modifierCoding(modifier: string): Coding {
  // Two digits ("59", "25") are CPT modifiers; letters ("JW", "JZ", "XU") are HCPCS Level II.
  return { system: /^\d{2}$/.test(modifier) ? SYSTEM.cpt : SYSTEM.hcpcs, code: modifier };
}

export function encounterBundle(input: EncounterBundleInput): Bundle {
  const { encounter, administrations, lines, formulary, final = true, installationId = '', generatedAt } = input;
  const zone = encounter.facility.timeZone;
  const uuid = (type: string, id: string | number) => pushchartUuid(`${installationId}|${type}/${id}`);
  const urn = (type: string, id: string | number) => `urn:uuid:${uuid(type, id)}`;

  const ndc10ByNdc11 = new Map<string, string>();
  for (const drug of formulary) for (const p of drug.products) ndc10ByNdc11.set(p.ndc11, p.ndc10);

  const mrn: Identifier = {
    type: { coding: [{ system: SYSTEM.v2IdentifierType, code: 'MR', display: 'Medical record number' }] },
    system: IDENTIFIER_SYSTEM.mrn(encounter.facility.id),
    value: encounter.patient.mrn,
  };
  const patientName = `${encounter.patient.familyName}, ${encounter.patient.givenName}`;
  const patient: Patient = {
    resourceType: 'Patient',
    id: uuid('Patient', encounter.patient.id),
    identifier: [mrn],
    name: [{ family: encounter.patient.familyName, given: [encounter.patient.givenName], text: patientName }],
    birthDate: encounter.patient.birthDate,
  };
  const subject: Reference<Patient> = { reference: urn('Patient', encounter.patient.id), type: 'Patient', identifier: mrn, display: patientName };
  // A logical reference: PushChart's encounter is not the partner's visit, and
  // an Encounter resource would need a class (ED? clinic?) we do not record.
  const context: Reference<Encounter> = {
    type: 'Encounter',
    identifier: { system: IDENTIFIER_SYSTEM.encounter, value: String(encounter.id) },
    display: `${encounter.facility.name} encounter ${encounter.id}`,
  };

  // One Practitioner per signing user; each dose keeps the name and credentials
  // it was signed with (actor.display), even if the user's record changed since.
  const practitioners = new Map<string, Practitioner>();
  for (const a of administrations) {
    if (practitioners.has(a.performerId)) continue;
    practitioners.set(a.performerId, {
      resourceType: 'Practitioner',
      id: uuid('Practitioner', a.performerId),
      identifier: [{ system: IDENTIFIER_SYSTEM.user, value: a.performerId }],
      name: [{ text: a.performerName }],
      ...(a.performerCredentials ? { qualification: [{ code: { text: a.performerCredentials } }] } : {}),
    });
  }
  // Witnesses of a waste are clinicians too (their snapshot name at witnessing).
  for (const a of administrations) {
    if (!a.witnessId || !a.witnessName || practitioners.has(a.witnessId)) continue;
    practitioners.set(a.witnessId, {
      resourceType: 'Practitioner',
      id: uuid('Practitioner', a.witnessId),
      identifier: [{ system: IDENTIFIER_SYSTEM.user, value: a.witnessId }],
      name: [{ text: a.witnessName }],
      ...(a.witnessCredentials ? { qualification: [{ code: { text: a.witnessCredentials } }] } : {}),
    });
  }

  // One Practitioner per ordering provider (identified by NPI when known).
  // Each dose's order is a MedicationRequest with that requester, referenced
  // by MedicationAdministration.request (R4: Reference(MedicationRequest)):
  // the administration says who ordered it through its order, as FHIR models
  // it, rather than through a performer with a function the R4 code system
  // (performer | verifier | witness) does not have.
  const providerPractitioners = new Map<number, Practitioner>();
  for (const a of administrations) {
    const pid = a.orderingProviderId;
    if (pid == null || providerPractitioners.has(pid)) continue;
    providerPractitioners.set(pid, {
      resourceType: 'Practitioner',
      id: uuid('Provider', pid),
      identifier: [
        ...(a.orderingProviderNpi ? [{ system: SYSTEM.npi, value: a.orderingProviderNpi }] : []),
        { system: IDENTIFIER_SYSTEM.provider, value: String(pid) },
      ],
      name: [{ text: a.orderingProviderName ?? `Provider ${pid}` }],
    });
  }
  const hasOrder = (a: AdministrationView) => a.orderingProviderId != null || a.orderType != null;
  const medicationRequest = (a: AdministrationView): MedicationRequest => {
    const ndc = ndcForFhir(a.ndc, ndc10ByNdc11);
    const notes: Annotation[] = [];
    // Verbal and telephone orders are signed by the provider afterwards (co-signature).
    if (a.orderType === 'verbal' || a.orderType === 'telephone') notes.push({ text: `${ORDER_TYPE_LABEL[a.orderType]}: awaiting provider co-signature` });
    return {
      resourceType: 'MedicationRequest',
      id: uuid('MedicationRequest', a.id),
      identifier: [{ system: IDENTIFIER_SYSTEM.administration, value: String(a.id) }],
      ...(a.orderType
        ? { extension: [{ url: ORDER_TYPE_EXTENSION_URL, valueCoding: { system: ORDER_TYPE_SYSTEM, code: a.orderType, display: ORDER_TYPE_LABEL[a.orderType] } }] }
        : {}),
      // PushChart records the order behind a dose, not the order's life cycle.
      status: a.status === 'active' ? 'unknown' : 'entered-in-error',
      intent: 'order',
      medicationCodeableConcept: { text: a.drugName, ...(ndc ? { coding: [{ system: SYSTEM.ndc, code: ndc }] } : {}) },
      subject,
      encounter: context,
      ...(a.orderingProviderId != null
        ? { requester: { reference: urn('Provider', a.orderingProviderId), type: 'Practitioner', display: a.orderingProviderName ?? undefined } }
        : {}),
      ...(notes.length > 0 ? { note: notes } : {}),
    };
  };

  const replacedBy = new Map<number, number>();
  for (const a of administrations) if (a.amendsId !== null) replacedBy.set(a.amendsId, a.id);

  const medicationAdministration = (a: AdministrationView): MedicationAdministration => {
    // Status for partners. Only the current version of a dose is `completed`.
    // A version replaced by an amendment is `entered-in-error` too, not left
    // `completed`: a partner adding up doses would otherwise count the dose
    // twice, and one that received the old version in an earlier export would
    // never learn it was retracted. The note names the amendment that replaces
    // it (same dose, corrected facts); the amendment's note names what it amends.
    const status = a.status === 'active' ? 'completed' : 'entered-in-error';
    const notes: Annotation[] = [];
    if (a.status === 'entered-in-error') {
      notes.push({
        text: `Entered in error${a.voidReason ? `: ${a.voidReason}` : ''}`,
        ...(a.voidedBy ? { authorString: a.voidedBy } : {}),
        ...(a.voidedAt ? { time: fhirDateTime(a.voidedAt, zone) } : {}),
      });
    }
    if (a.status === 'amended') {
      const next = replacedBy.get(a.id);
      notes.push({ text: next !== undefined ? `Superseded by amendment ${urn('MedicationAdministration', next)} (PushChart administration ${next})` : 'Superseded by an amendment' });
    }
    if (a.amendsId !== null) {
      notes.push({ text: `Amends ${urn('MedicationAdministration', a.amendsId)} (PushChart administration ${a.amendsId})${a.correctionReason ? `: ${a.correctionReason}` : ''}` });
    }
    if (a.isAddendum) notes.push({ text: 'Addendum: charted after the chart was signed' });
    if (a.lateEntryReason) notes.push({ text: `Late entry (charted ${fhirDateTime(a.chartedAt, zone)}): ${a.lateEntryReason}` });
    if (!a.stopAt && a.stopMissingReason) notes.push({ text: `No stop time: ${a.stopMissingReason}` });
    if (a.wastedValue !== null) notes.push({ text: `Discarded: ${a.wastedValue} ${a.wastedUnit ?? a.doseUnit}` });
    if (a.expiredProductReason) notes.push({ text: `Expired product given${a.expiry ? ` (expiry ${a.expiry})` : ''}: ${a.expiredProductReason}` });
    if (a.ndcConfirmationReason) notes.push({ text: `NDC${a.ndc ? ` ${a.ndc}` : ''} not in the formulary, confirmed at the bedside: ${a.ndcConfirmationReason}` });
    if (a.doseConfirmationReason) notes.push({ text: `Dose outside the usual range, confirmed at the bedside: ${a.doseConfirmationReason}` });

    const ndc = ndcForFhir(a.ndc, ndc10ByNdc11);
    const doseValue = Number(a.doseValue);
    const ucum = UCUM[a.doseUnit];
    const dose: Quantity = { value: doseValue, unit: a.doseUnit, ...(ucum ? { system: SYSTEM.ucum, code: ucum } : {}) };

    return {
      resourceType: 'MedicationAdministration',
      id: uuid('MedicationAdministration', a.id),
      identifier: [{ system: IDENTIFIER_SYSTEM.administration, value: String(a.id) }],
      status,
      // PushChart charts outpatient administrations (ED, infusion suite, office).
      category: { coding: [{ system: SYSTEM.adminCategory, code: 'outpatient' }] },
      medicationCodeableConcept: { text: a.drugName, ...(ndc ? { coding: [{ system: SYSTEM.ndc, code: ndc }] } : {}) },
      subject,
      context,
      ...(a.stopAt
        ? { effectivePeriod: { start: fhirDateTime(a.startAt, zone), end: fhirDateTime(a.stopAt, zone) } }
        : { effectiveDateTime: fhirDateTime(a.startAt, zone) }),
      performer: [
        {
          function: { coding: [{ system: SYSTEM.performFunction, code: 'performer' }] },
          actor: {
            reference: urn('Practitioner', a.performerId),
            type: 'Practitioner',
            display: a.performerCredentials ? `${a.performerName}, ${a.performerCredentials}` : a.performerName,
          },
        },
        ...witnessPerformer(a),
      ],
      ...(hasOrder(a) ? { request: { reference: urn('MedicationRequest', a.id), type: 'MedicationRequest' } } : {}),
      ...(a.rationale ? { reasonCode: [{ text: a.rationale }] } : {}),
      ...(notes.length > 0 ? { note: notes } : {}),
      dosage: {
        text: `${a.doseValue} ${a.doseUnit} ${a.kind === 'push' ? 'IV push' : a.kind}`,
        ...(a.site ? { site: { text: a.site } } : {}),
        // "injection" charts IM/SC injections: we do not know which, so no route.
        ...(a.kind === 'injection' ? {} : { route: { coding: [IV_ROUTE] } }),
        ...(a.kind === 'push' ? { method: { coding: [PUSH_METHOD] } } : {}),
        ...(Number.isFinite(doseValue) ? { dose } : {}),
      },
    };
  };

  // The second clinician who witnessed a controlled-substance waste (R4 function code "witness").
  const witnessPerformer = (a: AdministrationView): MedicationAdministrationPerformer[] =>
    a.witnessName
      ? [
          {
            function: { coding: [{ system: SYSTEM.performFunction, code: 'witness' }] },
            actor: {
              ...(a.witnessId ? { reference: urn('Practitioner', a.witnessId) } : {}),
              type: 'Practitioner',
              display: a.witnessCredentials ? `${a.witnessName}, ${a.witnessCredentials}` : a.witnessName,
            },
          },
        ]
      : [];

  const known = new Set(administrations.map((a) => String(a.id)));
  const chargeItem = (line: FinalLine): ChargeItem => {
    const lineId = `${encounter.id}/${line.key}`;
    const productNdc = line.ndc11 ? ndcForFhir(line.ndc11, ndc10ByNdc11) : null;
    const product: CodeableConcept | null = line.ndc11
      ? productNdc
        ? { coding: [{ system: SYSTEM.ndc, code: productNdc }] }
        : { text: `NDC ${line.ndc11} (11-digit billing format)` }
      : null;
    const revenue = revenueCode(line, encounter.setting);
    // R4 ChargeItem has no modifier element (drug-reference.md §4.2): one
    // extension per modifier, in claim order (FHIR keeps array order).
    const flag = line.kind === 'hcpcs' ? ndcFlag(line.ndc11, formulary) : null;
    const extension: Extension[] = [
      ...line.modifiers.map((m) => ({ url: MODIFIER_EXTENSION_URL, valueCoding: modifierCoding(m) })),
      ...(revenue ? [{ url: REVENUE_CODE_EXTENSION_URL, valueCoding: { system: SYSTEM.nubcRevenue, code: revenue } }] : []),
      ...(flag ? [{ url: NDC_FLAG_EXTENSION_URL, valueCoding: { system: NDC_FLAG_SYSTEM, code: flag, display: NDC_FLAG_DISPLAY[flag] } }] : []),
    ];
    const notes: Annotation[] = [];
    if (flag === 'placeholder') notes.push({ text: `NDC ${ndcDisplay(line.ndc11!, formulary)} is a placeholder, not a real package: replace it before billing.` });
    if (flag === 'not-in-formulary') notes.push({ text: `NDC ${ndcDisplay(line.ndc11!, formulary)} is not in the formulary: check it against the package before billing.` });
    if (line.source !== 'engine' && line.overrideReason) {
      const was = line.engine ? ` (engine suggested ${line.engine.code} × ${line.engine.units}${line.engine.modifiers.length ? ` ${line.engine.modifiers.join(' ')}` : ''})` : '';
      notes.push({ text: `Coder ${line.source === 'added' ? 'added' : 'override'}${was}: ${line.overrideReason}` });
    }
    return {
      resourceType: 'ChargeItem',
      id: uuid('ChargeItem', lineId),
      identifier: [{ system: IDENTIFIER_SYSTEM.claimLine, value: lineId }],
      ...(extension.length > 0 ? { extension } : {}),
      status: final ? 'billable' : 'planned',
      code: { coding: [{ system: line.kind === 'cpt' ? SYSTEM.cpt : SYSTEM.hcpcs, code: line.code }] },
      subject,
      context,
      // A date is a valid dateTime: the claim's date of service, nothing finer.
      occurrenceDateTime: line.dateOfService,
      quantity: { value: line.units },
      ...(product ? { productCodeableConcept: product } : {}),
      ...(notes.length > 0 ? { note: notes } : {}),
      ...(line.administrationIds.some((id) => known.has(id))
        ? { service: line.administrationIds.filter((id) => known.has(id)).map((id) => ({ reference: urn('MedicationAdministration', id) })) }
        : {}),
    };
  };

  const resources: Resource[] = [
    patient,
    ...practitioners.values(),
    ...providerPractitioners.values(),
    ...administrations.filter(hasOrder).map(medicationRequest),
    ...administrations.map(medicationAdministration),
    ...lines.map(chargeItem),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    ...(generatedAt ? { timestamp: generatedAt.toISOString() } : {}),
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
