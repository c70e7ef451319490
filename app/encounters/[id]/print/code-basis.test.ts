import { describe, expect, it } from 'vitest';
import { codeBasis } from './code-basis';

const base = { rule: 'R-HCPCS-UNITS', explanation: 'Ondansetron HCl 8 mg ÷ 1 mg = 8 units. No JW/JZ: J2405 is packaged.', overrideReason: null, engine: null };

describe('print codes table: a coder decision is shown as such (issue 15 review)', () => {
  it('an overridden line names the engine suggestion and the reason, and labels the engine text as the engine\'s', () => {
    const r = codeBasis({ ...base, source: 'override', engine: { code: 'J2405', units: 8, modifiers: [] }, overrideReason: 'Payer wants JZ' });
    expect(r.decision).toBe('Overridden (engine: J2405 × 8): Payer wants JZ');
    expect(r.basis).toMatch(/^Engine's suggestion was based on R-HCPCS-UNITS: .*No JW\/JZ: J2405 is packaged\.$/);
  });

  it('an engine line prints its rule and explanation only; an added line says the coder added it', () => {
    expect(codeBasis({ ...base, source: 'engine' })).toEqual({ decision: null, basis: `R-HCPCS-UNITS: ${base.explanation}` });
    expect(codeBasis({ ...base, source: 'added', overrideReason: 'Unlisted drug' }).decision).toBe('Added by the coder: Unlisted drug');
  });
});
