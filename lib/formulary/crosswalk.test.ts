// The CMS crosswalk import, pure part: the sample files in CMS's layout
// (test/fixtures/cms-asp-ndc-hcpcs-*.csv, fictitious labelers 99996–99998)
// against a small formulary made here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndc10To11 } from './define';
import { decodeCrosswalkFile, ndc11To10, parseCrosswalk, previewCrosswalk, rowErrorText, type CrosswalkState } from './crosswalk';

const fixture = (name: string) => decodeCrosswalkFile(readFileSync(path.resolve('test/fixtures', name)));
const SAMPLE = fixture('cms-asp-ndc-hcpcs-sample.csv');
const MALFORMED = fixture('cms-asp-ndc-hcpcs-malformed.csv');

const [ONDANSETRON, CEFTRIAXONE, KETOROLAC, HYDROMORPHONE] = [1, 2, 3, 4];
/** The formulary before this quarter's file. */
const STATE: CrosswalkState = {
  codes: [
    { code: 'J2405', drugId: ONDANSETRON, drugName: 'Ondansetron HCl' },
    { code: 'J0696', drugId: CEFTRIAXONE, drugName: 'Ceftriaxone sodium' },
    { code: 'J1885', drugId: KETOROLAC, drugName: 'Ketorolac tromethamine' },
    { code: 'J1171', drugId: HYDROMORPHONE, drugName: 'Hydromorphone HCl' },
    { code: 'J1170', drugId: HYDROMORPHONE, drugName: 'Hydromorphone HCl' },
  ],
  products: [
    { id: 10, drugId: ONDANSETRON, ndc11: '99998010210', containerType: 'multiple-dose', hcpcsCode: 'J2405', billableUnitsPerPackage: '20', labelerName: 'Fictitious Pharma 99998' },
    { id: 11, drugId: ONDANSETRON, ndc11: '99998010401', containerType: 'multiple-dose', hcpcsCode: 'J2405', billableUnitsPerPackage: '40.0', labelerName: 'Fictitious Pharma 99998' },
    { id: 12, drugId: ONDANSETRON, ndc11: '99997010301', containerType: 'single-dose', hcpcsCode: 'J2405', billableUnitsPerPackage: '4', labelerName: 'Example Labs 99997' },
    { id: 13, drugId: HYDROMORPHONE, ndc11: '99998040125', containerType: 'single-dose', hcpcsCode: 'J1170', billableUnitsPerPackage: '250', labelerName: 'Fictitious Pharma 99998' },
    { id: 14, drugId: CEFTRIAXONE, ndc11: '99999000101', containerType: 'pharmacy-bulk', hcpcsCode: null, billableUnitsPerPackage: null, labelerName: null },
  ],
};

