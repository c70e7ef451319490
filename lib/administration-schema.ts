// One schema for a charted administration: the bedside form validates with it
// (zodResolver) and the server action parses with it again before any rule.
import { z } from 'zod';
import { idSchema } from './ids';
import { documentText, optionalDocumentText, optionalReasonText, reasonText } from './text';
import { isCalendarDate } from './time';

export const DOSE_UNITS = ['mg', 'mcg', 'g', 'mL', 'mEq', 'units'] as const;
/** How the dose was ordered (R-DOC-ORDER); verbal and telephone orders await the provider's co-signature. */
export const ORDER_TYPES = ['written', 'verbal', 'telephone', 'protocol'] as const;
export const ORDER_TYPE_LABEL: Record<(typeof ORDER_TYPES)[number], string> = {
  written: 'Written order',
  verbal: 'Verbal order',
  telephone: 'Telephone order',
  protocol: 'Standing protocol',
};
/** A time field left untouched: the server stamps its own clock at save. */
export const NOW = 'now';
/** Years before this are typing errors (issue 12 item 4: "0026" is not 2026); the server re-checks in the facility's zone. */
export const EARLIEST_YEAR = 1900;
export const ADMINISTRATION_KINDS = ['push', 'infusion', 'hydration', 'injection'] as const;
/** Pumps of a prolonged chemotherapy infusion (coding-rules.md §5 R-CHEMO-PUMP, CPT 96416: portable or implantable). */
export const PUMP_TYPES = ['portable', 'implantable'] as const;
export type PumpType = (typeof PUMP_TYPES)[number];
/** "on a portable pump", as the form's choice, the timeline and the amendment summary name it. */
export const PUMP_LABEL: Record<PumpType, string> = { portable: 'Portable (ambulatory) pump', implantable: 'Implantable pump' };
/**
 * Procedures a drug is commonly an integral part of (coding-rules.md §7
 * R-INTEGRAL): premedication per transfusion protocol, drugs of moderate
 * sedation, contrast for imaging. Suggestions only: any procedure may be named.
 */
export const INTEGRAL_PROCEDURES = ['blood transfusion', 'moderate sedation', 'imaging contrast'] as const;
/** The refusal of a pump on anything but an infusion (96416 is an infusion code). */
export const PUMP_ONLY_FOR_INFUSION = 'A pump is charted only for an IV infusion: choose None, or change the kind to IV infusion';
/** The refusal of "Given as part of another procedure" ticked with no procedure named. */
export const INTEGRAL_NEEDS_PROCEDURE = 'Name the procedure this drug was given as part of, e.g. blood transfusion';
export type DoseUnit = (typeof DOSE_UNITS)[number];

/** "YYYY-MM-DDTHH:mm" wall-clock time in the facility's zone (datetime-local). */
const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const DECIMAL = /^(?:\d{1,6})(?:\.\d{1,6})?$/;
const NDC = /^(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2}|\d{10,11})$/;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

/**
 * Typing-error bounds for one dose, per unit: about ten times the largest
 * single IV doses given in that unit (e.g. 1 g/kg mannitol ≈ 100 g, 40 mEq
 * potassium, 3 L of fluid, a 25,000-unit heparin bag). Not clinical maxima:
 * a dose above the label's maximum is the formulary's rule (product-notes §11).
 */
export const ABSURD_DOSE: Record<DoseUnit, number> = { mcg: 100_000, mg: 100_000, g: 1_000, mL: 10_000, mEq: 1_000, units: 999_999 };

/** What is wrong with a typed amount (dose or waste), or null when it is a plain positive-or-zero decimal. */
function amountProblem(v: string, what: 'dose' | 'wasted amount'): string | null {
  const shown = v.length > 20 ? `${v.slice(0, 20)}…` : v;
  if (/^-\s*\d/.test(v)) return what === 'dose' ? 'The dose must be more than zero' : 'The wasted amount cannot be negative';
  if (!/^\d+(?:\.\d+)?$/.test(v)) return `That is not ${what === 'dose' ? 'a dose' : 'an amount'}: "${shown}" (enter a number, e.g. 4 or 0.5)`;
  if ((v.split('.')[1]?.length ?? 0) > 6) return 'At most 6 decimal places';
  if (!DECIMAL.test(v)) return `That is not ${what === 'dose' ? 'a dose' : 'an amount'}: ${shown} is far more than any single dose`;
  return null;
}

