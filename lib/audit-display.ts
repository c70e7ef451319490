// The audit history as an auditor reads it (issue 15 item 5): each stored
// event (db/audit.ts: event name, actor, UTC instant, {field: {old, new}} and
// a reason) becomes "who, when, what, why" in words: local times with the
// zone, drug / provider / user / patient names instead of ids, enums and
// booleans in words, each field old → new. Pure: the page passes the names.
import { doseLabels, type NamedDose } from './dose-label';
import { ORDER_TYPE_LABEL } from './administration-schema';
import { SETTING_LABEL } from './format';
import { formatInZone, zoneAbbreviation } from './time';

/** An audit event as db/audit-history.ts reads it (the AuditRow of db/audit.ts, with the actor's name). */
export interface AuditEventRow {
  id: number;
  event: string;
  /** "Name, credentials" of the actor; null for the system (seed, start-up fill). */
  actor: string | null;
  at: Date;
  entityType: string;
  entityId: string;
  changes: Record<string, { old: unknown; new: unknown }>;
  reason: string | null;
}

/** A dose (any version) of the encounter: what it is named by, and which earlier version it replaces. */
export interface AuditDose extends NamedDose {
  amendsId: number | null;
}

/** A coder query of the encounter, to tie query events to the dose they ask about. */
export interface AuditQuery {
  administrationId: number | null;
  question: string;
  askedAt: Date;
  answeredAt: Date | null;
  closedAt: Date | null;
}

/** Everything ids are turned into words with. */
export interface AuditNames {
  /** The facility's IANA zone: every time is shown there, with its abbreviation. */
  timeZone: string;
  /** Formulary drug id → generic name. */
  drugs: ReadonlyMap<number, string>;
  /** Ordering provider id → "Name, credentials". */
  providers: ReadonlyMap<number, string>;
  /** User id → "Name, credentials" (performers, witnesses). */
  users: ReadonlyMap<string, string>;
  /** Patient id → "Family, Given (MRN …)". */
  patients: ReadonlyMap<number, string>;
  /** Facility id → name. */
  facilities: ReadonlyMap<number, string>;
  /** Every dose of the encounter, every version. */
  doses: ReadonlyArray<AuditDose>;
  queries: ReadonlyArray<AuditQuery>;
}

export interface AuditChangeView {
  /** The stored field name (kept for tests and the data attribute, never shown alone). */
  field: string;
  label: string;
  /** The old value in words; null when the field had no value before (a creation shows only the new value). */
  old: string | null;
  new: string;
}

export interface AuditEventView {
  id: number;
  event: string;
  /** What happened, in words: "Dose amended after signing". */
  title: string;
  /** "Nora Quinn, RN" or "System". */
  actor: string;
  /** "2026-03-02 14:07:33 EST" in the facility's zone. */
  at: string;
  /** What the event is about: "Dose: Ondansetron 4 mg at 10:00 by Nora Quinn, RN", "This encounter". */
  subject: string;
  changes: AuditChangeView[];
  /** Why (as the person gave it), with entry ids replaced by dose names; null when none was asked. */
  reason: string | null;
  /** The entry (its first version's id) the event concerns, for the filter; null when it is about no dose. */
  entryId: number | null;
}

