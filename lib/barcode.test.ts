import { describe, expect, it } from 'vitest';
import { ndcFromScan, scanVial } from './barcode';

describe('NDC from a scan', () => {
  it('reads the worked example of drug-reference.md §3 in every carrier', () => {
    expect(ndcFromScan('312345678906')).toEqual({ ndc10Digits: '1234567890' }); // UPC-A
    expect(ndcFromScan('00312345678906')).toEqual({ ndc10Digits: '1234567890' }); // GTIN-14
    expect(ndcFromScan('0100312345678906172711301 0LOT7A')).toEqual({ ndc10Digits: '1234567890' });
    expect(ndcFromScan('(01)00312345678906(17)271130')).toEqual({ ndc10Digits: '1234567890' });
    expect(ndcFromScan('12345-678-90')).toEqual({ ndc10Digits: '1234567890' });
    expect(ndcFromScan('12345067890')).toEqual({ ndc11: '12345067890' });
  });

  it('refuses a wrong check digit and non-codes', () => {
    expect(ndcFromScan('00312345678905')).toBeNull();
    expect(ndcFromScan('312345678905')).toBeNull();
    expect(ndcFromScan('ondansetron')).toBeNull();
  });
});

describe('one scan of a vial DataMatrix', () => {
  const GS = '\u001d';
  it('fills NDC, expiry, lot and serial from every shape a scanner sends', () => {
    const want = { ok: true, scan: { ndc10Digits: '1234567890', expiry: '2027-11-30', lot: 'LOT7A', serial: 'SN000123' } };
    expect(scanVial(`010031234567890617271130` + `10LOT7A${GS}21SN000123`, 2026)).toEqual(want);
    expect(scanVial(`]d2010031234567890617271130` + `10LOT7A${GS}21SN000123`, 2026)).toEqual(want);
    expect(scanVial('(01)00312345678906(17)271130(10)LOT7A(21)SN000123', 2026)).toEqual(want);
  });

  it('keeps reading bare product codes, and says nothing for a drug name', () => {
    expect(scanVial('312345678906', 2026)).toEqual({ ok: true, scan: { ndc10Digits: '1234567890' } });
    expect(scanVial('ondansetron', 2026)).toBeNull();
  });

  it('refuses a GS1 string that is broken or not a US drug', () => {
    expect(scanVial('(01)00312345678905(17)271130', 2026)).toMatchObject({ ok: false });
    // GTIN of a non-drug (EAN-13 0 4006381333931 → GTIN-14 04006381333931).
    expect(scanVial('(01)04006381333931(17)271130', 2026)).toEqual({ ok: false, error: expect.stringMatching(/not a US drug/) });
  });
});
