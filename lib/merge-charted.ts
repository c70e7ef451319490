import type { AdministrationView } from './types';

/**
 * The page's rows with the doses this screen charted since it was rendered
 * (the chart action answers with the stored row instead of re-rendering the
 * page: issue 16 item 1). A row the page already has wins (it is the fresher
 * state, e.g. after an amendment re-rendered the page). Ordered as
 * db/encounters.ts listAdministrations: administered time, ties by id.
 */
export function mergeCharted(fromPage: readonly AdministrationView[], charted: readonly AdministrationView[]): AdministrationView[] {
  if (charted.length === 0) return fromPage as AdministrationView[];
  const known = new Set(fromPage.map((r) => r.id));
  const added = charted.filter((r) => !known.has(r.id));
  if (added.length === 0) return fromPage as AdministrationView[];
  return [...fromPage, ...added].sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.id - b.id);
}
