// Formulary search: the one function the drug picker (browser), the admin
// screens and any server lookup use to find a drug by the name a nurse types
// (issue 13 item 1). Pure, no imports: the same answer everywhere.

/** What the search reads of a drug: its stable key, generic name and aliases (brands, synonyms, abbreviations). */
export interface SearchableDrug {
  key: string;
  name: string;
  aliases: readonly string[];
}

/**
 * How a drug matched, best first:
 * - 'exact': the whole query is the name, key or an alias ("NS", "zofran", "solu medrol");
 * - 'prefix': the query starts a word of the name, key or an alias ("ondans", "chloride");
 * - 'substring': the query is inside the name, key or an alias ("dansetr");
 * - 'words': each word of the query is in the drug's names, in any order ("saline normal");
 * - 'all': the query is blank and every drug is listed.
 */
export type MatchRank = 'exact' | 'prefix' | 'substring' | 'words' | 'all';

export interface DrugMatch<T extends SearchableDrug> {
  drug: T;
  rank: MatchRank;
  /**
   * The alias as stored ("zofran") when the best match was an alias rather
   * than the generic name or key, so the picker can show "Zofran → Ondansetron HCl".
   */
  matchedAlias?: string;
}

const RANK_ORDER: Record<MatchRank, number> = { exact: 0, prefix: 1, substring: 2, words: 3, all: 4 };

/**
 * Lower-case words of `s` without accents or punctuation: NFKD (NFD plus
 * compatibility forms, so a subscript "₄" is a "4"), combining marks stripped,
 * every run of characters other than a–z and 0–9 becomes one space.
 * "Zofrán" → "zofran"; "Solu-Medrol" → "solu medrol"; "0.9% NaCl" → "0 9 nacl"; "MgSO₄" → "mgso4".
 */
export function normaliseDrugText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Prepared {
  /** Normalised text without spaces: "solu-medrol", "solumedrol" and "solu medrol" are all "solumedrol". */
  compact: string;
  /** Offsets in `compact` where a word of the original text starts. */
  wordStarts: number[];
  /** The stored alias, or undefined for the name and key. */
  alias?: string;
}

function prepare(text: string, alias?: string): Prepared {
  const words = normaliseDrugText(text).split(' ').filter(Boolean);
  const wordStarts: number[] = [];
  let at = 0;
  for (const w of words) {
    wordStarts.push(at);
    at += w.length;
  }
  return { compact: words.join(''), wordStarts, ...(alias !== undefined ? { alias } : {}) };
}

function rankText(t: Prepared, q: string): MatchRank | null {
  if (!t.compact) return null;
  if (t.compact === q) return 'exact';
  const at = t.compact.indexOf(q);
  if (at < 0) return null;
  // At any word start, not only the first hit: the query may span words ("solu med" → "solumed").
  if (t.wordStarts.some((s) => t.compact.startsWith(q, s))) return 'prefix';
  return 'substring';
}

function compareNames(a: SearchableDrug, b: SearchableDrug): number {
  const na = normaliseDrugText(a.name);
  const nb = normaliseDrugText(b.name);
  if (na !== nb) return na < nb ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Finds formulary drugs by what a nurse types.
 *
 * Input: the drugs (any shape with `key`, `name`, `aliases`) and the typed
 * text. Matching is case-, accent- and punctuation-insensitive
 * (normaliseDrugText; spaces and hyphens are ignored, so "solu-medrol",
 * "solumedrol" and "solu medrol" are the same) against the generic name, the
 * key and every alias.
 *
 * Output: the matching drugs, best first — an exact name/alias match, then a
 * match at the start of a word, then anywhere inside, then every query word
 * somewhere in the drug's names in any order; within one rank by generic
 * name (then key), so the order never depends on the input order. An exact
 * alias beats a substring of a name: "NS" lists sodium chloride 0.9% (alias
 * "ns") before ondansetron. `matchedAlias` names the alias when an alias,
 * not the name, gave the drug its rank. A blank query lists every drug by name
 * (rank 'all'); a query that matches nothing gives []. `limit` caps the list.
 */
export function searchFormulary<T extends SearchableDrug>(drugs: readonly T[], query: string, limit = Infinity): DrugMatch<T>[] {
  const words = normaliseDrugText(query).split(' ').filter(Boolean);
  if (words.length === 0) {
    return [...drugs]
      .sort(compareNames)
      .slice(0, limit)
      .map((drug) => ({ drug, rank: 'all' as const }));
  }
  const q = words.join('');
  const matches: DrugMatch<T>[] = [];
  for (const drug of drugs) {
    // Name and key first: on a tie the generic name wins over an alias.
    const texts = [prepare(drug.name), prepare(drug.key), ...drug.aliases.map((a) => prepare(a, a))];
    let best: { rank: MatchRank; alias?: string } | null = null;
    for (const t of texts) {
      const rank = rankText(t, q);
      if (rank && (!best || RANK_ORDER[rank] < RANK_ORDER[best.rank])) best = { rank, ...(t.alias !== undefined ? { alias: t.alias } : {}) };
    }
    if (!best && words.length > 1) {
      const all = texts.map((t) => t.compact).join(' ');
      if (words.every((w) => all.includes(w))) best = { rank: 'words' };
    }
    if (best) matches.push({ drug, rank: best.rank, ...(best.alias !== undefined ? { matchedAlias: best.alias } : {}) });
  }
  return matches.sort((a, b) => RANK_ORDER[a.rank] - RANK_ORDER[b.rank] || compareNames(a.drug, b.drug)).slice(0, limit);
}
