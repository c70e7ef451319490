// Drugs and fluids of infusion centres: hydration fluids, electrolytes,
// reversal agents, cardiac drips and anticoagulants, chemotherapy and its
// supportive agents, and IV iron (issue 13).
//
// Sources (every billing fact and dose limit names one):
// - HCPCS codes, descriptors and add dates: CMS October 2025 Alpha-Numeric
//   HCPCS file [CMS-OCT25] (drug-reference.md §7), read row by row. The file
//   has no termination dates, so a legacy code ends the day before its
//   replacement was added (UNCONFIRMED_END). A drug with no code in that file
//   is billed with noc() and says so.
// - OPPS payment status: no public Addendum B (status indicator K/G/N) was
//   found in the sources available while this list was made, so every code is
//   'unknown' (paymentStatus set explicitly below); the engine then adds JW/JZ
//   with an info warning to confirm (coding-rules.md §10).
// - Dose limits: the FDA label (DailyMed/openFDA) where its text was read
//   (URL in the comment beside the limit); otherwise the label named in the
//   comment and "UNCONFIRMED" (label text not read, figures from the label as
//   generally published). Body-size-based chemotherapy has no flat maximum in
//   its label: hardMax null; its usual dose and soft maximum are the label's
//   per-m² dose × 2.0 m² and × 2.2 m² (a large adult), said beside each.
// - Presentations (products, strength text) are typical US ones, UNCONFIRMED
//   unless a comment cites them; NDCs are placeholders (define.ts).
import {
  drug,
  noc,
  per,
  placeholderProducts,
  UNCONFIRMED_END,
  upTo,
  type AdministrationKindHint,
  type AmountUnit,
  type DoseLimit,
  type FormularyDrug,
  type HcpcsCode,
} from './define';

// Placeholder NDCs 99999-501-01 onwards (define.ts placeholderProducts).
const product = placeholderProducts(501);

// ---- local constructors (define.ts has none for mL or units) -----------------

/** A fluid code billed per `amount` mL (J7030 "1000 cc", J7040 "500 ml = 1 unit"). */
function perMl(code: string, amount: string, from: string | null, to: string | null = null, note?: string): HcpcsCode {
  return { code, billingAmount: amount, billingUnit: 'mL', descriptor: 'per', descriptorText: `per ${amount} mL`, effectiveFrom: from, effectiveTo: to, ...(note ? { note } : {}) };
}

/** A fluid code where one unit covers any volume up to `amount` mL (J7120 "up to 1000 cc"). */
function upToMl(code: string, amount: string, from: string | null, to: string | null = null, note?: string): HcpcsCode {
  return { code, billingAmount: amount, billingUnit: 'mL', descriptor: 'up to', descriptorText: `up to ${amount} mL`, effectiveFrom: from, effectiveTo: to, ...(note ? { note } : {}) };
}

/** A code billed per `amount` (USP) units (heparin J1644 "per 1000 units"). */
function perUnits(code: string, amount: string, from: string | null, to: string | null = null, note?: string): HcpcsCode {
  return { code, billingAmount: amount, billingUnit: 'units', descriptor: 'per', descriptorText: `per ${amount} units`, effectiveFrom: from, effectiveTo: to, ...(note ? { note } : {}) };
}

/** One dose limit (define.ts DoseLimit); `hardMax` null = the label states no single-dose maximum. */
function limit(kinds: AdministrationKindHint[], unit: AmountUnit, usual: string, softMax: string, hardMax: string | null, source: string): DoseLimit {
  return { kinds, unit, usual, softMax, hardMax, source };
}

/** Antineoplastics and monoclonal antibodies: their administration is coded 964xx (drug-reference.md §1.3). */
function chemo(d: Parameters<typeof drug>[0]): FormularyDrug {
  return { ...drug(d), chemo: true };
}

const NO_CODE = 'No specific HCPCS code in the CMS Oct-2025 file: J3490 with the NDC (drug-reference.md §1.1).';

