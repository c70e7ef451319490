import type { EncounterStatus, Setting } from './types';

export const SETTING_LABEL: Record<Setting, string> = {
  facility: 'Facility (hospital outpatient / ED)',
  'non-facility': 'Office (non-facility)',
};

export const STATUS_LABEL: Record<EncounterStatus, string> = {
  open: 'Open',
  'ready-for-coding': 'Ready for coding',
  coded: 'Coded',
};

/**
 * The status a person reads: a visit closed with "Close visit" reads "Closed"
 * everywhere (list, patient page, header, print) until it is signed; after
 * that "Closed · Ready for coding" / "Closed · Coded" (issue 12 item 3).
 */
export function encounterStatusLabel(e: { status: EncounterStatus; closedAt: Date | null }): string {
  if (!e.closedAt) return STATUS_LABEL[e.status];
  return e.status === 'open' ? 'Closed' : `Closed · ${STATUS_LABEL[e.status]}`;
}

/** "4 mg" — doses are decimal strings and are shown exactly as charted. */
export function formatDose(value: string, unit: string): string {
  return `${value} ${unit}`;
}

/** "45 min", "1 h 05 min" */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h} h ${String(m).padStart(2, '0')} min`;
}
