import 'server-only';
import { and, asc, desc, eq, like, or, sql } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import type { PatientInput } from '@/lib/patient-schema';
import { isEmptyScope, type FacilityScope } from '@/lib/facility-scope';
import type { FacilityRef, PatientRef } from '@/lib/types';
import { creationChanges, recordAudit } from './audit';
import { getDb } from './client';
import { facilityCondition } from './facility-scope';
import { encounters, facilities, patients } from './schema';

export interface PatientSearchHit extends PatientRef {
  facilityName: string;
  openEncounters: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Type-ahead by MRN prefix or name ("alv", "alvarez, ma", "maria alv"), over
 * the patients registered at the scope's facilities only.
 */
export function searchPatients(query: string, scope: FacilityScope, limit = 10): PatientSearchHit[] {
  const q = query.trim();
  if (q.length === 0 || isEmptyScope(scope)) return [];
  const words = q.split(/[\s,]+/).filter(Boolean).slice(0, 3);
  const nameMatch = words.map((w) => {
    const p = `${escapeLike(w)}%`;
    return or(sql`${patients.familyName} like ${p} escape '\\'`, sql`${patients.givenName} like ${p} escape '\\'`);
  });
  const openCount = sql<number>`(select count(*) from ${encounters} where ${encounters.patientId} = ${patients.id} and ${encounters.status} = 'open')`;
  return getDb()
    .select({
      id: patients.id,
      mrn: patients.mrn,
      familyName: patients.familyName,
      givenName: patients.givenName,
      birthDate: patients.birthDate,
      facilityName: facilities.name,
      openEncounters: openCount,
    })
    .from(patients)
    .innerJoin(facilities, eq(facilities.id, patients.facilityId))
    .where(and(facilityCondition(patients.facilityId, scope), or(like(patients.mrn, `${escapeLike(q.toUpperCase())}%`), and(...nameMatch))))
    .orderBy(desc(openCount), asc(patients.familyName), asc(patients.givenName))
    .limit(limit)
    .all();
}

export function registerPatient(input: PatientInput, actorId: string | null, now: Date): ActionResult<{ id: number }> {
  const db = getDb();
  return db.transaction((tx): ActionResult<{ id: number }> => {
    const facility = tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.id, input.facilityId)).get();
    if (!facility) return fail({ facilityId: 'Unknown facility' });
    const duplicate = tx
      .select({ id: patients.id, familyName: patients.familyName, givenName: patients.givenName })
      .from(patients)
      .where(and(eq(patients.facilityId, input.facilityId), eq(patients.mrn, input.mrn)))
      .get();
    if (duplicate) {
      return fail({
        mrn: `MRN ${input.mrn} is already registered at this facility (${duplicate.familyName}, ${duplicate.givenName}): open that patient instead`,
      });
    }
    const values = { ...input, createdAt: now };
    const row = tx.insert(patients).values(values).returning({ id: patients.id }).get();
    recordAudit(tx, { event: 'patient.registered', actorId, at: now, entityType: 'patient', entityId: row.id, changes: creationChanges(values) });
    return { ok: true, data: { id: row.id } };
  }, { behavior: 'immediate' });
}

export interface PatientDetail extends PatientRef {
  facility: FacilityRef;
  encounters: { id: number; facility: FacilityRef; openedAt: Date; closedAt: Date | null; status: 'open' | 'ready-for-coding' | 'coded' }[];
}

/**
 * A patient registered at one of the scope's facilities, with the encounters
 * at the scope's facilities; null when there is no such patient or the patient
 * is another facility's (the same answer, on purpose).
 */
export function getPatient(id: number, scope: FacilityScope): PatientDetail | null {
  if (isEmptyScope(scope)) return null;
  const db = getDb();
  const row = db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      familyName: patients.familyName,
      givenName: patients.givenName,
      birthDate: patients.birthDate,
      facility: { id: facilities.id, name: facilities.name, timeZone: facilities.timeZone, setting: facilities.setting },
    })
    .from(patients)
    .innerJoin(facilities, eq(facilities.id, patients.facilityId))
    .where(and(eq(patients.id, id), facilityCondition(patients.facilityId, scope)))
    .get();
  if (!row) return null;
  const list = db
    .select({
      id: encounters.id,
      openedAt: encounters.openedAt,
      closedAt: encounters.closedAt,
      status: encounters.status,
      facility: { id: facilities.id, name: facilities.name, timeZone: facilities.timeZone, setting: facilities.setting },
    })
    .from(encounters)
    .innerJoin(facilities, eq(facilities.id, encounters.facilityId))
    .where(and(eq(encounters.patientId, id), facilityCondition(encounters.facilityId, scope)))
    .orderBy(desc(eq(encounters.status, 'open')), desc(encounters.openedAt))
    .all();
  return { ...row, encounters: list };
}

/** The scope's facilities by name: the choices of a registering, open-encounter or queue filter form. */
export function listFacilities(scope: FacilityScope): (FacilityRef & { lateEntryThresholdMinutes: number })[] {
  if (isEmptyScope(scope)) return [];
  return getDb()
    .select({
      id: facilities.id,
      name: facilities.name,
      timeZone: facilities.timeZone,
      setting: facilities.setting,
      lateEntryThresholdMinutes: facilities.lateEntryThresholdMinutes,
    })
    .from(facilities)
    .where(facilityCondition(facilities.id, scope))
    .orderBy(asc(facilities.name))
    .all();
}
