// One zod schema per admin entity: the forms validate with them (zodResolver)
// and the server actions re-parse the untrusted payload with the same ones.
import { z } from 'zod';
import { idSchema, optionalIdSchema } from './ids';
import { ndc10To11 } from './formulary/starter-formulary';
import { normaliseDrugText } from './formulary/search';
import { documentText, normalizeText, nullableReasonText, reasonText } from './text';
import { isValidTimeZone } from './time';

export const USER_ROLES = ['nurse', 'coder', 'admin'] as const;
export const DOSE_UNIT_OPTIONS = ['mg', 'mcg', 'g', 'mL', 'mEq', 'units'] as const;
/** A HCPCS billing unit is an amount of drug, never a volume. */
export const BILLING_UNITS = ['mg', 'mcg', 'g', 'mEq', 'units', 'mL'] as const; // mL: hydration fluid codes (J7030 per 1,000 mL)
export const DESCRIPTOR_KINDS = ['per', 'up to', 'noc'] as const;
export const CONTAINER_TYPE_OPTIONS = ['single-dose', 'multiple-dose', 'pharmacy-bulk'] as const;
/** Not-otherwise-classified codes: units are containers, there is no billing amount. */
export const NOC_CODES = ['J3490', 'J3590', 'J9999'] as const;
export const NOC_DESCRIPTOR = 'unclassified drugs (units = containers)';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d{1,6}(?:\.\d{1,6})?$/;

export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar day before 'YYYY-MM-DD'. */
export function dayBefore(value: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const isPositiveDecimal = (v: string) => DECIMAL.test(v) && Number(v) > 0;

const reason = reasonText('reason', 500);
const optionalReason = nullableReasonText('reason', 500);
const personName = documentText('full name', 100);
const credentials = documentText('credentials', 30, { example: 'e.g. RN' });
const role = z.enum(USER_ROLES, { error: 'Choose the role' });
const userId = z.string().min(1).max(100);

/**
 * The facilities a user belongs to (checkboxes): distinct facility ids, in
 * ascending order; an empty list is allowed (the user then sees no patients).
 */
const facilityIds = z
  .array(idSchema('Not a valid facility'), { error: 'Choose the facilities' })
  .max(200, 'At most 200 facilities')
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

// --- Users ---

export const createUserSchema = z.object({
  name: personName,
  email: z.string({ error: 'Enter the email' }).trim().toLowerCase().max(254).pipe(z.email('Enter a valid email')),
  credentials,
  role,
  password: z.string({ error: 'Enter an initial password' }).min(12, 'At least 12 characters').max(128, 'At most 128 characters'),
  facilityIds: facilityIds.default([]),
});
export type CreateUserFormInput = z.input<typeof createUserSchema>;
export type CreateUserInput = z.output<typeof createUserSchema>;

/** Without `facilityIds` the user's facilities stay as they are. */
export const updateUserSchema = z.object({ userId, name: personName, credentials, role, reason: optionalReason, facilityIds: facilityIds.optional() });
export type UpdateUserFormInput = z.input<typeof updateUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const userActiveSchema = z.object({ userId, active: z.boolean(), reason });
export type UserActiveInput = z.output<typeof userActiveSchema>;

// --- Facilities ---

const lateEntryThresholdMinutes = z.coerce
  .number({ error: 'Minutes as a whole number' })
  .int('Minutes as a whole number')
  .min(1, 'At least 1 minute')
  .max(1440, 'At most 1440 minutes (a day)');
const jwJzPolicy = z.enum(['apply', 'none'], { error: 'Choose the JW/JZ policy' });

export const facilitySettingsSchema = z.object({
  facilityId: idSchema(),
  lateEntryThresholdMinutes,
  jwJzPolicy,
});
export type FacilitySettingsFormInput = z.input<typeof facilitySettingsSchema>;
export type FacilitySettingsInput = z.output<typeof facilitySettingsSchema>;

export const createFacilitySchema = z.object({
  name: documentText('facility name', 120),
  timeZone: z
    .string({ error: 'Enter the time zone' })
    .trim()
    .min(1, 'Enter the time zone, e.g. America/New_York')
    .refine(isValidTimeZone, 'Not an IANA time zone, e.g. America/New_York'),
  setting: z.enum(['facility', 'non-facility'], { error: 'Choose the setting' }),
  lateEntryThresholdMinutes,
  jwJzPolicy,
});
export type CreateFacilityFormInput = z.input<typeof createFacilitySchema>;
export type CreateFacilityInput = z.output<typeof createFacilitySchema>;

// --- Formulary ---

/** '' or absent = open-ended; otherwise a real calendar date. */
const optionalDate = z
  .string()
  .trim()
  .nullish()
  .refine((v) => !v || isRealDate(v), 'A date (YYYY-MM-DD)')
  .transform((v) => (v ? v : null));
const optionalDecimal = z
  .string()
  .trim()
  .nullish()
  .refine((v) => !v || isPositiveDecimal(v), 'A decimal number above 0, e.g. 0.1')
  .transform((v) => (v ? v : null));
const requiredDecimal = (message: string) =>
  z.string({ error: message }).trim().min(1, message).refine(isPositiveDecimal, 'A decimal number above 0, e.g. 0.1');

const codeFields = {
  code: z
    .string({ error: 'Enter the HCPCS code' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]\d{4}$/, 'A HCPCS code: a letter and 4 digits, e.g. J2405'),
  descriptorKind: z.enum(DESCRIPTOR_KINDS, { error: 'Choose per, up to or unclassified' }),
  billingAmount: z.string().trim().nullish(),
  billingUnit: z.union([z.enum(BILLING_UNITS), z.literal('')]).nullish(),
  descriptor: z.string().trim().max(120, 'At most 120 characters').nullish(),
  effectiveFrom: optionalDate,
  effectiveTo: optionalDate,
};

type CodeFields = z.output<z.ZodObject<typeof codeFields>>;

function checkCode(v: CodeFields, ctx: z.RefinementCtx): void {
  const noc = (NOC_CODES as readonly string[]).includes(v.code);
  if (v.descriptorKind === 'noc') {
    if (!noc) ctx.addIssue({ code: 'custom', path: ['code'], message: `An unclassified code is one of ${NOC_CODES.join(', ')}` });
    if (v.billingAmount) ctx.addIssue({ code: 'custom', path: ['billingAmount'], message: 'An unclassified code has no billing amount (units are containers)' });
  } else {
    if (noc) ctx.addIssue({ code: 'custom', path: ['descriptorKind'], message: `${v.code} is unclassified: choose "unclassified"` });
    if (!v.billingAmount) ctx.addIssue({ code: 'custom', path: ['billingAmount'], message: 'Enter the amount one HCPCS unit represents' });
    else if (!isPositiveDecimal(v.billingAmount)) ctx.addIssue({ code: 'custom', path: ['billingAmount'], message: 'A decimal number above 0, e.g. 0.1' });
    if (!v.billingUnit) ctx.addIssue({ code: 'custom', path: ['billingUnit'], message: 'Choose the billing unit' });
  }
  if (v.effectiveFrom && v.effectiveTo && v.effectiveTo < v.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'The last date is before the first date' });
  }
}

