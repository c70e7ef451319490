// The engine's input contract (coding-rules.md §12) as a zod schema, plus the
// optional extras the app sends. One schema serves the CLI, server actions and forms.
import { z } from 'zod';
import type { FormularyDrug } from '../formulary/starter-formulary';
import { parseInstant, readInstant, isValidTimeZone } from './time';
import { parseDecimal } from './units';

const INSTANT_MESSAGE = 'invalid ISO 8601 instant (expected e.g. 2026-03-02T14:00:00Z)';

/** An instant `readInstant` accepts; its refusal (shape, impossible date, year before 1900) is the message. */
export const instantSchema = z.string({ error: INSTANT_MESSAGE }).superRefine((s, ctx) => {
  const r = readInstant(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});

const decimalValue = z.union([z.number(), z.string()], { error: 'must be a number or a decimal string' }).refine(
  (v) => (typeof v === 'string' && v.trim() === '') || parseDecimal(v) !== null,
  { error: 'must be a non-negative decimal number' },
);

export const doseUnitSchema = z.enum(['mg', 'mcg', 'g', 'mL', 'mEq', 'units'], {
  error: "unit must be one of 'mg', 'mcg', 'g', 'mL', 'mEq', 'units'",
});

export const amountSchema = z.object({ value: decimalValue, unit: doseUnitSchema });

export const containerTypeSchema = z.enum(['single-dose', 'multiple-dose', 'pharmacy-bulk'], {
  error: "must be 'single-dose', 'multiple-dose' or 'pharmacy-bulk'",
});

/** The pumps of R-CHEMO-PUMP (CPT 96416: a portable or implantable pump). */
export const PUMP_KINDS = ['portable', 'implantable'] as const;

/** How an order was given (coding-rules.md §9: written, verbal — in person or by telephone — or standing protocol). */
export const ORDER_TYPES = ['written', 'verbal', 'telephone', 'protocol'] as const;

const optionalText = z.string({ error: 'must be a string' }).nullable().optional();

export const administrationSchema = z.object({
  id: z.string({ error: 'must be a non-empty string' }).min(1, { error: 'must be a non-empty string' }),
  drug: z.string({ error: 'must be a string (the drug name)' }),
  kind: z.enum(['push', 'infusion', 'hydration', 'injection'], {
    error: "must be 'push', 'infusion', 'hydration' or 'injection'",
  }),
  chemo: z.boolean({ error: 'must be true or false' }).optional(),
  start: instantSchema,
  stop: instantSchema.nullable().optional(),
  site: optionalText,
  // Optional extras from the app (not part of §12).
  drugKey: optionalText,
  dose: amountSchema.nullable().optional(),
  route: optionalText,
  rationale: optionalText,
  performer: optionalText,
  /**
   * Who ordered the dose and how (R-DOC-ORDER, coding-rules.md §9): `provider`
   * names the ordering provider ("Amara Osei, MD"), `type` is how the order was
   * given. Checked only with the option `requireOrder`.
   */
  order: z
    .object({
      provider: optionalText,
      type: z.enum(ORDER_TYPES, { error: "must be 'written', 'verbal', 'telephone' or 'protocol'" }).nullable().optional(),
    }, { error: 'must be an object { provider, type }' })
    .nullable()
    .optional(),
  ndc: z
    .string({ error: 'must be a string' })
    .refine((s) => s.trim() === '' || /^[0-9-]{10,13}$/.test(s.trim()), { error: 'must be an NDC (10 or 11 digits, hyphens allowed)' })
    .nullable()
    .optional(),
  wasted: amountSchema.nullable().optional(),
  containerType: containerTypeSchema.nullable().optional(),
  containerAmount: amountSchema.nullable().optional(),
  chartedAt: instantSchema.nullable().optional(),
  lateEntryReason: optionalText,
  /** R-CHEMO-PUMP (coding-rules.md §5): the chemo infusion runs on a portable or implantable pump. */
  pump: z.enum(PUMP_KINDS, { error: "must be 'portable' or 'implantable'" }).nullable().optional(),
  /** R-INTEGRAL (coding-rules.md §7): the procedure this drug is an integral part of ("blood transfusion"); blank = none. */
  integralTo: optionalText,
  /** The product's amount per mL (coding-rules.md §10), to bill a dose charted in mL: { value: 4, unit: 'mg' } = 4 mg/mL. */
  concentration: z
    .object({
      value: decimalValue.refine((v) => parseDecimal(v)?.n !== 0n, { error: 'must be more than 0' }),
      unit: z.enum(['mg', 'mcg', 'g', 'mEq', 'units'], { error: "unit must be an amount per mL: 'mg', 'mcg', 'g', 'mEq' or 'units'" }),
    }, { error: 'must be an object { value, unit } (amount per mL)' })
    .nullable()
    .optional(),
});

const hcpcsCodeSchema = z.object({
  code: z.string().min(1),
  billingAmount: z.string().refine((s) => parseDecimal(s) !== null && parseDecimal(s)!.n > 0n, { error: 'must be a positive decimal string' }).nullable(),
  billingUnit: z.enum(['mg', 'mcg', 'g', 'mEq', 'units', 'mL']).nullable(),
  descriptor: z.enum(['per', 'up to', 'noc']),
  descriptorText: z.string(),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  effectiveTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  paymentStatus: z.enum(['separately-payable', 'packaged', 'unknown']).optional(),
  note: z.string().optional(),
});

const positiveDecimal = z.string().refine((s) => parseDecimal(s) !== null && parseDecimal(s)!.n > 0n, { error: 'must be a positive decimal string' });

const doseLimitSchema = z.object({
  kinds: z.array(z.enum(['push', 'infusion', 'hydration', 'injection'])).min(1),
  unit: doseUnitSchema,
  usual: positiveDecimal,
  softMax: positiveDecimal,
  hardMax: positiveDecimal.nullable(),
  source: z.string().min(1),
});

const productSchema = z.object({
  ndc10: z.string(),
  ndc11: z.string(),
  description: z.string(),
  containerType: containerTypeSchema,
  amountPerContainer: z.string().refine((s) => parseDecimal(s) !== null, { error: 'must be a decimal string' }),
  amountUnit: doseUnitSchema,
  amountPerMl: z.string().refine((s) => parseDecimal(s) !== null, { error: 'must be a decimal string' }).optional(),
  placeholderNdc: z.boolean(),
});

export const formularyDrugSchema: z.ZodType<FormularyDrug, FormularyDrug> = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  chemo: z.boolean(),
  defaultDoseUnit: doseUnitSchema,
  usualDose: z.string(),
  strengthText: z.string(),
  typicalKinds: z.array(z.enum(['push', 'infusion', 'hydration', 'injection'])),
  hcpcs: z.array(hcpcsCodeSchema),
  products: z.array(productSchema),
  supplyBilling: z.boolean(),
  mgPerMeq: z.string().optional(),
  controlledSchedule: z.enum(['II', 'III', 'IV', 'V']).optional(),
  doseLimits: z.array(doseLimitSchema).optional(),
  note: z.string().optional(),
});

