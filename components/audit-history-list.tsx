import type { AuditEventView } from '@/lib/audit-display';

/**
 * The audit history in words, one block per event: when (facility time with
 * the zone), what, by whom, about what; each field old → new; why. Renders the
 * same on screen and on paper (no client code: it prints as shown).
 */
export function AuditHistoryList({ events, brokenId }: { events: ReadonlyArray<AuditEventView>; brokenId: number | null }) {
  if (events.length === 0) return <p className="text-sm">No audit events.</p>;
  return (
    <ol className="space-y-2" aria-label="Audit events">
      {events.map((e) => (
        <li
          key={e.id}
          className={`print-keep rounded-md border bg-white p-3 text-sm print:rounded-none print:border-x-0 print:border-t-0 print:border-b print:border-black print:p-1 ${e.id === brokenId ? 'border-red-700 bg-red-100 outline outline-2 outline-red-700' : 'border-slate-300'}`}
          data-testid="audit-row"
          data-event={e.event}
          data-audit-id={e.id}
        >
          <p className="flex flex-wrap gap-x-3">
            <time className="font-mono" data-testid="audit-time">{e.at}</time>
            <strong data-testid="audit-title">{e.title}</strong>
            <span>
              by <span data-testid="audit-actor">{e.actor}</span>
            </span>
            <span className="text-slate-600 print:text-black">event #{e.id}</span>
          </p>
          <p data-testid="audit-subject">{e.subject}</p>
          {e.changes.length > 0 ? (
            <table className="mt-1 w-full border-collapse text-left text-[0.8125rem]">
              <thead className="sr-only print:not-sr-only">
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {e.changes.map((c) => (
                  <tr key={c.field} className="align-top" data-testid="audit-change" data-field={c.field}>
                    <th scope="row" className="w-56 pr-2 font-semibold">
                      {c.label}
                    </th>
                    <td className="pr-2">{c.old === null ? <span className="text-slate-600 print:text-black">(new)</span> : <span data-testid="audit-old">{c.old}</span>}</td>
                    <td>
                      <span aria-hidden="true">→ </span>
                      <span data-testid="audit-new">{c.new}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {e.reason ? (
            <p className="mt-1" data-testid="audit-reason">
              <strong>Why: </strong>
              {e.reason}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
