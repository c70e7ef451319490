import type { AdministrationView } from './types';

/** Who else charted current entries on a chart, "Name, credentials" and how many. */
export type EntriesByOthers = readonly { name: string; count: number }[];

/**
 * Current entries charted by someone other than `signerId`, counted per
 * performer ("Nora Quinn, RN": 2), in the order of `entries`. Entries in
 * error and replaced versions are not counted: they are not the chart signed.
 */
export function entriesByOthers(entries: readonly Pick<AdministrationView, 'status' | 'performerId' | 'performerName' | 'performerCredentials'>[], signerId: string): EntriesByOthers {
  const counts = new Map<string, { name: string; count: number }>();
  for (const e of entries) {
    if (e.status !== 'active' || e.performerId === signerId) continue;
    const who = counts.get(e.performerId) ?? { name: e.performerCredentials ? `${e.performerName}, ${e.performerCredentials}` : e.performerName, count: 0 };
    who.count++;
    counts.set(e.performerId, who);
  }
  return [...counts.values()];
}

