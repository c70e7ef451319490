// Drugs given IV/IM in emergency departments and urgent cares: identities,
// aliases nurses type, typical kinds (most usual first: the form picks the
// first), per-kind dose limits with their source, HCPCS codes with effective
// dates, billing units and OPPS payment status, and example products.
//
// Sources:
// - Codes, descriptors and add dates: [CMS-OCT25] = CMS October 2025 HCPCS
//   file (HCPC2025_OCT_ANWEB), docs/drug-reference.md §7. The file has add
//   dates but no termination dates: an end date next to UNCONFIRMED_END is the
//   day before the replacement code was added.
// - Dose limits: the FDA label text named in the comment beside each drug's
//   doseLimits. "UNCONFIRMED" = the number was not checked against a public
//   text in this pass (it is the commonly labelled value; verify before use).
//   hardMax is the largest single dose the label allows; where a label states
//   only a daily maximum, hardMax is that daily maximum (one dose can never
//   exceed it) and the comment says so; null = the label states no maximum
//   (weight-based or titrated dosing).
// - OPPS payment status: 'unknown' unless a public source was found (none was
//   for OPPS Addendum B in this pass; see ondansetron).
//
// Product order fixes the placeholder NDCs (99999-NNN-01): append, never insert.
import {
  drug, noc, per, placeholderProducts, UNCONFIRMED_END, upTo,
  type AdministrationKindHint, type AmountUnit, type DoseLimit, type FormularyDrug, type HcpcsCode, type PaymentStatus,
} from './define';

// Placeholder NDCs 99999-001-01 onwards (define.ts placeholderProducts).
const product = placeholderProducts(1);

/** A code with its OPPS payment status. */
function opps(status: PaymentStatus, c: HcpcsCode): HcpcsCode {
  return { ...c, paymentStatus: status };
}
const unknown = (c: HcpcsCode): HcpcsCode => opps('unknown', c);

/** "per N units" descriptor (define.ts per() covers mass and mEq only), e.g. penicillin G benzathine per 100,000 units. */
function perUnits(code: string, amount: string, descriptorText: string, from: string | null, to: string | null = null): HcpcsCode {
  return { code, billingAmount: amount, billingUnit: 'units', descriptor: 'per', descriptorText, effectiveFrom: from, effectiveTo: to };
}

/** One dose-limit row: usual ≤ softMax ≤ hardMax, in `unit`, for the listed kinds. */
function limit(kinds: AdministrationKindHint[], unit: AmountUnit, usual: string, softMax: string, hardMax: string | null, source: string): DoseLimit {
  return { kinds, unit, usual, softMax, hardMax, source };
}