/** Every event the app writes (db/audit.ts AUDIT_EVENTS), in words. An unknown one falls back to its name made readable. */
export const AUDIT_EVENT_TITLES: Record<string, string> = {
  'seed.demo-data': 'Demo data loaded',
  'patient.registered': 'Patient registered',
  'encounter.opened': 'Encounter opened',
  'encounter.closed': 'Visit closed',
  'administration.charted': 'Dose charted',
  'administration.amended': 'Dose amended',
  'administration.amended-addendum': 'Dose amended after signing (addendum)',
  'administration.amend-refused': 'Amendment refused',
  'administration.entered-in-error': 'Dose marked entered in error',
  'administration.in-error-refused': 'Marking in error refused',
  'encounter.addendum': 'Addendum written after signing',
  'encounter.signed': 'Documentation signed',
  'encounter.unlocked': 'Signed chart unlocked',
  'encounter.returned-to-coding': 'Returned to the coding queue',
  'coding.change': 'Coder changed a line',
  'coding.remove': 'Coder removed a line',
  'coding.add': 'Coder added a line',
  'coding.initial': 'Coder chose the initial service',
  'coding.accept-all': 'Coder accepted all suggestions',
  'coding.marked-coded': 'Marked coded',
  'query.raised': 'Documentation query raised',
  'query.answered': 'Documentation query answered',
  'query.closed': 'Documentation query closed',
  'user.created': 'User created',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'user.updated': 'User updated',
  'user.facilities-changed': 'User facilities changed',
  'facility.created': 'Facility created',
  'facility.updated': 'Facility updated',
  'provider.created': 'Ordering provider added',
  'provider.updated': 'Ordering provider updated',
  'provider.deactivated': 'Ordering provider deactivated',
  'provider.reactivated': 'Ordering provider reactivated',
  'formulary.drug-added': 'Drug added to the formulary',
  'formulary.drug-deactivated': 'Drug deactivated in the formulary',
  'formulary.code-added': 'Drug code added',
  'formulary.code-ended': 'Drug code ended',
  'formulary.drug-updated': 'Formulary drug updated',
  'formulary.dose-limits-changed': 'Dose limits changed',
  'formulary.code-updated': 'Drug code updated',
  'formulary.product-imported': 'Drug product imported',
  'formulary.product-billing-units-changed': 'Product billing units changed',
  'formulary.product-code-changed': 'Product code changed',
  'auth.signed-in': 'Signed in',
  'auth.sign-in-failed': 'Sign-in failed',
  'auth.signed-out': 'Signed out',
  'auth.sign-in-refused': 'Sign-in refused',
  'auth.session-ended': 'Session ended',
  'auth.reauth-failed': 'Password check failed',
  'auth.witness-failed': 'Witness check failed',
  'auth.witness-refused': 'Witness refused',
  'auth.sessions-ended': 'Sessions ended',
  'auth.lockout-cleared': 'Lockout cleared',
  'auth.password-changed': 'Password changed',
  'auth.account-change-refused': 'Account change refused',
};

/** Field labels in words; an unlisted field reads as its name split into words ("lateEntryReason" → "Late entry reason"). */
const FIELD_LABELS: Record<string, string> = {
  drugId: 'Drug',
  doseValue: 'Dose',
  doseUnit: 'Dose unit',
  kind: 'Kind',
  startAt: 'Given at',
  stopAt: 'Stopped at',
  stopMissingReason: 'Why no stop time',
  site: 'Access site',
  rationale: 'Rationale',
  performerId: 'Given by',
  performerName: 'Performer name (as charted)',
  performerCredentials: 'Performer credentials (as charted)',
  chartedAt: 'Charted at',
  lateEntryReason: 'Late entry reason',
  ndc: 'NDC',
  lot: 'Lot',
  expiry: 'Expiry',
  wastedValue: 'Amount wasted',
  wastedUnit: 'Waste unit',
  orderingProviderId: 'Ordering provider',
  orderingProviderName: 'Ordering provider (as charted)',
  orderType: 'Order type',
  witnessId: 'Witness',
  witnessName: 'Witness name (as charted)',
  witnessCredentials: 'Witness credentials (as charted)',
  witnessedAt: 'Witnessed at',
  expiredProductReason: 'Why an expired product was given',
  doseConfirmationReason: 'Why a dose outside the usual range was given',
  ndcConfirmationReason: 'Why an NDC not in the formulary was charted',
  pump: 'Pump',
  integralTo: 'Integral to procedure',
  amendsId: 'Replaces',
  correctionReason: 'Correction reason',
  isAddendum: 'After signing (addendum)',
  status: 'Status',
  patientId: 'Patient',
  facilityId: 'Facility',
  setting: 'Setting',
  openedAt: 'Opened at',
  closedAt: 'Closed at',
  dateOfService: 'Date of service',
  signedBy: 'Signed by',
  signedAt: 'Signed at',
  chartVersion: 'Chart version signed',
  familyName: 'Family name',
  givenName: 'Given name',
  birthDate: 'Date of birth',
  mrn: 'MRN',
  line: 'Claim line',
  lineDoses: 'Doses of the line',
  lines: 'Claim lines',
  engineVersion: 'Coding engine version',
  confirmed: 'Confirmed by the coder',
  query: 'Question',
  answer: 'Answer',
  addendum: 'Addendum',
};

