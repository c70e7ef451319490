// App types returned by db/ functions and used by pages and components.
export type Setting = 'facility' | 'non-facility';
export type EncounterStatus = 'open' | 'ready-for-coding' | 'coded';
export type AdministrationKind = 'push' | 'infusion' | 'hydration' | 'injection';
export type AdministrationStatus = 'active' | 'entered-in-error' | 'amended';

export interface FacilityRef {
  id: number;
  name: string;
  timeZone: string;
  setting: Setting;
}

export interface PatientRef {
  id: number;
  mrn: string;
  familyName: string;
  givenName: string;
  birthDate: string;
}

export interface EncounterListItem {
  id: number;
  patient: PatientRef;
  facility: FacilityRef;
  setting: Setting;
  openedAt: Date;
  closedAt: Date | null;
  status: EncounterStatus;
  administrationCount: number;
  /** Coder queries not yet answered (the "query from coding" badge, issue 12 item 11). */
  openQueryCount: number;
}

export interface AdministrationView {
  id: number;
  drugId: number;
  drugKey: string;
  drugName: string;
  chemo: boolean;
  doseValue: string;
  doseUnit: string;
  kind: AdministrationKind;
  startAt: Date;
  stopAt: Date | null;
  stopMissingReason: string | null;
  site: string;
  rationale: string;
  performerName: string;
  performerCredentials: string;
  chartedAt: Date;
  lateEntryReason: string | null;
  ndc: string | null;
  lot: string | null;
  expiry: string | null;
  wastedValue: string | null;
  wastedUnit: string | null;
  status: AdministrationStatus;
  amendsId: number | null;
  /** On an amendment: why the version it replaces was corrected. */
  correctionReason: string | null;
  isAddendum: boolean;
  performerId: string;
  voidReason: string | null;
  voidedAt: Date | null;
  voidedBy: string | null;
  // Who ordered the dose and how (R-DOC-ORDER, migration 0007): a snapshot
  // "Name, credentials" taken at charting; null on rows charted before 0007.
  orderingProviderId?: number | null;
  orderingProviderName?: string | null;
  /** The provider's NPI as the directory holds it (an NPI never changes hands). */
  orderingProviderNpi?: string | null;
  orderType?: 'written' | 'verbal' | 'telephone' | 'protocol' | null;
  /** Witness of a controlled-substance waste, authenticated at charting (snapshot). */
  witnessId?: string | null;
  witnessName?: string | null;
  witnessCredentials?: string | null;
  witnessedAt?: Date | null;
  /** Why a product past its expiry date was given (confirmed at the bedside). */
  expiredProductReason?: string | null;
  /** Why a dose outside the usual range was given (confirmed at the bedside, issue 13 item 4). */
  doseConfirmationReason?: string | null;
  /** Why an NDC the formulary does not know was charted (confirmed at the bedside; flagged for the coder). */
  ndcConfirmationReason?: string | null;
  /** Prolonged chemotherapy pump (R-CHEMO-PUMP). */
  pump?: 'portable' | 'implantable' | null;
  /** The procedure this drug was an integral part of (R-INTEGRAL), e.g. "blood transfusion". */
  integralTo?: string | null;
}

export interface EncounterDetail extends EncounterListItem {
  queryState: 'none' | 'open' | 'answered';
  signedBy: string | null;
  signedAt: Date | null;
  lateEntryThresholdMinutes: number;
  jwJzPolicy: 'apply' | 'none';
  administrations: AdministrationView[];
}

export function patientName(p: Pick<PatientRef, 'familyName' | 'givenName'>): string {
  return `${p.familyName}, ${p.givenName}`;
}

/** A formulary drug as charted: the engine's drug data plus its database id. */
export type FormularyEntry = import('./formulary/starter-formulary').FormularyDrug & { id: number };

export type Role = 'nurse' | 'coder' | 'admin';

/** The signed-in user as every action sees it, loaded once at the boundary. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  credentials: string;
  role: Role;
  /** Facilities the user belongs to (ids); an admin's list is informational, they manage all. */
  facilityIds: readonly number[];
}

/**
 * Whether a user may see a facility's patients and encounters: an admin
 * manages every facility; a clinician or coder only those they belong to.
 */
export function belongsToFacility(user: Pick<SessionUser, 'role' | 'facilityIds'>, facilityId: number): boolean {
  return user.role === 'admin' || user.facilityIds.includes(facilityId);
}
