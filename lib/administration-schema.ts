// One schema for a charted administration: the bedside form validates with it
// (zodResolver) and the server action parses with it again before any rule.
import { z } from 'zod';
import { idSchema } from './ids';

export const DOSE_UNITS = ['mg', 'mcg', 'g', 'mL', 'mEq', 'units'] as const;
export const ADMINISTRATION_KINDS = ['push', 'infusion', 'hydration', 'injection'] as const;
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

const administrationFields = z.object({
  encounterId: idSchema(),
  drugId: idSchema('Pick a drug from the formulary'),
  doseValue: z
    .string({ error: 'Enter the dose' })
    .trim()
    .min(1, 'Enter the dose')
    .regex(DECIMAL, 'Enter the dose as a number, e.g. 4 or 0.5')
    .refine((v) => Number(v) > 0, 'The dose must be more than zero'),
  doseUnit: z.enum(DOSE_UNITS, { error: 'Choose the dose unit' }),
  kind: z.enum(ADMINISTRATION_KINDS, { error: 'Choose push, infusion, hydration or injection' }),
  start: z.string({ error: 'Enter the time given' }).regex(LOCAL_MINUTE, 'Enter the time given (date and time)'),
  stop: z
    .string()
    .regex(LOCAL_MINUTE, 'Enter the stop time (date and time) or leave it empty with a reason')
    .or(z.literal(''))
    .optional()
    .transform((v) => (v ? v : undefined)),
  stopMissingReason: optionalText(200),
  site: z.string({ error: 'Enter the access site' }).trim().min(1, 'Enter the access site, e.g. L antecubital 20G').max(80),
  rationale: z.string({ error: 'Enter the clinical rationale' }).trim().min(1, 'Enter the clinical rationale (indication)').max(500),
  lateEntryReason: optionalText(500),
  ndc: z
    .string()
    .trim()
    .regex(NDC, 'NDC as printed, e.g. 12345-678-90')
    .or(z.literal(''))
    .optional()
    .transform((v) => (v ? v : undefined)),
  lot: optionalText(20),
  expiry: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expiry as a date')
    .or(z.literal(''))
    .optional()
    .transform((v) => (v ? v : undefined)),
  wastedValue: z
    .string()
    .trim()
    .regex(DECIMAL, 'Wasted amount as a number, e.g. 1')
    .or(z.literal(''))
    .optional()
    .transform((v) => (v ? v : undefined)),
});

type TimesAndKind = { kind: string; stop?: string | undefined; start: string; stopMissingReason?: string | undefined };

// coding-rules.md §9: a stop time is part of the record; leaving it empty must
// be a visible, explained choice (injections have no stop time).
function checkStop(v: TimesAndKind, ctx: z.RefinementCtx): void {
  if (!v.stop && v.kind !== 'injection' && !v.stopMissingReason) {
    ctx.addIssue({ code: 'custom', path: ['stopMissingReason'], message: 'Enter the stop time, or say why it is missing' });
  }
  // Same zone and same fixed-width format: string order is time order.
  if (v.stop && v.stop < v.start) {
    ctx.addIssue({ code: 'custom', path: ['stop'], message: 'The stop time is before the start time' });
  }
}

export const administrationSchema = administrationFields.superRefine(checkStop);

const reasonField = z.string({ error: 'Enter the reason' }).trim().min(3, 'Enter the reason (at least 3 characters)').max(500);

/** Amend a charted dose: the corrected values of the version named, and why. */
export const amendmentSchema = administrationFields
  .pick({ doseValue: true, doseUnit: true, kind: true, start: true, stop: true, stopMissingReason: true, site: true, rationale: true, lateEntryReason: true, ndc: true, lot: true, expiry: true, wastedValue: true })
  .extend({ administrationId: idSchema(), reason: reasonField })
  .superRefine(checkStop);

export const enteredInErrorSchema = z.object({ administrationId: idSchema(), reason: reasonField });
export const addendumSchema = z.object({ encounterId: idSchema(), text: reasonField });

export type AmendmentFormInput = z.input<typeof amendmentSchema>;
export type AmendmentInput = z.output<typeof amendmentSchema>;

export type AdministrationFormInput = z.input<typeof administrationSchema>;
export type AdministrationInput = z.output<typeof administrationSchema>;