/**
 * Plumbing, not facts an auditor checks: the form's one-time submission key,
 * the encounter the page is already about, and the amended row's new version
 * id (the event itself says "Dose amended"). They stay in the database and
 * the hash chain covers them.
 */
const TECHNICAL_FIELDS = new Set(['idempotencyKey', 'encounterId', 'version']);

const STATUS_WORDS: Record<string, string> = {
  active: 'Current',
  amended: 'Amended (replaced by a new version)',
  'entered-in-error': 'Entered in error',
  open: 'Open',
  'ready-for-coding': 'Signed, ready for coding',
  coded: 'Coded',
  answered: 'Answered',
  closed: 'Closed',
};

const KIND_WORDS: Record<string, string> = { push: 'IV push', infusion: 'IV infusion', hydration: 'IV hydration', injection: 'IM/SC injection' };
const PUMP_WORDS: Record<string, string> = { portable: 'Portable pump', implantable: 'Implantable pump' };
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "2026-03-02 14:07:33 EST": a UTC instant in the facility's zone, zone abbreviation named. */
export function auditTime(instant: Date, timeZone: string): string {
  return `${formatInZone(instant, timeZone, 'yyyy-MM-dd HH:mm:ss')} ${zoneAbbreviation(instant, timeZone)}`;
}

/** "lateEntryReason" → "Late entry reason". */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field
    .replace(/[-_.]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : field;
}

/** "coding.marked-coded" → a title in words; unknown events read as their name with spaces. */
export function eventTitle(event: string, entityType?: string): string {
  return AUDIT_EVENT_TITLES[event] ?? fieldLabel(event) + (entityType ? ` (${entityType})` : '');
}

function claimLine(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as { code?: unknown; units?: unknown; modifiers?: unknown };
  if (typeof v.code !== 'string') return null;
  const mods = Array.isArray(v.modifiers) && v.modifiers.length > 0 ? `-${v.modifiers.join('-')}` : '';
  return `${v.code}${mods}${v.units !== undefined ? ` × ${String(v.units)}` : ''}`;
}

/**
 * One stored value in words. Ids become names through `names` (drug, provider,
 * user, patient, facility, dose); instants become local times with the zone;
 * booleans Yes/No; enums their words; lists are joined; objects read as
 * "label: value" pairs. Null or empty reads "none".
 */
