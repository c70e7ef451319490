import { describe, expect, it } from 'vitest';
import { administrationSchema, amendmentSchema, INTEGRAL_NEEDS_PROCEDURE, PUMP_ONLY_FOR_INFUSION } from './administration-schema';

// A complete push as the form sends it; each case changes what it is about.
const base = {
  encounterId: 5,
  drugId: 3,
  doseValue: '4',
  doseUnit: 'mg',
  kind: 'push',
  start: '2026-03-02T09:00',
  stop: '2026-03-02T09:00',
  site: 'L AC 20G',
  rationale: 'Nausea',
  orderingProviderId: 1,
  orderType: 'written',
  idempotencyKey: '0123456789abcdef0123',
};
const infusion = { ...base, kind: 'infusion', start: '2026-03-02T10:15', stop: '2026-03-03T08:15' };

/** The messages of the issues on one field, or [] when the payload parses. */
function errorsOn(schema: typeof administrationSchema | typeof amendmentSchema, payload: Record<string, unknown>, field: string): string[] {
  const r = schema.safeParse(payload);
  return r.success ? [] : r.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
}

describe('pump (issue 14 item 2, R-CHEMO-PUMP)', () => {
  it.each(['portable', 'implantable'] as const)('keeps a %s pump on an infusion', (pump) => {
    expect(administrationSchema.parse({ ...infusion, pump }).pump).toBe(pump);
  });

  it.each(['push', 'injection', 'hydration'])('refuses a pump on a %s with a field error on pump', (kind) => {
    const stop = kind === 'injection' ? {} : { stop: infusion.stop };
    expect(errorsOn(administrationSchema, { ...infusion, ...stop, kind, pump: 'portable' }, 'pump')).toEqual([PUMP_ONLY_FOR_INFUSION]);
  });

  it('reads "None" (empty), null and absent as no pump, on any kind', () => {
    expect(administrationSchema.parse({ ...base, pump: '' }).pump).toBeUndefined();
    expect(administrationSchema.parse({ ...base, pump: null }).pump).toBeUndefined();
    expect(administrationSchema.parse(infusion).pump).toBeUndefined();
  });

  it('refuses a pump that is not portable or implantable', () => {
    expect(errorsOn(administrationSchema, { ...infusion, pump: 'elastomeric' }, 'pump')).toEqual(['Choose None, Portable (ambulatory) pump or Implantable pump']);
  });

  it('refuses a pump on a push in an amendment too', () => {
    const amendment = { ...base, administrationId: 9, reason: 'Kind corrected', pump: 'implantable' };
    expect(errorsOn(amendmentSchema, amendment, 'pump')).toEqual([PUMP_ONLY_FOR_INFUSION]);
    expect(amendmentSchema.parse({ ...amendment, ...infusion }).pump).toBe('implantable');
  });
});

describe('given as part of another procedure (issue 14 item 7, R-INTEGRAL)', () => {
  it('keeps the procedure named, normalised, when the box is ticked', () => {
    expect(administrationSchema.parse({ ...base, integral: true, integralTo: '  blood\u200b   transfusion ' }).integralTo).toBe('blood transfusion');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['invisible', '\u200b\u200b'],
    ['absent', undefined],
  ])('refuses the box ticked with the procedure %s, on integralTo', (_what, integralTo) => {
    expect(errorsOn(administrationSchema, { ...base, integral: true, integralTo }, 'integralTo')).toEqual([INTEGRAL_NEEDS_PROCEDURE]);
  });

  it('drops a procedure typed and then unticked', () => {
    const parsed = administrationSchema.parse({ ...base, integral: false, integralTo: 'moderate sedation' });
    expect(parsed.integralTo).toBeUndefined();
  });

  it('keeps a procedure sent without the box (an API client)', () => {
    expect(administrationSchema.parse({ ...base, integralTo: 'imaging contrast' }).integralTo).toBe('imaging contrast');
  });

  it('refuses a one-character or over-long procedure', () => {
    expect(errorsOn(administrationSchema, { ...base, integral: true, integralTo: 'x' }, 'integralTo')).toEqual([
      'Enter the procedure this drug was part of: at least 2 visible characters',
    ]);
    expect(errorsOn(administrationSchema, { ...base, integral: true, integralTo: 'a'.repeat(121) }, 'integralTo')).toEqual(['At most 120 characters']);
  });

  it('refuses the ticked box without a procedure in an amendment, and unticking clears it', () => {
    const amendment = { ...base, administrationId: 9, reason: 'Was a premedication' };
    expect(errorsOn(amendmentSchema, { ...amendment, integral: true, integralTo: '' }, 'integralTo')).toEqual([INTEGRAL_NEEDS_PROCEDURE]);
    expect(amendmentSchema.parse({ ...amendment, integral: false, integralTo: 'blood transfusion' }).integralTo).toBeUndefined();
  });
});