export const ED_DRUGS: FormularyDrug[] = [
  drug({
    key: 'ondansetron', name: 'Ondansetron HCl', aliases: ['zofran', 'ondansetron hydrochloride'], defaultDoseUnit: 'mg', usualDose: '4',
    strengthText: '2 mg/mL, 2 mL single-dose vial (4 mg); 20 mL multiple-dose vial (40 mg)', typicalKinds: ['push', 'injection', 'infusion'],
    // OPPS 'packaged' (status indicator N): UNCONFIRMED against Addendum B — no public Addendum B text was found in this pass.
    // It rests on drug-reference.md §2 ("cheap drugs like ondansetron are usually packaged under OPPS") and the OPPS rule that
    // drugs below the per-day packaging threshold get SI N (https://bstquarterly.com/?p=3863); issue 14's example relies on it.
    hcpcs: [opps('packaged', per('J2405', '1', 'mg', '1993-01-01'))], // [CMS-OCT25] J2405 "per 1 mg", added 1993-01-01
    products: [
      product('Ondansetron 2 mg/mL, 2 mL single-dose vial', 'single-dose', '4', 'mg', '2'),
      product('Ondansetron 2 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '40', 'mg', '2'),
    ],
    // "No single intravenous dose should exceed 16 mg": FDA Drug Safety Communication 2012-06-29, Zofran label change
    // (https://www.pdr.net/fda-drug-safety-communication/?druglabelid=243&id=10404). Usual 4 mg IV/IM (PONV), 8 mg top of usual.
    doseLimits: [limit(['push', 'infusion', 'injection'], 'mg', '4', '8', '16', 'label')],
  }),
  drug({
    key: 'metoclopramide', name: 'Metoclopramide HCl', aliases: ['reglan'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '5 mg/mL, 2 mL single-dose vial (10 mg)', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(upTo('J2765', '10', 'mg', '1982-01-01'))], // [CMS-OCT25] J2765 "up to 10 mg", added 1982-01-01
    products: [product('Metoclopramide 5 mg/mL, 2 mL single-dose vial', 'single-dose', '10', 'mg', '5')],
    // Reglan injection label: 10 mg for most indications; CINV 1–2 mg/kg (weight-based, no fixed maximum). UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'injection'], 'mg', '10', '10', null, 'label')],
  }),
  drug({
    key: 'prochlorperazine', name: 'Prochlorperazine edisylate', aliases: ['compazine'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '5 mg/mL, 2 mL single-dose vial (10 mg)', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(upTo('J0780', '10', 'mg', '1984-01-01'))], // [CMS-OCT25] J0780 "up to 10 mg", added 1984-01-01
    products: [product('Prochlorperazine 5 mg/mL, 2 mL single-dose vial', 'single-dose', '10', 'mg', '5')],
    // Label (https://medlibrary.org/lib/rx/meds/prochlorperazine-edisylate-1/page/4/): IV 2.5–10 mg, "a single dose of the drug
    // should not exceed 10 mg"; IM 5–10 mg for nausea. IM psychiatric 10–20 mg: the 20 mg IM maximum is UNCONFIRMED.
    doseLimits: [
      limit(['push'], 'mg', '10', '10', '10', 'label, IV'),
      limit(['injection'], 'mg', '10', '10', '20', 'label, IM'),
    ],
  }),
  drug({
    key: 'promethazine', name: 'Promethazine HCl', aliases: ['phenergan'], defaultDoseUnit: 'mg', usualDose: '12.5',
    strengthText: '25 mg/mL or 50 mg/mL, 1 mL single-dose vial (IV push: tissue-injury warning, check local policy)',
    // Deep IM is the label's preferred parenteral route (https://www.recallguide.org/manufacturer/wockhardt-usa-inc/), so it comes first.
    typicalKinds: ['injection', 'push'],
    hcpcs: [unknown(upTo('J2550', '50', 'mg', '1982-01-01'))], // [CMS-OCT25] J2550 "up to 50 mg", added 1982-01-01
    products: [
      product('Promethazine 25 mg/mL, 1 mL single-dose vial', 'single-dose', '25', 'mg', '25'),
      product('Promethazine 50 mg/mL, 1 mL single-dose vial', 'single-dose', '50', 'mg', '50'),
    ],
    // Label: nausea 12.5–25 mg, sedation 25–50 mg (https://www.drugs.com/dosage/promethazine.html). 50 mg single maximum UNCONFIRMED.
    doseLimits: [limit(['injection', 'push'], 'mg', '12.5', '25', '50', 'label')],
  }),
  drug({
    key: 'diphenhydramine', name: 'Diphenhydramine HCl', aliases: ['benadryl'], defaultDoseUnit: 'mg', usualDose: '25',
    strengthText: '50 mg/mL, 1 mL single-dose vial', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(upTo('J1200', '50', 'mg', '1982-01-01'))], // [CMS-OCT25] J1200 "up to 50 mg", added 1982-01-01
    products: [product('Diphenhydramine 50 mg/mL, 1 mL single-dose vial', 'single-dose', '50', 'mg', '50')],
    // Label: adults 10–50 mg IV or deep IM, "100 mg if required", maximum daily 400 mg
    // (http://webmail.druglib.com/druginfo/diphenhydramine-injection/indications_dosage/).
    doseLimits: [limit(['push', 'injection'], 'mg', '25', '50', '100', 'label')],
  }),
  drug({
    key: 'famotidine', name: 'Famotidine', aliases: ['pepcid'], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: '10 mg/mL: 2 mL single-dose vial (20 mg); 4 mL and 20 mL multiple-dose vials', typicalKinds: ['push', 'infusion'],
    hcpcs: [
      unknown(per('J1308', '0.25', 'mg', '2025-04-01')), // [CMS-OCT25] J1308 "0.25 mg", added 2025-04-01
      unknown({ ...per('S0028', '20', 'mg', null, '2025-03-31', `S-code, not Medicare-payable. ${UNCONFIRMED_END}`), descriptorText: '20 mg' }),
    ],
    products: [
      product('Famotidine 10 mg/mL, 2 mL single-dose vial', 'single-dose', '20', 'mg', '10'),
      product('Famotidine 10 mg/mL, 4 mL multiple-dose vial', 'multiple-dose', '40', 'mg', '10'),
      product('Famotidine 10 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '200', 'mg', '10'),
    ],
    // Label: 20 mg IV every 12 h; hypersecretory states titrated, no stated single maximum. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'infusion'], 'mg', '20', '20', null, 'label')],
  }),
  drug({
    key: 'pantoprazole', name: 'Pantoprazole sodium', aliases: ['protonix'], defaultDoseUnit: 'mg', usualDose: '40',
    strengthText: '40 mg lyophilised single-dose vial', typicalKinds: ['push', 'infusion'],
    hcpcs: [
      unknown(per('J2470', '40', 'mg', '2024-07-01')), // [CMS-OCT25] J2470 "40 mg", added 2024-07-01
      unknown(per('S0164', '40', 'mg', null, '2024-06-30', `Legacy S-code. ${UNCONFIRMED_END}`)),
    ],
    products: [product('Pantoprazole 40 mg single-dose vial (powder)', 'single-dose', '40', 'mg')],
    // Protonix IV label: 40 mg daily (GERD); Zollinger-Ellison 80 mg every 8–12 h. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'infusion'], 'mg', '40', '80', '80', 'label')],
  }),
  drug({
    key: 'morphine', controlledSchedule: 'II', name: 'Morphine sulfate', aliases: ['duramorph', 'morphine sulphate'], defaultDoseUnit: 'mg', usualDose: '4',
    strengthText: '2, 4, 8, 10 mg/mL, 1 mL single-dose vial/syringe', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(upTo('J2270', '10', 'mg', '1982-01-01'))], // [CMS-OCT25] J2270 "up to 10 mg", added 1982-01-01
    products: [
      product('Morphine 2 mg/mL, 1 mL single-dose syringe', 'single-dose', '2', 'mg', '2'),
      product('Morphine 4 mg/mL, 1 mL single-dose syringe', 'single-dose', '4', 'mg', '4'),
      product('Morphine 10 mg/mL, 1 mL single-dose vial', 'single-dose', '10', 'mg', '10'),
    ],
    // Opioid labels titrate (0.1–0.2 mg/kg every 4 h); no fixed single maximum. Soft 10 mg UNCONFIRMED.
    doseLimits: [limit(['push', 'injection'], 'mg', '4', '10', null, 'label')],
  }),
  drug({
    key: 'hydromorphone', controlledSchedule: 'II', name: 'Hydromorphone HCl', aliases: ['dilaudid'], defaultDoseUnit: 'mg', usualDose: '0.5',
    strengthText: '1, 2, 4 mg/mL, 1 mL single-dose ampul/syringe; usual IV start 0.2–1 mg', typicalKinds: ['push', 'injection'],
    hcpcs: [
      unknown(per('J1171', '0.1', 'mg', '2024-10-01')), // [CMS-OCT25] J1171 "0.1 mg", added 2024-10-01
      unknown(upTo('J1170', '4', 'mg', null, '2024-09-30', `Legacy "up to 4 mg". ${UNCONFIRMED_END} A third-party page says deleted 2024-10-01.`)),
    ],
    products: [
      product('Hydromorphone 1 mg/mL, 1 mL single-dose syringe', 'single-dose', '1', 'mg', '1'),
      product('Hydromorphone 2 mg/mL, 1 mL single-dose syringe', 'single-dose', '2', 'mg', '2'),
    ],
    // Label [DM-HYDROMORPHONE]: IV start 0.2–1 mg every 2–3 h; IM/SC 1–2 mg every 2–3 h; titrated, no fixed maximum.
    doseLimits: [
      limit(['push'], 'mg', '0.5', '1', null, 'label'),
      limit(['injection'], 'mg', '1', '2', null, 'label, IM/SC'),
    ],
  }),
  drug({
    key: 'fentanyl', controlledSchedule: 'II', name: 'Fentanyl citrate', aliases: ['sublimaze'], defaultDoseUnit: 'mcg', usualDose: '50',
    strengthText: '50 mcg/mL: 2 mL single-dose vial (100 mcg); 5, 10, 20, 50 mL', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown({ ...per('J3010', '0.1', 'mg', '1982-01-01'), descriptorText: 'per 0.1 mg (100 mcg)' })], // [CMS-OCT25] J3010 "0.1 mg", added 1982-01-01
    products: [
      product('Fentanyl 50 mcg/mL, 2 mL single-dose vial', 'single-dose', '100', 'mcg', '50'),
      product('Fentanyl 50 mcg/mL, 5 mL single-dose vial', 'single-dose', '250', 'mcg', '50'),
    ],
    // Label: 50–100 mcg IM/IV (premedication, postoperative); titrated, no fixed maximum. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'injection'], 'mcg', '50', '100', null, 'label')],
  }),
  drug({
    key: 'ketorolac', name: 'Ketorolac tromethamine', aliases: ['toradol'], defaultDoseUnit: 'mg', usualDose: '15',
    strengthText: '15 mg/mL and 30 mg/mL, 1 mL single-dose vial (60 mg/2 mL is IM only)', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(per('J1885', '15', 'mg', '1993-01-01'))], // [CMS-OCT25] J1885 "per 15 mg", added 1993-01-01
    products: [
      product('Ketorolac 15 mg/mL, 1 mL single-dose vial', 'single-dose', '15', 'mg', '15'),
      product('Ketorolac 30 mg/mL, 1 mL single-dose vial', 'single-dose', '30', 'mg', '30'),
    ],
    // Label single-dose treatment (<65 y): one 30 mg IV dose or one 60 mg IM dose; 120 mg/day
    // (https://drugs-library.com/drugs/ketorolac-tromethamine_183ca97a.html; quoted at https://www.droracle.ai/articles/589996/).
    doseLimits: [
      limit(['push'], 'mg', '15', '30', '30', 'label, IV'),
      limit(['injection'], 'mg', '30', '60', '60', 'label, IM'),
    ],
  }),
  drug({
    key: 'lorazepam', controlledSchedule: 'IV', name: 'Lorazepam', aliases: ['ativan'], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '2 mg/mL and 4 mg/mL, 1 mL vial; 10 mL multiple-dose vial', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(per('J2060', '2', 'mg', '1982-01-01'))], // [CMS-OCT25] J2060 "2 mg", added 1982-01-01
    products: [
      product('Lorazepam 2 mg/mL, 1 mL single-dose vial', 'single-dose', '2', 'mg', '2'),
      product('Lorazepam 2 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '20', 'mg', '2'),
    ],
    // Label: status epilepticus 4 mg IV (may repeat once); sedation 2 mg or 0.044 mg/kg; preanesthetic 0.05 mg/kg up to 4 mg
    // (https://www.droracle.ai/articles/406895/ quoting the label).
    doseLimits: [limit(['push', 'injection'], 'mg', '1', '4', '4', 'label')],
  }),
  drug({
    key: 'midazolam', controlledSchedule: 'IV', name: 'Midazolam HCl', aliases: ['versed'], defaultDoseUnit: 'mg', usualDose: '2',
    strengthText: '1 mg/mL and 5 mg/mL, 2/5/10 mL vials', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(per('J2250', '1', 'mg', '1996-01-01'))], // [CMS-OCT25] J2250 "per 1 mg", added 1996-01-01
    products: [
      product('Midazolam 1 mg/mL, 2 mL single-dose vial', 'single-dose', '2', 'mg', '1'),
      product('Midazolam 5 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '50', 'mg', '5'),
    ],
    // Label: IV sedation titrated in ≤2.5 mg steps (total usually ≤5 mg); IM 0.07–0.08 mg/kg (~5 mg); titrated, no fixed maximum.
    // UNCONFIRMED (label not re-read).
    doseLimits: [
      limit(['push'], 'mg', '2', '5', null, 'label'),
      limit(['injection'], 'mg', '5', '10', null, 'label, IM'),
    ],
  }),
  drug({
    key: 'diazepam', controlledSchedule: 'IV', name: 'Diazepam', aliases: ['valium'], defaultDoseUnit: 'mg', usualDose: '5',
    strengthText: '5 mg/mL: 2 mL syringe (10 mg), 10 mL multiple-dose vial', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(upTo('J3360', '5', 'mg', '1982-01-01'))], // [CMS-OCT25] J3360 "up to 5 mg", added 1982-01-01
    products: [
      product('Diazepam 5 mg/mL, 2 mL single-dose syringe', 'single-dose', '10', 'mg', '5'),
      product('Diazepam 5 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '50', 'mg', '5'),
    ],
    // Label: 2–10 mg IV/IM, repeated; the label's maxima are cumulative (e.g. status epilepticus up to 30 mg), not per dose.
    // UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'injection'], 'mg', '5', '10', null, 'label')],
  }),
  drug({
    key: 'haloperidol', name: 'Haloperidol lactate', aliases: ['haldol'], defaultDoseUnit: 'mg', usualDose: '5',
    strengthText: '5 mg/mL, 1 mL single-dose vial (IV use off-label; J1631 decanoate is IM depot, never IV)', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(upTo('J1630', '5', 'mg', '1986-01-01'))], // [CMS-OCT25] J1630 "up to 5 mg", added 1986-01-01
    products: [product('Haloperidol lactate 5 mg/mL, 1 mL single-dose vial', 'single-dose', '5', 'mg', '5')],
    // Label (IM lactate): 2–5 mg, repeated hourly if needed; no fixed single maximum stated. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'injection'], 'mg', '5', '10', null, 'label')],
  }),
  drug({
    key: 'droperidol', name: 'Droperidol', aliases: ['inapsine'], defaultDoseUnit: 'mg', usualDose: '2.5',
    strengthText: '2.5 mg/mL, 2 mL single-dose vial (5 mg)', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(upTo('J1790', '5', 'mg', '1982-01-01'))], // [CMS-OCT25] J1790 "up to 5 mg", added 1982-01-01
    products: [product('Droperidol 2.5 mg/mL, 2 mL single-dose vial', 'single-dose', '5', 'mg', '2.5')],
    // Label: "The maximum recommended initial dose of INAPSINE is 2.5 mg IM or slow IV. Additional 1.25 mg doses may be administered"
    // (https://globalrph.com/rx-list/inapsine-drug). ED agitation doses of 5 mg are off-label and are refused by this limit.
    doseLimits: [limit(['push', 'injection'], 'mg', '2.5', '2.5', '2.5', 'label')],
  }),
  drug({
    key: 'dexamethasone', name: 'Dexamethasone sodium phosphate', aliases: ['decadron'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '4 mg/mL (1, 5, 30 mL) and 10 mg/mL (1, 10 mL)', typicalKinds: ['push', 'injection', 'infusion'],
    hcpcs: [unknown(per('J1100', '1', 'mg', '1982-01-01'))], // [CMS-OCT25] J1100 "1 mg", added 1982-01-01
    products: [
      product('Dexamethasone 4 mg/mL, 1 mL single-dose vial', 'single-dose', '4', 'mg', '4'),
      product('Dexamethasone 10 mg/mL, 1 mL single-dose vial', 'single-dose', '10', 'mg', '10'),
      product('Dexamethasone 4 mg/mL, 30 mL multiple-dose vial', 'multiple-dose', '120', 'mg', '4'),
    ],
    // Label: 0.5–9 mg/day usual; cerebral edema 10 mg IV; shock regimens weight-based, no fixed maximum. Soft 20 mg UNCONFIRMED.
    doseLimits: [limit(['push', 'injection', 'infusion'], 'mg', '10', '20', null, 'label')],
  }),
  drug({
    key: 'methylprednisolone', name: 'Methylprednisolone sodium succinate', aliases: ['solu-medrol', 'solumedrol'], defaultDoseUnit: 'mg', usualDose: '125',
    strengthText: '40 mg and 125 mg single-dose vials; 500 mg, 1 g (J1010–J1040 acetate is IM, not IV)', typicalKinds: ['push', 'infusion'],
    hcpcs: [
      unknown(per('J2919', '5', 'mg', '2024-04-01')), // [CMS-OCT25] J2919 "5 mg", added 2024-04-01
      unknown(upTo('J2920', '40', 'mg', null, '2024-03-31', `Legacy "up to 40 mg". ${UNCONFIRMED_END}`)),
      unknown(upTo('J2930', '125', 'mg', null, '2024-03-31', `Legacy "up to 125 mg". ${UNCONFIRMED_END}`)),
    ],
    products: [
      product('Methylprednisolone 40 mg single-dose vial', 'single-dose', '40', 'mg'),
      product('Methylprednisolone 125 mg single-dose vial', 'single-dose', '125', 'mg'),
    ],
    // Label [DM-METHYLPRED]: initial 10–40 mg IV over minutes; high dose 30 mg/kg infused over ≥30 min (weight-based, no fixed
    // maximum). Push soft 125 mg (ED asthma dose) and infusion soft 1 g UNCONFIRMED.
    doseLimits: [
      limit(['push'], 'mg', '125', '125', null, 'label'),
      limit(['infusion'], 'mg', '125', '1000', null, 'label'),
    ],
  }),
  drug({
    key: 'furosemide', name: 'Furosemide', aliases: ['lasix'], defaultDoseUnit: 'mg', usualDose: '40',
    strengthText: '10 mg/mL: 2 mL (20 mg), 4 mL (40 mg), 10 mL (100 mg) single-dose vials', typicalKinds: ['push', 'infusion'],
    hcpcs: [
      unknown(per('J1938', '1', 'mg', '2025-04-01')), // [CMS-OCT25] J1938 "1 mg", added 2025-04-01
      unknown(upTo('J1940', '20', 'mg', null, '2025-03-31', `Legacy "up to 20 mg". ${UNCONFIRMED_END}`)),
    ],
    products: [
      product('Furosemide 10 mg/mL, 2 mL single-dose vial', 'single-dose', '20', 'mg', '10'),
      product('Furosemide 10 mg/mL, 4 mL single-dose vial', 'single-dose', '40', 'mg', '10'),
    ],
    // Label [DM-FUROSEMIDE]: 20–40 mg IV, raised by 20 mg steps; acute pulmonary edema 40 then 80 mg; no fixed single maximum.
    // UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'infusion'], 'mg', '40', '80', null, 'label')],
  }),
  drug({
    key: 'bumetanide', name: 'Bumetanide', aliases: ['bumex'], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '0.25 mg/mL, 4 mL single-dose vial (1 mg)', typicalKinds: ['push'],
    hcpcs: [
      unknown(per('J1939', '0.5', 'mg', '2024-01-01')), // [CMS-OCT25] J1939 "0.5 mg", added 2024-01-01
      unknown(per('S0171', '0.5', 'mg', null, '2023-12-31', `Legacy S-code (unit assumed 0.5 mg). ${UNCONFIRMED_END}`)),
    ],
    products: [product('Bumetanide 0.25 mg/mL, 4 mL single-dose vial', 'single-dose', '1', 'mg', '0.25')],
    // Label: 0.5–1 mg IV, repeated; daily maximum 10 mg (hardMax = the daily maximum). UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push'], 'mg', '1', '1', '10', 'label, daily max')],
  }),
  drug({
    key: 'labetalol', name: 'Labetalol HCl', aliases: ['trandate', 'normodyne'], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: '5 mg/mL, 20 mL and 40 mL multiple-dose vials; 1 mg/mL premix bags', typicalKinds: ['push', 'infusion'],
    hcpcs: [unknown(per('J1920', '5', 'mg', '2023-07-01'))], // [CMS-OCT25] J1920 "5 mg", added 2023-07-01
    products: [product('Labetalol 5 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '100', 'mg', '5')],
    // Label [DM-LABETALOL]: 20 mg IV over 2 min, then 40 or 80 mg every 10 min up to 300 mg total. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push'], 'mg', '20', '80', '80', 'label')],
  }),
  drug({
    key: 'metoprolol', name: 'Metoprolol tartrate', aliases: ['lopressor'], defaultDoseUnit: 'mg', usualDose: '5',
    strengthText: '1 mg/mL, 5 mL single-dose vial (5 mg)', typicalKinds: ['push'],
    hcpcs: [
      unknown(per('J0616', '1', 'mg', '2025-07-01')), // [CMS-OCT25] J0616 "1 mg", added 2025-07-01
      unknown(noc(null, '2025-06-30', 'No specific code before J0616 was added (UNCONFIRMED).')),
    ],
    products: [product('Metoprolol 1 mg/mL, 5 mL single-dose vial', 'single-dose', '5', 'mg', '1')],
    // Label [DM-METOPROLOL]: three 5 mg IV bolus injections about 2 min apart (single dose 5 mg). UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push'], 'mg', '5', '5', '5', 'label')],
  }),
  drug({
    key: 'diltiazem', name: 'Diltiazem HCl', aliases: ['cardizem'], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: '5 mg/mL single-dose vials: 5 mL (25 mg), 10 mL (50 mg), 25 mL (125 mg)', typicalKinds: ['push', 'infusion'],
    hcpcs: [
      unknown(per('J1163', '0.5', 'mg', '2025-07-01')), // [CMS-OCT25] J1163 "0.5 mg", added 2025-07-01
      unknown(noc(null, '2025-06-30', 'No specific code before J1163 was added (UNCONFIRMED).')),
    ],
    products: [
      product('Diltiazem 5 mg/mL, 5 mL single-dose vial', 'single-dose', '25', 'mg', '5'),
      product('Diltiazem 5 mg/mL, 10 mL single-dose vial', 'single-dose', '50', 'mg', '5'),
    ],
    // Label [PFIZER-DILTIAZEM]: 0.25 mg/kg bolus (20 mg average), second 0.35 mg/kg (25 mg); weight-based, no fixed maximum.
    // UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push'], 'mg', '20', '25', null, 'label')],
  }),
  drug({
    key: 'adenosine', name: 'Adenosine', aliases: ['adenocard'], defaultDoseUnit: 'mg', usualDose: '6',
    strengthText: '3 mg/mL: 2 mL (6 mg), 4 mL (12 mg) single-dose vials', typicalKinds: ['push'],
    hcpcs: [
      unknown(per('J0153', '1', 'mg', '2015-01-01')), // [CMS-OCT25] J0153 "1 mg", added 2015-01-01
      unknown({ ...per('J0150', '6', 'mg', null, '2014-12-31', 'Terminated 2014-12-31 (CMS 2020 file).'), descriptorText: '6 mg' }),
    ],
    products: [
      product('Adenosine 3 mg/mL, 2 mL single-dose vial', 'single-dose', '6', 'mg', '3'),
      product('Adenosine 3 mg/mL, 4 mL single-dose vial', 'single-dose', '12', 'mg', '3'),
    ],
    // Adenocard label: 6 mg, then 12 mg (may repeat once); "Doses greater than 12 mg are not recommended"
    // (https://globalrph.com/rx-list/adenocard-drug).
    doseLimits: [limit(['push'], 'mg', '6', '12', '12', 'label')],
  }),
  drug({
    key: 'naloxone', name: 'Naloxone HCl', aliases: ['narcan'], defaultDoseUnit: 'mg', usualDose: '0.4',
    strengthText: '0.4 mg/mL, 1 mL single-dose vial; 2 mg/2 mL syringe', typicalKinds: ['push', 'injection'],
    hcpcs: [
      unknown(per('J2312', '0.01', 'mg', '2025-07-01')), // [CMS-OCT25] J2312 "0.01 mg", added 2025-07-01
      unknown(per('J2310', '1', 'mg', null, '2025-06-30', `Legacy "per 1 mg". ${UNCONFIRMED_END}`)),
    ],
    products: [
      product('Naloxone 0.4 mg/mL, 1 mL single-dose vial', 'single-dose', '0.4', 'mg', '0.4'),
      product('Naloxone 1 mg/mL, 2 mL single-dose syringe', 'single-dose', '2', 'mg', '1'),
    ],
    // Label: 0.4–2 mg IV/IM/SC, repeated every 2–3 min; reconsider the diagnosis after 10 mg (cumulative, not a per-dose maximum).
    // UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'injection'], 'mg', '0.4', '2', null, 'label')],
  }),
  drug({
    key: 'dextrose-50', name: 'Dextrose 50% (D50W)', aliases: ['d50', 'd50w', 'dextrose 50%', 'dextrose 50'], defaultDoseUnit: 'g', usualDose: '25',
    strengthText: '25 g/50 mL syringe (0.5 g/mL)', typicalKinds: ['push'],
    hcpcs: [unknown(noc(null, null, 'No specific HCPCS code for D50 (J7042/J7060 are D5 bags); payer-specific (UNCONFIRMED).'))],
    products: [product('Dextrose 50%, 25 g/50 mL single-dose syringe', 'single-dose', '25', 'g', '0.5')],
    // Label: 10–25 g (20–50 mL of 50%) for insulin hypoglycemia, repeated as needed; no fixed maximum. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push'], 'g', '25', '25', null, 'label')],
  }),
  drug({
    key: 'magnesium-sulfate', name: 'Magnesium sulfate', aliases: ['magnesium', 'mag sulfate', 'magnesium sulphate', 'mgso4'], defaultDoseUnit: 'g', usualDose: '2',
    strengthText: '50% = 500 mg/mL (about 4 mEq/mL): 2, 10, 20 mL; premix 1 g/100 mL, 2 g/50 mL', typicalKinds: ['infusion', 'push'],
    hcpcs: [unknown(per('J3475', '500', 'mg', '1996-01-01'))], // [CMS-OCT25] J3475 "per 500 mg", added 1996-01-01
    products: [
      product('Magnesium sulfate 50%, 2 mL single-dose vial', 'single-dose', '1000', 'mg', '500'),
      product('Magnesium sulfate 50%, 10 mL single-dose vial', 'single-dose', '5000', 'mg', '500'),
    ],
    // MgSO4·7H2O 246.47 g/mol, 2 mEq per mmol. UNCONFIRMED against a label.
    mgPerMeq: '123.24',
    // Label: 1–4 g IV; pre-eclampsia 4–5 g loading; total 30–40 g per 24 h (hardMax = the daily maximum). UNCONFIRMED (label not re-read).
    doseLimits: [limit(['infusion', 'push'], 'g', '2', '6', '40', 'label, daily max')],
  }),
  drug({
    key: 'ketamine', controlledSchedule: 'III', name: 'Ketamine HCl', aliases: ['ketalar'], defaultDoseUnit: 'mg', usualDose: '20',
    strengthText: 'Multiple-dose vials: 200 mg/20 mL (10 mg/mL), 500 mg/10 mL (50 mg/mL), 500 mg/5 mL (100 mg/mL); CIII',
    typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(noc(null, null, 'No specific HCPCS code for ketamine in the CMS file.'))],
    products: [
      product('Ketamine 10 mg/mL, 20 mL multiple-dose vial', 'multiple-dose', '200', 'mg', '10'),
      product('Ketamine 50 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '500', 'mg', '50'),
    ],
    // Label [DM-KETAMINE-GLAND]: induction 1–4.5 mg/kg IV, 6.5–13 mg/kg IM (weight-based, no fixed maximum). ED analgesia
    // 0.1–0.3 mg/kg is off-label. Soft maxima (150 mg IV, 500 mg IM) UNCONFIRMED.
    doseLimits: [
      limit(['push'], 'mg', '20', '150', null, 'label'),
      limit(['injection'], 'mg', '300', '500', null, 'label, IM'),
    ],
  }),
  drug({
    key: 'acetaminophen', name: 'Acetaminophen IV', aliases: ['ofirmev', 'paracetamol', 'tylenol iv', 'acetaminophen iv', 'apap'], defaultDoseUnit: 'mg', usualDose: '1000',
    strengthText: '1000 mg/100 mL (10 mg/mL), labelled as a 15-minute infusion', typicalKinds: ['infusion'],
    hcpcs: [unknown(per('J0131', '10', 'mg', '2012-01-01'))], // [CMS-OCT25] J0131 "not otherwise specified, 10 mg", added 2012-01-01
    products: [product('Acetaminophen 10 mg/mL, 100 mL single-dose vial', 'single-dose', '1000', 'mg', '10')],
    // Ofirmev label (≥50 kg): 1000 mg every 6 h or 650 mg every 4 h; maximum single dose 1000 mg, 4000 mg/day.
    // UNCONFIRMED (label not re-read in this pass).
    doseLimits: [limit(['infusion'], 'mg', '1000', '1000', '1000', 'label')],
  }),
  drug({
    key: 'ascorbic-acid', name: 'Ascorbic acid (vitamin C)', aliases: ['vitamin c', 'ascor'], defaultDoseUnit: 'mg', usualDose: '200',
    strengthText: '25,000 mg/50 mL (500 mg/mL) pharmacy bulk package; dilute, slow infusion only', typicalKinds: ['infusion'],
    hcpcs: [unknown(noc(null, null, 'No specific HCPCS code for ascorbic acid in the CMS file.'))],
    products: [product('Ascorbic acid 500 mg/mL, 50 mL pharmacy bulk package', 'pharmacy-bulk', '25000', 'mg', '500')],
    // Ascor label [DM-ASCOR]: scurvy only, 200 mg/day. IV-clinic gram doses are off-label: every such dose asks for a reason.
    // hardMax left null on purpose (refusing would make the clinic's off-label use impossible to chart); a site may set it.
    doseLimits: [limit(['infusion'], 'mg', '200', '200', null, 'label (scurvy)')],
  }),
  drug({
    key: 'glutathione', name: 'Glutathione', aliases: [], defaultDoseUnit: 'mg', usualDose: '600',
    strengthText: 'Usually compounded; no FDA-approved injectable (UNCONFIRMED)', typicalKinds: ['push', 'infusion'],
    hcpcs: [unknown(noc(null, null, 'No HCPCS code in the CMS file.'))],
    products: [],
    // No FDA label: clinic practice 600–2000 mg (UNCONFIRMED); no maximum can be sourced.
    doseLimits: [limit(['push', 'infusion'], 'mg', '600', '2000', null, 'no FDA label')],
  }),

  // ---- Added for issue 13: antibiotics, steroids, antihistamines, antipsychotics, analgesics, vitamins (append only). ----

  drug({
    key: 'ceftriaxone', name: 'Ceftriaxone sodium', aliases: ['rocephin'], defaultDoseUnit: 'g', usualDose: '1',
    strengthText: 'Powder: 250 mg, 500 mg, 1 g, 2 g single-dose vials (IM: reconstitute with 1% lidocaine or sterile water; IV: infusion over 30 min)',
    typicalKinds: ['infusion', 'injection', 'push'],
    hcpcs: [unknown(per('J0696', '250', 'mg', '1990-01-01'))], // [CMS-OCT25] J0696 "per 250 mg", added 1990-01-01
    products: [
      product('Ceftriaxone 250 mg single-dose vial (powder)', 'single-dose', '250', 'mg'),
      product('Ceftriaxone 500 mg single-dose vial (powder)', 'single-dose', '500', 'mg'),
      product('Ceftriaxone 1 g single-dose vial (powder)', 'single-dose', '1', 'g'),
      product('Ceftriaxone 2 g single-dose vial (powder)', 'single-dose', '2', 'g'),
    ],
    // Label: "usual adult daily dose is 1 to 2 grams ... The total daily dose should not exceed 4 grams" (hardMax = the daily maximum)
    // (https://www.drugs.com/dosage/ceftriaxone.html; label text at https://uat.mimsdev.com/philippines/drug/info/xtenda/dosage).
    doseLimits: [limit(['infusion', 'injection', 'push'], 'g', '1', '2', '4', 'label, daily max')],
  }),
  drug({
    key: 'cefazolin', name: 'Cefazolin sodium', aliases: ['ancef', 'kefzol'], defaultDoseUnit: 'g', usualDose: '1',
    strengthText: 'Powder: 500 mg, 1 g, 2 g single-dose vials; 1 g and 2 g premixed frozen bags', typicalKinds: ['infusion', 'push', 'injection'],
    hcpcs: [unknown(per('J0690', '500', 'mg', '1982-01-01'))], // [CMS-OCT25] J0690 "500 mg", added 1982-01-01 (J0687–J0689 are NTE brands)
    products: [
      product('Cefazolin 1 g single-dose vial (powder)', 'single-dose', '1', 'g'),
      product('Cefazolin 2 g single-dose vial (powder)', 'single-dose', '2', 'g'),
    ],
    // Label: 1–2 g every 6–8 h (perioperative 2 g); 12 g/day in life-threatening infections (hardMax = the daily maximum).
    // UNCONFIRMED (label not re-read).
    doseLimits: [limit(['infusion', 'push', 'injection'], 'g', '1', '2', '12', 'label, daily max')],
  }),
  drug({
    key: 'vancomycin', name: 'Vancomycin HCl', aliases: ['vancocin', 'vanco'], defaultDoseUnit: 'mg', usualDose: '1000',
    strengthText: 'Powder: 500 mg, 750 mg, 1 g, 1.25 g, 1.5 g vials; premixed bags; infuse over ≥60 min', typicalKinds: ['infusion'],
    hcpcs: [
      // [CMS-OCT25] J3373 "vancomycin hydrochloride, 10 mg", added 2025-07-01 (J3374/J3375 are the Mylan/Xellia NTE 10 mg codes).
      unknown(per('J3373', '10', 'mg', '2025-07-01')),
      // [CMS-OCT25] J3370 "vancomycin hcl, 500 mg", added 1986-01-01, action year 2025 (the 500 mg codes J3370–J3372 were replaced by
      // the 10 mg codes the same quarter).
      unknown(per('J3370', '500', 'mg', null, '2025-06-30', `Legacy "500 mg". ${UNCONFIRMED_END}`)),
    ],
    products: [
      product('Vancomycin 1 g single-dose vial (powder)', 'single-dose', '1000', 'mg'),
      product('Vancomycin 500 mg single-dose vial (powder)', 'single-dose', '500', 'mg'),
    ],
    // Label: 2 g/day divided (500 mg every 6 h or 1 g every 12 h); current practice 15–20 mg/kg (weight-based, no fixed maximum).
    // UNCONFIRMED (label not re-read).
    doseLimits: [limit(['infusion'], 'mg', '1000', '2000', null, 'label')],
  }),
  drug({
    key: 'piperacillin-tazobactam', name: 'Piperacillin and tazobactam', aliases: ['zosyn', 'pip-tazo', 'pip/tazo', 'piptazo'], defaultDoseUnit: 'g', usualDose: '3.375',
    strengthText: 'Powder: 2.25 g, 3.375 g, 4.5 g single-dose vials (piperacillin + tazobactam 8:1; dose = total grams)', typicalKinds: ['infusion'],
    // [CMS-OCT25] J2543 "piperacillin sodium/tazobactam sodium, 1 gram/0.125 grams (1.125 grams)", added 2000-01-01. Doses are charted as
    // total grams (4.5 g = 4 units).
    hcpcs: [unknown({ ...per('J2543', '1.125', 'g', '2000-01-01'), descriptorText: 'per 1 g/0.125 g (1.125 g)' })],
    products: [
      product('Piperacillin-tazobactam 3.375 g single-dose vial (powder)', 'single-dose', '3.375', 'g'),
      product('Piperacillin-tazobactam 4.5 g single-dose vial (powder)', 'single-dose', '4.5', 'g'),
    ],
    // Label: 3.375 g every 6 h; nosocomial pneumonia 4.5 g every 6 h (18 g/day) — largest single dose 4.5 g
    // (https://www.droracle.ai/articles/225760/ quoting the label).
    doseLimits: [limit(['infusion'], 'g', '3.375', '4.5', '4.5', 'label')],
  }),
  drug({
    key: 'azithromycin', name: 'Azithromycin', aliases: ['zithromax', 'azithro'], defaultDoseUnit: 'mg', usualDose: '500',
    strengthText: 'Powder: 500 mg single-dose vial; infuse 1 mg/mL over 3 h or 2 mg/mL over 1 h', typicalKinds: ['infusion'],
    hcpcs: [unknown(per('J0456', '500', 'mg', '2000-01-01'))], // [CMS-OCT25] J0456 "500 mg", added 2000-01-01
    products: [product('Azithromycin 500 mg single-dose vial (powder)', 'single-dose', '500', 'mg')],
    // Zithromax IV label: 500 mg once daily (CAP, PID). UNCONFIRMED (label not re-read).
    doseLimits: [limit(['infusion'], 'mg', '500', '500', '500', 'label')],
  }),
  drug({
    key: 'levofloxacin', name: 'Levofloxacin', aliases: ['levaquin'], defaultDoseUnit: 'mg', usualDose: '750',
    strengthText: 'Premix 250 mg/50 mL, 500 mg/100 mL, 750 mg/150 mL (5 mg/mL); 25 mg/mL single-dose vials', typicalKinds: ['infusion'],
    hcpcs: [unknown(per('J1956', '250', 'mg', '1999-01-01'))], // [CMS-OCT25] J1956 "250 mg", added 1999-01-01
    products: [product('Levofloxacin 5 mg/mL, 150 mL premixed bag (750 mg)', 'single-dose', '750', 'mg', '5')],
    // Label: 250–750 mg once daily, 750 mg the largest. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['infusion'], 'mg', '750', '750', '750', 'label')],
  }),
  drug({
    key: 'metronidazole', name: 'Metronidazole', aliases: ['flagyl'], defaultDoseUnit: 'mg', usualDose: '500',
    strengthText: 'Premix 500 mg/100 mL (5 mg/mL) single-dose bag; infuse over 1 h', typicalKinds: ['infusion'],
    hcpcs: [
      unknown(per('J1836', '10', 'mg', '2023-07-01')), // [CMS-OCT25] J1836 "injection, metronidazole, 10 mg", added 2023-07-01
      // No earlier J-code for IV metronidazole in the CMS file (searched J0120–J3591); before J1836 the claim used J3490 (UNCONFIRMED;
      // some payers used S-codes).
      unknown(noc(null, '2023-06-30', 'No specific code before J1836 was added (UNCONFIRMED).')),
    ],
    products: [product('Metronidazole 5 mg/mL, 100 mL premixed bag (500 mg)', 'single-dose', '500', 'mg', '5')],
    // Label: loading 15 mg/kg (~1 g), then 7.5 mg/kg (~500 mg) every 6 h; "A maximum of 4 g should not be exceeded during a 24-hour
    // period" (hardMax = the daily maximum) (https://www.pfizermedicalinformation.com/en-us/metronidazole/dosage-admin).
    doseLimits: [limit(['infusion'], 'mg', '500', '1000', '4000', 'label, daily max')],
  }),
  drug({
    key: 'cefepime', name: 'Cefepime HCl', aliases: ['maxipime'], defaultDoseUnit: 'g', usualDose: '2',
    strengthText: 'Powder: 1 g and 2 g single-dose vials; premixed bags', typicalKinds: ['infusion', 'push'],
    hcpcs: [unknown(per('J0692', '500', 'mg', '2002-01-01'))], // [CMS-OCT25] J0692 "500 mg", added 2002-01-01 (J0701/J0703 are NTE brands)
    products: [
      product('Cefepime 1 g single-dose vial (powder)', 'single-dose', '1', 'g'),
      product('Cefepime 2 g single-dose vial (powder)', 'single-dose', '2', 'g'),
    ],
    // Label: 0.5–2 g every 8–12 h; 2 g the largest single dose. UNCONFIRMED (label not re-read; https://medilib.ir/uptodate/show/9215).
    doseLimits: [limit(['infusion', 'push'], 'g', '2', '2', '2', 'label')],
  }),
  drug({
    key: 'ampicillin-sulbactam', name: 'Ampicillin and sulbactam', aliases: ['unasyn', 'amp-sulbactam'], defaultDoseUnit: 'g', usualDose: '3',
    strengthText: 'Powder: 1.5 g (1 g/0.5 g) and 3 g (2 g/1 g) single-dose vials (dose = total grams)', typicalKinds: ['infusion', 'push', 'injection'],
    hcpcs: [unknown(per('J0295', '1.5', 'g', '1995-01-01'))], // [CMS-OCT25] J0295 "per 1.5 gm", added 1995-01-01
    products: [
      product('Ampicillin-sulbactam 1.5 g single-dose vial (powder)', 'single-dose', '1.5', 'g'),
      product('Ampicillin-sulbactam 3 g single-dose vial (powder)', 'single-dose', '3', 'g'),
    ],
    // Label: 1.5–3 g IV or IM every 6 h; sulbactam ≤4 g/day (https://www.drugs.com/dosage/ampicillin-sulbactam.html).
    doseLimits: [limit(['infusion', 'push', 'injection'], 'g', '3', '3', '3', 'label')],
  }),
  drug({
    key: 'clindamycin', name: 'Clindamycin phosphate', aliases: ['cleocin', 'clinda'], defaultDoseUnit: 'mg', usualDose: '600',
    strengthText: '150 mg/mL vials (2, 4, 6 mL); premix 300, 600, 900 mg in 50 mL; dilute for IV (≤18 mg/mL, ≤30 mg/min)',
    typicalKinds: ['infusion', 'injection'],
    hcpcs: [
      unknown(per('J0736', '300', 'mg', '2023-07-01')), // [CMS-OCT25] J0736 "clindamycin phosphate, 300 mg", added 2023-07-01 (J0737 Baxter NTE)
      unknown(noc(null, '2023-06-30', 'No specific J-code before J0736 was added (UNCONFIRMED).')),
    ],
    products: [
      product('Clindamycin 150 mg/mL, 4 mL single-dose vial', 'single-dose', '600', 'mg', '150'),
      product('Clindamycin 600 mg/50 mL premixed bag', 'single-dose', '600', 'mg', '12'),
    ],
    // Cleocin Phosphate label: 600–2700 mg/day in 2–4 doses; "Single intramuscular injections of greater than 600 mg are not
    // recommended"; no more than 1200 mg in a single 1-hour infusion (https://www.drugs.com/dosage/cleocin-phosphate.html).
    doseLimits: [
      limit(['infusion'], 'mg', '600', '900', '1200', 'label'),
      limit(['injection'], 'mg', '600', '600', '600', 'label, IM'),
    ],
  }),
  drug({
    key: 'penicillin-g-benzathine', name: 'Penicillin G benzathine', aliases: ['bicillin', 'bicillin l-a', 'benzathine penicillin'], defaultDoseUnit: 'units', usualDose: '1200000',
    strengthText: '600,000 units/mL prefilled syringes: 1,200,000 units/2 mL, 2,400,000 units/4 mL; deep IM only — never IV',
    typicalKinds: ['injection'],
    hcpcs: [unknown(perUnits('J0561', '100000', 'per 100,000 units', '2011-01-01'))], // [CMS-OCT25] J0561 "100,000 units", added 2011-01-01
    products: [
      product('Penicillin G benzathine 600,000 units/mL, 2 mL prefilled syringe', 'single-dose', '1200000', 'units', '600000'),
      product('Penicillin G benzathine 600,000 units/mL, 4 mL prefilled syringe', 'single-dose', '2400000', 'units', '600000'),
    ],
    // Bicillin L-A label: group A strep 1,200,000 units once; primary/secondary/latent syphilis 2,400,000 units once
    // (https://www.medicinenet.com/penicillin_g_benzathine-injection/page2.htm; https://drugs.com/dosage/penicillin-g-benzathine.html).
    doseLimits: [limit(['injection'], 'units', '1200000', '2400000', '2400000', 'label')],
  }),
  drug({
    key: 'hydrocortisone', name: 'Hydrocortisone sodium succinate', aliases: ['solu-cortef', 'solucortef'], defaultDoseUnit: 'mg', usualDose: '100',
    strengthText: 'Act-O-Vial 100 mg/2 mL, 250 mg, 500 mg, 1 g (single-dose)', typicalKinds: ['push', 'infusion', 'injection'],
    hcpcs: [unknown(upTo('J1720', '100', 'mg', '1982-01-01'))], // [CMS-OCT25] J1720 "up to 100 mg", added 1982-01-01
    products: [product('Hydrocortisone sodium succinate 100 mg single-dose vial', 'single-dose', '100', 'mg', '50')],
    // Solu-Cortef label: initial 100–500 mg IV/IM, repeated every 2–6 h; no fixed maximum. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'infusion', 'injection'], 'mg', '100', '500', null, 'label')],
  }),
  drug({
    key: 'methylprednisolone-acetate', name: 'Methylprednisolone acetate', aliases: ['depo-medrol', 'depomedrol'], defaultDoseUnit: 'mg', usualDose: '80',
    strengthText: '40 mg/mL and 80 mg/mL suspension, 1 mL single-dose vials; IM or intra-articular only — never IV', typicalKinds: ['injection'],
    hcpcs: [
      unknown(per('J1010', '1', 'mg', '2024-04-01')), // [CMS-OCT25] J1010 "methylprednisolone acetate, 1 mg", added 2024-04-01
      // [CMS-OCT25] J1020 "20 mg", J1030 "40 mg", J1040 "80 mg", added 1982-01-01, action year 2024 (replaced by J1010 with the succinate
      // change the same quarter). All three applied on one date: the engine picks the one needing the fewest units.
      unknown(per('J1020', '20', 'mg', null, '2024-03-31', `Legacy "20 mg". ${UNCONFIRMED_END}`)),
      unknown(per('J1030', '40', 'mg', null, '2024-03-31', `Legacy "40 mg". ${UNCONFIRMED_END}`)),
      unknown(per('J1040', '80', 'mg', null, '2024-03-31', `Legacy "80 mg". ${UNCONFIRMED_END}`)),
    ],
    products: [
      product('Methylprednisolone acetate 40 mg/mL, 1 mL single-dose vial', 'single-dose', '40', 'mg', '40'),
      product('Methylprednisolone acetate 80 mg/mL, 1 mL single-dose vial', 'single-dose', '80', 'mg', '80'),
    ],
    // Depo-Medrol label (systemic IM): 40–120 mg; no fixed maximum. UNCONFIRMED (label not re-read).
    doseLimits: [limit(['injection'], 'mg', '80', '120', null, 'label, IM')],
  }),
  drug({
    key: 'hydroxyzine', name: 'Hydroxyzine HCl', aliases: ['vistaril'], defaultDoseUnit: 'mg', usualDose: '50',
    strengthText: '25 mg/mL and 50 mg/mL, 1 mL single-dose and 10 mL multiple-dose vials; IM only — never IV, SC or intra-arterial',
    typicalKinds: ['injection'],
    hcpcs: [unknown(upTo('J3410', '25', 'mg', '1982-01-01'))], // [CMS-OCT25] J3410 "up to 25 mg", added 1982-01-01
    products: [product('Hydroxyzine 50 mg/mL, 1 mL single-dose vial', 'single-dose', '50', 'mg', '50')],
    // Vistaril IM label: nausea 25–100 mg; psychiatric emergencies 50–100 mg; IM only (http://linkedlifedata.com/resource/dailymed-drugs/3005;
    // dose table quoted at https://anonyproxies.com/a2/index.php?q=https%3A%2F%2Fwww.scribd.com%2Fdocument%2F6982544%2Fhydroxyzine).
    doseLimits: [limit(['injection'], 'mg', '50', '100', '100', 'label, IM')],
  }),
  drug({
    key: 'olanzapine', name: 'Olanzapine (short-acting IM)', aliases: ['zyprexa', 'zyprexa intramuscular'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '10 mg powder vial, reconstituted to 5 mg/mL; IM only (J2358 is the long-acting Relprevv)', typicalKinds: ['injection'],
    hcpcs: [
      unknown(per('J2359', '0.5', 'mg', '2023-10-01')), // [CMS-OCT25] J2359 "injection, olanzapine, 0.5 mg", added 2023-10-01
      unknown(noc(null, '2023-09-30', 'No specific code for short-acting olanzapine before J2359 was added (UNCONFIRMED).')),
    ],
    products: [product('Olanzapine 10 mg single-dose vial (powder, 5 mg/mL reconstituted)', 'single-dose', '10', 'mg', '5')],
    // Zyprexa IntraMuscular label: 10 mg (2.5–10 mg); subsequent doses up to 10 mg; 30 mg/day (three 10 mg doses)
    // (https://www.droracle.ai/articles/629209/ quoting the label).
    doseLimits: [limit(['injection'], 'mg', '10', '10', '10', 'label, IM')],
  }),
  drug({
    key: 'ziprasidone', name: 'Ziprasidone mesylate', aliases: ['geodon'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '20 mg powder vial, reconstituted to 20 mg/mL; IM only', typicalKinds: ['injection'],
    hcpcs: [unknown(per('J3486', '10', 'mg', '2004-01-01'))], // [CMS-OCT25] J3486 "ziprasidone mesylate, 10 mg", added 2004-01-01
    products: [product('Ziprasidone 20 mg single-dose vial (powder, 20 mg/mL reconstituted)', 'single-dose', '20', 'mg', '20')],
    // Geodon for Injection label: 10–20 mg IM; 10 mg every 2 h or 20 mg every 4 h; 40 mg/day
    // (https://www.drugs.com/dosage/geodon-injection.html).
    doseLimits: [limit(['injection'], 'mg', '10', '20', '20', 'label, IM')],
  }),
  drug({
    key: 'chlorpromazine', name: 'Chlorpromazine HCl', aliases: ['thorazine'], defaultDoseUnit: 'mg', usualDose: '25',
    strengthText: '25 mg/mL, 1 mL and 2 mL single-dose ampuls', typicalKinds: ['injection', 'infusion'],
    hcpcs: [unknown(upTo('J3230', '50', 'mg', '1982-01-01'))], // [CMS-OCT25] J3230 "up to 50 mg", added 1982-01-01
    products: [product('Chlorpromazine 25 mg/mL, 2 mL single-dose ampul', 'single-dose', '50', 'mg', '25')],
    // Label: 25 mg IM, then 25–50 mg; hiccups 25–50 mg by slow infusion; psychiatric doses titrated, no single maximum stated.
    // UNCONFIRMED (label not re-read).
    doseLimits: [limit(['injection', 'infusion'], 'mg', '25', '50', null, 'label')],
  }),
  drug({
    key: 'meperidine', controlledSchedule: 'II', name: 'Meperidine HCl', aliases: ['demerol', 'pethidine'], defaultDoseUnit: 'mg', usualDose: '50',
    strengthText: '25, 50, 75, 100 mg/mL, 1 mL single-dose vials/syringes; CII', typicalKinds: ['injection', 'push'],
    hcpcs: [unknown(per('J2175', '100', 'mg', '1986-01-01'))], // [CMS-OCT25] J2175 "per 100 mg", added 1986-01-01
    products: [
      product('Meperidine 50 mg/mL, 1 mL single-dose vial', 'single-dose', '50', 'mg', '50'),
      product('Meperidine 100 mg/mL, 1 mL single-dose vial', 'single-dose', '100', 'mg', '100'),
    ],
    // Demerol label: "usual dosage is 50 mg to 150 mg intramuscularly or subcutaneously every 3 or 4 hours"; IV doses reduced and slow;
    // titrated, no stated maximum (https://www.pfizermedicalinformation.com/demerol/dosage-admin).
    doseLimits: [limit(['injection', 'push'], 'mg', '50', '150', null, 'label')],
  }),
  drug({
    key: 'nalbuphine', name: 'Nalbuphine HCl', aliases: ['nubain'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '10 mg/mL and 20 mg/mL, 1 mL ampuls and 10 mL multiple-dose vials', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(per('J2300', '10', 'mg', '1996-01-01'))], // [CMS-OCT25] J2300 "per 10 mg", added 1996-01-01
    products: [product('Nalbuphine 10 mg/mL, 1 mL single-dose ampul', 'single-dose', '10', 'mg', '10')],
    // Nubain label: 10 mg/70 kg every 3–6 h; "In non-tolerant individuals, the recommended single maximum dose is 20 mg, with a maximum
    // total daily dose of 160 mg" (http://www.druglib.com/druginfo/nubain/indications_dosage/).
    doseLimits: [limit(['push', 'injection'], 'mg', '10', '10', '20', 'label')],
  }),
  drug({
    key: 'ibuprofen', name: 'Ibuprofen injection', aliases: ['caldolor', 'ibuprofen iv'], defaultDoseUnit: 'mg', usualDose: '800',
    strengthText: '800 mg/8 mL (100 mg/mL) single-dose vial, dilute to ≤4 mg/mL; 800 mg/200 mL ready-to-use bag', typicalKinds: ['infusion'],
    hcpcs: [unknown(per('J1741', '100', 'mg', '2013-01-01'))], // [CMS-OCT25] J1741 "ibuprofen, 100 mg", added 2013-01-01
    products: [product('Ibuprofen 100 mg/mL, 8 mL single-dose vial', 'single-dose', '800', 'mg', '100')],
    // Caldolor label: pain 400–800 mg IV every 6 h, fever 400 mg; do not exceed 3200 mg/day
    // (https://reference.medscape.com/drug/caldolor-neoprofen-ibuprofen-iv-999790; http://www.rxlist.com/caldolor-drug/indications-dosage.htm).
    doseLimits: [limit(['infusion'], 'mg', '800', '800', '800', 'label')],
  }),
  drug({
    key: 'cyanocobalamin', name: 'Cyanocobalamin (vitamin B12)', aliases: ['vitamin b12', 'b12', 'b 12'], defaultDoseUnit: 'mcg', usualDose: '1000',
    strengthText: '1000 mcg/mL, 1 mL single-dose and 10 mL / 30 mL multiple-dose vials; IM or deep SC — not IV', typicalKinds: ['injection'],
    hcpcs: [unknown(upTo('J3420', '1000', 'mcg', '1986-01-01'))], // [CMS-OCT25] J3420 "vitamin b-12 cyanocobalamin, up to 1000 mcg", added 1986-01-01
    products: [
      product('Cyanocobalamin 1000 mcg/mL, 1 mL single-dose vial', 'single-dose', '1000', 'mcg', '1000'),
      product('Cyanocobalamin 1000 mcg/mL, 30 mL multiple-dose vial', 'multiple-dose', '30000', 'mcg', '1000'),
    ],
    // Label: 100 mcg daily IM/SC (pernicious anaemia); the 1000 mcg dose given in urgent/IV-clinic practice is above it (UNCONFIRMED:
    // label not re-read). Soft max set to 1000 mcg so the common dose does not ask every time; no maximum stated.
    doseLimits: [limit(['injection'], 'mcg', '1000', '1000', null, 'practice (label 100 mcg)')],
  }),
  drug({
    key: 'thiamine', name: 'Thiamine HCl (vitamin B1)', aliases: ['vitamin b1', 'b1'], defaultDoseUnit: 'mg', usualDose: '100',
    strengthText: '100 mg/mL, 2 mL multiple-dose vial', typicalKinds: ['push', 'injection', 'infusion'],
    hcpcs: [unknown(per('J3411', '100', 'mg', '2004-01-01'))], // [CMS-OCT25] J3411 "thiamine hcl, 100 mg", added 2004-01-01
    products: [product('Thiamine 100 mg/mL, 2 mL multiple-dose vial', 'multiple-dose', '200', 'mg', '100')],
    // Label: 100 mg IV/IM; Wernicke regimens of 200–500 mg are guideline (off-label) doses; no maximum stated. UNCONFIRMED.
    doseLimits: [limit(['push', 'injection', 'infusion'], 'mg', '100', '500', null, 'label')],
  }),
  drug({
    key: 'triamcinolone', name: 'Triamcinolone acetonide (IM)', aliases: ['kenalog', 'kenalog-40'], defaultDoseUnit: 'mg', usualDose: '40',
    strengthText: '40 mg/mL suspension, 1 mL single-dose and 5/10 mL multiple-dose vials; IM or intra-articular — not IV', typicalKinds: ['injection'],
    hcpcs: [unknown(per('J3301', '10', 'mg', '1991-01-01'))], // [CMS-OCT25] J3301 "triamcinolone acetonide, not otherwise specified, 10 mg", added 1991-01-01
    products: [
      product('Triamcinolone acetonide 40 mg/mL, 1 mL single-dose vial', 'single-dose', '40', 'mg', '40'),
      product('Triamcinolone acetonide 40 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '400', 'mg', '40'),
    ],
    // Kenalog-40 label (systemic IM): initial 60 mg, usually 40–80 mg; hay fever "a single injection of 40 mg to 100 mg"
    // (https://www.droracle.ai/articles/889978/ quoting the label).
    doseLimits: [limit(['injection'], 'mg', '40', '80', '100', 'label, IM')],
  }),
  drug({
    key: 'sumatriptan', name: 'Sumatriptan succinate', aliases: ['imitrex'], defaultDoseUnit: 'mg', usualDose: '6',
    strengthText: '6 mg/0.5 mL single-dose vial and autoinjector; subcutaneous only', typicalKinds: ['injection'],
    // [CMS-OCT25] J3030 "sumatriptan succinate, 6 mg (code may be used for medicare when drug administered under the direct supervision
    // of a physician ...)", added 1986-01-01.
    hcpcs: [unknown({ ...per('J3030', '6', 'mg', '1986-01-01'), descriptorText: '6 mg' })],
    products: [product('Sumatriptan 6 mg/0.5 mL single-dose vial', 'single-dose', '6', 'mg', '12')],
    // Imitrex Injection label: "The maximum single recommended adult dose ... is 6 mg injected subcutaneously"; two 6 mg doses ≥1 h apart
    // per 24 h (http://www.drugs.com/dosage/alsuma.html).
    doseLimits: [limit(['injection'], 'mg', '6', '6', '6', 'label, SC')],
  }),
  drug({
    key: 'benztropine', name: 'Benztropine mesylate', aliases: ['cogentin'], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '1 mg/mL, 2 mL single-dose vial', typicalKinds: ['push', 'injection'],
    hcpcs: [unknown(per('J0515', '1', 'mg', '1982-01-01'))], // [CMS-OCT25] J0515 "benztropine mesylate, per 1 mg", added 1982-01-01
    products: [product('Benztropine 1 mg/mL, 2 mL single-dose vial', 'single-dose', '2', 'mg', '1')],
    // Cogentin label: acute dystonia 1–2 mg IM/IV; 6 mg/day maximum (hardMax = the daily maximum). UNCONFIRMED (label not re-read).
    doseLimits: [limit(['push', 'injection'], 'mg', '1', '2', '6', 'label, daily max')],
  }),
];
