import { describe, expect, it } from 'vitest';
import { addLineSchema, changeLineSchema, KNOWN_MODIFIERS, lineKindOfKey } from './coder-schema';

const change = (lineKey: string, code: string, modifiers: string) =>
  changeLineSchema.safeParse({ encounterId: 1, lineKey, code, units: '1', modifiers, reason: 'payer asked for it' });
const add = (kind: 'cpt' | 'hcpcs', code: string, modifiers: string) =>
  addLineSchema.safeParse({ encounterId: 1, kind, code, units: '1', modifiers, administrationIds: [], reason: 'payer asked for it' });
const issueAt = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) => (r.success || !r.error ? [] : r.error.issues.filter((i) => i.path[0] === field).map((i) => i.message));

const drugKey = 'hcpcs:J2405:2026-11-30:JZ:';
const adminKey = 'cpt:96374::12';

describe('override and added lines refuse what no claim can carry (issue 15 review)', () => {
  it('refuses JW and JZ together, beside the modifiers', () => {
    const r = change(drugKey, 'J2405', 'JW JZ');
    expect(r.success).toBe(false);
    expect(issueAt(r, 'modifiers').join(' ')).toMatch(/JW and JZ never go together/);
  });

  it('refuses an unknown modifier and names it', () => {
    const r = change(drugKey, 'J2405', 'ZZ');
    expect(issueAt(r, 'modifiers').join(' ')).toMatch(/Unknown modifier ZZ/);
    expect(issueAt(add('cpt', '96375', 'XE'), 'modifiers').join(' ')).toMatch(/Unknown modifier XE/);
  });

  it('refuses a modifier given twice', () => {
    expect(issueAt(change(drugKey, 'J2405', 'JZ JZ'), 'modifiers').join(' ')).toMatch(/twice/);
  });

  it('refuses an administration code on a drug line and a drug code on an administration line, beside the code', () => {
    expect(issueAt(change(drugKey, '96375', 'JZ'), 'code').join(' ')).toMatch(/administration \(CPT\) code/);
    expect(issueAt(change(adminKey, 'J2405', ''), 'code').join(' ')).toMatch(/drug \(HCPCS\) code/);
    expect(issueAt(add('hcpcs', '96374', ''), 'code').join(' ')).toMatch(/administration \(CPT\) code/);
    expect(issueAt(add('cpt', 'J1885', ''), 'code').join(' ')).toMatch(/drug \(HCPCS\) code/);
  });

  it('refuses JW/JZ on an administration line and 59/XU on a drug line', () => {
    expect(issueAt(change(adminKey, '96374', 'JZ'), 'modifiers').join(' ')).toMatch(/JZ go on the drug supply line/);
    expect(issueAt(add('hcpcs', 'J2405', '59'), 'modifiers').join(' ')).toMatch(/59 go on an administration line/);
  });

  it('accepts each known modifier on its kind of line', () => {
    for (const [m, kind] of Object.entries(KNOWN_MODIFIERS)) {
      const r = kind === 'cpt' ? change(adminKey, '96374', m) : change(drugKey, 'J2405', m);
      expect(r.success, m).toBe(true);
    }
    expect(add('cpt', '96374', '59').success).toBe(true);
    expect(add('hcpcs', 'j2405', 'jw').success).toBe(true);
  });

  it('reads the kind of line from its review key', () => {
    expect(lineKindOfKey(adminKey)).toBe('cpt');
    expect(lineKindOfKey(drugKey)).toBe('hcpcs');
    expect(lineKindOfKey('k')).toBeNull();
  });
});
