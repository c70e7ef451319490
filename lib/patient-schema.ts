import { z } from 'zod';
import { idSchema } from './ids';
import { documentText } from './text';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const patientSchema = z.object({
  facilityId: idSchema('Choose the registering facility'),
  mrn: z
    .string({ error: 'Enter the MRN' })
    .trim()
    .min(1, 'Enter the MRN')
    .max(20, 'MRN: at most 20 characters')
    .regex(/^[A-Za-z0-9-]+$/, 'MRN: letters, digits and hyphens only')
    .transform((v) => v.toUpperCase()),
  familyName: documentText('family name', 80),
  givenName: documentText('given name', 80),
  birthDate: z
    .string({ error: 'Enter the date of birth' })
    .regex(ISO_DATE, 'Enter the date of birth')
    .refine(isRealDate, 'That date does not exist')
    .refine((v) => v >= '1900-01-01', 'Date of birth before 1900: check the year')
    .refine((v) => v <= new Date().toISOString().slice(0, 10), 'The date of birth is in the future'),
});

export type PatientFormInput = z.input<typeof patientSchema>;
export type PatientInput = z.output<typeof patientSchema>;

export const openEncounterSchema = z.object({
  patientId: idSchema(),
  facilityId: idSchema('Choose the facility'),
});