export function valueInWords(field: string, value: unknown, names: AuditNames, doseNames?: ReadonlyMap<number, string>): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const asId = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
  switch (field) {
    case 'drugId':
      return asId !== null ? (names.drugs.get(asId) ?? `a drug no longer in the formulary`) : String(value);
    case 'orderingProviderId':
      return asId !== null ? (names.providers.get(asId) ?? 'a provider not in the directory') : String(value);
    case 'performerId':
    case 'witnessId':
    case 'actorId':
    case 'authorId':
      return names.users.get(String(value)) ?? 'a user no longer on file';
    case 'patientId':
      return asId !== null ? (names.patients.get(asId) ?? 'a patient not on file') : String(value);
    case 'facilityId':
      return asId !== null ? (names.facilities.get(asId) ?? 'a facility not on file') : String(value);
    case 'amendsId':
      return asId !== null ? (doseNames?.get(asId) ?? 'an earlier entry') : String(value);
    case 'kind':
      return KIND_WORDS[String(value)] ?? String(value);
    case 'orderType':
      return ORDER_TYPE_LABEL[value as keyof typeof ORDER_TYPE_LABEL] ?? String(value);
    case 'status':
      return STATUS_WORDS[String(value)] ?? String(value);
    case 'setting':
      return SETTING_LABEL[value as keyof typeof SETTING_LABEL] ?? String(value);
    case 'pump':
      return PUMP_WORDS[String(value)] ?? String(value);
    case 'lineDoses':
      // The doses a claim line derives from (ids as text), named as everywhere (lib/dose-label.ts).
      return Array.isArray(value) && value.length > 0 ? value.map((id) => doseNames?.get(Number(id)) ?? 'an entry no longer on this chart').join('; ') : 'none';
    case 'line':
      return claimLine(value) ?? (value === 'engine suggestion' ? 'the engine’s suggestion' : generic(value, names));
    default:
      return generic(value, names);
  }
}

