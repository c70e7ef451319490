// Every event db/audit.ts can write has a readable rendering (lib/audit-display.ts).
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from './audit';
import { AUDIT_EVENT_TITLES, describeAuditHistory, type AuditDose, type AuditEventRow, type AuditNames } from '@/lib/audit-display';

const NY = 'America/New_York';
const t = (iso: string) => new Date(iso);

// Entry 11 (ondansetron 10:00) amended to 12, then 12 entered in error; entry 13 is morphine.
const DOSES: AuditDose[] = [
  { id: 11, amendsId: null, drugName: 'ondansetron', doseValue: '4', doseUnit: 'mg', startAt: t('2026-03-02T15:00:00Z'), performerName: 'Nora Quinn', performerCredentials: 'RN', status: 'amended' },
  { id: 12, amendsId: 11, drugName: 'ondansetron', doseValue: '8', doseUnit: 'mg', startAt: t('2026-03-02T15:00:00Z'), performerName: 'Nora Quinn', performerCredentials: 'RN', status: 'entered-in-error' },
  { id: 13, amendsId: null, drugName: 'morphine', doseValue: '2', doseUnit: 'mg', startAt: t('2026-03-02T15:45:00Z'), performerName: 'Tomas Reyes', performerCredentials: 'RN', status: 'active' },
];

const NAMES: AuditNames = {
  timeZone: NY,
  drugs: new Map([[5, 'ondansetron'], [6, 'morphine']]),
  providers: new Map([[2, 'Dana Whitfield, MD']]),
  users: new Map([['u-nurse', 'Nora Quinn, RN'], ['u-witness', 'Tomas Reyes, RN']]),
  patients: new Map([[1, 'Alvarez, Maria (MRN ED-100234)']]),
  facilities: new Map([[1, 'St. Brigid Hospital Emergency Department']]),
  doses: DOSES,
  queries: [{ administrationId: 13, question: 'Which site?', askedAt: t('2026-03-02T18:00:00Z'), answeredAt: t('2026-03-02T18:30:00Z'), closedAt: t('2026-03-02T19:00:00Z') }],
};

let nextId = 1;
function row(event: string, changes: AuditEventRow['changes'], over: Partial<AuditEventRow> = {}): AuditEventRow {
  return { id: nextId++, event, actor: 'Nora Quinn, RN', at: t('2026-03-02T19:07:33Z'), entityType: 'encounter', entityId: '1', changes, reason: null, ...over };
}

/** Raw ISO instants, internal ids of the fixture, or JSON punctuation left in words an auditor reads. */
function expectReadable(text: string) {
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text).not.toMatch(/[{}"]/);
  expect(text).not.toMatch(/\bu-(nurse|witness)\b/);
}

describe('every audit event the app writes, in words', () => {
  it('names every event the app writes, and a readable title for one it does not know', () => {
    for (const event of AUDIT_EVENTS) expect(AUDIT_EVENT_TITLES[event], event).toMatch(/^[A-Z][a-z]/);
    const [view] = describeAuditHistory([row('billing.sent-to-payer', { sentAt: { old: null, new: '2026-03-02T19:07:00.000Z' } })], NAMES, false);
    expect(view!.title).toBe('Billing sent to payer (encounter)');
    expect(view!.changes).toEqual([{ field: 'sentAt', label: 'Sent at', old: null, new: '2026-03-02 14:07:00 EST' }]);
  });

  it('renders each event type with its fields in words: times in the zone, names for ids, Yes/No, enums', () => {
    const rows: AuditEventRow[] = [];
    for (const event of AUDIT_EVENTS) {
      rows.push(
        row(event, {
          drugId: { old: null, new: 5 },
          startAt: { old: '2026-03-02T15:00:00.000Z', new: '2026-03-02T15:05:00.000Z' },
          performerId: { old: null, new: 'u-nurse' },
          witnessId: { old: null, new: 'u-witness' },
          orderingProviderId: { old: null, new: 2 },
          orderType: { old: 'written', new: 'verbal' },
          kind: { old: null, new: 'push' },
          isAddendum: { old: null, new: false },
          status: { old: 'open', new: 'ready-for-coding' },
          patientId: { old: null, new: 1 },
          facilityId: { old: null, new: 1 },
          setting: { old: null, new: 'facility' },
          idempotencyKey: { old: null, new: '7f1c9c3e-0000-4000-8000-000000000000' },
        }, { entityType: event.startsWith('administration.') ? 'administration' : 'encounter', entityId: event.startsWith('administration.') ? '13' : '1' }),
      );
    }
    const views = describeAuditHistory(rows, NAMES, false);
    for (const v of views) {
      const words = Object.fromEntries(v.changes.map((c) => [c.label, `${c.old ?? ''} → ${c.new}`]));
      expect(words, v.event).toEqual({
        Drug: ' → ondansetron',
        'Given at': '2026-03-02 10:00:00 EST → 2026-03-02 10:05:00 EST',
        'Given by': ' → Nora Quinn, RN',
        Witness: ' → Tomas Reyes, RN',
        'Ordering provider': ' → Dana Whitfield, MD',
        'Order type': 'Written order → Verbal order',
        Kind: ' → IV push',
        'After signing (addendum)': ' → No',
        Status: 'Open → Signed, ready for coding',
        Patient: ' → Alvarez, Maria (MRN ED-100234)',
        Facility: ' → St. Brigid Hospital Emergency Department',
        Setting: ' → Facility (hospital outpatient / ED)',
      });
      expect(v.at).toBe('2026-03-02 14:07:33 EST');
      expect(v.title).toBe(AUDIT_EVENT_TITLES[v.event]);
      expectReadable([v.title, v.subject, ...v.changes.flatMap((c) => [c.label, c.old ?? '', c.new])].join(' | '));
    }
  });

});
