// Which audit events the printed signature block lists as "changes after
// signing" (issue 15 item 6). Pure, so it can be tested without a database.

/** The fields of an audit row this needs (db/audit.ts AuditRow has them). */
export interface SignedChartEvent {
  id: number;
  event: string;
  /** When it happened (UTC instant). */
  at: Date;
}

/**
 * The events in `kinds` made after the chart was first signed, in audit order.
 * The signing instant is the first `encounter.signed` event when there is one
 * and it is not later than the encounter's own `signedAt` (the snapshot column
 * on encounters); otherwise `signedAt` itself, so a chart signed without a
 * signing event (the demo's signed charts, charts imported signed) still lists
 * what changed after it. Nothing when the chart was never signed.
 */
export function eventsAfterSigning<T extends SignedChartEvent>(rows: readonly T[], signedAt: Date | null, kinds: ReadonlySet<string>): T[] {
  const first = rows.find((r) => r.event === 'encounter.signed');
  if (first && (signedAt === null || first.at.getTime() <= signedAt.getTime())) {
    return rows.filter((r) => r.id > first.id && kinds.has(r.event));
  }
  if (signedAt === null) return [];
  return rows.filter((r) => r.at.getTime() > signedAt.getTime() && kinds.has(r.event));
}
