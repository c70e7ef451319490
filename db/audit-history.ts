import 'server-only';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AuditRow } from './audit';
import { getDb } from './client';
import { auditEvents, coderQueries, facilities, formularyDrugs, patients, providers, users } from './schema';
import type { AuditNames } from '@/lib/audit-display';
import type { EncounterDetail } from '@/lib/types';

/** Every audit event of one encounter, oldest first, with the actor's name. */
export function encounterAuditHistory(encounterId: number): AuditRow[] {
  return getDb()
    .select({
      id: auditEvents.id,
      event: auditEvents.event,
      actor: sql<string | null>`${users.name} || ', ' || ${users.credentials}`,
      at: auditEvents.at,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      changes: auditEvents.changes,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(eq(auditEvents.encounterId, encounterId))
    .orderBy(asc(auditEvents.id))
    .all();
}

/** Ids of one kind named anywhere in the events' changes (old or new), for one lookup per table. */
function idsIn(rows: ReadonlyArray<AuditRow>, fields: readonly string[]): unknown[] {
  const out = new Set<unknown>();
  for (const row of rows) {
    for (const field of fields) {
      const change = row.changes[field];
      if (!change) continue;
      for (const v of [change.old, change.new]) if (v !== null && v !== undefined) out.add(v);
    }
  }
  return [...out];
}

/**
 * The names the audit history shows instead of ids (lib/audit-display.ts
 * AuditNames): drugs, ordering providers, users (performers, witnesses),
 * patients and facilities named in `rows`, and the encounter's doses (every
 * version) and coder queries. Read-only; a name is today's name in each table,
 * except dose names, which are the charted snapshots.
 */
export function encounterAuditNames(encounter: EncounterDetail, rows: ReadonlyArray<AuditRow>): AuditNames {
  const db = getDb();
  const numbers = (fields: readonly string[]) => idsIn(rows, fields).map(Number).filter(Number.isInteger);
  const drugIds = [...new Set([...numbers(['drugId']), ...encounter.administrations.map((a) => a.drugId)])];
  const providerIds = numbers(['orderingProviderId']);
  const userIds = [...new Set([...idsIn(rows, ['performerId', 'witnessId', 'actorId', 'authorId']).map(String), ...encounter.administrations.map((a) => a.performerId)])];
  const patientIds = [...new Set([...numbers(['patientId']), encounter.patient.id])];
  const facilityIds = [...new Set([...numbers(['facilityId']), encounter.facility.id])];
  const drugs = drugIds.length ? db.select({ id: formularyDrugs.id, name: formularyDrugs.genericName }).from(formularyDrugs).where(inArray(formularyDrugs.id, drugIds)).all() : [];
  const provs = providerIds.length
    ? db.select({ id: providers.id, name: providers.name, credentials: providers.credentials }).from(providers).where(inArray(providers.id, providerIds)).all()
    : [];
  const people = userIds.length ? db.select({ id: users.id, name: users.name, credentials: users.credentials }).from(users).where(inArray(users.id, userIds)).all() : [];
  const pats = db.select({ id: patients.id, familyName: patients.familyName, givenName: patients.givenName, mrn: patients.mrn }).from(patients).where(inArray(patients.id, patientIds)).all();
  const facs = db.select({ id: facilities.id, name: facilities.name }).from(facilities).where(inArray(facilities.id, facilityIds)).all();
  const queries = db
    .select({ administrationId: coderQueries.administrationId, question: coderQueries.question, askedAt: coderQueries.askedAt, answeredAt: coderQueries.answeredAt, closedAt: coderQueries.closedAt })
    .from(coderQueries)
    .where(eq(coderQueries.encounterId, encounter.id))
    .orderBy(asc(coderQueries.id))
    .all();
  return {
    timeZone: encounter.facility.timeZone,
    drugs: new Map(drugs.map((d) => [d.id, d.name])),
    providers: new Map(provs.map((p) => [p.id, `${p.name}, ${p.credentials}`])),
    users: new Map(people.map((u) => [u.id, `${u.name}, ${u.credentials}`])),
    patients: new Map(pats.map((p) => [p.id, `${p.familyName}, ${p.givenName} (MRN ${p.mrn})`])),
    facilities: new Map(facs.map((f) => [f.id, f.name])),
    doses: encounter.administrations,
    queries,
  };
}
