import 'server-only';
import type Database from 'better-sqlite3';
import { codeEncounter, type AdministrationInput } from '@/lib/coding';
import { STARTER_FORMULARY } from '@/lib/formulary/starter-formulary';

/**
 * Bulk encounters for load tests and benchmarks: signed, coded and open
 * encounters of push doses across the facilities, with the queue's derived
 * columns computed by the real engine. Deterministic for a given seed.
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
  const facilities = sqlite.prepare('select id, setting, time_zone as zone from facilities').all() as { id: number; setting: 'facility' | 'non-facility'; zone: string }[];
  const formulary = STARTER_FORMULARY;

  const insertPatient = sqlite.prepare('insert into patients (facility_id, mrn, family_name, given_name, birth_date) values (?, ?, ?, ?, ?)');
  const insertEncounter = sqlite.prepare(
    'insert into encounters (patient_id, facility_id, setting, opened_at, closed_at, status, query_state, signed_by_id, signed_by_name, signed_by_credentials, signed_at, administration_count, warning_count, gap_count, date_of_service) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDose = sqlite.prepare(
    'insert into administrations (encounter_id, drug_id, dose_value, dose_unit, kind, start_at, stop_at, site, rationale, performer_id, performer_name, performer_credentials, charted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
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
        const input: AdministrationInput[] = [];
        const rows: [number, string, number, number][] = [];
        let t = opened + 10 * 60_000;
        for (let k = 0; k < DOSES_PER_ENCOUNTER; k++) {
          const drug = pick(pushDrugs);
          t += Math.floor(5 + random() * 40) * 60_000;
          rows.push([drug.id, '4', t, t + 60_000]);
          input.push({ id: String(k), drug: drug.name, drugKey: drug.key, kind: 'push', start: new Date(t).toISOString(), stop: new Date(t + 60_000).toISOString(), site: 'L AC 20G', dose: { value: '4', unit: 'mg' } });
        }
        const result = codeEncounter({ setting: facility.setting, options: { timeZone: facility.zone, formulary }, administrations: input });
        const serious = result.warnings.filter((w) => w.severity !== 'info');
        const gaps = serious.filter((w) => w.rule.startsWith('R-DOC-')).length;
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
          serious.length - gaps,
          gaps,
          new Date(opened).toISOString().slice(0, 10),
        ).lastInsertRowid;
        for (const [drugId, dose, s, e] of rows) {
          insertDose.run(encounterId, drugId, dose, 'mg', 'push', s, e, 'L AC 20G', 'Nausea', 'u-nurse', 'Nora Quinn', 'RN', e + 60_000);
          doses++;
        }
      }
    })();
    options.onProgress?.(Math.min(encounterCount, batchStart + BATCH));
  }
  return doses;
}