const LIST: FormularyDrug[] = [
  // ---- Hydration and carrier fluids --------------------------------------------
  // Charted as hydration they yield their fluid code (coding-rules.md §10);
  // carrier fluid yields none. Codes listed smallest bag first: when several
  // apply the fewest units wins and ties keep the first, so 250 mL → J7050,
  // 500 mL → J7040, 1000 mL → J7030. No dose limits: the labels individualise
  // the volume and state no per-bag maximum.
  drug({
    key: 'sodium-chloride-0.9', name: 'Sodium chloride 0.9%',
    aliases: ['normal saline', 'ns', '0.9% sodium chloride', 'sodium chloride', 'saline', '0.9% nacl', 'nacl 0.9%'],
    defaultDoseUnit: 'mL', usualDose: '1000', strengthText: '0.9% (9 mg/mL): 1000, 500 and 250 mL bags', typicalKinds: ['hydration', 'infusion'],
    hcpcs: [
      perMl('J7050', '250', '1982-01-01'), // [CMS-OCT25] "Infusion, normal saline solution, 250 cc", added 1982-01-01
      perMl('J7040', '500', '1984-01-01'), // [CMS-OCT25] "Infusion, normal saline solution, sterile (500 ml = 1 unit)", added 1984-01-01
      perMl('J7030', '1000', '1982-01-01'), // [CMS-OCT25] "Infusion, normal saline solution, 1000 cc", added 1982-01-01
    ],
    products: [
      product('Sodium chloride 0.9%, 1000 mL bag', 'single-dose', '1000', 'mL'),
      product('Sodium chloride 0.9%, 500 mL bag', 'single-dose', '500', 'mL'),
      product('Sodium chloride 0.9%, 250 mL bag', 'single-dose', '250', 'mL'),
    ],
  }),
  drug({
    key: 'lactated-ringers', name: "Lactated Ringer's", aliases: ['lactated ringers', 'lr', "ringer's lactate", 'ringers lactate'],
    defaultDoseUnit: 'mL', usualDose: '1000', strengthText: '1000 mL bag', typicalKinds: ['hydration', 'infusion'],
    // [CMS-OCT25] J7120 "Ringers lactate infusion, up to 1000 cc", added 1982-01-01
    hcpcs: [upToMl('J7120', '1000', '1982-01-01')],
    products: [product("Lactated Ringer's, 1000 mL bag", 'single-dose', '1000', 'mL')],
  }),

  drug({
    key: 'dextrose-5-sodium-chloride-0.9', name: 'Dextrose 5% in sodium chloride 0.9% (D5NS)', aliases: ['d5ns', 'd5 ns', 'd5/ns'],
    defaultDoseUnit: 'mL', usualDose: '1000', strengthText: '1000 mL and 500 mL bags', typicalKinds: ['hydration', 'infusion'],
    hcpcs: [perMl('J7042', '500', '1984-01-01')], // [CMS-OCT25] "5% dextrose/normal saline (500 ml = 1 unit)", added 1984-01-01
    products: [
      product('Dextrose 5% in sodium chloride 0.9%, 1000 mL bag', 'single-dose', '1000', 'mL'),
      product('Dextrose 5% in sodium chloride 0.9%, 500 mL bag', 'single-dose', '500', 'mL'),
    ],
  }),
  drug({
    key: 'dextrose-5-water', name: 'Dextrose 5% in water (D5W)', aliases: ['d5w', 'dextrose 5%', 'd5 water'],
    defaultDoseUnit: 'mL', usualDose: '1000', strengthText: '1000, 500 and 250 mL bags', typicalKinds: ['hydration', 'infusion'],
    hcpcs: [
      perMl('J7060', '500', '1985-01-01'), // [CMS-OCT25] "5% dextrose/water (500 ml = 1 unit)", added 1985-01-01
      perMl('J7070', '1000', '1982-01-01'), // [CMS-OCT25] "Infusion, d5w, 1000 cc", added 1982-01-01
    ],
    products: [
      product('Dextrose 5% in water, 1000 mL bag', 'single-dose', '1000', 'mL'),
      product('Dextrose 5% in water, 500 mL bag', 'single-dose', '500', 'mL'),
    ],
  }),

  // ---- Electrolytes --------------------------------------------------------------
  drug({
    key: 'potassium-chloride', name: 'Potassium chloride', aliases: ['kcl', 'potassium'], defaultDoseUnit: 'mEq', usualDose: '20',
    strengthText: 'Premixed bags 10, 20, 40 mEq; concentrate 2 mEq/mL (must be diluted: never IV push)', typicalKinds: ['infusion'],
    mgPerMeq: '74.55', // KCl molar mass 74.55 g/mol, one charge
    hcpcs: [per('J3480', '2', 'mEq', '1996-01-01')], // [CMS-OCT25] "Injection, potassium chloride, per 2 meq", added 1996-01-01
    products: [
      product('Potassium chloride 10 mEq/100 mL premixed bag', 'single-dose', '10', 'mEq', '0.1'),
      product('Potassium chloride 20 mEq/100 mL premixed bag', 'single-dose', '20', 'mEq', '0.2'),
      product('Potassium chloride 2 mEq/mL concentrate, 20 mL vial', 'single-dose', '40', 'mEq', '2'),
    ],
    // Potassium chloride injection label: rate ≤ 10 mEq/h peripheral, ≤ 200 mEq/day; one dose above the day's maximum is impossible. UNCONFIRMED (label text not read).
    doseLimits: [limit(['infusion'], 'mEq', '20', '40', '200', 'label: 200 mEq/day')],
  }),
  drug({
    key: 'calcium-gluconate', name: 'Calcium gluconate', aliases: ['ca gluconate'], defaultDoseUnit: 'mg', usualDose: '1000',
    strengthText: '10% (100 mg/mL): 10, 50, 100 mL vials; premixed 1 g/50 mL and 2 g/100 mL', typicalKinds: ['infusion', 'push'],
    hcpcs: [
      per('J0612', '10', 'mg', '2023-04-01'), // [CMS-OCT25] "Injection, calcium gluconate, not otherwise specified, 10 mg", added 2023-04-01
      // [CMS-OCT25] J0610 "Injection, calcium gluconate (fresenius kabi), per 10 ml", added 1982-01-01: the generic code before J0612 (its old generic descriptor UNCONFIRMED).
      { code: 'J0610', billingAmount: '10', billingUnit: 'mL', descriptor: 'per', descriptorText: 'per 10 mL', effectiveFrom: '1982-01-01', effectiveTo: '2023-03-31', note: UNCONFIRMED_END },
    ],
    products: [
      product('Calcium gluconate 10% (100 mg/mL), 10 mL single-dose vial', 'single-dose', '1000', 'mg', '100'),
      product('Calcium gluconate 1 g/50 mL premixed bag', 'single-dose', '1000', 'mg', '20'),
      product('Calcium gluconate 2 g/100 mL premixed bag', 'single-dose', '2000', 'mg', '20'),
    ],
    // Calcium gluconate injection label (Fresenius Kabi): acute hypocalcaemia 1,000–2,000 mg; no single-dose maximum stated. UNCONFIRMED.
    doseLimits: [limit(['infusion', 'push'], 'mg', '1000', '2000', null, 'label')],
  }),
  drug({
    key: 'calcium-chloride', name: 'Calcium chloride', aliases: ['cacl', 'cacl2'], defaultDoseUnit: 'mg', usualDose: '1000',
    strengthText: '10% (100 mg/mL, 1.36 mEq/mL): 10 mL prefilled syringe (1 g)', typicalKinds: ['push', 'infusion'],
    mgPerMeq: '73.5', // CaCl2·2H2O 147.0 g/mol, two charges
    hcpcs: [
      per('J0618', '2', 'mg', '2025-07-01'), // [CMS-OCT25] "Injection, calcium chloride, 2 mg", added 2025-07-01
      noc(null, '2025-06-30', `${NO_CODE} Before J0618.`),
    ],
    products: [product('Calcium chloride 10% (100 mg/mL), 10 mL prefilled syringe', 'single-dose', '1000', 'mg', '100')],
    // Calcium chloride injection label: hypocalcaemia 500–1,000 mg slow IV; no single-dose maximum stated. UNCONFIRMED.
    doseLimits: [limit(['push', 'infusion'], 'mg', '1000', '1000', null, 'label')],
  }),
  drug({
    key: 'sodium-bicarbonate', name: 'Sodium bicarbonate', aliases: ['bicarb', 'nahco3', 'sodium bicarb'], defaultDoseUnit: 'mEq', usualDose: '50',
    strengthText: '8.4% (1 mEq/mL): 50 mL syringe or vial (50 mEq)', typicalKinds: ['push', 'infusion'],
    mgPerMeq: '84.01', // NaHCO3 84.01 g/mol, one charge
    hcpcs: [noc(null, null, NO_CODE)], // no sodium bicarbonate injection code between J0120 and J9999 in [CMS-OCT25]
    products: [product('Sodium bicarbonate 8.4% (1 mEq/mL), 50 mL single-dose syringe', 'single-dose', '50', 'mEq', '1')],
    // Sodium bicarbonate injection label: cardiac arrest 44.6–100 mEq initially; no single-dose maximum stated. UNCONFIRMED.
    doseLimits: [limit(['push', 'infusion'], 'mEq', '50', '100', null, 'label')],
  }),

  // ---- Reversal agents -----------------------------------------------------------
  drug({
    key: 'flumazenil', name: 'Flumazenil', aliases: ['romazicon'], defaultDoseUnit: 'mg', usualDose: '0.2',
    strengthText: '0.1 mg/mL: 5 mL and 10 mL multiple-dose vials',
    hcpcs: [noc(null, null, NO_CODE)], // no flumazenil code in [CMS-OCT25]
    products: [
      product('Flumazenil 0.1 mg/mL, 5 mL multiple-dose vial', 'multiple-dose', '0.5', 'mg', '0.1'),
      product('Flumazenil 0.1 mg/mL, 10 mL multiple-dose vial', 'multiple-dose', '1', 'mg', '0.1'),
    ],
    // Flumazenil label: 0.2 mg over 15 s, repeated to a total of 1 mg (sedation reversal; 3 mg/h for overdose). UNCONFIRMED.
    doseLimits: [limit(['push'], 'mg', '0.2', '0.5', '1', 'label: 1 mg per series')],
  }),
  drug({
    key: 'glucagon', name: 'Glucagon', aliases: ['glucagen'], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '1 mg emergency kit or vial (powder, reconstituted to 1 mg/mL)', typicalKinds: ['injection', 'push'],
    // [CMS-OCT25] J1610 "Injection, glucagon hydrochloride, per 1 mg", added 1986-01-01 (J1611 Fresenius and J1612 Gvoke are other products)
    hcpcs: [per('J1610', '1', 'mg', '1986-01-01')],
    products: [product('Glucagon 1 mg single-dose vial (powder)', 'single-dose', '1', 'mg', '1')],
    // GlucaGen/glucagon label: severe hypoglycaemia 1 mg; diagnostic aid up to 2 mg IM. UNCONFIRMED.
    doseLimits: [limit(['injection', 'push'], 'mg', '1', '1', '2', 'label')],
  }),
  drug({
    key: 'protamine', name: 'Protamine sulfate', aliases: [], defaultDoseUnit: 'mg', usualDose: '25',
    strengthText: '10 mg/mL: 5 mL (50 mg) and 25 mL vials',
    hcpcs: [per('J2720', '10', 'mg', '1982-01-01')], // [CMS-OCT25] "Injection, protamine sulfate, per 10 mg", added 1982-01-01
    products: [product('Protamine sulfate 10 mg/mL, 5 mL single-dose vial', 'single-dose', '50', 'mg', '10')],
    // Protamine sulfate label: no more than 50 mg in any 10-minute period. UNCONFIRMED.
    doseLimits: [limit(['push', 'infusion'], 'mg', '25', '50', '50', 'label: 50 mg per 10 min')],
    typicalKinds: ['push', 'infusion'],
  }),
  drug({
    key: 'phytonadione', name: 'Phytonadione (vitamin K1)', aliases: ['vitamin k', 'vitamin k1', 'aquamephyton'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '10 mg/mL, 1 mL ampul; 1 mg/0.5 mL', typicalKinds: ['infusion', 'injection'],
    hcpcs: [per('J3430', '1', 'mg', '1982-01-01')], // [CMS-OCT25] "Injection, phytonadione (vitamin k), per 1 mg", added 1982-01-01
    products: [product('Phytonadione 10 mg/mL, 1 mL ampul', 'single-dose', '10', 'mg', '10')],
    // Phytonadione injectable emulsion label: anticoagulant-induced deficiency 2.5–10 mg, up to 25 mg, rarely 50 mg. UNCONFIRMED.
    doseLimits: [limit(['infusion', 'injection'], 'mg', '10', '25', '50', 'label')],
  }),

  // ---- Cardiac drugs and anticoagulants ------------------------------------------
  drug({
    key: 'amiodarone', name: 'Amiodarone HCl', aliases: ['cordarone', 'nexterone'], defaultDoseUnit: 'mg', usualDose: '150',
    strengthText: '50 mg/mL: 3 mL (150 mg) and 9 mL vials; premixed 150 mg/100 mL and 360 mg/200 mL (Nexterone)', typicalKinds: ['infusion', 'push'],
    // [CMS-OCT25] J0282 "Injection, amiodarone hydrochloride, 30 mg", added 2001-01-01 (J0283 = Nexterone premix, 2023-01-01, not listed here)
    hcpcs: [per('J0282', '30', 'mg', '2001-01-01')],
    products: [
      product('Amiodarone 50 mg/mL, 3 mL single-dose vial', 'single-dose', '150', 'mg', '50'),
      product('Amiodarone 50 mg/mL, 9 mL single-dose vial', 'single-dose', '450', 'mg', '50'),
    ],
    // Amiodarone injection label: 150 mg over 10 min, then 360 mg over 6 h (1 g/24 h); pulseless VT/VF 300 mg push per ACLS. No single-dose maximum. UNCONFIRMED.
    doseLimits: [
      limit(['infusion'], 'mg', '150', '360', null, 'label'),
      limit(['push'], 'mg', '150', '300', null, 'label, ACLS'),
    ],
  }),
  drug({
    key: 'digoxin', name: 'Digoxin', aliases: ['lanoxin'], defaultDoseUnit: 'mg', usualDose: '0.25',
    strengthText: '0.25 mg/mL, 2 mL ampul (0.5 mg)',
    hcpcs: [upTo('J1160', '0.5', 'mg', '1982-01-01')], // [CMS-OCT25] "Injection, digoxin, up to 0.5 mg", added 1982-01-01
    products: [product('Digoxin 0.25 mg/mL, 2 mL ampul', 'single-dose', '0.5', 'mg', '0.25')],
    // Lanoxin injection label: loading 8–12 mcg/kg in divided doses, first dose half (about 0.5 mg). UNCONFIRMED.
    doseLimits: [limit(['push'], 'mg', '0.25', '0.5', null, 'label')],
  }),
  drug({
    key: 'heparin', name: 'Heparin sodium', aliases: [], defaultDoseUnit: 'units', usualDose: '5000',
    strengthText: '1,000, 5,000 and 10,000 units/mL vials; premixed 25,000 units/250 mL or 500 mL', typicalKinds: ['push', 'infusion', 'injection'],
    // [CMS-OCT25] J1644 "Injection, heparin sodium, per 1000 units", added 1995-01-01 (J1642 lock flush is never separately billed: R-BUNDLED)
    hcpcs: [perUnits('J1644', '1000', '1995-01-01')],
    products: [
      product('Heparin 5,000 units/mL, 1 mL single-dose vial', 'single-dose', '5000', 'units', '5000'),
      product('Heparin 1,000 units/mL, 10 mL multiple-dose vial', 'multiple-dose', '10000', 'units', '1000'),
      product('Heparin 25,000 units in 250 mL premixed bag', 'single-dose', '25000', 'units', '100'),
    ],
    // Heparin sodium injection label: IV bolus 5,000–10,000 units; deep SC 5,000 units (10,000–20,000 initially). No single-dose maximum. UNCONFIRMED.
    doseLimits: [
      limit(['push'], 'units', '5000', '10000', null, 'label'),
      limit(['infusion'], 'units', '25000', '40000', null, 'label: 20,000–40,000 units/24 h'),
      limit(['injection'], 'units', '5000', '20000', null, 'label'),
    ],
  }),
  drug({
    key: 'enoxaparin', name: 'Enoxaparin sodium', aliases: ['lovenox'], defaultDoseUnit: 'mg', usualDose: '40',
    strengthText: '100 mg/mL prefilled syringes: 30, 40, 60, 80, 100 mg; 150 mg/mL: 120, 150 mg', typicalKinds: ['injection'],
    hcpcs: [per('J1650', '10', 'mg', '1996-01-01')], // [CMS-OCT25] "Injection, enoxaparin sodium, 10 mg", added 1996-01-01
    products: [
      product('Enoxaparin 40 mg/0.4 mL prefilled syringe', 'single-dose', '40', 'mg', '100'),
      product('Enoxaparin 80 mg/0.8 mL prefilled syringe', 'single-dose', '80', 'mg', '100'),
    ],
    // Lovenox label: prophylaxis 40 mg; treatment 1 mg/kg q12h or 1.5 mg/kg daily (weight-based: no flat maximum). UNCONFIRMED.
    doseLimits: [limit(['injection'], 'mg', '40', '150', null, 'label')],
  }),
  drug({
    key: 'hydralazine', name: 'Hydralazine HCl', aliases: ['apresoline'], defaultDoseUnit: 'mg', usualDose: '10',
    strengthText: '20 mg/mL, 1 mL vial', typicalKinds: ['push', 'injection'],
    hcpcs: [upTo('J0360', '20', 'mg', '1986-01-01')], // [CMS-OCT25] "Injection, hydralazine hcl, up to 20 mg", added 1986-01-01
    products: [product('Hydralazine 20 mg/mL, 1 mL single-dose vial', 'single-dose', '20', 'mg', '20')],
    // Hydralazine injection label: 20–40 mg IV/IM, repeated as necessary. UNCONFIRMED.
    doseLimits: [limit(['push', 'injection'], 'mg', '10', '20', '40', 'label')],
  }),
  drug({
    key: 'epinephrine', name: 'Epinephrine', aliases: ['adrenalin', 'adrenaline', 'epi'], defaultDoseUnit: 'mg', usualDose: '0.3',
    strengthText: '1 mg/mL, 1 mL vial or ampul (IM); 0.1 mg/mL, 10 mL prefilled syringe (IV, cardiac arrest)', typicalKinds: ['injection', 'push', 'infusion'],
    hcpcs: [
      per('J0165', '0.1', 'mg', '2025-07-01'), // [CMS-OCT25] "Injection, epinephrine, not otherwise specified, 0.1 mg", added 2025-07-01
      // [CMS-OCT25] J0171 "Injection, adrenalin, epinephrine, 0.1 mg", added 2011-01-01; legacy since J0165 (drug-reference.md §0).
      per('J0171', '0.1', 'mg', '2011-01-01', '2025-06-30', UNCONFIRMED_END),
    ],
    products: [
      product('Epinephrine 1 mg/mL, 1 mL single-dose vial', 'single-dose', '1', 'mg', '1'),
      product('Epinephrine 0.1 mg/mL, 10 mL prefilled syringe', 'single-dose', '1', 'mg', '0.1'),
    ],
    // Adrenalin label: anaphylaxis 0.3–0.5 mg IM, at most 0.5 mg per injection. Cardiac arrest 1 mg IV per ACLS (no label maximum). UNCONFIRMED.
    doseLimits: [
      limit(['injection'], 'mg', '0.3', '0.5', '0.5', 'label, IM'),
      limit(['push'], 'mg', '1', '1', null, 'ACLS'),
    ],
  }),
  drug({
    key: 'atropine', name: 'Atropine sulfate', aliases: [], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '0.1 mg/mL, 10 mL prefilled syringe; 0.4 mg/mL and 1 mg/mL vials',
    hcpcs: [per('J0461', '0.01', 'mg', '2010-01-01')], // [CMS-OCT25] "Injection, atropine sulfate, 0.01 mg", added 2010-01-01
    products: [product('Atropine 0.1 mg/mL, 10 mL prefilled syringe', 'single-dose', '1', 'mg', '0.1')],
    // Atropine sulfate injection label: bradycardia 0.5–1 mg, repeated; organophosphate poisoning needs far more, so no single-dose maximum. UNCONFIRMED.
    doseLimits: [limit(['push'], 'mg', '1', '1', null, 'label')],
  }),
  drug({
    key: 'nitroglycerin', name: 'Nitroglycerin IV', aliases: ['ntg', 'nitro', 'glyceryl trinitrate'], defaultDoseUnit: 'mg', usualDose: '25',
    strengthText: 'Premixed 25 mg/250 mL and 50 mg/250 mL in D5W; 5 mg/mL vial (titrated in mcg/min)', typicalKinds: ['infusion'],
    hcpcs: [
      per('J2305', '5', 'mg', '2023-07-01'), // [CMS-OCT25] "Injection, nitroglycerin, 5 mg", added 2023-07-01
      noc(null, '2023-06-30', `${NO_CODE} Before J2305.`),
    ],
    products: [product('Nitroglycerin 25 mg in 250 mL D5W premixed bottle', 'single-dose', '25', 'mg', '0.1')],
    // No doseLimits: a titrated drip's dose is a rate (mcg/min), not one amount the check could judge.
  }),

  // ---- Chemotherapy and biologic response modifiers --------------------------------
  chemo({
    key: 'fluorouracil', name: 'Fluorouracil', aliases: ['5-fu', '5 fu', 'adrucil'], defaultDoseUnit: 'mg', usualDose: '800',
    strengthText: '50 mg/mL: 10, 20, 50, 100 mL vials (pharmacy bulk)', typicalKinds: ['infusion', 'push'],
    hcpcs: [per('J9190', '500', 'mg', '1984-01-01')], // [CMS-OCT25] "Injection, fluorouracil, 500 mg", added 1984-01-01
    products: [product('Fluorouracil 50 mg/mL, 50 mL pharmacy bulk vial', 'pharmacy-bulk', '2500', 'mg', '50')],
    // Fluorouracil label: 400 mg/m² bolus, 2,400 mg/m² over 46 h (body-size-based, no flat maximum). Figures × 2.0/2.2 m². UNCONFIRMED.
    doseLimits: [
      limit(['push'], 'mg', '800', '880', null, 'label, per m²'),
      limit(['infusion'], 'mg', '4800', '5280', null, 'label, per m²'),
    ],
  }),
  chemo({
    key: 'cisplatin', name: 'Cisplatin', aliases: ['platinol'], defaultDoseUnit: 'mg', usualDose: '150',
    strengthText: '1 mg/mL: 50, 100, 200 mL multiple-dose vials', typicalKinds: ['infusion'],
    hcpcs: [per('J9060', '10', 'mg', '1984-01-01')], // [CMS-OCT25] "Injection, cisplatin, powder or solution, 10 mg", added 1984-01-01
    products: [product('Cisplatin 1 mg/mL, 100 mL multiple-dose vial', 'multiple-dose', '100', 'mg', '1')],
    // Cisplatin label: 75–100 mg/m² per cycle (body-size-based, no flat maximum). × 2.0/2.2 m². UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '150', '220', null, 'label, per m²')],
  }),
  chemo({
    key: 'carboplatin', name: 'Carboplatin', aliases: ['paraplatin'], defaultDoseUnit: 'mg', usualDose: '600',
    strengthText: '10 mg/mL: 5, 15, 45, 60 mL multiple-dose vials', typicalKinds: ['infusion'],
    hcpcs: [per('J9045', '50', 'mg', '1990-01-01')], // [CMS-OCT25] "Injection, carboplatin, 50 mg", added 1990-01-01
    products: [product('Carboplatin 10 mg/mL, 45 mL multiple-dose vial', 'multiple-dose', '450', 'mg', '10')],
    // Carboplatin label: Calvert formula dose = AUC × (GFR + 25), no flat maximum. Soft max 900 mg = AUC 6 with GFR capped at 125 mL/min (NCI CTEP guidance, UNCONFIRMED).
    doseLimits: [limit(['infusion'], 'mg', '600', '900', null, 'label, Calvert')],
  }),
  chemo({
    key: 'oxaliplatin', name: 'Oxaliplatin', aliases: ['eloxatin'], defaultDoseUnit: 'mg', usualDose: '170',
    strengthText: '5 mg/mL: 10 mL (50 mg) and 20 mL (100 mg) single-dose vials', typicalKinds: ['infusion'],
    hcpcs: [per('J9263', '0.5', 'mg', '2004-01-01')], // [CMS-OCT25] "Injection, oxaliplatin, 0.5 mg", added 2004-01-01
    products: [
      product('Oxaliplatin 5 mg/mL, 10 mL single-dose vial', 'single-dose', '50', 'mg', '5'),
      product('Oxaliplatin 5 mg/mL, 20 mL single-dose vial', 'single-dose', '100', 'mg', '5'),
    ],
    // Oxaliplatin label: 85 mg/m² (FOLFOX); 130 mg/m² in CAPOX (body-size-based). 85 × 2.0, 130 × 2.2. UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '170', '290', null, 'label, per m²')],
  }),
  chemo({
    key: 'paclitaxel', name: 'Paclitaxel', aliases: ['taxol'], defaultDoseUnit: 'mg', usualDose: '350',
    strengthText: '6 mg/mL: 5 mL (30 mg), 16.7 mL (100 mg), 50 mL (300 mg) multiple-dose vials', typicalKinds: ['infusion'],
    hcpcs: [
      per('J9267', '1', 'mg', '2015-01-01'), // [CMS-OCT25] "Injection, paclitaxel, 1 mg", added 2015-01-01 (J9264 = protein-bound, another drug)
      per('J9265', '30', 'mg', '1994-01-01', '2014-12-31', UNCONFIRMED_END), // [CMS-OCT25] "Injection, paclitaxel, 30 mg", added 1994-01-01
    ],
    products: [product('Paclitaxel 6 mg/mL, 50 mL multiple-dose vial', 'multiple-dose', '300', 'mg', '6')],
    // Paclitaxel label: 135–175 mg/m² every 3 weeks; 80 mg/m² weekly (body-size-based). 175 × 2.0/2.2 m². UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '350', '385', null, 'label, per m²')],
  }),
  chemo({
    key: 'docetaxel', name: 'Docetaxel', aliases: ['taxotere'], defaultDoseUnit: 'mg', usualDose: '150',
    strengthText: '10 or 20 mg/mL: 20 mg, 80 mg, 160 mg vials', typicalKinds: ['infusion'],
    // [CMS-OCT25] J9171 "Injection, docetaxel, 1 mg", added 2010-01-01 (J9172 Docivyx and J9174 Beizray are other products)
    hcpcs: [per('J9171', '1', 'mg', '2010-01-01')],
    products: [product('Docetaxel 20 mg/mL, 4 mL multiple-dose vial', 'multiple-dose', '80', 'mg', '20')],
    // Docetaxel label: 60–100 mg/m² every 3 weeks (body-size-based). 75 × 2.0, 100 × 2.2. UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '150', '220', null, 'label, per m²')],
  }),
  chemo({
    key: 'gemcitabine', name: 'Gemcitabine', aliases: ['gemzar'], defaultDoseUnit: 'mg', usualDose: '2000',
    strengthText: '200 mg, 1 g, 2 g vials (powder) or 38 mg/mL solution', typicalKinds: ['infusion'],
    // [CMS-OCT25] J9201 "Injection, gemcitabine hydrochloride, not otherwise specified, 200 mg", added 1998-01-01 (Infugem J9198/J9199 and Accord J9196 are other products)
    hcpcs: [per('J9201', '200', 'mg', '1998-01-01')],
    products: [product('Gemcitabine 1 g single-dose vial (powder)', 'single-dose', '1000', 'mg')],
    // Gemcitabine label: 1,000–1,250 mg/m² (body-size-based). 1,000 × 2.0, 1,250 × 2.2. UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '2000', '2750', null, 'label, per m²')],
  }),
  chemo({
    key: 'cyclophosphamide', name: 'Cyclophosphamide', aliases: ['cytoxan'], defaultDoseUnit: 'mg', usualDose: '1200',
    strengthText: '500 mg, 1 g, 2 g vials (powder)', typicalKinds: ['infusion', 'push'],
    hcpcs: [
      per('J9075', '5', 'mg', '2024-04-01'), // [CMS-OCT25] "Injection, cyclophosphamide, not otherwise specified, 5 mg", added 2024-04-01
      // [CMS-OCT25] J9070 "Cyclophosphamide, 100 mg", added 1984-01-01, still listed in Oct 2025: whether it ended when J9075 came is UNCONFIRMED.
      per('J9070', '100', 'mg', '1984-01-01', '2024-03-31', UNCONFIRMED_END),
    ],
    products: [product('Cyclophosphamide 1 g single-dose vial (powder)', 'single-dose', '1000', 'mg')],
    // Cyclophosphamide label: 40–50 mg/kg IV in divided doses; AC regimen 600 mg/m² (body-size-based). 600 × 2.0/2.2 m². UNCONFIRMED.
    doseLimits: [limit(['infusion', 'push'], 'mg', '1200', '1320', null, 'label, per m²')],
  }),
  chemo({
    key: 'doxorubicin', name: 'Doxorubicin HCl', aliases: ['adriamycin'], defaultDoseUnit: 'mg', usualDose: '120',
    strengthText: '2 mg/mL: 5, 10, 25, 100 mL vials (conventional, not liposomal)', typicalKinds: ['push', 'infusion'],
    hcpcs: [per('J9000', '10', 'mg', '1984-01-01')], // [CMS-OCT25] "Injection, doxorubicin hydrochloride, 10 mg", added 1984-01-01
    products: [product('Doxorubicin 2 mg/mL, 25 mL multiple-dose vial', 'multiple-dose', '50', 'mg', '2')],
    // Doxorubicin label: 60–75 mg/m² every 21 days; cumulative 550 mg/m² (body-size-based). 60 × 2.0, 75 × 2.2. UNCONFIRMED.
    doseLimits: [limit(['push', 'infusion'], 'mg', '120', '165', null, 'label, per m²')],
  }),
  chemo({
    key: 'pembrolizumab', name: 'Pembrolizumab', aliases: ['keytruda'], defaultDoseUnit: 'mg', usualDose: '200',
    strengthText: '100 mg/4 mL single-dose vial', typicalKinds: ['infusion'],
    hcpcs: [per('J9271', '1', 'mg', '2016-01-01')], // [CMS-OCT25] "Injection, pembrolizumab, 1 mg", added 2016-01-01
    products: [product('Pembrolizumab 100 mg/4 mL single-dose vial', 'single-dose', '100', 'mg', '25')],
    // Keytruda label: 200 mg every 3 weeks or 400 mg every 6 weeks (flat doses): https://www.drugs.com/dosage/keytruda.html
    doseLimits: [limit(['infusion'], 'mg', '200', '400', '400', 'label')],
  }),
  chemo({
    key: 'rituximab', name: 'Rituximab', aliases: ['rituxan'], defaultDoseUnit: 'mg', usualDose: '750',
    strengthText: '10 mg/mL: 100 mg/10 mL and 500 mg/50 mL single-dose vials', typicalKinds: ['infusion'],
    hcpcs: [
      // [CMS-OCT25] J9312 "Injection, rituximab, 10 mg", added 2019-01-01 (biosimilars bill their own Q51xx codes, not modelled here)
      per('J9312', '10', 'mg', '2019-01-01'),
      per('J9310', '100', 'mg', '1999-01-01', '2018-12-31', UNCONFIRMED_END), // [CMS-OCT25] "Injection, rituximab, 100 mg", added 1999-01-01
    ],
    products: [
      product('Rituximab 10 mg/mL, 10 mL single-dose vial', 'single-dose', '100', 'mg', '10'),
      product('Rituximab 10 mg/mL, 50 mL single-dose vial', 'single-dose', '500', 'mg', '10'),
    ],
    // Rituxan label: 375 mg/m² (NHL), 500 mg/m² (CLL later cycles), 1,000 mg flat (RA). 375 × 2.0, 500 × 2.2 m². UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '750', '1100', null, 'label, per m²')],
  }),

  // ---- Supportive agents (not chemotherapy) ------------------------------------------
  drug({
    key: 'leucovorin', name: 'Leucovorin calcium', aliases: ['folinic acid'], defaultDoseUnit: 'mg', usualDose: '800',
    strengthText: '50, 100, 200, 350, 500 mg vials (powder); 10 mg/mL solution', typicalKinds: ['infusion', 'push'],
    hcpcs: [per('J0640', '50', 'mg', '1982-01-01')], // [CMS-OCT25] "Injection, leucovorin calcium, per 50 mg", added 1982-01-01
    products: [product('Leucovorin calcium 500 mg single-dose vial (powder)', 'single-dose', '500', 'mg')],
    // Leucovorin label: with 5-FU 200–400 mg/m²; methotrexate rescue varies; IV at most 160 mg/min (rate, not dose). 400 × 2.0/2.2 m². UNCONFIRMED.
    doseLimits: [limit(['infusion', 'push'], 'mg', '800', '880', null, 'label, per m²')],
  }),
  drug({
    key: 'granisetron', name: 'Granisetron HCl', aliases: ['kytril'], defaultDoseUnit: 'mg', usualDose: '1',
    strengthText: '1 mg/mL: 1 mL single-dose and 4 mL multiple-dose vials',
    hcpcs: [per('J1626', '100', 'mcg', '1998-01-01')], // [CMS-OCT25] "Injection, granisetron hydrochloride, 100 mcg", added 1998-01-01 (J1627 = extended release)
    products: [product('Granisetron 1 mg/mL, 1 mL single-dose vial', 'single-dose', '1', 'mg', '1')],
    // Granisetron injection label: 10 mcg/kg before chemotherapy (about 1 mg); no flat maximum. UNCONFIRMED.
    doseLimits: [limit(['push', 'infusion'], 'mg', '1', '1', null, 'label')],
    typicalKinds: ['push', 'infusion'],
  }),
  drug({
    key: 'palonosetron', name: 'Palonosetron HCl', aliases: ['aloxi'], defaultDoseUnit: 'mcg', usualDose: '250',
    strengthText: '0.25 mg/5 mL (50 mcg/mL) single-dose vial',
    // [CMS-OCT25] J2469 "Injection, palonosetron hcl, 25 mcg", added 2005-01-01 (J2468 = Posfrea)
    hcpcs: [per('J2469', '25', 'mcg', '2005-01-01')],
    products: [product('Palonosetron 0.25 mg/5 mL single-dose vial', 'single-dose', '250', 'mcg', '50')],
    // Aloxi label: 0.25 mg once, 30 min before chemotherapy; no higher adult dose labelled. UNCONFIRMED.
    doseLimits: [limit(['push'], 'mcg', '250', '250', null, 'label')],
  }),
  drug({
    key: 'fosaprepitant', name: 'Fosaprepitant dimeglumine', aliases: ['emend iv', 'emend'], defaultDoseUnit: 'mg', usualDose: '150',
    strengthText: '150 mg single-dose vial (powder)', typicalKinds: ['infusion'],
    // [CMS-OCT25] J1453 "Injection, fosaprepitant, 1 mg", added 2009-01-01 (J1456 Teva and J1434 Focinvez are other products)
    hcpcs: [per('J1453', '1', 'mg', '2009-01-01')],
    products: [product('Fosaprepitant 150 mg single-dose vial (powder)', 'single-dose', '150', 'mg')],
    // Emend for injection label: 150 mg on day 1 of each cycle. UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '150', '150', '150', 'label')],
  }),
  drug({
    key: 'pegfilgrastim', name: 'Pegfilgrastim', aliases: ['neulasta'], defaultDoseUnit: 'mg', usualDose: '6',
    strengthText: '6 mg/0.6 mL prefilled syringe or on-body injector', typicalKinds: ['injection'],
    hcpcs: [
      // [CMS-OCT25] J2506 "Injection, pegfilgrastim, excludes biosimilar, 0.5 mg", added 2022-01-01 (biosimilars bill Q51xx codes, not modelled)
      per('J2506', '0.5', 'mg', '2022-01-01'),
      per('J2505', '6', 'mg', '2004-01-01', '2021-12-31', UNCONFIRMED_END), // [CMS-OCT25] "Injection, pegfilgrastim, 6 mg", added 2004-01-01
    ],
    products: [product('Pegfilgrastim 6 mg/0.6 mL prefilled syringe', 'single-dose', '6', 'mg', '10')],
    // Neulasta label: 6 mg once per chemotherapy cycle (adults and ≥ 45 kg). UNCONFIRMED.
    doseLimits: [limit(['injection'], 'mg', '6', '6', '6', 'label')],
  }),
  drug({
    key: 'filgrastim', name: 'Filgrastim', aliases: ['neupogen', 'g-csf'], defaultDoseUnit: 'mcg', usualDose: '480',
    strengthText: '300 mcg/0.5 mL and 480 mcg/0.8 mL prefilled syringes; 300 mcg/mL and 480 mcg/1.6 mL vials', typicalKinds: ['injection', 'infusion'],
    // [CMS-OCT25] J1442 "Injection, filgrastim (g-csf), excludes biosimilars, 1 microgram", added 2014-01-01 (biosimilars bill Q51xx codes)
    hcpcs: [per('J1442', '1', 'mcg', '2014-01-01')],
    products: [
      product('Filgrastim 300 mcg/0.5 mL prefilled syringe', 'single-dose', '300', 'mcg', '600'),
      product('Filgrastim 480 mcg/0.8 mL prefilled syringe', 'single-dose', '480', 'mcg', '600'),
    ],
    // Neupogen label: 5 mcg/kg/day (10 mcg/kg/day for mobilisation): weight-based, no flat maximum; soft max = 10 mcg/kg × 100 kg. UNCONFIRMED.
    doseLimits: [limit(['injection', 'infusion'], 'mcg', '480', '1000', null, 'label, per kg')],
  }),
  drug({
    key: 'zoledronic-acid', name: 'Zoledronic acid', aliases: ['zometa', 'reclast'], defaultDoseUnit: 'mg', usualDose: '4',
    strengthText: '4 mg/5 mL vial or 4 mg/100 mL premix (Zometa); 5 mg/100 mL (Reclast)', typicalKinds: ['infusion'],
    hcpcs: [per('J3489', '1', 'mg', '2014-01-01')], // [CMS-OCT25] "Injection, zoledronic acid, 1 mg", added 2014-01-01
    products: [
      product('Zoledronic acid 4 mg/100 mL premixed bag', 'single-dose', '4', 'mg', '0.04'),
      product('Zoledronic acid 5 mg/100 mL premixed bag', 'single-dose', '5', 'mg', '0.05'),
    ],
    // Label: 4 mg over ≥ 15 min (oncology), 5 mg (Paget's disease): https://www.pfizermedicalinformation.com/en-us/zoledronic-acid-injection-intravenous-infusion/dosage-admin
    doseLimits: [limit(['infusion'], 'mg', '4', '4', '5', 'label')],
  }),

  // ---- IV iron -----------------------------------------------------------------------
  drug({
    key: 'iron-sucrose', name: 'Iron sucrose', aliases: ['venofer'], defaultDoseUnit: 'mg', usualDose: '200',
    strengthText: '20 mg/mL elemental iron: 2.5 mL (50 mg), 5 mL (100 mg), 10 mL (200 mg) single-dose vials', typicalKinds: ['infusion', 'push'],
    hcpcs: [per('J1756', '1', 'mg', '2003-01-01')], // [CMS-OCT25] "Injection, iron sucrose, 1 mg", added 2003-01-01
    products: [
      product('Iron sucrose 20 mg/mL, 5 mL single-dose vial', 'single-dose', '100', 'mg', '20'),
      product('Iron sucrose 20 mg/mL, 10 mL single-dose vial', 'single-dose', '200', 'mg', '20'),
    ],
    // Venofer label: 100 mg (HDD-CKD), 200 mg (NDD-CKD) slow IV; vials 50/100/200 mg at 20 mg/mL: https://api.fda.gov/drug/label.json?search=set_id%3A%22b998ef36-81fa-40a1-9cd1-6d6156f91564%22
    // Hard max 400 mg (PDD-CKD infusion) is in the part of that text not read: UNCONFIRMED.
    doseLimits: [limit(['infusion', 'push'], 'mg', '200', '200', '400', 'label')],
  }),
  drug({
    key: 'ferric-carboxymaltose', name: 'Ferric carboxymaltose', aliases: ['injectafer'], defaultDoseUnit: 'mg', usualDose: '750',
    strengthText: '50 mg/mL elemental iron: 2 mL (100 mg), 15 mL (750 mg), 20 mL (1,000 mg) single-dose vials', typicalKinds: ['infusion', 'push'],
    hcpcs: [per('J1439', '1', 'mg', '2015-01-01')], // [CMS-OCT25] "Injection, ferric carboxymaltose, 1 mg", added 2015-01-01
    products: [
      product('Ferric carboxymaltose 50 mg/mL, 15 mL single-dose vial', 'single-dose', '750', 'mg', '50'),
      // 20 mL at 50 mg/mL: openFDA NDC 0517-0620-01 https://api.fda.gov/drug/ndc.json?search=packaging.package_ndc%3A%220517-0620-01%22
      product('Ferric carboxymaltose 50 mg/mL, 20 mL single-dose vial', 'single-dose', '1000', 'mg', '50'),
    ],
    // Injectafer label: 750 mg × 2 (≥ 50 kg) or 15 mg/kg; single doses up to 1,000 mg in the current label. UNCONFIRMED.
    doseLimits: [limit(['infusion', 'push'], 'mg', '750', '750', '1000', 'label')],
  }),
  drug({
    key: 'ferumoxytol', name: 'Ferumoxytol', aliases: ['feraheme'], defaultDoseUnit: 'mg', usualDose: '510',
    strengthText: '510 mg/17 mL (30 mg/mL) single-dose vial; infuse over at least 15 minutes', typicalKinds: ['infusion'],
    // [CMS-OCT25] Q0138 "Injection, ferumoxytol, for treatment of iron deficiency anemia, 1 mg (non-esrd use)", added 2010-01-01.
    // Q0139 (same drug, for ESRD on dialysis) is chosen by the patient, not the drug: left to the coder.
    hcpcs: [per('Q0138', '1', 'mg', '2010-01-01')],
    // 510 mg/17 mL: openFDA NDC 59338-775-01 https://api.fda.gov/drug/ndc.json?search=packaging.package_ndc%3A%2259338-775-01%22
    products: [product('Ferumoxytol 510 mg/17 mL single-dose vial', 'single-dose', '510', 'mg', '30')],
    // Feraheme label: 510 mg infused over ≥ 15 min, second 510 mg 3–8 days later (boxed warning read: https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22ferumoxytol%22); 510 mg as the single-dose maximum UNCONFIRMED.
    doseLimits: [limit(['infusion'], 'mg', '510', '510', '510', 'label')],
  }),
  drug({
    key: 'iron-dextran', name: 'Iron dextran', aliases: ['infed'], defaultDoseUnit: 'mg', usualDose: '100',
    strengthText: '50 mg/mL elemental iron, 2 mL single-dose vial (100 mg); test dose 25 mg first (boxed warning)', typicalKinds: ['infusion', 'push'],
    // [CMS-OCT25] J1750 "Injection, iron dextran, 50 mg"; the file's add date reads 2005-12-31.
    hcpcs: [per('J1750', '50', 'mg', '2005-12-31')],
    products: [product('Iron dextran 50 mg/mL, 2 mL single-dose vial', 'single-dose', '100', 'mg', '50')],
    // INFeD label: test dose 25 mg, then at most 100 mg/day undiluted (boxed warning: https://api.fda.gov/drug/label.json?search=openfda.generic_name%3A%22Iron+Dextran%22).
    // hardMax left null on purpose: total-dose infusion (off-label, common in infusion centres) asks for a reason instead of being refused. UNCONFIRMED.
    doseLimits: [limit(['infusion', 'push'], 'mg', '100', '100', null, 'label: 100 mg/day')],
  }),
  drug({
    key: 'sodium-ferric-gluconate', name: 'Sodium ferric gluconate complex', aliases: ['ferrlecit'], defaultDoseUnit: 'mg', usualDose: '125',
    strengthText: '62.5 mg/5 mL (12.5 mg/mL) single-dose vial', typicalKinds: ['infusion', 'push'],
    // [CMS-OCT25] J2916 "Injection, sodium ferric gluconate complex in sucrose injection, 12.5 mg", added 2003-01-01
    hcpcs: [per('J2916', '12.5', 'mg', '2003-01-01')],
    products: [product('Sodium ferric gluconate 62.5 mg/5 mL single-dose vial', 'single-dose', '62.5', 'mg', '12.5')],
    // Ferrlecit label: 125 mg per dialysis session; no single-dose maximum stated. UNCONFIRMED.
    doseLimits: [limit(['infusion', 'push'], 'mg', '125', '125', null, 'label')],
  }),

];

/** The infusion-centre half of the starter formulary; every code's OPPS status is 'unknown' until a source is cited (see the header). */
export const INFUSION_DRUGS: FormularyDrug[] = LIST.map((d) => ({
  ...d,
  hcpcs: d.hcpcs.map((c) => ({ ...c, paymentStatus: c.paymentStatus ?? 'unknown' })),
}));

/** Keys of the hydration fluids in this list: their codes bill in mL (coding-rules.md §10). */
export const FLUID_KEYS: readonly string[] = ['sodium-chloride-0.9', 'lactated-ringers', 'dextrose-5-sodium-chloride-0.9', 'dextrose-5-water'];
