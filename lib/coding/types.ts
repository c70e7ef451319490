// Output types of the coding engine (coding-rules.md §12, plus supply lines and
// the per-drug countdown used by the bedside sidebar).
export type {
  EncounterInput,
  AdministrationInput,
  EncounterOptions,
  AmountInput,
} from './schema';

export type Severity = 'info' | 'warning' | 'error';

/** One CPT administration line (exact §12 shape). */
export interface CodeLine {
  code: string;
  units: number;
  modifiers: string[];
  administrationIds: string[];
  rule: string;
  explanation: string;
}

export interface CodingWarning {
  rule: string;
  severity: Severity;
  administrationIds: string[];
  message: string;
  /** Only where it applies: the instant (UTC, "YYYY-MM-DDTHH:mm:ssZ") from which the next push of that drug is reportable. */
  eligibleFrom?: string;
}

/** One HCPCS drug-supply line. */
export interface SupplyLine {
  code: string;
  units: number;
  modifiers: string[];
  administrationIds: string[];
  rule: string;
  explanation: string;
  ndc11: string | null;
  /** Date of service in the facility's time zone, YYYY-MM-DD. */
  dateOfService: string;
  drug: string;
  drugKey: string;
}

/** Per drug pushed: when its next push becomes separately reportable. */
export interface NextEligible {
  drug: string;
  drugKey: string;
  lastReportedAdministrationId: string | null;
  lastReportedAt: string | null;
  /** Null when no later push of this drug can ever be reported in this encounter (office setting, chemo). */
  eligibleFrom: string | null;
  reason?: string;
}

export interface EncounterCodingResult {
  lines: CodeLine[];
  warnings: CodingWarning[];
  supplyLines: SupplyLine[];
  nextEligible: NextEligible[];
  engineVersion: string;
}
