import { describe, expect, it } from 'vitest';
import { STARTER_FORMULARY, type FormularyProduct } from '../formulary/starter-formulary';
import { claimCsvRows, claimLinesCsv, ndcQuantity, type ClaimCsvRow } from './claim-csv';
import { administration, CLASSIC_ADMINISTRATIONS, CLASSIC_LINES, FORMULARY, ONDANSETRON_VIAL } from './test-fixtures';

const CODER = { name: 'Casey Morgan', credentials: 'CPC' };
const HEADER = '"encounter_id","mrn","date_of_service","code","modifiers","units","ndc_11","ndc_quantity","ndc_unit_qualifier","revenue_code","performer","coder","ndc_flag"';

function product(p: Partial<FormularyProduct>): FormularyProduct {
  return { ndc10: '99999-900-01', ndc11: '99999090001', description: 'test', containerType: 'single-dose', amountPerContainer: '4', amountUnit: 'mg', placeholderNdc: true, ...p };
}

function row(overrides: Partial<ClaimCsvRow>): ClaimCsvRow {
  return {
    encounterId: 7,
    mrn: 'MS-2001',
    dateOfService: '2026-03-02',
    code: '96374',
    modifiers: [],
    units: 1,
    ndc11: '',
    ndcQuantity: '',
    ndcUnitQualifier: '',
    revenueCode: '',
    performers: [{ name: 'Nora Quinn', credentials: 'RN' }],
    coder: CODER,
    ndcFlag: '',
    ...overrides,
  };
}

