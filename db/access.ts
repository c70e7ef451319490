import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from './client';
import { administrations, coderQueries, encounters, facilities, patients, userFacilities } from './schema';

/** A record an action or page names, by the id the payload or URL gave. */
export type RecordRef =
  | { encounterId: number }
  | { administrationId: number }
  | { queryId: number }
  | { patientId: number }
  | { facilityId: number };

/**
 * The facility a record belongs to, or null when no such record exists.
 * Shapes: one of the RecordRef ids (positive integers). Used by the action
 * boundary and pages to answer "not found" for another facility's records.
 */
export function facilityOfRecord(ref: RecordRef): number | null {
  const db = getDb();
  if ('encounterId' in ref) return db.select({ f: encounters.facilityId }).from(encounters).where(eq(encounters.id, ref.encounterId)).get()?.f ?? null;
  if ('patientId' in ref) return db.select({ f: patients.facilityId }).from(patients).where(eq(patients.id, ref.patientId)).get()?.f ?? null;
  if ('facilityId' in ref) return db.select({ f: facilities.id }).from(facilities).where(eq(facilities.id, ref.facilityId)).get()?.f ?? null;
  if ('administrationId' in ref) {
    return (
      db
        .select({ f: encounters.facilityId })
        .from(administrations)
        .innerJoin(encounters, eq(encounters.id, administrations.encounterId))
        .where(eq(administrations.id, ref.administrationId))
        .get()?.f ?? null
    );
  }
  return (
    db
      .select({ f: encounters.facilityId })
      .from(coderQueries)
      .innerJoin(encounters, eq(encounters.id, coderQueries.encounterId))
      .where(eq(coderQueries.id, ref.queryId))
      .get()?.f ?? null
  );
}

/** The ids of the facilities a user belongs to (user_facilities), in id order. */
export function facilityIdsOf(userId: string): number[] {
  return getDb()
    .select({ f: userFacilities.facilityId })
    .from(userFacilities)
    .where(eq(userFacilities.userId, userId))
    .orderBy(userFacilities.facilityId)
    .all()
    .map((r) => r.f);
}