const nonNegativeInt = z.number({ error: 'must be a whole number of minutes' }).int({ error: 'must be a whole number of minutes' }).min(0, { error: 'must be ≥ 0' });

export const optionsSchema = z.object({
  timeZone: z.string({ error: 'must be an IANA time zone name' }).refine(isValidTimeZone, { error: 'unknown IANA time zone' }).optional(),
  sameDrugMinutes: z.number({ error: 'must be a number of minutes' }).int({ error: 'must be a whole number of minutes' }).positive({ error: 'must be > 0' }).optional(),
  sameDrugBoundary: z.enum(['inclusive', 'exclusive'], { error: "must be 'inclusive' or 'exclusive'" }).optional(),
  initialAdministrationId: z.string({ error: 'must be an administration id' }).nullable().optional(),
  separateSiteInitials: z.array(z.string({ error: 'must be an administration id' }), { error: 'must be an array of administration ids' }).optional(),
  crossMidnight: z.enum(['encounter', 'per-day'], { error: "must be 'encounter' or 'per-day'" }).optional(),
  repeatInfusion: z.enum(['additional-hour', 'add-times', 'none'], { error: "must be 'additional-hour', 'add-times' or 'none'" }).optional(),
  concurrentMinOverlapMinutes: nonNegativeInt.optional(),
  hcpcsRounding: z.enum(['per-day', 'per-dose'], { error: "must be 'per-day' or 'per-dose'" }).optional(),
  jwJz: z.enum(['apply', 'none'], { error: "must be 'apply' or 'none'" }).optional(),
  formulary: z.array(formularyDrugSchema).readonly().optional(), // only read: the app passes its shared, frozen list
  requireDocumentation: z.boolean({ error: 'must be true or false' }).optional(),
  /** R-DOC-ORDER: an administration without ordering provider or order type is a documentation gap. */
  requireOrder: z.boolean({ error: 'must be true or false' }).optional(),
  /** The caller's clock, for the future-time check (the engine never reads the clock). */
  now: instantSchema.optional(),
  clockSkewMinutes: nonNegativeInt.optional(),
  lateEntryThresholdMinutes: nonNegativeInt.optional(),
  /** R-CONCURRENT-LIMIT: an overlapping infusion after the one 96368 is coded sequential (default) or not at all. */
  concurrentLimit: z.enum(['sequential', 'none'], { error: "must be 'sequential' or 'none'" }).optional(),
  /** R-HYDRATION-TOTAL: secondary hydration runs are added (default) or judged one by one. */
  hydrationTime: z.enum(['total', 'per-run'], { error: "must be 'total' or 'per-run'" }).optional(),
});