describe('claimLinesCsv', () => {
  it('exports the classic demo exactly: admin lines under 0260, J2405 × 8 under 0636 with its NDC quantity', () => {
    const rows = claimCsvRows({
      encounter: { id: 1, mrn: 'ED-100234', setting: 'facility', timeZone: 'America/New_York' },
      lines: CLASSIC_LINES,
      administrations: CLASSIC_ADMINISTRATIONS,
      formulary: FORMULARY,
      coder: CODER,
    });
    expect(claimLinesCsv(rows)).toBe(
      '\uFEFF' +
        HEADER +
        '\r\n' +
        '"1","ED-100234","2026-03-02","96374","","1","","","","0260","Nora Quinn, RN","Casey Morgan, CPC",""\r\n' +
        '"1","ED-100234","2026-03-02","96376","","1","","","","0260","Nora Quinn, RN","Casey Morgan, CPC",""\r\n' +
        '"1","ED-100234","2026-03-02","J2405","JZ","8","99999000101","4","ML","0636","Nora Quinn, RN","Casey Morgan, CPC","placeholder"\r\n',
    );
  });

  it('starts with a UTF-8 BOM, ends every record with CRLF and has no bare LF', () => {
    const csv = claimLinesCsv([row({ performers: [{ name: 'Tomás Reyes', credentials: 'RN' }] })]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    expect(csv).toContain('"Tomás Reyes, RN"');
  });

  it('an empty export is the header alone', () => {
    expect(claimLinesCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
    expect(claimLinesCsv([], { bom: false })).toBe(`${HEADER}\r\n`);
  });

  it('quotes every field and doubles inner quotes, so commas, quotes and line breaks survive', () => {
    const csv = claimLinesCsv([row({ performers: [{ name: 'O\'Neil, "Pat"', credentials: 'RN' }], mrn: 'A\r\nB' })]);
    const record = csv.slice(csv.indexOf('\r\n') + 2, -2);
    expect(record).toBe('"7","A\r\nB","2026-03-02","96374","","1","","","","","O\'Neil, ""Pat"", RN","Casey Morgan, CPC",""');
  });

  it('guards free text against formula injection but leaves our numbers alone', () => {
    const csv = claimLinesCsv([
      row({
        mrn: '=HYPERLINK("http://x","y")',
        code: '+96374',
        modifiers: ['@SUM(A1)'],
        performers: [{ name: '-2+3', credentials: 'RN' }, { name: '\tTab', credentials: '' }],
        coder: { name: '\rCR', credentials: 'CPC' },
        units: -1,
        ndcQuantity: '0.5',
      }),
    ]);
    const record = csv.split('\r\n')[1]!;
    expect(record).toBe(
      '"7","\'=HYPERLINK(""http://x"",""y"")","2026-03-02","\'+96374","\'@SUM(A1)","-1","","0.5","","","\'-2+3, RN; \tTab","\'\rCR, CPC",""',
    );
  });

  it('a non-numeric value in a numeric column is guarded like text', () => {
    const csv = claimLinesCsv([row({ ndcQuantity: '=1+1', ndcUnitQualifier: 'ML' })]);
    expect(csv.split('\r\n')[1]).toContain('"\'=1+1","ML"');
  });
});

describe('claimCsvRows', () => {
  it('an office (non-facility) encounter has no revenue codes', () => {
    const rows = claimCsvRows({
      encounter: { id: 3, mrn: 'MS-2001', setting: 'non-facility', timeZone: 'America/Chicago' },
      lines: CLASSIC_LINES,
      administrations: CLASSIC_ADMINISTRATIONS,
      formulary: FORMULARY,
      coder: CODER,
    });
    expect(rows.map((r) => r.revenueCode)).toEqual(['', '', '']);
    expect(claimLinesCsv(rows).split('\r\n')[3]).toBe('"3","MS-2001","2026-03-02","J2405","JZ","8","99999000101","4","ML","","Nora Quinn, RN","Casey Morgan, CPC","placeholder"');
  });

  it('lists the distinct performers of a line in charting order', () => {
    const administrations = [
      administration({ id: 1 }),
      administration({ id: 2, performerName: 'Tomás Reyes', performerId: 'user-nurse-2' }),
      administration({ id: 3 }),
    ];
    const [drugLine] = claimCsvRows({
      encounter: { id: 1, mrn: 'ED-100234', setting: 'facility' },
      lines: [{ ...CLASSIC_LINES[2]!, units: 12, administrationIds: ['1', '2', '3'] }],
      administrations,
      formulary: FORMULARY,
      coder: CODER,
    });
    expect(drugLine!.performers).toEqual([
      { name: 'Nora Quinn', credentials: 'RN' },
      { name: 'Tomás Reyes', credentials: 'RN' },
    ]);
    expect(drugLine!.ndcQuantity).toBe('6');
    expect(claimLinesCsv([drugLine!])).toContain('"Nora Quinn, RN; Tomás Reyes, RN"');
  });

  it('a JW line reports the discarded amount as its NDC quantity', () => {
    const morphine = STARTER_FORMULARY.find((d) => d.key === 'morphine')!;
    const vial = morphine.products.find((p) => p.amountPerContainer === '10')!;
    const given = administration({ id: 5, drugKey: 'morphine', drugName: 'Morphine sulfate', doseValue: '4', wastedValue: '6', wastedUnit: 'mg', ndc: vial.ndc11 });
    const base = { rule: 'r', explanation: 'e', source: 'engine' as const, dateOfService: '2026-03-02', ndc11: vial.ndc11, administrationIds: ['5'], kind: 'hcpcs' as const, code: 'J2270' };
    const rows = claimCsvRows({
      encounter: { id: 2, mrn: 'ED-100871', setting: 'facility' },
      lines: [
        { ...base, key: 'a', units: 1, modifiers: [] },
        { ...base, key: 'b', units: 1, modifiers: ['JW'] },
      ],
      administrations: [given],
      formulary: FORMULARY,
      coder: CODER,
    });
    expect(rows.map((r) => [r.ndcQuantity, r.ndcUnitQualifier])).toEqual([
      ['0.4', 'ML'],
      ['0.6', 'ML'],
    ]);
  });

  it('leaves the NDC quantity empty when the line has no NDC or the NDC is not in the formulary', () => {
    const rows = claimCsvRows({
      encounter: { id: 1, mrn: 'ED-100234', setting: 'facility' },
      lines: [CLASSIC_LINES[0]!, { ...CLASSIC_LINES[2]!, ndc11: '12345678901' }, { ...CLASSIC_LINES[2]!, ndc11: null }],
      administrations: CLASSIC_ADMINISTRATIONS,
      formulary: FORMULARY,
      coder: CODER,
    });
    expect(rows.map((r) => [r.ndc11, r.ndcQuantity, r.ndcUnitQualifier])).toEqual([
      ['', '', ''],
      ['12345678901', '', ''],
      ['', '', ''],
    ]);
    // The unknown NDC is flagged for billing; no NDC, no flag.
    expect(rows.map((r) => r.ndcFlag)).toEqual(['', 'not-in-formulary', '']);
  });

  it('flags a placeholder NDC in the last column and leaves a real product\'s NDC unflagged', () => {
    const ondansetron = FORMULARY.find((d) => d.key === 'ondansetron')!;
    const real = product({ ndc10: '0409-4755-03', ndc11: '00409475503', amountPerContainer: '4', amountUnit: 'mg', amountPerMl: '2', placeholderNdc: false });
    const formulary = FORMULARY.map((d) => (d === ondansetron ? { ...d, products: [...d.products, real] } : d));
    const rows = claimCsvRows({
      encounter: { id: 1, mrn: 'ED-100234', setting: 'facility' },
      lines: [CLASSIC_LINES[2]!, { ...CLASSIC_LINES[2]!, key: 'real', ndc11: real.ndc11 }],
      administrations: CLASSIC_ADMINISTRATIONS,
      formulary,
      coder: CODER,
    });
    const [header, placeholder, realLine] = claimLinesCsv(rows, { bom: false }).split('\r\n');
    expect(header!.split(',').at(-1)).toBe('"ndc_flag"');
    expect(placeholder).toBe('"1","ED-100234","2026-03-02","J2405","JZ","8","99999000101","4","ML","0636","Nora Quinn, RN","Casey Morgan, CPC","placeholder"');
    expect(realLine).toBe('"1","ED-100234","2026-03-02","J2405","JZ","8","00409475503","4","ML","0636","Nora Quinn, RN","Casey Morgan, CPC",""');
  });
});

describe('ndcQuantity', () => {
  it('ondansetron 8 mg from a 2 mg/mL product is 4 ML (not the 8 HCPCS units)', () => {
    expect(ndcQuantity({ value: '8', unit: 'mg' }, ONDANSETRON_VIAL)).toEqual({ quantity: '4', qualifier: 'ML' });
  });

  it('sums several doses before rounding to 3 decimals, half up, in exact decimals', () => {
    const p = product({ amountPerMl: '3', amountPerContainer: '30', containerType: 'multiple-dose' });
    expect(ndcQuantity({ value: '1', unit: 'mg' }, p)).toEqual({ quantity: '0.333', qualifier: 'ML' });
    expect(ndcQuantity({ value: '2', unit: 'mg' }, p)).toEqual({ quantity: '0.667', qualifier: 'ML' });
    expect(ndcQuantity([{ value: '1', unit: 'mg' }, { value: '2', unit: 'mg' }], p)).toEqual({ quantity: '1', qualifier: 'ML' });
    // 0.07 / 0.01 in floating point is 7.000000000000001.
    expect(ndcQuantity({ value: '0.07', unit: 'mg' }, product({ amountPerMl: '0.01' }))).toEqual({ quantity: '7', qualifier: 'ML' });
  });

  it('converts mcg/mg/g and takes a dose charted in mL as it is', () => {
    const hydromorphone = STARTER_FORMULARY.find((d) => d.key === 'hydromorphone')!.products[0]!; // 1 mg/mL
    expect(ndcQuantity({ value: '500', unit: 'mcg' }, hydromorphone)).toEqual({ quantity: '0.5', qualifier: 'ML' });
    expect(ndcQuantity({ value: '1.5', unit: 'mL' }, hydromorphone)).toEqual({ quantity: '1.5', qualifier: 'ML' });
    expect(ndcQuantity({ value: '0.002', unit: 'g' }, ONDANSETRON_VIAL)).toEqual({ quantity: '1', qualifier: 'ML' });
  });

  it('a product without a concentration is counted in containers (UN)', () => {
    const pantoprazole = STARTER_FORMULARY.find((d) => d.key === 'pantoprazole')!.products[0]!; // 40 mg powder, single-dose
    expect(pantoprazole.amountPerMl).toBeUndefined();
    expect(ndcQuantity({ value: '40', unit: 'mg' }, pantoprazole)).toEqual({ quantity: '1', qualifier: 'UN' });
    expect(ndcQuantity({ value: '80', unit: 'mg' }, pantoprazole)).toEqual({ quantity: '2', qualifier: 'UN' });
    // Single-dose: every dose opens its own vial, even when two would fit in one.
    expect(ndcQuantity([{ value: '20', unit: 'mg' }, { value: '20', unit: 'mg' }], pantoprazole)).toEqual({ quantity: '2', qualifier: 'UN' });
    // Multiple-dose: doses share the container.
    const mdv = product({ containerType: 'multiple-dose', amountPerContainer: '40' });
    expect(ndcQuantity([{ value: '20', unit: 'mg' }, { value: '20', unit: 'mg' }], mdv)).toEqual({ quantity: '1', qualifier: 'UN' });
  });

  it('converts mEq with the drug’s mg per mEq, and gives up when it cannot convert', () => {
    const p = product({ amountUnit: 'mg', amountPerMl: '100', amountPerContainer: '1000' });
    expect(ndcQuantity({ value: '2', unit: 'mEq' }, p, { mgPerMeq: '100' })).toEqual({ quantity: '2', qualifier: 'ML' });
    expect(ndcQuantity({ value: '2', unit: 'mEq' }, p)).toBeNull();
    expect(ndcQuantity({ value: '2', unit: 'units' }, p)).toBeNull();
    expect(ndcQuantity({ value: 'four', unit: 'mg' }, p)).toBeNull();
    expect(ndcQuantity([], p)).toBeNull();
    expect(ndcQuantity({ value: '1', unit: 'mL' }, product({}))).toBeNull();
  });
});