export interface HcpcsCodeInput {
  code: string;
  descriptorKind: (typeof DESCRIPTOR_KINDS)[number];
  billingAmount: string | null;
  billingUnit: (typeof BILLING_UNITS)[number] | null;
  descriptor: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

function normalizeCode(v: CodeFields): HcpcsCodeInput {
  const noc = v.descriptorKind === 'noc';
  const billingAmount = noc ? null : (v.billingAmount ?? null);
  const billingUnit = noc || !v.billingUnit ? null : v.billingUnit;
  return {
    code: v.code,
    descriptorKind: v.descriptorKind,
    billingAmount,
    billingUnit,
    descriptor: v.descriptor || (noc ? NOC_DESCRIPTOR : `${v.descriptorKind} ${billingAmount} ${billingUnit}`),
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
  };
}

export const hcpcsCodeSchema = z.object(codeFields).superRefine(checkCode).transform(normalizeCode);

/** Two inclusive date ranges (null = open-ended) share at least one day. */
export function rangesOverlap(a: { effectiveFrom: string | null; effectiveTo: string | null }, b: { effectiveFrom: string | null; effectiveTo: string | null }): boolean {
  const aStartsBeforeBEnds = a.effectiveFrom === null || b.effectiveTo === null || a.effectiveFrom <= b.effectiveTo;
  const bStartsBeforeAEnds = b.effectiveFrom === null || a.effectiveTo === null || b.effectiveFrom <= a.effectiveTo;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

export const productSchema = z
  .object({
    ndc10: z
      .string({ error: 'Enter the NDC as printed, e.g. 0409-4888-01' })
      .trim()
      .refine((v) => ndc10To11(v) !== null, 'A hyphenated 10-digit NDC: 4-4-2, 5-3-2 or 5-4-1, e.g. 0409-4888-01'),
    description: z.string().trim().max(200, 'At most 200 characters').nullish(),
    containerType: z.enum(CONTAINER_TYPE_OPTIONS, { error: 'Choose the container type' }),
    amountPerContainer: requiredDecimal('Enter the amount of drug in one container'),
    amountUnit: z.enum(DOSE_UNIT_OPTIONS, { error: 'Choose the unit' }),
    amountPerMl: optionalDecimal,
  })
  .transform((v) => ({
    ndc10: v.ndc10,
    ndc11: ndc10To11(v.ndc10) ?? '',
    description: v.description || `${v.amountPerContainer} ${v.amountUnit} ${v.containerType} container`,
    containerType: v.containerType,
    amountPerContainer: v.amountPerContainer,
    amountUnit: v.amountUnit,
    amountPerMl: v.amountPerMl,
  }));
export type ProductInput = z.output<typeof productSchema>;

export const addDrugSchema = z
  .object({
    key: z
      .string({ error: 'Enter a key' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9.-]{1,40}$/, 'Lowercase letters, digits, dots and hyphens, e.g. granisetron'),
    genericName: z.string({ error: 'Enter the generic name' }).trim().min(2, 'Enter the generic name').max(100, 'At most 100 characters'),
    defaultDoseUnit: z.enum(DOSE_UNIT_OPTIONS, { error: 'Choose the dose unit' }),
    usualDose: optionalDecimal,
    strength: z
      .string()
      .trim()
      .max(200, 'At most 200 characters')
      .nullish()
      .transform((v) => (v ? v : null)),
    chemo: z.boolean().default(false),
    codes: z.array(hcpcsCodeSchema).min(1, 'Add at least one HCPCS code').max(10),
    product: productSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    v.codes.forEach((c, i) => {
      const clash = v.codes.findIndex((o, j) => j < i && o.code === c.code && rangesOverlap(o, c));
      if (clash >= 0) ctx.addIssue({ code: 'custom', path: ['codes', i, 'effectiveFrom'], message: `${c.code} is already listed for these dates (row ${clash + 1})` });
    });
  });
export type AddDrugFormInput = z.input<typeof addDrugSchema>;
export type AddDrugInput = z.output<typeof addDrugSchema>;

/** A new dated code for an existing drug, optionally ending the code it replaces the day before. */
export const addCodeSchema = z
  .object({ ...codeFields, drugId: idSchema(), replacesCodeId: optionalIdSchema() })
  .superRefine((v, ctx) => {
    checkCode(v, ctx);
    if (v.replacesCodeId && !v.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveFrom'], message: 'Enter the first date of service of the new code: the old one ends the day before' });
    }
  })
  .transform((v) => ({ drugId: v.drugId, replacesCodeId: v.replacesCodeId ?? null, ...normalizeCode(v) }));
export type AddCodeFormInput = z.input<typeof addCodeSchema>;
export type AddCodeInput = z.output<typeof addCodeSchema>;

export const endCodeSchema = z.object({
  codeId: idSchema(),
  effectiveTo: z.string({ error: 'Enter the last date of service' }).trim().refine(isRealDate, 'Enter the last date of service (YYYY-MM-DD)'),
  reason,
});
export type EndCodeInput = z.output<typeof endCodeSchema>;

export const drugActiveSchema = z.object({ drugId: idSchema(), reason });
export type DrugActiveInput = z.output<typeof drugActiveSchema>;

// --- Ordering providers (issue 12 item 5) ---

/**
 * Whether `npi` is a well-formed National Provider Identifier: 10 digits whose
 * last is the Luhn (mod 10 "double-add-double") check digit computed over the
 * first 9 digits prefixed with 80840 (the ISO card-issuer prefix for US health
 * applications). Source: CMS, "Requirements for Constructing the Luhn Check
 * Digit for the NPI" (NPI final rule, 45 CFR 162.406; CMS NPPES guidance),
 * https://www.cms.gov/Regulations-and-Guidance/Administrative-Simplification/NationalProvIdentStand/Downloads/NPIcheckdigit.pdf
 * — its worked example 123456789 has check digit 3 (NPI 1234567893).
 * A valid check digit does not prove the NPI is issued (NPPES does).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  // Luhn over the 15 digits: from the right, every second digit is doubled.
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const npi = z
  .string({ error: 'Enter the 10-digit NPI' })
  .trim()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{10}$/, 'An NPI has exactly 10 digits')
      .refine(isValidNpi, 'Not a valid NPI: its check digit does not match (check for a typo)'),
  );
const providerCredentials = documentText('credentials', 30, { example: 'e.g. MD, DO, NP, PA-C' });

/** A new ordering provider for the directory; the NPI is unique across it. */
export const createProviderSchema = z.object({ name: personName, credentials: providerCredentials, npi });
export type CreateProviderFormInput = z.input<typeof createProviderSchema>;
export type CreateProviderInput = z.output<typeof createProviderSchema>;

/** Corrects a provider's name, credentials or NPI; doses already charted keep their snapshot. */
export const updateProviderSchema = createProviderSchema.extend({ providerId: idSchema(), reason: optionalReason });
export type UpdateProviderFormInput = z.input<typeof updateProviderSchema>;
export type UpdateProviderInput = z.output<typeof updateProviderSchema>;

export const providerActiveSchema = z.object({ providerId: idSchema(), active: z.boolean(), reason });
export type ProviderActiveInput = z.output<typeof providerActiveSchema>;

// --- Formulary: names, typical kinds, dose limits, payment status (issue 13 item 6) ---

export const ADMINISTRATION_KIND_OPTIONS = ['push', 'infusion', 'hydration', 'injection'] as const;
export const KIND_LABELS: Record<(typeof ADMINISTRATION_KIND_OPTIONS)[number], string> = {
  push: 'IV push',
  infusion: 'Infusion',
  hydration: 'Hydration',
  injection: 'Injection (IM/SC)',
};
export const PAYMENT_STATUS_OPTIONS = ['separately-payable', 'packaged', 'unknown'] as const;
export const PAYMENT_STATUS_LABELS: Record<(typeof PAYMENT_STATUS_OPTIONS)[number], string> = {
  'separately-payable': 'Separately payable (OPPS K/G)',
  packaged: 'Packaged (OPPS N)',
  unknown: 'Unknown (not checked)',
};
/** How many brand names/synonyms one drug may carry, and how long each may be. */
export const MAX_ALIASES = 40;
export const MAX_ALIAS_LENGTH = 60;

/** A brand name or synonym's identity for duplicates: lower case, no accents, no spaces or punctuation ("Solu-Medrol" = "solumedrol"). */
export function aliasIdentity(alias: string): string {
  // The search's own normalisation, so "the same name" here is "the same match" at the bedside.
  return normaliseDrugText(alias).replace(/ /g, '');
}

/**
 * Brand names, synonyms and abbreviations typed one per line (or separated by
 * commas), or already as a list → the list stored, in the order typed, duplicates (by aliasIdentity)
 * dropped. Each must hold a letter or digit and be at most 60 characters.
 */
const aliasList = z
  // The form sends the text; its resolver hands the action the parsed list, which parses to itself.
  .union([z.string(), z.array(z.string()).max(MAX_ALIASES * 2)], { error: 'Enter the brand names and synonyms, one per line' })
  .transform((v) =>
    (Array.isArray(v) ? v.join('\n') : v)
      .split(/[\n,;]/)
      .map((a) => normalizeText(a))
      .filter((a) => a.length > 0),
  )
  .superRefine((list, ctx) => {
    if (list.length > MAX_ALIASES) ctx.addIssue({ code: 'custom', message: `At most ${MAX_ALIASES} names` });
    const long = list.find((a) => a.length > MAX_ALIAS_LENGTH);
    if (long) ctx.addIssue({ code: 'custom', message: `“${long.slice(0, 20)}…” is longer than ${MAX_ALIAS_LENGTH} characters` });
    const blank = list.find((a) => aliasIdentity(a) === '');
    if (blank) ctx.addIssue({ code: 'custom', message: `“${blank}” has no letter or digit` });
  })
  .transform((list) => list.filter((a, i) => list.findIndex((b) => aliasIdentity(b) === aliasIdentity(a)) === i));

/**
 * The kinds a drug is usually given by, most usual first (the bedside form
 * picks the first when the drug is chosen): up to four choices in order,
 * blanks ignored, at least one, none twice.
 */
const typicalKinds = z
  .array(z.union([z.enum(ADMINISTRATION_KIND_OPTIONS), z.literal('')]), { error: 'Choose the kinds' })
  .max(ADMINISTRATION_KIND_OPTIONS.length)
  .transform((kinds) => kinds.filter((k): k is (typeof ADMINISTRATION_KIND_OPTIONS)[number] => k !== ''))
  .superRefine((kinds, ctx) => {
    if (kinds.length === 0) ctx.addIssue({ code: 'custom', message: 'Choose the kind it is most usually given by' });
    const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
    if (twice) ctx.addIssue({ code: 'custom', message: `${KIND_LABELS[twice]} is chosen twice` });
  });

/** A drug's brand names/synonyms and typical kinds (ordered). */
export const drugNamesSchema = z.object({ drugId: idSchema(), aliases: aliasList, typicalKinds, reason: optionalReason });
export type DrugNamesFormInput = z.input<typeof drugNamesSchema>;
export type DrugNamesInput = z.output<typeof drugNamesSchema>;

/** Exact comparison of two decimal strings already checked by DECIMAL (no float rounding). */
export function compareDecimal(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const width = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(width, '0'));
  const y = BigInt(bi + bf.padEnd(width, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

const doseLimitRow = z
  .object({
    kinds: z
      .array(z.enum(ADMINISTRATION_KIND_OPTIONS), { error: 'Tick the kinds this limit is for' })
      .min(1, 'Tick the kinds this limit is for')
      .transform((kinds) => ADMINISTRATION_KIND_OPTIONS.filter((k) => kinds.includes(k))),
    unit: z.enum(DOSE_UNIT_OPTIONS, { error: 'Choose the unit' }),
    usual: requiredDecimal('Enter the usual dose'),
    softMax: requiredDecimal('Enter the top of the usual range'),
    hardMax: optionalDecimal,
    source: z
      .string({ error: 'Name the source, e.g. label' })
      .transform(normalizeText)
      .pipe(z.string().min(2, 'Name the source, e.g. label').max(80, 'At most 80 characters')),
  })
  .superRefine((v, ctx) => {
    if (!isPositiveDecimal(v.usual) || !isPositiveDecimal(v.softMax)) return;
    if (compareDecimal(v.usual, v.softMax) > 0) ctx.addIssue({ code: 'custom', path: ['softMax'], message: `At least the usual dose (${v.usual} ${v.unit})` });
    if (v.hardMax && isPositiveDecimal(v.hardMax) && compareDecimal(v.softMax, v.hardMax) > 0) {
      ctx.addIssue({ code: 'custom', path: ['hardMax'], message: `At least the top of the usual range (${v.softMax} ${v.unit})` });
    }
  });
export type DoseLimitFormRow = z.input<typeof doseLimitRow>;

/**
 * All of one drug's dose limits (product-notes.md §11), replacing the ones
 * stored: per row the kinds it covers, the unit, the usual dose ≤ the top of
 * the usual range (soft maximum: above it the nurse confirms with a reason) ≤
 * the largest single dose allowed (hard maximum: above it the dose is refused;
 * blank = none stated), as decimals, and the source named to the nurse. One
 * kind and unit in one row only. An empty list removes the checks.
 */
export const doseLimitsSchema = z
  .object({ drugId: idSchema(), limits: z.array(doseLimitRow).max(8, 'At most 8 limits'), reason: optionalReason })
  .superRefine((v, ctx) => {
    v.limits.forEach((l, i) => {
      const clash = v.limits.findIndex((o, j) => j < i && o.unit === l.unit && o.kinds.some((k) => l.kinds.includes(k)));
      if (clash >= 0) ctx.addIssue({ code: 'custom', path: ['limits', i, 'kinds'], message: `Limit ${clash + 1} already covers this kind in ${l.unit}` });
    });
  });
export type DoseLimitsFormInput = z.input<typeof doseLimitsSchema>;
export type DoseLimitsInput = z.output<typeof doseLimitsSchema>;

/** A HCPCS code's OPPS payment status (Addendum B status indicator; JW/JZ only on separately payable drugs). */
export const codePaymentStatusSchema = z.object({
  codeId: idSchema(),
  paymentStatus: z.enum(PAYMENT_STATUS_OPTIONS, { error: 'Choose the payment status' }),
  reason: optionalReason,
});
export type CodePaymentStatusFormInput = z.input<typeof codePaymentStatusSchema>;
export type CodePaymentStatusInput = z.output<typeof codePaymentStatusSchema>;
