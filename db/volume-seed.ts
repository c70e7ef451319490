import 'server-only';
import type Database from 'better-sqlite3';
import { codeEncounter } from '@/lib/coding';
import { confirmationsBeforeCoding } from '@/lib/coding-confirmations';
import { suggestedLines, workingLines } from '@/lib/coding-review';
import { engineInput } from '@/lib/engine-input';
import { formatInZone } from '@/lib/time';
import type { AdministrationView } from '@/lib/types';
import { summaryCounts } from './coding';
import { loadFormulary } from './formulary';

/**
 * Bulk encounters for load tests and benchmarks: signed, coded and open
 * encounters of push doses across the facilities (about 1 dose in 30 with no
 * ordering provider recorded), with the queue's derived columns (warnings,
 * documentation gaps, date of service) computed the way the review computes
 * them (db/coding.ts codeStoredEncounter and summaryCounts: the engine's
 * warnings and the "To confirm" items; engineInput over the charted rows,
 * the stored formulary, the facility's JW/JZ policy; date of service from the
 * first dose in the facility's zone), so the queue and the review agree
 * (issue 15 fresh-coder review: the seeded counts came from the starter
 * formulary without the order and policy checks). `sqlite` must be the
 * connection of getDb() (the stored formulary is read through it).
 * Deterministic for a given seed.
 */
export function seedVolume(sqlite: Database.Database, encounterCount: number, options: { dosesPerEncounter?: number; batch?: number; seed?: number; onProgress?: (done: number) => void } = {}): number {
  const DOSES_PER_ENCOUNTER = options.dosesPerEncounter ?? 10;
  const BATCH = options.batch ?? 2_000;
  let state = options.seed ?? 0x2545f491;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const drugs = sqlite.prepare('select id, key, generic_name as name from formulary_drugs where supply_billing = 1').all() as { id: number; key: string; name: string }[];
  const pushDrugs = drugs.filter((d) => ['ondansetron', 'morphine', 'hydromorphone', 'ketorolac', 'famotidine', 'metoclopramide', 'diphenhydramine', 'lorazepam'].includes(d.key));
  const facilities = sqlite.prepare('select id, setting, time_zone as zone, jw_jz_policy as jwJz, late_entry_threshold_minutes as lateMinutes from facilities').all() as {
    id: number;
    setting: 'facility' | 'non-facility';
    zone: string;
    jwJz: 'apply' | 'none';
    lateMinutes: number;
  }[];
  const providers = sqlite.prepare("select id, name || ', ' || credentials as name from providers where active = 1 order by id").all() as { id: number; name: string }[];
  const formulary = loadFormulary();

  const insertPatient = sqlite.prepare('insert into patients (facility_id, mrn, family_name, given_name, birth_date) values (?, ?, ?, ?, ?)');
  const insertEncounter = sqlite.prepare(
    'insert into encounters (patient_id, facility_id, setting, opened_at, closed_at, status, query_state, signed_by_id, signed_by_name, signed_by_credentials, signed_at, administration_count, warning_count, gap_count, date_of_service) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDose = sqlite.prepare(
    'insert into administrations (encounter_id, drug_id, dose_value, dose_unit, kind, start_at, stop_at, site, rationale, performer_id, performer_name, performer_credentials, charted_at, ordering_provider_id, ordering_provider_name, order_type) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const families = ['Smith', 'Garcia', 'Nguyen', 'Okafor', 'Kowalski', 'Haddad', 'Chen', 'Silva', 'Brown', 'Ivanova'];
  const givens = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jo'];
  const start = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  let doses = 0;

  for (let batchStart = 0; batchStart < encounterCount; batchStart += BATCH) {
    sqlite.transaction(() => {
      for (let i = batchStart; i < Math.min(encounterCount, batchStart + BATCH); i++) {
        const facility = pick(facilities);
        const patient = insertPatient.run(facility.id, `L-${(options.seed ?? 0).toString(36)}-${String(i).padStart(7, '0')}`, pick(families), pick(givens), '1970-01-01').lastInsertRowid;
        const opened = start + Math.floor(random() * span);
        const r = random();
        const status = r < 0.6 ? 'coded' : r < 0.9 ? 'ready-for-coding' : 'open';
        // The rows as they are stored and as getEncounter reads them back (ids stand in until inserted: the engine only tells them apart).
        const rows: AdministrationView[] = [];
        let t = opened + 10 * 60_000;
        for (let k = 0; k < DOSES_PER_ENCOUNTER; k++) {
          const drug = pick(pushDrugs);
          t += Math.floor(5 + random() * 40) * 60_000;
          const provider = providers.length > 0 && random() >= 1 / 30 ? pick(providers) : null;
          rows.push({
            id: k + 1,
            drugId: drug.id,
            drugKey: drug.key,
            drugName: drug.name,
            chemo: false,
            doseValue: '4',
            doseUnit: 'mg',
            kind: 'push',
            startAt: new Date(t),
            stopAt: new Date(t + 60_000),
            stopMissingReason: null,
            site: 'L AC 20G',
            rationale: 'Nausea',
            performerName: 'Nora Quinn',
            performerCredentials: 'RN',
            chartedAt: new Date(t + 120_000),
            lateEntryReason: null,
            ndc: null,
            lot: null,
            expiry: null,
            wastedValue: null,
            wastedUnit: null,
            status: 'active',
            amendsId: null,
            correctionReason: null,
            isAddendum: false,
            performerId: 'u-nurse',
            voidReason: null,
            voidedAt: null,
            voidedBy: null,
            orderingProviderId: provider?.id ?? null,
            orderingProviderName: provider?.name ?? null,
            orderType: provider ? 'written' : null,
          });
        }
        const result = codeEncounter(engineInput({ setting: facility.setting, timeZone: facility.zone, formulary, jwJz: facility.jwJz, lateEntryThresholdMinutes: facility.lateMinutes }, rows));
        const dateOfService = formatInZone(rows[0]!.startAt, facility.zone, 'yyyy-MM-dd');
        // The review's "To confirm" items too (no coder decision yet), so the queue's Warnings is the review's count.
        const working = workingLines(suggestedLines(result, dateOfService), []);
        const confirmations = confirmationsBeforeCoding({
          lines: working.lines,
          administrations: rows,
          warnings: result.warnings,
          problems: working.problems,
          lapsed: working.lapsed,
          formulary,
          timeZone: facility.zone,
          lateEntryThresholdMinutes: facility.lateMinutes,
        });
        const { warningCount, gapCount } = summaryCounts(result, confirmations);
        const query = random() < 0.03 ? 'open' : 'none';
        const signed = status === 'open' ? null : t + 30 * 60_000;
        const encounterId = insertEncounter.run(
          patient,
          facility.id,
          facility.setting,
          opened,
          signed,
          status,
          query,
          signed ? 'u-nurse' : null,
          signed ? 'Nora Quinn' : null,
          signed ? 'RN' : null,
          signed,
          rows.length,
          warningCount,
          gapCount,
          dateOfService,
        ).lastInsertRowid;
        for (const a of rows) {
          insertDose.run(encounterId, a.drugId, a.doseValue, a.doseUnit, a.kind, a.startAt.getTime(), a.stopAt!.getTime(), a.site, a.rationale, a.performerId, a.performerName, a.performerCredentials, a.chartedAt.getTime(), a.orderingProviderId, a.orderingProviderName, a.orderType);
          doses++;
        }
      }
    })();
    options.onProgress?.(Math.min(encounterCount, batchStart + BATCH));
  }
  return doses;
}
