import 'server-only';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import { isEmptyScope, type FacilityScope } from '@/lib/facility-scope';
import type { AdministrationView, EncounterDetail, EncounterListItem } from '@/lib/types';
import { creationChanges, recordAudit } from './audit';
import { getDb, type Db } from './client';
import { preparedOnce } from './prepared';
import { facilityCondition } from './facility-scope';
import { administrations, administrationVoids, coderQueries, encounterAddenda, encounters, facilities, formularyDrugs, patients, providers } from './schema';

const listColumns = {
  id: encounters.id,
  setting: encounters.setting,
  openedAt: encounters.openedAt,
  closedAt: encounters.closedAt,
  status: encounters.status,
  queryState: encounters.queryState,
  signedAt: encounters.signedAt,
  // The snapshot taken at signing, never the signer's current name (issue 11 item 2).
  signedBy: sql<string | null>`${encounters.signedByName} || ', ' || ${encounters.signedByCredentials}`,
  // Queries waiting for the clinician's answer (issue 12 item 11); uses coder_queries_encounter_idx.
  openQueryCount: sql<number>`(select count(*) from ${coderQueries} where ${coderQueries.encounterId} = ${encounters.id} and ${coderQueries.status} = 'open')`.mapWith(Number),
  patient: {
    id: patients.id,
    mrn: patients.mrn,
    familyName: patients.familyName,
    givenName: patients.givenName,
    birthDate: patients.birthDate,
  },
  facility: {
    id: facilities.id,
    name: facilities.name,
    timeZone: facilities.timeZone,
    setting: facilities.setting,
    lateEntryThresholdMinutes: facilities.lateEntryThresholdMinutes,
    jwJzPolicy: facilities.jwJzPolicy,
  },
};

/**
 * Encounters at the scope's facilities, open ones first, newest first, with
 * their current (not corrected-away) dose counts.
 */
