// Issue 12 item 9: every schema with documenting text uses the one rule of lib/text.ts.
import { describe, expect, it } from 'vitest';
import { createProviderSchema, createUserSchema, userActiveSchema } from './admin-schema';
import { addendumSchema, enteredInErrorSchema } from './administration-schema';
import { answerQuerySchema, raiseQuerySchema, returnToQueueSchema } from './coder-schema';
import { patientSchema } from './patient-schema';

const valid = {
  patient: { facilityId: 1, mrn: 'ED-1', familyName: 'Okafor', givenName: 'James', birthDate: '1979-09-30' },
  user: { name: 'Nora Quinn', email: 'n@example.test', credentials: 'RN', role: 'nurse', password: 'a-long-password-1' },
  provider: { name: 'Dana Whitfield', credentials: 'MD', npi: '1999999901' },
};

const cases: [string, { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, Record<string, unknown>, string][] = [
  ['patient family name', patientSchema, { ...valid.patient, familyName: '\u200b\u200b' }, 'familyName'],
  ['patient given name', patientSchema, { ...valid.patient, givenName: 'a\u0000' }, 'givenName'],
  ['user name', createUserSchema, { ...valid.user, name: '  ' }, 'name'],
  ['user credentials', createUserSchema, { ...valid.user, credentials: '\u202E\u202D' }, 'credentials'],
  ['provider name', createProviderSchema, { ...valid.provider, name: '\u2800\u2800' }, 'name'],
  ['deactivation reason', userActiveSchema, { userId: 'u-x', active: false, reason: '\u200b\u200b\u200b' }, 'reason'],
  ['entered-in-error reason', enteredInErrorSchema, { administrationId: 1, reason: 'a\u0000\u0000' }, 'reason'],
  ['addendum', addendumSchema, { encounterId: 1, text: '\u00AD\u00AD' }, 'text'],
  ['query question', raiseQuerySchema, { encounterId: 1, question: '\uFEFF\uFEFF' }, 'question'],
  ['query answer', answerQuerySchema, { queryId: 1, answer: '\u200b\u200b' }, 'answer'],
  ['coder reason', returnToQueueSchema, { encounterId: 1, reason: '\u3164\u3164' }, 'reason'],
];

describe('invisible text is refused by every documenting field', () => {
  it.each(cases)('%s', (_name, schema, payload, field) => {
    const r = schema.safeParse(payload);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('the valid payloads pass, normalised', () => {
    expect(patientSchema.parse({ ...valid.patient, familyName: ' Oka\u200bfor ' }).familyName).toBe('Okafor');
    expect(createUserSchema.safeParse(valid.user).success).toBe(true);
    expect(createProviderSchema.safeParse(valid.provider).success).toBe(true);
    expect(answerQuerySchema.parse({ queryId: 1, answer: 'Left  antecubital' }).answer).toBe('Left antecubital');
  });

  it('a too-long value says "At most N characters"', () => {
    const r = answerQuerySchema.safeParse({ queryId: 1, answer: 'x'.repeat(1001) });
    expect(r.error?.issues[0]?.message).toBe('At most 1000 characters');
  });
});
