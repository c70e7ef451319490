// Public surface of the coding engine (issue #3).
export { codeEncounter, ENGINE_VERSION } from './engine';
export {
  encounterInputSchema,
  administrationSchema,
  optionsSchema,
  amountSchema,
  formularyDrugSchema,
  parseEncounterInput,
  formatIssuePath,
  type ParseResult,
} from './schema';
export type {
  EncounterInput,
  AdministrationInput,
  EncounterOptions,
  AmountInput,
  CodeLine,
  CodingWarning,
  Severity,
  SupplyLine,
  NextEligible,
  EncounterCodingResult,
} from './types';
export {
  RULES,
  CODE_LABELS,
  INITIAL_CODES,
  ADD_ON_PRIMARIES,
  isAddOn,
  checkAddOnIntegrity,
  additionalHours,
  secondaryHydrationUnits,
  type RuleId,
  type AddOnProblem,
} from './rules';
export { DOC_GAP_LABELS, documentationGaps, type DocGap, type DocGapRule, type DraftAdministration } from './documentation';
export { normaliseDrugName } from './drug-identity';