const administrationFields = z.object({
  encounterId: idSchema(),
  drugId: idSchema('Pick a drug from the formulary'),
  doseValue: z
    .string({ error: 'Enter the dose' })
    .trim()
    .min(1, 'Enter the dose')
    .superRefine((v, ctx) => {
      const problem = amountProblem(v, 'dose') ?? (Number(v) > 0 ? null : 'The dose must be more than zero');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  doseUnit: z.enum(DOSE_UNITS, { error: 'Choose the dose unit' }),
  kind: z.enum(ADMINISTRATION_KINDS, { error: 'Choose push, infusion, hydration or injection' }),
  // "now" = untouched: the server's clock at save decides (issue 12 item 1).
  start: z.literal(NOW).or(z.string({ error: 'Enter the time given' }).regex(LOCAL_MINUTE, 'Enter the time given (date and time)')),
  stop: z
    .literal(NOW)
    .or(z.string().regex(LOCAL_MINUTE, 'Enter the stop time (date and time) or leave it empty with a reason'))
    .or(z.literal(''))
    .optional()
    .transform((v) => (v ? v : undefined)),
  stopMissingReason: optionalReasonText('reason the stop time is missing', 200),
  site: documentText('access site', 80, { example: 'e.g. L antecubital 20G' }),
  rationale: reasonText('clinical rationale (indication)', 500),
  lateEntryReason: optionalReasonText('late-entry reason', 500),
  ndc: z
    .string()
    .trim()
    .regex(NDC, 'NDC as printed, e.g. 12345-678-90')
    .or(z.literal(''))
    .optional()
    .transform((v) => (v ? v : undefined)),
  lot: optionalDocumentText('lot number', 20, { min: 1 }),
  expiry: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expiry as a date')
    .refine(isCalendarDate, 'That date does not exist: check the expiry')
    .or(z.literal(''))
    .optional()
    .transform((v) => (v ? v : undefined)),
  wastedValue: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = v === '' ? null : amountProblem(v, 'wasted amount');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .transform((v) => (v ? v : undefined)),
  orderingProviderId: idSchema('Choose who ordered it'),
  orderType: z.enum(ORDER_TYPES, { error: 'Choose how it was ordered' }),
  // Wasted controlled substance: the witness signs with their own email and password (issue 12 item 6).
  witnessEmail: optionalText(254),
  witnessPassword: z.string().max(1024).optional().transform((v) => (v ? v : undefined)),
  // A product past its expiry date is charted only with this reason (issue 12 item 10).
  expiredProductReason: optionalReasonText('reason for using an expired product', 500),
  // A dose outside the usual range (lib/dose-limits.ts judgeDose) is charted only with this reason (issue 13 item 4).
  doseConfirmationReason: optionalReasonText('reason for this dose', 500),
  // An NDC the formulary does not know (lib/ndc-ownership.ts) is charted only with this reason (issue 13 item 5).
  ndcConfirmationReason: optionalReasonText('reason for using this NDC', 500),
  // Issue 14 item 2 (R-CHEMO-PUMP): the infusion runs on a pump; '' = none. Only for kind infusion (checkAdministration).
  pump: z
    .enum(['', ...PUMP_TYPES], { error: 'Choose None, Portable (ambulatory) pump or Implantable pump' })
    .nullish()
    .transform((v): PumpType | undefined => (v ? v : undefined)),
  // Issue 14 item 7 (R-INTEGRAL): "Given as part of another procedure" ticked, and the procedure's name.
  // Unticked (false) drops any name typed; absent (an API client) keeps integralTo as sent.
  integral: z.boolean({ error: 'Tick or untick "Given as part of another procedure"' }).optional(),
  integralTo: optionalDocumentText('procedure this drug was part of', 120, { example: 'e.g. blood transfusion' }),
  // One per submission, made by the client: a retry answers with the first result (issue 12 item 8).
  idempotencyKey: z.string({ error: 'Reload the page and try again' }).regex(/^[A-Za-z0-9-]{16,64}$/, 'Reload the page and try again'),
});

type CrossFields = {
  kind: string;
  stop?: string | undefined;
  start: string;
  stopMissingReason?: string | undefined;
  doseValue: string;
  doseUnit: DoseUnit;
  expiry?: string | undefined;
  expiredProductReason?: string | undefined;
  pump?: PumpType | undefined;
  integral?: boolean | undefined;
  integralTo?: string | undefined;
};

/** A typed "YYYY-MM-DDTHH:mm" (not NOW). */
const typed = (v: string | undefined): v is string => !!v && v !== NOW;

// Rules across fields that need no server facts, so the form shows them next
// to the field; the server re-checks all of them with its clock and the zone.
function checkAdministration(v: CrossFields, ctx: z.RefinementCtx): void {
  // coding-rules.md §9: a stop time is part of the record; leaving it empty must
  // be a visible, explained choice (injections have no stop time).
  if (!v.stop && v.kind !== 'injection' && !v.stopMissingReason) {
    ctx.addIssue({ code: 'custom', path: ['stopMissingReason'], message: 'Enter the stop time, or say why it is missing' });
  }
  // Same zone and same fixed-width format: string order is time order ("now" is decided by the server).
  if (typed(v.stop) && typed(v.start) && v.stop < v.start) {
    ctx.addIssue({ code: 'custom', path: ['stop'], message: 'The stop time is before the start time' });
  }
  // Issue 12 item 4: "0026" is not 2026.
  for (const field of ['start', 'stop'] as const) {
    const value = v[field];
    if (typed(value) && Number(value.slice(0, 4)) < EARLIEST_YEAR) {
      ctx.addIssue({ code: 'custom', path: [field], message: `The year ${value.slice(0, 4)} is before ${EARLIEST_YEAR}: check the date` });
    }
  }
  const bound = ABSURD_DOSE[v.doseUnit];
  if (bound !== undefined && Number(v.doseValue) > bound) {
    ctx.addIssue({ code: 'custom', path: ['doseValue'], message: `That is not a dose: ${v.doseValue} ${v.doseUnit} is far more than any single dose` });
  }
  // Issue 12 item 10: a product past its expiry date on the day given needs a reason (the server decides for "now").
  if (v.expiry && typed(v.start) && v.expiry < v.start.slice(0, 10) && !v.expiredProductReason) {
    ctx.addIssue({ code: 'custom', path: ['expiredProductReason'], message: expiredMessage(v.expiry) });
  }
  // coding-rules.md §5 R-CHEMO-PUMP: 96416 initiates a prolonged infusion; a push or injection has no pump.
  if (v.pump && v.kind !== 'infusion') ctx.addIssue({ code: 'custom', path: ['pump'], message: PUMP_ONLY_FOR_INFUSION });
  // coding-rules.md §7 R-INTEGRAL: the procedure is named, or the box is not ticked.
  if (v.integral === true && !v.integralTo) ctx.addIssue({ code: 'custom', path: ['integralTo'], message: INTEGRAL_NEEDS_PROCEDURE });
}

/** The procedure name counts only while the box is ticked (or, from an API client, when no box was sent). */
function withIntegral<T extends { integral?: boolean | undefined; integralTo?: string | undefined }>(v: T): T {
  return v.integral === false ? { ...v, integralTo: undefined } : v;
}

/** The refusal for a product used past its expiry date without a reason. */
export function expiredMessage(expiry: string): string {
  return `This product expired on ${expiry}, before the day it was given: say why it was used anyway`;
}

/**
 * One charted administration (form and server action). Beyond each field's own
 * rule: a stop time or the reason it is missing; stop not before start; no year
 * before 1900; no absurd dose; an expired product explained; `pump`
 * ('portable' | 'implantable') only on an infusion, refused on `pump` otherwise;
 * `integral` ticked needs `integralTo` (the procedure, 2–120 visible
 * characters), refused on `integralTo`. Output: `pump` and `integralTo`
 * undefined when not charted.
 */
export const administrationSchema = administrationFields.superRefine(checkAdministration).transform(withIntegral);

const reasonField = reasonText('reason', 500);

/** Amend a charted dose: the corrected values of the version named, and why. */
export const amendmentSchema = administrationFields
  .pick({
    doseValue: true,
    doseUnit: true,
    kind: true,
    start: true,
    stop: true,
    stopMissingReason: true,
    site: true,
    rationale: true,
    lateEntryReason: true,
    ndc: true,
    lot: true,
    expiry: true,
    wastedValue: true,
    orderingProviderId: true,
    orderType: true,
    witnessEmail: true,
    witnessPassword: true,
    expiredProductReason: true,
    doseConfirmationReason: true,
    ndcConfirmationReason: true,
    pump: true,
    integral: true,
    integralTo: true,
    idempotencyKey: true,
  })
  .extend({ administrationId: idSchema(), reason: reasonField })
  .superRefine(checkAdministration)
  .transform(withIntegral);

export const enteredInErrorSchema = z.object({ administrationId: idSchema(), reason: reasonField });
export const addendumSchema = z.object({ encounterId: idSchema(), text: reasonText('addendum', 500) });

export type AmendmentFormInput = z.input<typeof amendmentSchema>;
export type AmendmentInput = z.output<typeof amendmentSchema>;

export type AdministrationFormInput = z.input<typeof administrationSchema>;
export type AdministrationInput = z.output<typeof administrationSchema>;
