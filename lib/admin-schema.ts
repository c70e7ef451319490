import { z } from 'zod';
import { isValidTimeZone } from './time';

const reason = z.string().trim().min(3, 'Enter the reason (at least 3 characters)').max(500);

export const createUserSchema = z.object({
  name: z.string().trim().min(2, 'Enter the full name').max(100),
  email: z.string().trim().toLowerCase().email('Enter a valid email'),
  credentials: z.string().trim().min(2, 'Enter the credentials, e.g. RN').max(30),
  role: z.enum(['nurse', 'coder', 'admin'], { error: 'Choose the role' }),
  password: z.string().min(12, 'At least 12 characters').max(200),
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const userActiveSchema = z.object({ userId: z.string().min(1), active: z.boolean(), reason });

export const facilitySettingsSchema = z.object({
  facilityId: z.coerce.number().int().positive(),
  lateEntryThresholdMinutes: z.coerce.number({ error: 'Minutes as a number' }).int().min(1, 'At least 1 minute').max(1440, 'At most 1440 minutes (a day)'),
  jwJzPolicy: z.enum(['apply', 'none']),
});

export const createFacilitySchema = z.object({
  name: z.string().trim().min(3, 'Enter the facility name').max(120),
  timeZone: z.string().trim().refine(isValidTimeZone, 'Not an IANA time zone, e.g. America/New_York'),
  setting: z.enum(['facility', 'non-facility']),
});

const decimal = z.string().trim().regex(/^\d{1,6}(?:\.\d{1,6})?$/, 'A decimal number, e.g. 0.1');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date');

export const addDrugSchema = z
  .object({
    key: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9.-]{1,40}$/, 'Lowercase letters, digits, dots and hyphens'),
    genericName: z.string().trim().min(2).max(100),
    defaultDoseUnit: z.enum(['mg', 'mcg', 'g', 'mL', 'mEq', 'units']),
    usualDose: decimal,
    strength: z.string().trim().max(200).default(''),
    chemo: z.boolean().default(false),
    hcpcsCode: z.string().trim().toUpperCase().regex(/^[A-Z]\d{4}$/, 'A HCPCS code, e.g. J2405'),
    descriptorKind: z.enum(['per', 'up to', 'noc']),
    billingAmount: decimal.optional().or(z.literal('').transform(() => undefined)),
    billingUnit: z.enum(['mg', 'mcg', 'g', 'mEq', 'units']).optional(),
    effectiveFrom: isoDate,
  })
  .superRefine((v, ctx) => {
    if (v.descriptorKind !== 'noc' && (!v.billingAmount || !v.billingUnit)) {
      ctx.addIssue({ code: 'custom', path: ['billingAmount'], message: 'Enter the amount one HCPCS unit represents and its unit' });
    }
  });
export type AddDrugInput = z.output<typeof addDrugSchema>;

export const drugActiveSchema = z.object({ drugId: z.coerce.number().int().positive(), reason });
