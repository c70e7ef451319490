import { describe, expect, it } from 'vitest';
import { patientSchema } from './patient-schema';

const ok = { facilityId: '1', mrn: ' ed-55 ', familyName: 'Doe', givenName: 'Jo', birthDate: '1980-02-29' };

describe('patient schema', () => {
  it('normalises the MRN and accepts a real date', () => {
    expect(patientSchema.parse(ok)).toMatchObject({ facilityId: 1, mrn: 'ED-55' });
  });

  it.each([
    ['a date that does not exist', { birthDate: '2023-02-29' }, 'birthDate'],
    ['a future date of birth', { birthDate: '2999-01-01' }, 'birthDate'],
    ['an MRN with spaces inside', { mrn: 'ED 55' }, 'mrn'],
    ['an empty family name', { familyName: '  ' }, 'familyName'],
  ])('refuses %s', (_name, override, field) => {
    const result = patientSchema.safeParse({ ...ok, ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});
