// "Same drug" means the same formulary identity, not the same free text
// (coding-rules.md §1): case, spacing and salt/form words never make a new drug.
import type { FormularyDrug } from '../formulary/starter-formulary';

// Salt and dosage-form words that do not change the drug's identity.
const SALT_PHRASES = [
  'sodium phosphate',
  'sodium succinate',
  'hydrochloride',
  'hcl',
  'sulfate',
  'sulphate',
  'tartrate',
  'succinate',
  'citrate',
  'tromethamine',
  'lactate',
  'edisylate',
  'mesylate',
  'maleate',
  'besylate',
  'injection',
  'inj',
  'injectable',
  'for injection',
  'usp',
];
const SALT_RE = new RegExp(`\\b(?:${SALT_PHRASES.map((p) => p.replace(/ /g, '\\s+')).join('|')})\\b`, 'g');

/** "Ondansetron HCl " → "ondansetron"; "Morphine Sulfate" → "morphine". */
export function normaliseDrugName(name: string): string {
  let s = name.toLowerCase().replace(/[’']/g, '').replace(/[(),;]/g, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  const stripped = s.replace(SALT_RE, ' ').replace(/\s+/g, ' ').trim();
  if (stripped !== '') s = stripped;
  // A trailing "sodium" is a salt (pantoprazole sodium, heparin sodium), but
  // "sodium chloride" or "sodium bicarbonate" is the drug itself.
  if (/ sodium$/.test(s)) s = s.slice(0, -' sodium'.length);
  return s;
}

export interface FormularyIndex {
  byKey: Map<string, FormularyDrug>;
  byName: Map<string, FormularyDrug>;
}

// Built once per formulary list (the app passes the same list on every
// keystroke): its names are normalised once, not on every run.
const indexes = new WeakMap<readonly FormularyDrug[], FormularyIndex>();

export function formularyIndex(formulary: readonly FormularyDrug[]): FormularyIndex {
  let idx = indexes.get(formulary);
  if (!idx) {
    const byKey = new Map<string, FormularyDrug>();
    const byName = new Map<string, FormularyDrug>();
    for (const d of formulary) {
      byKey.set(d.key, d);
      for (const n of [d.key, d.name, ...d.aliases]) {
        const k = normaliseDrugName(n.replace(/-/g, ' '));
        if (!byName.has(k)) byName.set(k, d);
        const k2 = normaliseDrugName(n);
        if (!byName.has(k2)) byName.set(k2, d);
      }
    }
    idx = { byKey, byName };
    indexes.set(formulary, idx);
  }
  return idx;
}

export interface DrugIdentity {
  /** Identity used for "same drug": the formulary key when known, else the normalised name. */
  readonly key: string;
  readonly formulary: FormularyDrug | undefined;
}

/** The identity of a charted drug: its formulary entry by key, else by normalised name. */
export function identifyDrug(name: string, drugKey: string | null | undefined, index: FormularyIndex): DrugIdentity {
  if (drugKey) {
    const f = index.byKey.get(drugKey);
    return { key: f ? f.key : drugKey, formulary: f };
  }
  const f = index.byName.get(normaliseDrugName(name));
  return { key: f ? f.key : normaliseDrugName(name), formulary: f };
}
