// Drugs and fluids of infusion centres: chemotherapy and supportive agents,
// iron, electrolytes, reversal agents, cardiac drips and hydration fluids.
import { drug, type FormularyDrug } from './define';

export const INFUSION_DRUGS: FormularyDrug[] = [
  // Carrier and hydration fluids: charted so hydration and KVO appear on the
  // timeline. Hydration fluid supply billing is outside this engine's supply
  // scope (issue #3), so they never produce a HCPCS line.
  drug({
    key: 'sodium-chloride-0.9', name: 'Sodium chloride 0.9%', aliases: ['normal saline', 'ns', '0.9% sodium chloride', 'sodium chloride', 'saline'],
    defaultDoseUnit: 'mL', usualDose: '1000', strengthText: '1000 mL and 500 mL bags', typicalKinds: ['hydration'],
    hcpcs: [], products: [], supplyBilling: false,
  }),
  drug({
    key: 'lactated-ringers', name: "Lactated Ringer's", aliases: ['lactated ringers', 'lr', "ringer's lactate", 'ringers lactate'],
    defaultDoseUnit: 'mL', usualDose: '1000', strengthText: '1000 mL bag', typicalKinds: ['hydration'],
    hcpcs: [], products: [], supplyBilling: false,
  }),
];