describe('reading the CMS file', () => {
  it('skips the preamble and finds the header by its column names, the code column whatever its year', () => {
    const parsed = parseCrosswalk(SAMPLE);
    expect(parsed.fileError).toBeNull();
    expect(parsed.headerLine).toBe(9);
    expect(parsed.codeColumn).toBe('_2025_CODE');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.line)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(parsed.rows[0]).toMatchObject({ code: 'J2405', ndc11: '99998010125', dosage: '1 MG', packageQuantity: '25', billableUnits: '4', billableUnitsPerPackage: '100' });
    // Quoted field with a comma; ISO-8859-1 "é" decoded.
    expect(parsed.rows[5]!.shortDescription).toBe('Ketorolac tromethamine inj, per 15 mg');
    expect(parsed.rows[3]!.labelerName).toBe('Laboratoires Fictifs Société');
    const lower = parseCrosswalk(MALFORMED);
    expect([lower.headerLine, lower.codeColumn]).toEqual([9, '_2026_code']);
  });

  it('finds the header wherever it is, and says so when there is none', () => {
    const moved = parseCrosswalk(`Title\n${SAMPLE.split(/\r?\n/).slice(8).join('\n')}`);
    expect(moved.headerLine).toBe(2);
    expect(moved.rows).toHaveLength(9);
    const none = parseCrosswalk('Title\nHCPCS,NDC,Units\nJ2405,99998-0101-25,4\n');
    expect(none.fileError).toMatch(/No header row found/);
    expect(previewCrosswalk(none, STATE).canApply).toBe(false);
  });

  it('refuses the malformed rows with their line numbers and keeps the good ones', () => {
    const parsed = parseCrosswalk(MALFORMED);
    expect(parsed.errors.map(rowErrorText)).toEqual([
      "line 11: NDC2 '1234' is not an 11-digit NDC",
      "line 12: BILLUNITS 'four' is not a positive number",
      'line 13: _2026_code (HCPCS code) is missing',
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([10, 14]);
    const preview = previewCrosswalk(parsed, STATE);
    expect(preview.newProducts).toHaveLength(1); // shown, but …
    expect(preview.canApply).toBe(false); // … nothing is applied until the file is fixed
  });

  it('gives the line a row starts on when a quoted field spans lines', () => {
    const text = `${SAMPLE.split(/\r?\n/).slice(0, 9).join('\n')}\nJ2405,"Ondansetron\nhcl",Lab,99998-0101-25,X,1 MG,2,25,4,100\nJ2405,x,Lab,1234,X,1 MG,2,25,4,100\n`;
    expect(parseCrosswalk(text).errors.map((e) => e.line)).toEqual([12]);
  });
});

describe('NDC-11 to NDC-10', () => {
  it('drops the one padding zero, the reverse of ndc10To11 for each of the three layouts', () => {
    for (const ndc10 of ['1234-5678-90', '12345-678-90', '12345-6789-1']) {
      const ndc11 = ndc10To11(ndc10)!;
      expect(ndc11To10(ndc11)).toEqual({ ndc10, derived: true });
    }
  });
  it('keeps the 11-digit form when two segments start with 0 (ambiguous) or none does', () => {
    expect(ndc11To10('99998045605')).toEqual({ ndc10: '99998-0456-05', derived: false });
    expect(ndc11To10('12345678912')).toEqual({ ndc10: '12345-6789-12', derived: false });
  });
});

describe('preview against the formulary', () => {
  const preview = previewCrosswalk(parseCrosswalk(SAMPLE), STATE);

  it('adds exactly the new NDCs of formulary codes, as unconfirmed crosswalk products', () => {
    expect(preview.newProducts.map((p) => [p.line, p.ndc11, p.drugId, p.code])).toEqual([
      [10, '99998010125', ONDANSETRON, 'J2405'],
      [13, '99998020110', CEFTRIAXONE, 'J0696'],
      [14, '99998045605', CEFTRIAXONE, 'J0696'],
      [15, '99997030125', KETOROLAC, 'J1885'],
    ]);
    const [ondansetron, ceftriaxone, ceftriaxone2g, ketorolac] = preview.newProducts;
    expect(ondansetron).toMatchObject({ ndc10: '99998-101-25', ndc10Derived: true, amountPerContainer: '4', amountUnit: 'mg', billableUnitsPerPackage: '100', containerType: 'multiple-dose', labelerName: 'Fictitious Pharma 99998' });
    expect(ceftriaxone).toMatchObject({ ndc10: '99998-201-10', amountPerContainer: '1000', amountUnit: 'mg', billableUnitsPerPackage: '40', containerType: 'pharmacy-bulk', packageText: '10 × 1' });
    expect(ceftriaxone2g).toMatchObject({ ndc10: '99998-0456-05', ndc10Derived: false, amountPerContainer: '2000' });
    // Ketorolac has no product yet: single-dose, unconfirmed.
    expect(ketorolac).toMatchObject({ amountPerContainer: '30', containerType: 'single-dose' });
  });

  it('changes exactly the known NDCs whose units or code differ, and names a move to another drug', () => {
    expect(preview.updates.map((u) => [u.line, u.productId])).toEqual([
      [11, 10],
      [16, 12],
      [17, 13],
    ]);
    const [units, moved, recoded] = preview.updates;
    expect(units).toMatchObject({ unitsChange: { old: '20', new: '40' }, codeChange: null, move: null, labelerChange: null });
    expect(moved).toMatchObject({ codeChange: { old: 'J2405', new: 'J1885' }, drugId: ONDANSETRON, move: { newDrugId: KETOROLAC, newDrugName: 'Ketorolac tromethamine' }, unitsChange: null });
    expect(recoded).toMatchObject({ codeChange: { old: 'J1170', new: 'J1171' }, move: null, unitsChange: null });
    expect(preview.unchanged).toBe(1); // 40 and 40.0 are the same number
  });

  it('lists the rows of codes not in the formulary as ignored', () => {
    expect(preview.ignored).toEqual([{ code: 'J9999', shortDescription: 'Antineoplastic drugs, noc', reason: 'code-not-in-formulary', lines: [18], knownNdcs: [] }]);
    expect(preview).toMatchObject({ rowsRead: 9, errors: [], canApply: true });
  });

  it('changes nothing once the formulary holds what the file says', () => {
    const after: CrosswalkState = {
      codes: STATE.codes,
      products: [
        ...STATE.products.map((p) => {
          const u = preview.updates.find((x) => x.productId === p.id);
          return u ? { ...p, drugId: u.move?.newDrugId ?? p.drugId, hcpcsCode: u.code, billableUnitsPerPackage: u.unitsChange?.new ?? p.billableUnitsPerPackage } : p;
        }),
        ...preview.newProducts.map((p, i) => ({ id: 100 + i, drugId: p.drugId, ndc11: p.ndc11, containerType: p.containerType, hcpcsCode: p.code, billableUnitsPerPackage: p.billableUnitsPerPackage, labelerName: p.labelerName })),
      ],
    };
    const again = previewCrosswalk(parseCrosswalk(SAMPLE), after);
    expect([again.newProducts, again.updates, again.unchanged, again.canApply]).toEqual([[], [], 8, false]);
  });

  it('does not place an NDC by a code two drugs share, nor one listed under two of our codes', () => {
    const shared: CrosswalkState = { ...STATE, codes: [...STATE.codes, { code: 'J0696', drugId: 9, drugName: 'Ceftriaxone (second entry)' }] };
    const p = previewCrosswalk(parseCrosswalk(SAMPLE), shared);
    expect(p.newProducts.some((n) => n.code === 'J0696')).toBe(false);
    expect(p.ignored.find((g) => g.code === 'J0696')).toMatchObject({ reason: 'code-on-several-drugs', lines: [13, 14] });
    const twice = `${SAMPLE}J0696,x,Fictitious Pharma 99998,99998-0101-25,X,250 MG,1,1,4,4\r\n`;
    const q = previewCrosswalk(parseCrosswalk(twice), STATE);
    expect(q.newProducts.some((n) => n.ndc11 === '99998010125')).toBe(false);
    expect(q.ignored.filter((g) => g.reason === 'ndc-under-several-codes').flatMap((g) => g.lines)).toEqual([10, 19]);
  });
});
