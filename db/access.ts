import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { preparedOnce } from './prepared';
import { administrations, coderQueries, encounters, facilities, patients, userFacilities } from './schema';

/** A record an action or page names, by the id the payload or URL gave. */
export type RecordRef =
  | { encounterId: number }
  | { administrationId: number }
  | { queryId: number }
  | { patientId: number }
  | { facilityId: number };

/** The facility lookups of every action's scope check: prepared once per connection (issue 16 item 1). */
const statements = preparedOnce((db) => {
  const id = sql.placeholder('id');
  return {
    encounter: db.select({ f: encounters.facilityId }).from(encounters).where(eq(encounters.id, id)).prepare(),
    patient: db.select({ f: patients.facilityId }).from(patients).where(eq(patients.id, id)).prepare(),
    facility: db.select({ f: facilities.id }).from(facilities).where(eq(facilities.id, id)).prepare(),
    administration: db
      .select({ f: encounters.facilityId })
      .from(administrations)
      .innerJoin(encounters, eq(encounters.id, administrations.encounterId))
      .where(eq(administrations.id, id))
      .prepare(),
    query: db
      .select({ f: encounters.facilityId })
      .from(coderQueries)
      .innerJoin(encounters, eq(encounters.id, coderQueries.encounterId))
      .where(eq(coderQueries.id, id))
      .prepare(),
    facilitiesOfUser: db
      .select({ f: userFacilities.facilityId })
      .from(userFacilities)
      .where(eq(userFacilities.userId, sql.placeholder('userId')))
      .orderBy(userFacilities.facilityId)
      .prepare(),
  };
});

/**
 * The facility a record belongs to, or null when no such record exists.
 * Shapes: one of the RecordRef ids (positive integers). Used by the action
 * boundary and pages to answer "not found" for another facility's records.
 */
export function facilityOfRecord(ref: RecordRef): number | null {
  const s = statements();
  if ('encounterId' in ref) return s.encounter.get({ id: ref.encounterId })?.f ?? null;
  if ('patientId' in ref) return s.patient.get({ id: ref.patientId })?.f ?? null;
  if ('facilityId' in ref) return s.facility.get({ id: ref.facilityId })?.f ?? null;
  if ('administrationId' in ref) return s.administration.get({ id: ref.administrationId })?.f ?? null;
  return s.query.get({ id: ref.queryId })?.f ?? null;
}

/** The ids of the facilities a user belongs to (user_facilities), in id order; read by every session check (prepared). */
export function facilityIdsOf(userId: string): number[] {
  return statements()
    .facilitiesOfUser.all({ userId })
    .map((r) => r.f);
}
