import { describe, expect, it } from 'vitest';
import { ndcFromScan } from './barcode';

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
