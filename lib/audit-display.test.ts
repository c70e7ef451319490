import { describe, expect, it } from 'vitest';
import { auditEntries, auditTime, describeAuditHistory, fieldLabel, filterByEntry, valueInWords, type AuditDose, type AuditEventRow, type AuditNames } from './audit-display';

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

describe('audit history in words', () => {
  it('a dose event names the dose; an amendment reads old → new per field with the reason; coding lines read as codes', () => {
    const views = describeAuditHistory(
      [
        row('administration.amended', { doseValue: { old: '4', new: '8' }, version: { old: 11, new: 12 } }, { entityType: 'administration', entityId: '11', reason: 'Order was 8 mg' }),
        row('administration.entered-in-error', { status: { old: 'active', new: 'entered-in-error' } }, { entityType: 'administration', entityId: '12', reason: 'Wrong patient' }),
        row('encounter.returned-to-coding', { status: { old: 'coded', new: 'ready-for-coding' } }, { reason: 'Entry 12 entered in error: Wrong patient' }),
        row('coding.change', { line: { old: { code: '96376', units: 1, modifiers: [] }, new: { code: '96375', units: 1, modifiers: ['59'] } } }, { reason: 'New drug' }),
        row('coding.marked-coded', { lines: { old: null, new: ['96374 x1', 'J2405-JZ x4'] }, engineVersion: { old: null, new: '3.1.0' } }),
        row('encounter.signed', { signedAt: { old: null, new: '2026-03-02T20:00:00.000Z' } }),
        row('encounter.closed', { closedAt: { old: null, new: '2026-07-02T20:00:00.000Z' } }),
      ],
      NAMES,
      false,
    );
    expect(views[0]!.subject).toBe('Dose: ondansetron 4 mg at 10:00 by Nora Quinn, RN (since amended)');
    expect(views[0]!.changes).toEqual([{ field: 'doseValue', label: 'Dose', old: '4', new: '8' }]);
    expect(views[0]!.reason).toBe('Order was 8 mg');
    expect(views[1]!.subject).toBe('Dose: ondansetron 8 mg at 10:00 by Nora Quinn, RN (entered in error)');
    expect(views[1]!.changes[0]).toMatchObject({ old: 'Current', new: 'Entered in error' });
    expect(views[2]!.reason).toBe('Entry “ondansetron 8 mg at 10:00 by Nora Quinn, RN (entered in error)” entered in error: Wrong patient');
    expect(views[3]!.changes[0]).toMatchObject({ label: 'Claim line', old: '96376 × 1', new: '96375-59 × 1' });
    expect(views[4]!.changes.map((c) => c.new)).toEqual(['96374 x1; J2405-JZ x4', '3.1.0']);
    expect(views[5]!.changes[0]!.new).toBe('2026-03-02 15:00:00 EST');
    expect(views[6]!.changes[0]!.new).toBe('2026-07-02 16:00:00 EDT');
  });

  it('query events are about the dose they ask about; the filter by entry gathers a dose\'s charting, amendments, error and queries', () => {
    const rows = [
      row('administration.charted', { doseValue: { old: null, new: '4' } }, { entityType: 'administration', entityId: '11' }),
      row('administration.charted', { doseValue: { old: null, new: '2' } }, { entityType: 'administration', entityId: '13' }),
      row('administration.amended', { doseValue: { old: '4', new: '8' } }, { entityType: 'administration', entityId: '11' }),
      row('administration.entered-in-error', {}, { entityType: 'administration', entityId: '12' }),
      row('query.raised', { query: { old: null, new: 'Which site?' } }, { at: t('2026-03-02T18:00:00Z') }),
      row('query.answered', { answer: { old: null, new: 'L AC' } }, { at: t('2026-03-02T18:30:00Z') }),
      row('query.closed', { status: { old: 'answered', new: 'closed' } }, { at: t('2026-03-02T19:00:00Z') }),
      row('encounter.signed', {}),
    ];
    const views = describeAuditHistory(rows, NAMES, false);
    expect(views[4]!.subject).toBe('Query about the dose: morphine 2 mg at 10:45 by Tomas Reyes, RN');
    expect(views[5]!.changes[0]).toMatchObject({ label: 'Answer', old: null, new: 'L AC' });
    expect(views[6]!.changes[0]).toMatchObject({ old: 'Answered', new: 'Closed' });
    expect(filterByEntry(views, 11).map((v) => v.event)).toEqual(['administration.charted', 'administration.amended', 'administration.entered-in-error']);
    expect(filterByEntry(views, 13).map((v) => v.event)).toEqual(['administration.charted', 'query.raised', 'query.answered', 'query.closed']);
    expect(filterByEntry(views, null)).toHaveLength(rows.length);
  });

  it('lists one filter entry per dose, named by its latest version, in time order', () => {
    expect(auditEntries(DOSES, { timeZone: NY, withDate: false })).toEqual([
      { entryId: 11, label: 'ondansetron 8 mg at 10:00 by Nora Quinn, RN (entered in error)', versionIds: [11, 12] },
      { entryId: 13, label: 'morphine 2 mg at 10:45 by Tomas Reyes, RN', versionIds: [13] },
    ]);
  });

  it('reads unknown fields and values generically, still in words', () => {
    expect(fieldLabel('lateEntryReason')).toBe('Late entry reason');
    expect(fieldLabel('dose_limits.max-mg')).toBe('Dose limits max mg');
    expect(valueInWords('somethingNew', { maxDoseMg: 16, active: true, at: '2026-03-02T15:00:00Z' }, NAMES)).toBe('Max dose mg: 16, Active: Yes, At: 2026-03-02 10:00:00 EST');
    expect(valueInWords('somethingNew', null, NAMES)).toBe('none');
    expect(valueInWords('drugId', 99, NAMES)).toBe('a drug no longer in the formulary');
    expect(valueInWords('performerId', 'u-gone', NAMES)).toBe('a user no longer on file');
    expect(auditTime(t('2026-03-08T07:30:00Z'), NY)).toBe('2026-03-08 03:30:00 EDT');
  });
});

describe('a coder\'s line decision names which line (issue 15 review)', () => {
  it('"Coder changed a line" reads the line\'s date of service and its doses by name', () => {
    const [view] = describeAuditHistory(
      [row('coding.change', { line: { old: { code: '96375', units: 1, modifiers: [] }, new: { code: '96376', units: 1, modifiers: [] } }, dateOfService: { old: null, new: '2026-03-02' }, lineDoses: { old: null, new: ['13'] } }, { reason: 'Same drug' })],
      NAMES,
      false,
    );
    expect(view!.changes).toEqual([
      { field: 'line', label: 'Claim line', old: '96375 × 1', new: '96376 × 1' },
      { field: 'dateOfService', label: 'Date of service', old: null, new: '2026-03-02' },
      { field: 'lineDoses', label: 'Doses of the line', old: null, new: 'morphine 2 mg at 10:45 by Tomas Reyes, RN' },
    ]);
  });
});
