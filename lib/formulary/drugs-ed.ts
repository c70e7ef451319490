// Drugs given IV/IM in emergency departments and urgent cares: identities,
// HCPCS codes with effective dates, billing units and example products.
// Transcribed from docs/drug-reference.md §1 (CMS Oct-2025 HCPCS file).
import { drug, noc, per, product, UNCONFIRMED_END, upTo, type FormularyDrug } from './define';

export const ED_DRUGS: FormularyDrug[] = [
  drug({
    key: 'ondansetron', name: 'Ondansetron HCl', aliases: ['zofran'], defaultDoseUnit: 'mg', usualDose: '4',
    strengthText: '2 mg/mL, 2 mL single-dose vial (4 mg); 20 mL multiple-dose vial (40 mg)',
    hcpcs: [per('J2405', '1', 'mg', '1993-01-01')],
    products: [
      product('Ondansetron 2 mg/mL, 2 mL single-dose vial', 'single-dose', '4', 'mg', '2'),
      product('Ondansetron 2 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '40', 'mg', '2'),
    ],
  }),
  drug({
    key: 'metoclopramide', name: 'Metoclopramide HCl', aliases: ['reglan'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '5 mg/mL, 2 mL single-dose vial (10 mg)',
    hcpcs: [upTo('J2765', '10', 'mg', '1982-01-01')],
    products: [product('Metoclopramide 5 mg/mL, 2 mL single-dose vial', 'single-dose', '10', 'mg', '5')],
  }),
  drug({
    key: 'prochlorperazine', name: 'Prochlorperazine edisylate', aliases: ['compazine'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '5 mg/mL, 2 mL single-dose vial (10 mg)',
    hcpcs: [upTo('J0780', '10', 'mg', '1984-01-01')],
    products: [product('Prochlorperazine 5 mg/mL, 2 mL single-dose vial', 'single-dose', '10', 'mg', '5')],
  }),
  drug({
    key: 'promethazine', name: 'Promethazine HCl', aliases: ['phenergan'], defaultDoseUnit: 'mg', usualDose: '12.5',
    strengthText: '25 mg/mL or 50 mg/mL, 1 mL single-dose vial (IV push: tissue-injury warning, check local policy)',
    hcpcs: [upTo('J2550', '50', 'mg', '1982-01-01')],
    products: [
      product('Promethazine 25 mg/mL, 1 mL single-dose vial', 'single-dose', '25', 'mg', '25'),
      product('Promethazine 50 mg/mL, 1 mL single-dose vial', 'single-dose', '50', 'mg', '50'),
    ],
  }),
  drug({
    key: 'diphenhydramine', name: 'Diphenhydramine HCl', aliases: ['benadryl'], defaultDoseUnit: 'mg', usualDose: '25',
    strengthText: '50 mg/mL, 1 mL single-dose vial',
    hcpcs: [upTo('J1200', '50', 'mg', '1982-01-01')],
    products: [product('Diphenhydramine 50 mg/mL, 1 mL single-dose vial', 'single-dose', '50', 'mg', '50')],
  }),
  drug({
    key: 'famotidine', name: 'Famotidine', aliases: ['pepcid'], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: '10 mg/mL: 2 mL single-dose vial (20 mg); 4 mL and 20 mL multiple-dose vials',
    hcpcs: [
      per('J1308', '0.25', 'mg', '2025-04-01'),
      { ...per('S0028', '20', 'mg', null, '2025-03-31', `S-code, not Medicare-payable. ${UNCONFIRMED_END}`), descriptorText: '20 mg' },
    ],
    products: [
      product('Famotidine 10 mg/mL, 2 mL single-dose vial', 'single-dose', '20', 'mg', '10'),
      product('Famotidine 10 mg/mL, 4 mL multiple-dose vial', 'multiple-dose', '40', 'mg', '10'),
      product('Famotidine 10 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '200', 'mg', '10'),
    ],
  }),
  drug({
    key: 'pantoprazole', name: 'Pantoprazole sodium', aliases: ['protonix'], defaultDoseUnit: 'mg', usualDose: '40',
    strengthText: '40 mg lyophilised single-dose vial', typicalKinds: ['push', 'infusion'],
    hcpcs: [
      per('J2470', '40', 'mg', '2024-07-01'),
      per('S0164', '40', 'mg', null, '2024-06-30', `Legacy S-code. ${UNCONFIRMED_END}`),
    ],
    products: [product('Pantoprazole 40 mg single-dose vial (powder)', 'single-dose', '40', 'mg')],
  }),
  drug({
    key: 'morphine', controlledSchedule: 'II', name: 'Morphine sulfate', aliases: [], defaultDoseUnit: 'mg', usualDose: '4',
    strengthText: '2, 4, 8, 10 mg/mL, 1 mL single-dose vial/syringe',
    hcpcs: [upTo('J2270', '10', 'mg', '1982-01-01')],
    products: [
      product('Morphine 2 mg/mL, 1 mL single-dose syringe', 'single-dose', '2', 'mg', '2'),
      product('Morphine 4 mg/mL, 1 mL single-dose syringe', 'single-dose', '4', 'mg', '4'),
      product('Morphine 10 mg/mL, 1 mL single-dose vial', 'single-dose', '10', 'mg', '10'),
    ],
  }),
  drug({
    key: 'hydromorphone', controlledSchedule: 'II', name: 'Hydromorphone HCl', aliases: ['dilaudid'], defaultDoseUnit: 'mg', usualDose: '0.5',
    strengthText: '1, 2, 4 mg/mL, 1 mL single-dose ampul/syringe; usual IV start 0.2–1 mg',
    hcpcs: [
      per('J1171', '0.1', 'mg', '2024-10-01'),
      upTo('J1170', '4', 'mg', null, '2024-09-30', `Legacy "up to 4 mg". ${UNCONFIRMED_END} A third-party page says deleted 2024-10-01.`),
    ],
    products: [
      product('Hydromorphone 1 mg/mL, 1 mL single-dose syringe', 'single-dose', '1', 'mg', '1'),
      product('Hydromorphone 2 mg/mL, 1 mL single-dose syringe', 'single-dose', '2', 'mg', '2'),
    ],
  }),
  drug({
    key: 'fentanyl', controlledSchedule: 'II', name: 'Fentanyl citrate', aliases: ['sublimaze'], defaultDoseUnit: 'mcg', usualDose: '50',
    strengthText: '50 mcg/mL: 2 mL single-dose vial (100 mcg); 5, 10, 20, 50 mL',
    hcpcs: [{ ...per('J3010', '0.1', 'mg', '1982-01-01'), descriptorText: 'per 0.1 mg (100 mcg)' }],
    products: [
      product('Fentanyl 50 mcg/mL, 2 mL single-dose vial', 'single-dose', '100', 'mcg', '50'),
      product('Fentanyl 50 mcg/mL, 5 mL single-dose vial', 'single-dose', '250', 'mcg', '50'),
    ],
  }),
  drug({
    key: 'ketorolac', name: 'Ketorolac tromethamine', aliases: ['toradol'], defaultDoseUnit: 'mg', usualDose: '15',
    strengthText: '15 mg/mL and 30 mg/mL, 1 mL single-dose vial (60 mg/2 mL is IM only)', typicalKinds: ['push', 'injection'],
    hcpcs: [per('J1885', '15', 'mg', '1993-01-01')],
    products: [
      product('Ketorolac 15 mg/mL, 1 mL single-dose vial', 'single-dose', '15', 'mg', '15'),
      product('Ketorolac 30 mg/mL, 1 mL single-dose vial', 'single-dose', '30', 'mg', '30'),
    ],
  }),
  drug({
    key: 'lorazepam', controlledSchedule: 'IV', name: 'Lorazepam', aliases: ['ativan'], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '2 mg/mL and 4 mg/mL, 1 mL vial; 10 mL multiple-dose vial',
    hcpcs: [per('J2060', '2', 'mg', '1982-01-01')],
    products: [
      product('Lorazepam 2 mg/mL, 1 mL single-dose vial', 'single-dose', '2', 'mg', '2'),
      product('Lorazepam 2 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '20', 'mg', '2'),
    ],
  }),
  drug({
    key: 'midazolam', controlledSchedule: 'IV', name: 'Midazolam HCl', aliases: ['versed'], defaultDoseUnit: 'mg', usualDose: '2',
    strengthText: '1 mg/mL and 5 mg/mL, 2/5/10 mL vials',
    hcpcs: [per('J2250', '1', 'mg', '1996-01-01')],
    products: [
      product('Midazolam 1 mg/mL, 2 mL single-dose vial', 'single-dose', '2', 'mg', '1'),
      product('Midazolam 5 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '50', 'mg', '5'),
    ],
  }),
  drug({
    key: 'diazepam', controlledSchedule: 'IV', name: 'Diazepam', aliases: ['valium'], defaultDoseUnit: 'mg', usualDose: '5',
    strengthText: '5 mg/mL: 2 mL syringe (10 mg), 10 mL multiple-dose vial',
    hcpcs: [upTo('J3360', '5', 'mg', '1982-01-01')],
    products: [
      product('Diazepam 5 mg/mL, 2 mL single-dose syringe', 'single-dose', '10', 'mg', '5'),
      product('Diazepam 5 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '50', 'mg', '5'),
    ],
  }),
  drug({
    key: 'haloperidol', name: 'Haloperidol lactate', aliases: ['haldol'], defaultDoseUnit: 'mg', usualDose: '5',
    strengthText: '5 mg/mL, 1 mL single-dose vial (IV use off-label; J1631 decanoate is IM depot, never IV)', typicalKinds: ['push', 'injection'],
    hcpcs: [upTo('J1630', '5', 'mg', '1986-01-01')],
    products: [product('Haloperidol lactate 5 mg/mL, 1 mL single-dose vial', 'single-dose', '5', 'mg', '5')],
  }),
  drug({
    key: 'droperidol', name: 'Droperidol', aliases: ['inapsine'], defaultDoseUnit: 'mg', usualDose: '2.5',
    strengthText: '2.5 mg/mL, 2 mL single-dose vial (5 mg)',
    hcpcs: [upTo('J1790', '5', 'mg', '1982-01-01')],
    products: [product('Droperidol 2.5 mg/mL, 2 mL single-dose vial', 'single-dose', '5', 'mg', '2.5')],
  }),
  drug({
    key: 'dexamethasone', name: 'Dexamethasone sodium phosphate', aliases: ['decadron'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '4 mg/mL (1, 5, 30 mL) and 10 mg/mL (1, 10 mL)',
    hcpcs: [per('J1100', '1', 'mg', '1982-01-01')],
    products: [
      product('Dexamethasone 4 mg/mL, 1 mL single-dose vial', 'single-dose', '4', 'mg', '4'),
      product('Dexamethasone 10 mg/mL, 1 mL single-dose vial', 'single-dose', '10', 'mg', '10'),
      product('Dexamethasone 4 mg/mL, 30 mL multiple-dose vial', 'multiple-dose', '120', 'mg', '4'),
    ],
  }),
  drug({
    key: 'methylprednisolone', name: 'Methylprednisolone sodium succinate', aliases: ['solu-medrol', 'solumedrol'], defaultDoseUnit: 'mg', usualDose: '125',
    strengthText: '40 mg and 125 mg single-dose vials; 500 mg, 1 g (J1010–J1040 acetate is IM, not IV)', typicalKinds: ['push', 'infusion'],
    hcpcs: [
      per('J2919', '5', 'mg', '2024-04-01'),
      upTo('J2920', '40', 'mg', null, '2024-03-31', `Legacy "up to 40 mg". ${UNCONFIRMED_END}`),
      upTo('J2930', '125', 'mg', null, '2024-03-31', `Legacy "up to 125 mg". ${UNCONFIRMED_END}`),
    ],
    products: [
      product('Methylprednisolone 40 mg single-dose vial', 'single-dose', '40', 'mg'),
      product('Methylprednisolone 125 mg single-dose vial', 'single-dose', '125', 'mg'),
    ],
  }),
  drug({
    key: 'furosemide', name: 'Furosemide', aliases: ['lasix'], defaultDoseUnit: 'mg', usualDose: '40',
    strengthText: '10 mg/mL: 2 mL (20 mg), 4 mL (40 mg), 10 mL (100 mg) single-dose vials',
    hcpcs: [
      per('J1938', '1', 'mg', '2025-04-01'),
      upTo('J1940', '20', 'mg', null, '2025-03-31', `Legacy "up to 20 mg". ${UNCONFIRMED_END}`),
    ],
    products: [
      product('Furosemide 10 mg/mL, 2 mL single-dose vial', 'single-dose', '20', 'mg', '10'),
      product('Furosemide 10 mg/mL, 4 mL single-dose vial', 'single-dose', '40', 'mg', '10'),
    ],
  }),
  drug({
    key: 'bumetanide', name: 'Bumetanide', aliases: ['bumex'], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '0.25 mg/mL, 4 mL single-dose vial (1 mg)',
    hcpcs: [
      per('J1939', '0.5', 'mg', '2024-01-01'),
      per('S0171', '0.5', 'mg', null, '2023-12-31', `Legacy S-code (unit assumed 0.5 mg). ${UNCONFIRMED_END}`),
    ],
    products: [product('Bumetanide 0.25 mg/mL, 4 mL single-dose vial', 'single-dose', '1', 'mg', '0.25')],
  }),
  drug({
    key: 'labetalol', name: 'Labetalol HCl', aliases: [], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: '5 mg/mL, 20 mL and 40 mL multiple-dose vials; 1 mg/mL premix bags',
    hcpcs: [per('J1920', '5', 'mg', '2023-07-01')],
    products: [product('Labetalol 5 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '100', 'mg', '5')],
  }),
  drug({
    key: 'metoprolol', name: 'Metoprolol tartrate', aliases: ['lopressor'], defaultDoseUnit: 'mg', usualDose: '5',
    strengthText: '1 mg/mL, 5 mL single-dose vial (5 mg)',
    hcpcs: [
      per('J0616', '1', 'mg', '2025-07-01'),
      noc(null, '2025-06-30', 'No specific code before J0616 was added (UNCONFIRMED).'),
    ],
    products: [product('Metoprolol 1 mg/mL, 5 mL single-dose vial', 'single-dose', '5', 'mg', '1')],
  }),
  drug({
    key: 'diltiazem', name: 'Diltiazem HCl', aliases: ['cardizem'], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: '5 mg/mL single-dose vials: 5 mL (25 mg), 10 mL (50 mg), 25 mL (125 mg)',
    hcpcs: [
      per('J1163', '0.5', 'mg', '2025-07-01'),
      noc(null, '2025-06-30', 'No specific code before J1163 was added (UNCONFIRMED).'),
    ],
    products: [
      product('Diltiazem 5 mg/mL, 5 mL single-dose vial', 'single-dose', '25', 'mg', '5'),
      product('Diltiazem 5 mg/mL, 10 mL single-dose vial', 'single-dose', '50', 'mg', '5'),
    ],
  }),
  drug({
    key: 'adenosine', name: 'Adenosine', aliases: ['adenocard'], defaultDoseUnit: 'mg', usualDose: '6',
    strengthText: '3 mg/mL: 2 mL (6 mg), 4 mL (12 mg) single-dose vials',
    hcpcs: [
      per('J0153', '1', 'mg', '2015-01-01'),
      { ...per('J0150', '6', 'mg', null, '2014-12-31', 'Terminated 2014-12-31 (CMS 2020 file).'), descriptorText: '6 mg' },
    ],
    products: [
      product('Adenosine 3 mg/mL, 2 mL single-dose vial', 'single-dose', '6', 'mg', '3'),
      product('Adenosine 3 mg/mL, 4 mL single-dose vial', 'single-dose', '12', 'mg', '3'),
    ],
  }),
  drug({
    key: 'naloxone', name: 'Naloxone HCl', aliases: ['narcan'], defaultDoseUnit: 'mg', usualDose: '0.4',
    strengthText: '0.4 mg/mL, 1 mL single-dose vial; 2 mg/2 mL syringe',
    hcpcs: [
      per('J2312', '0.01', 'mg', '2025-07-01'),
      per('J2310', '1', 'mg', null, '2025-06-30', `Legacy "per 1 mg". ${UNCONFIRMED_END}`),
    ],
    products: [
      product('Naloxone 0.4 mg/mL, 1 mL single-dose vial', 'single-dose', '0.4', 'mg', '0.4'),
      product('Naloxone 1 mg/mL, 2 mL single-dose syringe', 'single-dose', '2', 'mg', '1'),
    ],
  }),
  drug({
    key: 'dextrose-50', name: 'Dextrose 50% (D50W)', aliases: ['d50', 'd50w', 'dextrose 50%', 'dextrose 50'], defaultDoseUnit: 'g', usualDose: '25',
    strengthText: '25 g/50 mL syringe (0.5 g/mL)',
    hcpcs: [noc(null, null, 'No specific HCPCS code for D50 (J7042/J7060 are D5 bags); payer-specific (UNCONFIRMED).')],
    products: [product('Dextrose 50%, 25 g/50 mL single-dose syringe', 'single-dose', '25', 'g', '0.5')],
  }),
  drug({
    key: 'magnesium-sulfate', name: 'Magnesium sulfate', aliases: ['magnesium', 'mag sulfate'], defaultDoseUnit: 'g', usualDose: '2',
    strengthText: '50% = 500 mg/mL (about 4 mEq/mL): 2, 10, 20 mL; premix 1 g/100 mL, 2 g/50 mL', typicalKinds: ['infusion', 'push'],
    hcpcs: [per('J3475', '500', 'mg', '1996-01-01')],
    products: [
      product('Magnesium sulfate 50%, 2 mL single-dose vial', 'single-dose', '1000', 'mg', '500'),
      product('Magnesium sulfate 50%, 10 mL single-dose vial', 'single-dose', '5000', 'mg', '500'),
    ],
    // MgSO4·7H2O 246.47 g/mol, 2 mEq per mmol. UNCONFIRMED against a label.
    mgPerMeq: '123.24',
  }),
  drug({
    key: 'ketamine', controlledSchedule: 'III', name: 'Ketamine HCl', aliases: ['ketalar'], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: 'Multiple-dose vials: 200 mg/20 mL (10 mg/mL), 500 mg/10 mL (50 mg/mL), 500 mg/5 mL (100 mg/mL); CIII',
    hcpcs: [noc(null, null, 'No specific HCPCS code for ketamine in the CMS file.')],
    products: [
      product('Ketamine 10 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '200', 'mg', '10'),
      product('Ketamine 50 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '500', 'mg', '50'),
    ],
  }),
  drug({
    key: 'acetaminophen', name: 'Acetaminophen IV', aliases: ['ofirmev', 'paracetamol', 'tylenol iv', 'acetaminophen iv'], defaultDoseUnit: 'mg', usualDose: '1000',
    strengthText: '1000 mg/100 mL (10 mg/mL), labelled as a 15-minute infusion', typicalKinds: ['infusion'],
    hcpcs: [per('J0131', '10', 'mg', '2012-01-01')],
    products: [product('Acetaminophen 10 mg/mL, 100 mL single-dose vial', 'single-dose', '1000', 'mg', '10')],
  }),
  drug({
    key: 'ascorbic-acid', name: 'Ascorbic acid (vitamin C)', aliases: ['vitamin c', 'ascor'], defaultDoseUnit: 'mg', usualDose: '200',
    strengthText: '25,000 mg/50 mL (500 mg/mL) pharmacy bulk package; dilute, slow infusion only', typicalKinds: ['infusion'],
    hcpcs: [noc(null, null, 'No specific HCPCS code for ascorbic acid in the CMS file.')],
    products: [product('Ascorbic acid 500 mg/mL, 50 mL pharmacy bulk package', 'pharmacy-bulk', '25000', 'mg', '500')],
  }),
  drug({
    key: 'glutathione', name: 'Glutathione', aliases: [], defaultDoseUnit: 'mg', usualDose: '600',
    strengthText: 'Usually compounded; no FDA-approved injectable (UNCONFIRMED)', typicalKinds: ['push', 'infusion'],
    hcpcs: [noc(null, null, 'No HCPCS code in the CMS file.')],
    products: [],
  }),
];

