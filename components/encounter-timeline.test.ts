import { describe, expect, it } from 'vitest';
import { doseContextNotes } from './encounter-timeline';

describe('what a dose was given with or as part of (issue 14)', () => {
  it('names the pump of an infusion', () => {
    expect(doseContextNotes({ pump: 'portable', integralTo: null })).toEqual({ pump: 'on a portable pump', integral: null });
    expect(doseContextNotes({ pump: 'implantable', integralTo: null }).pump).toBe('on an implantable pump');
  });

  it('names the procedure a drug was part of and that it has no administration code', () => {
    expect(doseContextNotes({ pump: null, integralTo: 'blood transfusion' })).toEqual({ pump: null, integral: 'part of blood transfusion — no administration code' });
  });

  it('says nothing for a dose charted without either (rows from before migration 0008 too)', () => {
    expect(doseContextNotes({ pump: null, integralTo: null })).toEqual({ pump: null, integral: null });
    expect(doseContextNotes({})).toEqual({ pump: null, integral: null });
  });
});
