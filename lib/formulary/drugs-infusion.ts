// Drugs and fluids of infusion centres: chemotherapy and supportive agents,
// iron, electrolytes, reversal agents, cardiac drips and hydration fluids.
import type { FormularyDrug } from './define';

export const INFUSION_DRUGS: FormularyDrug[] = [];