export function listEncounters(scope: FacilityScope, limit = 100): EncounterListItem[] {
  if (isEmptyScope(scope)) return [];
  const rows = getDb()
    .select({ ...listColumns, administrationCount: encounters.administrationCount })
    .from(encounters)
    .innerJoin(patients, eq(patients.id, encounters.patientId))
    .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
    .where(facilityCondition(encounters.facilityId, scope))
    .orderBy(desc(eq(encounters.status, 'open')), desc(encounters.openedAt), desc(encounters.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({
    id: r.id,
    patient: r.patient,
    facility: { id: r.facility.id, name: r.facility.name, timeZone: r.facility.timeZone, setting: r.facility.setting },
    setting: r.setting,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
    status: r.status,
    administrationCount: r.administrationCount,
    openQueryCount: r.openQueryCount,
  }));
}

/** An encounter's administrations (placeholder encounterId), in administered-time order (ties by charting order), with their status. */
function administrationsQuery(db: Db) {
  return db
    .select({
      id: administrations.id,
      drugId: administrations.drugId,
      drugKey: formularyDrugs.key,
      drugName: formularyDrugs.genericName,
      chemo: formularyDrugs.chemo,
      doseValue: administrations.doseValue,
      doseUnit: administrations.doseUnit,
      kind: administrations.kind,
      startAt: administrations.startAt,
      stopAt: administrations.stopAt,
      stopMissingReason: administrations.stopMissingReason,
      site: administrations.site,
      rationale: administrations.rationale,
      performerName: administrations.performerName,
      performerCredentials: administrations.performerCredentials,
      chartedAt: administrations.chartedAt,
      lateEntryReason: administrations.lateEntryReason,
      ndc: administrations.ndc,
      lot: administrations.lot,
      expiry: administrations.expiry,
      wastedValue: administrations.wastedValue,
      wastedUnit: administrations.wastedUnit,
      status: sql<AdministrationView['status']>`case
        when ${administrationVoids.id} is not null then 'entered-in-error'
        when exists (select 1 from administrations as later where later.amends_id = ${administrations.id}) then 'amended'
        else 'active' end`,
      amendsId: administrations.amendsId,
      correctionReason: administrations.correctionReason,
      isAddendum: administrations.isAddendum,
      performerId: administrations.performerId,
      voidReason: administrationVoids.reason,
      voidedAt: administrationVoids.at,
      voidedBy: sql<string | null>`case when ${administrationVoids.id} is null then null else ${administrationVoids.actorName} || ', ' || ${administrationVoids.actorCredentials} end`,
      orderingProviderId: administrations.orderingProviderId,
      orderingProviderName: administrations.orderingProviderName,
      orderingProviderNpi: providers.npi,
      orderType: administrations.orderType,
      witnessId: administrations.witnessId,
      witnessName: administrations.witnessName,
      witnessCredentials: administrations.witnessCredentials,
      witnessedAt: administrations.witnessedAt,
      expiredProductReason: administrations.expiredProductReason,
      doseConfirmationReason: administrations.doseConfirmationReason,
      ndcConfirmationReason: administrations.ndcConfirmationReason,
      pump: administrations.pump,
      integralTo: administrations.integralTo,
    })
    .from(administrations)
    .innerJoin(formularyDrugs, eq(formularyDrugs.id, administrations.drugId))
    .leftJoin(administrationVoids, eq(administrationVoids.administrationId, administrations.id))
    .leftJoin(providers, eq(providers.id, administrations.orderingProviderId))
    .where(eq(administrations.encounterId, sql.placeholder('encounterId')))
    .orderBy(asc(administrations.startAt), asc(administrations.id))
    .prepare();
}

/** The encounter page's and charting's reads, prepared once per connection. */
const statements = preparedOnce((db) => ({
  encounter: db
    .select(listColumns)
    .from(encounters)
    .innerJoin(patients, eq(patients.id, encounters.patientId))
    .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
    .where(eq(encounters.id, sql.placeholder('id')))
    .prepare(),
  administrations: administrationsQuery(db),
}));

/**
 * An encounter with its patient, facility (zone, late-entry threshold, JW/JZ
 * policy) and every administration (listAdministrations), or null when there
 * is no such id. Two prepared statements (the hot read of the encounter page
 * and of charting), built once per connection.
 */
export function getEncounter(id: number): EncounterDetail | null {
  const row = statements().encounter.get({ id });
  if (!row) return null;
  const rows = listAdministrations(id);
  const {
    facility: { lateEntryThresholdMinutes, jwJzPolicy, ...facility },
    ...rest
  } = row;
  return { ...rest, facility, lateEntryThresholdMinutes, jwJzPolicy, administrations: rows, administrationCount: rows.length };
}

/** An encounter's administrations in administered-time order (ties by charting order); a prepared statement. */
export function listAdministrations(encounterId: number): AdministrationView[] {
  return statements().administrations.all({ encounterId });
}

export function openEncounter(patientId: number, facilityId: number, actorId: string | null, now: Date): ActionResult<{ id: number }> {
  return getDb().transaction((tx): ActionResult<{ id: number }> => {
    const patient = tx.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId)).get();
    if (!patient) return fail({ patientId: 'Unknown patient' });
    const facility = tx.select().from(facilities).where(eq(facilities.id, facilityId)).get();
    if (!facility) return fail({ facilityId: 'Unknown facility' });
    // The setting is copied, so a later change to the facility never re-codes this visit.
    const values = { patientId, facilityId, setting: facility.setting, openedAt: now, status: 'open' as const };
    const row = tx.insert(encounters).values(values).returning({ id: encounters.id }).get();
    recordAudit(tx, { event: 'encounter.opened', actorId, at: now, entityType: 'encounter', entityId: row.id, encounterId: row.id, changes: creationChanges(values) });
    return { ok: true, data: { id: row.id } };
  }, { behavior: 'immediate' });
}

export function closeEncounter(id: number, actorId: string | null, now: Date): ActionResult<{ closedAt: Date }> {
  return getDb().transaction((tx): ActionResult<{ closedAt: Date }> => {
    const row = tx.select({ closedAt: encounters.closedAt, status: encounters.status }).from(encounters).where(eq(encounters.id, id)).get();
    if (!row) return fail({}, 'Unknown encounter');
    if (row.closedAt) return fail({}, 'This visit is already closed');
    // A signed chart is locked: closing it would change a record the signer attested (issue 11 item 8).
    if (row.status !== 'open') return fail({}, 'This chart is signed and locked: it cannot be closed (an admin can unlock it)');
    tx.update(encounters).set({ closedAt: now }).where(eq(encounters.id, id)).run();
    recordAudit(tx, {
      event: 'encounter.closed',
      actorId,
      at: now,
      entityType: 'encounter',
      entityId: id,
      encounterId: id,
      changes: { closedAt: { old: null, new: now.toISOString() } },
    });
    return { ok: true, data: { closedAt: now } };
  }, { behavior: 'immediate' });
}

export function listAddenda(encounterId: number) {
  return getDb()
    .select({ id: encounterAddenda.id, text: encounterAddenda.text, at: encounterAddenda.at, authorName: encounterAddenda.authorName, authorCredentials: encounterAddenda.authorCredentials })
    .from(encounterAddenda)
    .where(eq(encounterAddenda.encounterId, encounterId))
    .orderBy(asc(encounterAddenda.at))
    .all();
}