function generic(value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value instanceof Date) return auditTime(value, names.timeZone);
  if (typeof value === 'string') return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? auditTime(new Date(value), names.timeZone) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => claimLine(v) ?? generic(v, names)).join('; ');
  if (typeof value === 'object') {
    const line = claimLine(value);
    if (line) return line;
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)}: ${valueInWords(k, v, names)}`)
      .join(', ');
  }
  return String(value);
}

/**
 * The entries of an encounter for the filter: each dose with all its versions
 * (an amendment replaces an earlier version through amendsId) is one entry,
 * keyed by its first version's id and named by its latest version (doseLabels,
 * as every picker names it, "(entered in error)" when so). Ordered by time given.
 */
export function auditEntries(doses: ReadonlyArray<AuditDose>, naming: { timeZone: string; withDate: boolean }): { entryId: number; label: string; versionIds: number[] }[] {
  const root = entryRoots(doses);
  const versions = new Map<number, AuditDose[]>();
  for (const d of doses) {
    const r = root.get(d.id)!;
    versions.set(r, [...(versions.get(r) ?? []), d]);
  }
  const latest = [...versions.values()].map((vs) => vs.find((v) => !vs.some((w) => w.amendsId === v.id)) ?? vs.at(-1)!);
  const labels = doseLabels(latest, naming);
  return [...versions.entries()]
    .map(([entryId, vs]) => {
      const last = latest.find((l) => root.get(l.id) === entryId)!;
      return { entryId, label: labels.get(last.id)!, versionIds: vs.map((v) => v.id), startAt: last.startAt };
    })
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.entryId - b.entryId)
    .map(({ entryId, label, versionIds }) => ({ entryId, label, versionIds }));
}

/** Dose id → the id of the first version of its entry (following amendsId back). */
function entryRoots(doses: ReadonlyArray<AuditDose>): Map<number, number> {
  const byId = new Map(doses.map((d) => [d.id, d]));
  const out = new Map<number, number>();
  for (const d of doses) {
    let cur = d;
    const seen = new Set<number>();
    while (cur.amendsId !== null && byId.has(cur.amendsId) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.amendsId)!;
    }
    out.set(d.id, cur.id);
  }
  return out;
}

function queryOf(row: AuditEventRow, queries: ReadonlyArray<AuditQuery>): AuditQuery | undefined {
  const t = row.at.getTime();
  if (row.event === 'query.raised') {
    const asked = row.changes.query?.new;
    return queries.find((q) => q.askedAt.getTime() === t && (asked === undefined || q.question === asked)) ?? queries.find((q) => q.askedAt.getTime() === t);
  }
  if (row.event === 'query.answered') return queries.find((q) => q.answeredAt?.getTime() === t);
  if (row.event === 'query.closed') return queries.find((q) => q.closedAt?.getTime() === t);
  return undefined;
}

/**
 * The audit history of one encounter in words, oldest first: one view per
 * stored event (who, when, what, why; each field old → new), dose events and
 * queries about a dose tied to that dose's entry for the filter. Entry ids in
 * a stored reason ("Entry 12 amended: …") are replaced by the dose's name.
 */
export function describeAuditHistory(rows: ReadonlyArray<AuditEventRow>, names: AuditNames, withDate: boolean): AuditEventView[] {
  const naming = { timeZone: names.timeZone, withDate };
  const doseNames = new Map<number, string>();
  // Each version named among all versions, so two versions of one dose still read apart.
  for (const [id, label] of doseLabels(names.doses, naming)) doseNames.set(id, label);
  const root = entryRoots(names.doses);
  return rows.map((row) => {
    let doseId: number | null = null;
    if (row.entityType === 'administration' && /^\d+$/.test(row.entityId)) doseId = Number(row.entityId);
    const query = row.event.startsWith('query.') ? queryOf(row, names.queries) : undefined;
    if (query?.administrationId != null) doseId = query.administrationId;
    const doseName = doseId !== null ? (doseNames.get(doseId) ?? 'an entry no longer on this chart') : null;
    const subject = doseName
      ? `${row.event.startsWith('query.') ? 'Query about the dose' : 'Dose'}: ${doseName}`
      : subjectOf(row, names);
    const changes: AuditChangeView[] = Object.entries(row.changes)
      .filter(([field]) => !TECHNICAL_FIELDS.has(field))
      .map(([field, change]) => ({
        field,
        label: fieldLabel(field),
        old: change.old === null || change.old === undefined ? null : valueInWords(field, change.old, names, doseNames),
        new: valueInWords(field, change.new, names, doseNames),
      }));
    return {
      id: row.id,
      event: row.event,
      title: eventTitle(row.event, row.entityType),
      actor: row.actor ?? 'System',
      at: auditTime(row.at, names.timeZone),
      subject,
      changes,
      reason: row.reason === null ? null : reasonInWords(row.reason, doseNames),
      entryId: doseId !== null ? (root.get(doseId) ?? doseId) : null,
    };
  });
}

function subjectOf(row: AuditEventRow, names: AuditNames): string {
  const id = /^\d+$/.test(row.entityId) ? Number(row.entityId) : null;
  switch (row.entityType) {
    case 'encounter':
      return row.event.startsWith('query.') ? 'Query about the encounter' : 'This encounter';
    case 'patient':
      return `Patient: ${id !== null ? (names.patients.get(id) ?? 'not on file') : row.entityId}`;
    case 'facility':
      return `Facility: ${id !== null ? (names.facilities.get(id) ?? 'not on file') : row.entityId}`;
    case 'formulary-drug':
      return `Formulary drug: ${id !== null ? (names.drugs.get(id) ?? 'not on file') : row.entityId}`;
    case 'provider':
      return `Ordering provider: ${id !== null ? (names.providers.get(id) ?? 'not on file') : row.entityId}`;
    case 'user':
      return `User: ${names.users.get(row.entityId) ?? 'not on file'}`;
    case 'database':
      return 'The database';
    default:
      return fieldLabel(row.entityType);
  }
}

/** "Entry 12 amended: …" → "Entry Ondansetron 4 mg at 10:00 by … amended: …". */
function reasonInWords(reason: string, doseNames: ReadonlyMap<number, string>): string {
  return reason.replace(/\bEntry (\d+)\b/g, (whole, id: string) => {
    const name = doseNames.get(Number(id));
    return name ? `Entry “${name}”` : whole;
  });
}

/** Only the events about one entry (a dose: its charting, amendments, marking in error, queries about it); all when `entryId` is null. */
export function filterByEntry(events: ReadonlyArray<AuditEventView>, entryId: number | null): AuditEventView[] {
  return entryId === null ? [...events] : events.filter((e) => e.entryId === entryId);
}
