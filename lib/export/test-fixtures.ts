// Plain-data fixtures shared by the export tests: the classic demo encounter
// (ondansetron 4 mg IV push at 10:00 and 10:45 EST on 2026-03-02 in the ED),
// built by hand so the tests need no database.
import type { FinalLine } from '../claim-lines';
import { STARTER_FORMULARY } from '../formulary/starter-formulary';
import type { AdministrationView, EncounterDetail } from '../types';

export const FORMULARY = STARTER_FORMULARY;
const ondansetron = STARTER_FORMULARY.find((d) => d.key === 'ondansetron')!;
export const ONDANSETRON_VIAL = ondansetron.products.find((p) => p.containerType === 'single-dose')!;

export const ED_ENCOUNTER: Pick<EncounterDetail, 'id' | 'patient' | 'facility' | 'setting'> = {
  id: 1,
  patient: { id: 1, mrn: 'ED-100234', familyName: 'Alvarez', givenName: 'Maria', birthDate: '1958-04-12' },
  facility: { id: 1, name: 'St. Brigid Hospital Emergency Department', timeZone: 'America/New_York', setting: 'facility' },
  setting: 'facility',
};

export function administration(overrides: Partial<AdministrationView> & Pick<AdministrationView, 'id'>): AdministrationView {
  return {
    drugId: 1,
    drugKey: 'ondansetron',
    drugName: 'Ondansetron HCl',
    chemo: false,
    doseValue: '4',
    doseUnit: 'mg',
    kind: 'push',
    startAt: new Date('2026-03-02T15:00:00Z'),
    stopAt: new Date('2026-03-02T15:01:00Z'),
    stopMissingReason: null,
    site: 'L antecubital 20G',
    rationale: 'Nausea',
    performerName: 'Nora Quinn',
    performerCredentials: 'RN',
    chartedAt: new Date('2026-03-02T15:02:00Z'),
    lateEntryReason: null,
    ndc: ONDANSETRON_VIAL.ndc11,
    lot: null,
    expiry: null,
    wastedValue: null,
    wastedUnit: null,
    status: 'active',
    amendsId: null,
    correctionReason: null,
    isAddendum: false,
    performerId: 'user-nurse-1',
    voidReason: null,
    voidedAt: null,
    voidedBy: null,
    ...overrides,
  };
}

export const CLASSIC_ADMINISTRATIONS: AdministrationView[] = [
  administration({ id: 1 }),
  administration({ id: 2, startAt: new Date('2026-03-02T15:45:00Z'), stopAt: new Date('2026-03-02T15:46:00Z'), rationale: 'Nausea, persistent', chartedAt: new Date('2026-03-02T15:47:00Z') }),
];

function line(l: Omit<FinalLine, 'rule' | 'explanation' | 'source' | 'dateOfService' | 'ndc11'> & Partial<FinalLine>): FinalLine {
  return { rule: 'test', explanation: 'test', source: 'engine', dateOfService: '2026-03-02', ndc11: null, ...l };
}

export const CLASSIC_LINES: FinalLine[] = [
  line({ key: 'cpt:96374:1', kind: 'cpt', code: '96374', units: 1, modifiers: [], administrationIds: ['1'] }),
  line({ key: 'cpt:96376:2', kind: 'cpt', code: '96376', units: 1, modifiers: [], administrationIds: ['2'] }),
  line({ key: 'hcpcs:J2405:2026-03-02:JZ', kind: 'hcpcs', code: 'J2405', units: 8, modifiers: ['JZ'], administrationIds: ['1', '2'], ndc11: ONDANSETRON_VIAL.ndc11 }),
];

/** An engine line for review tests: key "kind:code:ids", dated 2026-03-02. */
export const finalLine = (code: string, units: number, ids: string[], kind: 'cpt' | 'hcpcs' = 'cpt', modifiers: string[] = []): FinalLine => ({
  key: `${kind}:${code}:${ids.join('+')}`,
  kind,
  code,
  units,
  modifiers,
  administrationIds: ids,
  rule: 'R',
  explanation: '',
  ndc11: null,
  dateOfService: '2026-03-02',
  source: 'engine',
});
