// Small formularies for engine tests (issue 14): payment status and fluid
// codes are set here, so the tests do not depend on the starter data, which
// is edited on its own schedule.
import type { FormularyDrug, HcpcsCode, PaymentStatus } from '../../formulary/define';

function code(c: string, amount: string, unit: HcpcsCode['billingUnit'], descriptor: 'per' | 'up to', paymentStatus?: PaymentStatus): HcpcsCode {
  return { code: c, billingAmount: amount, billingUnit: unit, descriptor, descriptorText: `${descriptor} ${amount} ${unit}`, effectiveFrom: null, effectiveTo: null, ...(paymentStatus ? { paymentStatus } : {}) };
}

function drug(key: string, name: string, hcpcs: HcpcsCode[], extra: Partial<FormularyDrug> = {}): FormularyDrug {
  return { key, name, aliases: [], chemo: false, defaultDoseUnit: 'mg', usualDose: '1', strengthText: '', typicalKinds: ['push'], hcpcs, products: [], supplyBilling: true, ...extra };
}

/** Ondansetron J2405 per 1 mg with the given OPPS status (absent = not recorded); a 4 mg/2 mL single-dose vial 99999-901-01. */
export function ondansetron(status?: PaymentStatus): FormularyDrug {
  return drug('ondansetron', 'Ondansetron', [code('J2405', '1', 'mg', 'per', status)], {
    products: [{ ndc10: '99999-901-01', ndc11: '99999090101', description: 'Ondansetron 4 mg/2 mL SDV', containerType: 'single-dose', amountPerContainer: '4', amountUnit: 'mg', amountPerMl: '2', placeholderNdc: true }],
  });
}

/** Dexamethasone J1100 per 1 mg; two strengths (4 and 10 mg/mL), so a dose in mL needs its concentration. */
export const DEXAMETHASONE = drug('dexamethasone', 'Dexamethasone sodium phosphate', [code('J1100', '1', 'mg', 'per', 'packaged')], {
  typicalKinds: ['push', 'injection'],
  products: [
    { ndc10: '99999-902-01', ndc11: '99999090201', description: 'Dexamethasone 4 mg/mL, 1 mL', containerType: 'single-dose', amountPerContainer: '4', amountUnit: 'mg', amountPerMl: '4', placeholderNdc: true },
    { ndc10: '99999-903-01', ndc11: '99999090301', description: 'Dexamethasone 10 mg/mL, 10 mL', containerType: 'multiple-dose', amountPerContainer: '100', amountUnit: 'mg', amountPerMl: '10', placeholderNdc: true },
  ],
});

/** Fentanyl J3010 per 0.1 mg, charted in mcg. */
export const FENTANYL = drug('fentanyl', 'Fentanyl citrate', [code('J3010', '0.1', 'mg', 'per', 'separately-payable')]);

/** Diphenhydramine J1200 up to 50 mg. */
export const DIPHENHYDRAMINE = drug('diphenhydramine', 'Diphenhydramine', [code('J1200', '50', 'mg', 'up to', 'packaged')]);

/** Potassium chloride J3480 per 2 mEq. */
export const POTASSIUM = drug('potassium-chloride', 'Potassium chloride', [code('J3480', '2', 'mEq', 'per', 'packaged')], { typicalKinds: ['infusion'], mgPerMeq: '74.55' });

const fluid = (key: string, name: string, aliases: string[], hcpcs: HcpcsCode[]) =>
  drug(key, name, hcpcs, { aliases, defaultDoseUnit: 'mL', typicalKinds: ['hydration', 'infusion'] });

/** Hydration fluids with their volume codes (coding-rules.md §10), smallest bag first so ties keep the smaller code. */
export const FLUIDS: FormularyDrug[] = [
  fluid('ns', 'Sodium chloride 0.9%', ['normal saline', 'ns'], [code('J7050', '250', 'mL', 'per'), code('J7040', '500', 'mL', 'per'), code('J7030', '1000', 'mL', 'per')]),
  fluid('lr', "Lactated Ringer's", ["lactated ringer's", 'lr'], [code('J7120', '1000', 'mL', 'up to')]),
  fluid('d5ns', 'Dextrose 5% in sodium chloride 0.9%', ['d5ns', 'd5/ns'], [code('J7042', '500', 'mL', 'per')]),
];

/** The whole fixture list, ondansetron with the given status. */
export function fixtureFormulary(ondansetronStatus?: PaymentStatus): FormularyDrug[] {
  return [ondansetron(ondansetronStatus), DEXAMETHASONE, FENTANYL, DIPHENHYDRAMINE, POTASSIUM, ...FLUIDS];
}
