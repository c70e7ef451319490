import 'server-only';
import { count } from 'drizzle-orm';
import { STARTER_FORMULARY } from '@/lib/formulary/starter-formulary';
import { fromLocalInput } from '@/lib/time';
import type { Db } from './client';
import { creationChanges, recordAudit } from './audit';
import { insertStarterDrug } from './formulary-sync';
import {
  accounts,
  administrations,
  encounters,
  facilities,
  formularyDrugs,
  patients,
  providers,
  userFacilities,
  users,
} from './schema';

export const DEMO_USERS = [
  { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse' },
  { id: 'u-nurse2', name: 'Tomás Reyes', email: 'nurse2@pushchart.test', credentials: 'RN', role: 'nurse' },
  { id: 'u-coder', name: 'Casey Morgan', email: 'coder@pushchart.test', credentials: 'CPC', role: 'coder' },
  { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin' },
] as const;

/** Every demo user's password (README). Real users get theirs from an admin. */
export const DEMO_PASSWORD = 'pushchart-demo';
// better-auth's scrypt hash of DEMO_PASSWORD (scripts/hash-password.ts), kept
// precomputed so seeding stays one synchronous transaction; a test verifies it.
export const DEMO_PASSWORD_HASH =
  'b4a0d79f131f15ed10264bca48044581:8194c6d50e289b04eda4e24dc8e0f36b7106982df77e71addfed9604d45c12da026a3a273acfc647bbcf5c6ac5dea7e38c1bbd33c757cb5e9cb0b32fbfb4c4e4';

const ED_ZONE = 'America/New_York';
const OFFICE_ZONE = 'America/Chicago';

function at(local: string, zone: string): Date {
  const instant = fromLocalInput(local, zone);
  if (!instant) throw new Error(`bad demo time ${local}`);
  return instant;
}

function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}

/**
 * Seeds the demo facilities, users, formulary and encounters into an empty
 * database, in one transaction. A database that holds any facility, user or
 * patient is never touched. Returns whether it seeded.
 */
export function seedDemoData(db: Db, now: Date): boolean {
  return db.transaction(
    (tx) => {
      const existing =
        (tx.select({ n: count() }).from(facilities).get()?.n ?? 0) +
        (tx.select({ n: count() }).from(users).get()?.n ?? 0) +
        (tx.select({ n: count() }).from(patients).get()?.n ?? 0) +
        (tx.select({ n: count() }).from(formularyDrugs).get()?.n ?? 0);
      if (existing > 0) return false;

      const [ed, office] = tx
        .insert(facilities)
        .values([
          { name: 'St. Brigid Hospital Emergency Department', timeZone: ED_ZONE, setting: 'facility', lateEntryThresholdMinutes: 60 },
          { name: 'Maple Street Family Practice', timeZone: OFFICE_ZONE, setting: 'non-facility', lateEntryThresholdMinutes: 60 },
        ])
        .returning()
        .all();
      if (!ed || !office) throw new Error('demo facilities not created');

      tx.insert(users)
        .values(DEMO_USERS.map((u) => ({ ...u, emailVerified: true, createdAt: now, updatedAt: now })))
        .run();
      tx.insert(accounts)
        .values(
          DEMO_USERS.map((u) => ({
            id: `acct-${u.id}`,
            accountId: u.id,
            providerId: 'credential',
            userId: u.id,
            password: DEMO_PASSWORD_HASH,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .run();
      // Memberships (README "Signing in"): Nora works both sites, Tomás the ED only,
      // Casey codes for both; an admin manages every facility without one.
      tx.insert(userFacilities)
        .values([
          { userId: 'u-nurse', facilityId: ed.id },
          { userId: 'u-nurse', facilityId: office.id },
          { userId: 'u-nurse2', facilityId: ed.id },
          { userId: 'u-coder', facilityId: ed.id },
          { userId: 'u-coder', facilityId: office.id },
        ])
        .run();

      const drugIds = new Map<string, number>();
      // The whole starter list: aliases, typical kinds, codes with payment status, dose limits, products.
      for (const drug of STARTER_FORMULARY) drugIds.set(drug.key, insertStarterDrug(tx, drug).id);
      const drugId = (key: string): number => {
        const id = drugIds.get(key);
        if (id === undefined) throw new Error(`demo drug ${key} missing from the starter formulary`);
        return id;
      };
      const productNdc = (key: string): string | null =>
        STARTER_FORMULARY.find((d) => d.key === key)?.products.find((p) => p.containerType === 'single-dose')?.ndc11 ?? null;

      const [maria, james, linda] = tx
        .insert(patients)
        .values([
          { facilityId: ed.id, mrn: 'ED-100234', familyName: 'Alvarez', givenName: 'Maria', birthDate: '1958-04-12' },
          { facilityId: ed.id, mrn: 'ED-100871', familyName: 'Okafor', givenName: 'James', birthDate: '1979-09-30' },
          { facilityId: office.id, mrn: 'MS-2001', familyName: 'Chen', givenName: 'Linda', birthDate: '1965-01-22' },
        ])
        .returning()
        .all();
      if (!maria || !james || !linda) throw new Error('demo patients not created');

      // Ordering providers (NPIs with a valid check digit, 199999990x: not real people).
      const [physician] = tx
        .insert(providers)
        .values([
          { name: 'Dana Whitfield', credentials: 'MD', npi: '1999999901' },
          { name: 'Sam Okonkwo', credentials: 'DO', npi: '1999999919' },
          { name: 'Priya Raman', credentials: 'NP', npi: '1999999927' },
        ])
        .returning()
        .all();
      if (!physician) throw new Error('demo providers not created');

      const nurse = DEMO_USERS[0];
      type Dose = {
        drug: string;
        dose: string;
        unit: 'mg' | 'mcg' | 'mL';
        kind: 'push' | 'infusion' | 'hydration';
        start: Date;
        minutes: number;
        rationale: string;
        site?: string;
      };
      const chart = (encounterId: number, doses: Dose[]) => {
        for (const d of doses) {
          const values = {
            encounterId,
            drugId: drugId(d.drug),
            doseValue: d.dose,
            doseUnit: d.unit,
            kind: d.kind,
            startAt: d.start,
            stopAt: addMinutes(d.start, d.minutes),
            site: d.site ?? 'L antecubital 20G',
            rationale: d.rationale,
            performerId: nurse.id,
            performerName: nurse.name,
            performerCredentials: nurse.credentials,
            // Pushes are charted just after they are given; a bag when it is hung.
            chartedAt: addMinutes(d.start, d.kind === 'push' ? d.minutes + 2 : 2),
            ndc: d.kind === 'push' ? productNdc(d.drug) : null,
            orderingProviderId: physician.id,
            orderingProviderName: `${physician.name}, ${physician.credentials}`,
            orderType: 'written' as const,
          };
          const row = tx.insert(administrations).values(values).returning({ id: administrations.id }).get();
          recordAudit(tx, {
            event: 'administration.charted',
            actorId: nurse.id,
            at: values.chartedAt,
            entityType: 'administration',
            entityId: row.id,
            encounterId,
            changes: creationChanges(values),
          });
        }
      };

      // The classic example: ondansetron 4 mg IV push, again 45 minutes later, in the ED.
      const classic = tx
        .insert(encounters)
        .values({
          patientId: maria.id,
          facilityId: ed.id,
          setting: ed.setting,
          openedAt: at('2026-03-02T09:40', ED_ZONE),
          closedAt: at('2026-03-02T11:30', ED_ZONE),
          status: 'ready-for-coding',
          signedById: nurse.id,
          signedByName: nurse.name,
          signedByCredentials: nurse.credentials,
          signedAt: at('2026-03-02T11:25', ED_ZONE),
        })
        .returning({ id: encounters.id })
        .get();
      chart(classic.id, [
        { drug: 'ondansetron', dose: '4', unit: 'mg', kind: 'push', start: at('2026-03-02T10:00', ED_ZONE), minutes: 1, rationale: 'Nausea' },
        { drug: 'ondansetron', dose: '4', unit: 'mg', kind: 'push', start: at('2026-03-02T10:45', ED_ZONE), minutes: 1, rationale: 'Nausea, persistent' },
      ]);

      const edOpen = tx
        .insert(encounters)
        .values({ patientId: james.id, facilityId: ed.id, setting: ed.setting, openedAt: at('2026-03-02T13:00', ED_ZONE) })
        .returning({ id: encounters.id })
        .get();
      chart(edOpen.id, [
        { drug: 'morphine', dose: '4', unit: 'mg', kind: 'push', start: at('2026-03-02T13:10', ED_ZONE), minutes: 2, rationale: 'Pain: renal colic 8/10' },
        { drug: 'ondansetron', dose: '4', unit: 'mg', kind: 'push', start: at('2026-03-02T13:14', ED_ZONE), minutes: 1, rationale: 'Nausea' },
        { drug: 'sodium-chloride-0.9', dose: '1000', unit: 'mL', kind: 'hydration', start: at('2026-03-02T13:20', ED_ZONE), minutes: 95, rationale: 'Dehydration, poor oral intake' },
      ]);

      const officeVisit = tx
        .insert(encounters)
        .values({ patientId: linda.id, facilityId: office.id, setting: office.setting, openedAt: at('2026-03-02T08:50', OFFICE_ZONE) })
        .returning({ id: encounters.id })
        .get();
      chart(officeVisit.id, [
        { drug: 'ondansetron', dose: '4', unit: 'mg', kind: 'push', start: at('2026-03-02T09:10', OFFICE_ZONE), minutes: 1, rationale: 'Nausea' },
        { drug: 'ondansetron', dose: '4', unit: 'mg', kind: 'push', start: at('2026-03-02T10:00', OFFICE_ZONE), minutes: 1, rationale: 'Nausea, persistent' },
      ]);

      recordAudit(tx, {
        event: 'seed.demo-data',
        actorId: null,
        at: now,
        entityType: 'database',
        entityId: 'demo',
        changes: { facilities: { old: 0, new: 2 }, users: { old: 0, new: DEMO_USERS.length }, formularyDrugs: { old: 0, new: STARTER_FORMULARY.length } },
      });
      return true;
    },
    { behavior: 'immediate' },
  );
}
