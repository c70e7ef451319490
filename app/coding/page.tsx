import Link from 'next/link';
import { connection } from 'next/server';
import { z } from 'zod';
import { codingQueue, QUEUE_PAGE_SIZE, QUEUE_SORTS, type QueueFilters } from '@/db/coding';
import { listFacilities } from '@/db/patients';
import { inputClass, primaryButtonClass } from '@/components/field';
import { facilityScopeOf, isEmptyScope, NO_FACILITY_MESSAGE } from '@/lib/facility-scope';
import { SETTING_LABEL, STATUS_LABEL } from '@/lib/format';
import { requireUser } from '@/server/session';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const filtersSchema = z.object({
  status: z.enum(['ready-for-coding', 'coded', 'open', 'any']).catch('ready-for-coding'),
  facility: z.coerce.number().int().positive().optional().catch(undefined),
  from: date,
  to: date,
  warnings: z.literal('1').optional().catch(undefined),
  query: z.literal('1').optional().catch(undefined),
  sort: z.enum(QUEUE_SORTS).catch('opened-desc'),
  page: z.coerce.number().int().min(1).catch(1),
});

type Search = Record<string, string | string[] | undefined>;

export default async function CodingQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  await connection();
  const user = await requireUser(['coder', 'admin']);
  // His queue: encounters at his facilities only (an admin's: every facility), filtered in SQL.
  const scope = facilityScopeOf(user);
  const raw = await searchParams;
  const params = filtersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const filters: QueueFilters = {
    scope,
    status: params.status,
    facilityId: params.facility,
    from: params.from,
    to: params.to,
    hasWarnings: params.warnings === '1',
    hasOpenQuery: params.query === '1',
    sort: params.sort,
    page: params.page,
  };
  const { rows, total } = codingQueue(filters);
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const pageHref = (page: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(page) }).filter(([, v]) => v !== undefined) as [string, string][]);
    return `/coding?${q.toString()}`;
  };
  const facilities = listFacilities(scope);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Coding queue</h1>
        <a className="font-semibold text-blue-800 underline" href={`/coding/export?from=${params.from ?? ''}&to=${params.to ?? ''}`}>
          Export final claim lines (CSV){params.from || params.to ? ' for these dates' : ''}
        </a>
      </div>
      <form method="get" className="grid gap-3 rounded-lg border border-slate-300 bg-white p-3 sm:grid-cols-3 lg:grid-cols-7" aria-label="Queue filters">
        <label className="text-sm font-semibold">
          Status
          <select name="status" defaultValue={params.status} className={inputClass}>
            <option value="ready-for-coding">Ready for coding</option>
            <option value="coded">Coded</option>
            <option value="open">Open (being charted)</option>
            <option value="any">Any</option>
          </select>
        </label>
        <label className="text-sm font-semibold">
          Facility
          <select name="facility" defaultValue={params.facility ?? ''} className={inputClass}>
            <option value="">All</option>
            {facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-semibold">
          Opened from
          <input type="date" name="from" defaultValue={params.from} className={inputClass} />
        </label>
        <label className="text-sm font-semibold">
          Opened to
          <input type="date" name="to" defaultValue={params.to} className={inputClass} />
        </label>
        <label className="text-sm font-semibold">
          Sort
          <select name="sort" defaultValue={params.sort} className={inputClass}>
            <option value="opened-desc">Newest first</option>
            <option value="opened-asc">Oldest first</option>
            <option value="warnings-desc">Most warnings first</option>
          </select>
        </label>
        <fieldset className="flex flex-col justify-end gap-1 text-sm">
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="warnings" value="1" defaultChecked={params.warnings === '1'} className="h-5 w-5" /> Has warnings
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="query" value="1" defaultChecked={params.query === '1'} className="h-5 w-5" /> Has open query
          </label>
        </fieldset>
        <div className="flex items-end">
          <button type="submit" className={primaryButtonClass}>
            Apply
          </button>
        </div>
      </form>

      {isEmptyScope(scope) ? (
        <p role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3 font-semibold" data-testid="no-facility">
          {NO_FACILITY_MESSAGE}
        </p>
      ) : null}
      <p className="text-sm" data-testid="queue-total">
        {total} encounter{total === 1 ? '' : 's'} · page {params.page} of {pages}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full border-collapse text-left text-sm" aria-label="Encounters to code">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-2">Patient</th>
              <th scope="col" className="p-2">Facility</th>
              <th scope="col" className="p-2">Date of service</th>
              <th scope="col" className="p-2">Status</th>
              <th scope="col" className="p-2 text-right">Doses</th>
              <th scope="col" className="p-2 text-right">Warnings</th>
              <th scope="col" className="p-2 text-right">Documentation gaps</th>
              <th scope="col" className="p-2">Query</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200" data-testid="queue-row" data-encounter-id={r.id}>
                <td className="p-2">
                  <Link href={`/coding/${r.id}`} className="inline-block min-h-11 py-2 font-semibold text-blue-800 underline">
                    {r.patient}
                  </Link>
                  <span className="block font-mono text-xs">{r.mrn}</span>
                </td>
                <td className="p-2">
                  {r.facility}
                  <span className="block text-xs">{SETTING_LABEL[r.setting]}</span>
                </td>
                <td className="p-2 font-mono">{r.dateOfService ?? '—'}</td>
                <td className="p-2">{STATUS_LABEL[r.status]}</td>
                <td className="p-2 text-right tabular-nums">{r.administrationCount}</td>
                <td className="p-2 text-right tabular-nums">{r.warningCount}</td>
                <td className="p-2 text-right tabular-nums">{r.gapCount}</td>
                <td className="p-2">{r.queryState === 'none' ? '—' : r.queryState === 'open' ? 'Query open' : 'Answered'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Queue pages" className="flex gap-3">
        {params.page > 1 ? (
          <Link className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline" href={pageHref(params.page - 1)}>
            Previous page
          </Link>
        ) : null}
        {params.page < pages ? (
          <Link className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline" href={pageHref(params.page + 1)}>
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
