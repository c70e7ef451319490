// Terse builders for engine tests: times are "HH:MM" on 2026-05-14 UTC unless a full instant is given.
import type { AdministrationInput, EncounterInput, EncounterOptions } from '../schema';
import type { EncounterCodingResult } from '../types';

export const DAY = '2026-05-14';

export function at(hhmm: string, day = DAY): string {
  if (hhmm.includes('T')) return hhmm;
  const [h, m, s] = hhmm.split(':');
  return `${day}T${h!.padStart(2, '0')}:${m}:${s ?? '00'}Z`;
}

type Extra = Partial<AdministrationInput>;

export function adm(id: string, drug: string, kind: AdministrationInput['kind'], start: string, stop: string | null, extra: Extra = {}): AdministrationInput {
  return { id, drug, kind, start: at(start), stop: stop === null ? null : at(stop), site: 'L AC 20G', ...extra };
}

export function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** An IV push lasting one minute. */
export const push = (id: string, drug: string, start: string, extra: Extra = {}) => adm(id, drug, 'push', start, plusMinutes(at(start), 1), extra);
export const infusion = (id: string, drug: string, start: string, stop: string | null, extra: Extra = {}) => adm(id, drug, 'infusion', start, stop, extra);
export const hydration = (id: string, drug: string, start: string, stop: string | null, extra: Extra = {}) => adm(id, drug, 'hydration', start, stop, extra);
export const injection = (id: string, drug: string, start: string, extra: Extra = {}) => adm(id, drug, 'injection', start, null, { site: null, ...extra });

export function enc(setting: EncounterInput['setting'], administrations: AdministrationInput[], options?: EncounterOptions): EncounterInput {
  return options ? { setting, options, administrations } : { setting, administrations };
}

/** code → total units */
export function units(r: EncounterCodingResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of r.lines) out[l.code] = (out[l.code] ?? 0) + l.units;
  return out;
}

export function rules(r: EncounterCodingResult): string[] {
  return r.warnings.map((w) => w.rule);
}