export const encounterInputSchema = z
  .object({
    setting: z.enum(['facility', 'non-facility'], { error: "must be 'facility' or 'non-facility'" }),
    options: optionsSchema.optional(),
    administrations: z.array(administrationSchema, { error: 'must be an array of administrations' }),
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.administrations.forEach((a, i) => {
      const prior = seen.get(a.id);
      if (prior !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['administrations', i, 'id'], message: `duplicate id "${a.id}" (also administrations[${prior}])` });
      } else {
        seen.set(a.id, i);
      }
      if (a.stop) {
        const start = parseInstant(a.start);
        const stop = parseInstant(a.stop);
        // coding-rules.md §9: stop before start is invalid and rejected.
        if (start !== null && stop !== null && stop < start) {
          ctx.addIssue({ code: 'custom', path: ['administrations', i, 'stop'], message: 'stop is before start' });
        }
      }
    });
  });

export type EncounterInput = z.input<typeof encounterInputSchema>;
export type AdministrationInput = z.input<typeof administrationSchema>;
export type EncounterOptions = z.input<typeof optionsSchema>;
export type AmountInput = z.input<typeof amountSchema>;

/** "administrations[1].start" */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(input)' : out;
}

export type ParseResult = { ok: true; value: EncounterInput } | { ok: false; errors: string[] };

/** Validates one encounter; errors read "administrations[1].start: invalid ISO 8601 instant …". */
export function parseEncounterInput(data: unknown, prefix = ''): ParseResult {
  const r = encounterInputSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  const errors = r.error.issues.map((issue) => {
    const path = formatIssuePath(issue.path);
    const full = prefix ? (path === '(input)' ? prefix : `${prefix}${path.startsWith('[') ? '' : '.'}${path}`) : path;
    return `${full}: ${issue.message}`;
  });
  return { ok: false, errors };
}
