import { describe, expect, it } from 'vitest';
import { GS, looksLikeGs1, parseGs1 } from './gs1';

// drug-reference.md §3.1 worked example: NDC 12345-678-90 → GTIN-14 00312345678906.
const GTIN = '00312345678906';
const vial = { gtin: GTIN, expiry: '2027-11-30', lot: 'LOT7A', serial: 'SN000123' };

describe('GS1 element strings from a vial DataMatrix', () => {
  it('reads the raw string with the group separator after the variable lot', () => {
    expect(parseGs1(`01${GTIN}17271130` + `10LOT7A${GS}21SN000123`, 2026)).toEqual({ ok: true, vial });
  });

  it('reads it with the ]d2 symbology prefix and a leading FNC1', () => {
    expect(parseGs1(`]d201${GTIN}1727113010LOT7A${GS}21SN000123`, 2026)).toEqual({ ok: true, vial });
    expect(parseGs1(`${GS}01${GTIN}1727113010LOT7A${GS}21SN000123`, 2026)).toEqual({ ok: true, vial });
  });

  it('reads the human-readable form with parentheses, in any order', () => {
    expect(parseGs1(`(01)${GTIN}(17)271130(10)LOT7A(21)SN000123`, 2026)).toEqual({ ok: true, vial });
    expect(parseGs1(`(21)SN000123(10)LOT7A(01)${GTIN}(17)271130`, 2026)).toEqual({ ok: true, vial });
  });

  it('serial before lot, lot last without a separator', () => {
    expect(parseGs1(`01${GTIN}21SN000123${GS}17271130` + '10LOT7A', 2026)).toEqual({ ok: true, vial });
  });

  it('day 00 is the last day of the month, leap years included', () => {
    const exp = (yymmdd: string) => {
      const r = parseGs1(`01${GTIN}17${yymmdd}`, 2026);
      return r.ok ? r.vial.expiry : r.error;
    };
    expect(exp('280200')).toBe('2028-02-29');
    expect(exp('270200')).toBe('2027-02-28');
    expect(exp('270400')).toBe('2027-04-30');
    expect(exp('270415')).toBe('2027-04-15');
    expect(exp('270431')).toMatch(/not a real date/);
    expect(exp('271301')).toMatch(/not a real date/);
  });

  it('decides the century by the GS1 sliding window around the reference year', () => {
    const year = (yy: string, ref: number) => {
      const r = parseGs1(`01${GTIN}17${yy}0101`, ref);
      return r.ok ? r.vial.expiry?.slice(0, 4) : r.error;
    };
    expect(year('76', 2026)).toBe('2076'); // 50 ahead: this century
    expect(year('77', 2026)).toBe('1977'); // 51 ahead: last century
    expect(year('98', 2047)).toBe('1998'); // 51 ahead
    expect(year('98', 2048)).toBe('2098'); // 50 ahead
    expect(year('01', 2099)).toBe('2101'); // 98 behind: next century
  });

  it('refuses a failed GTIN check digit, a missing GTIN, unknown AIs and cut strings', () => {
    expect(parseGs1(`0100312345678905172711301${'0'}LOT7A`, 2026)).toMatchObject({ ok: false });
    expect(parseGs1(`(01)00312345678905(17)271130`, 2026)).toEqual({ ok: false, error: expect.stringMatching(/check digit/) });
    expect(parseGs1(`(17)271130(10)LOT7A`, 2026)).toEqual({ ok: false, error: expect.stringMatching(/GTIN/) });
    expect(parseGs1(`01${GTIN}9912345`, 2026)).toEqual({ ok: false, error: expect.stringMatching(/Unrecognised/) });
    expect(parseGs1(`01${GTIN}1727`, 2026)).toEqual({ ok: false, error: expect.stringMatching(/cut short/) });
    expect(parseGs1(`01${GTIN}10${'X'.repeat(21)}`, 2026)).toEqual({ ok: false, error: expect.stringMatching(/wrong length/) });
    expect(parseGs1('ondansetron', 2026)).toMatchObject({ ok: false });
  });

  it('tells a GS1 string from a bare NDC, UPC or GTIN', () => {
    expect(looksLikeGs1(`01${GTIN}17271130`)).toBe(true);
    expect(looksLikeGs1(`]d201${GTIN}17271130`)).toBe(true);
    expect(looksLikeGs1(`(01)${GTIN}`)).toBe(true);
    expect(looksLikeGs1(GTIN)).toBe(false);
    expect(looksLikeGs1('312345678906')).toBe(false);
    expect(looksLikeGs1('12345-678-90')).toBe(false);
  });
});
