/** The sign action's refusal when the chart is not the version the signer was shown. */
export const CHART_CHANGED_MESSAGE = 'The chart changed while you were signing: review and sign again';

/**
 * What a signer was shown, as one short text: the number of charted entries
 * (every version, corrections included), the highest entry id, and the number
 * of entries marked entered in error. Any entry charted, amended or marked in
 * error after the page loaded changes it. Shape: "entries:maxId:inError",
 * e.g. "3:17:1"; an empty chart is "0:0:0". Source: issue 11 item 3 (a
 * signature covers exactly what the signer saw).
 */
export function chartVersion(administrations: readonly { id: number; voidedAt: Date | null }[]): string {
  let maxId = 0;
  let inError = 0;
  for (const a of administrations) {
    if (a.id > maxId) maxId = a.id;
    if (a.voidedAt) inError++;
  }
  return `${administrations.length}:${maxId}:${inError}`;
}
