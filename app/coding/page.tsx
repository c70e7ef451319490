import Link from 'next/link';
import { connection } from 'next/server';
import { codingQueue, queueFiltersOf, queueOverview, type QueueRow } from '@/db/coding';
import { listFacilities } from '@/db/patients';
import { CoderQueueTable, type QueueTableRow } from '@/components/coder-queue';
import { inputClass, primaryButtonClass } from '@/components/field';
import {
  checkQueueFacility,
  clampQueuePage,
  daysWaiting,
  isNothingToSearch,
  parseQueueSearch,
  QUEUE_QUERY_FILTERS,
  QUEUE_SEARCH_MAX,
  QUEUE_SEARCH_NOTHING,
  QUEUE_QUERY_LABEL,
  QUEUE_SORT_LABEL,
  QUEUE_SORTS,
  queueHref,
  queuePageCount,
  readQueueView,
  RETURNED_LABEL,
  type QueueNotice,
  type QueueView,
} from '@/lib/coding-queue';
import { facilityScopeOf, isEmptyScope, NO_FACILITY_MESSAGE } from '@/lib/facility-scope';
import { SETTING_LABEL, STATUS_LABEL } from '@/lib/format';
import type { EncounterStatus } from '@/lib/types';
import { formatInZone } from '@/lib/time';
import { requireUser } from '@/server/session';

type Search = Record<string, string | string[] | undefined>;

const ENCOUNTER_STATUSES = Object.keys(STATUS_LABEL) as EncounterStatus[];
const linkClass = 'font-semibold text-blue-800 underline';
/** The Query column: "—" only when no query was ever raised; a closed one says so. */
const QUERY_COLUMN_LABEL: Record<QueueRow['queryState'], string> = { none: '—', open: 'Query open', answered: 'Answered', closed: 'Closed' };
// A select is never narrower than its longest choice (the Status select was cut off at 1,280 px); the row wraps instead.
const selectClass = `${inputClass} min-w-max`;
const days = (d: number | null) => (d === null ? '—' : `${Number.isInteger(d) ? d : d.toFixed(1)} d`);

export default async function CodingQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  await connection();
  const user = await requireUser(['coder', 'admin']);
  // His queue: encounters at his facilities only (an admin's: every facility), filtered in SQL.
  const scope = facilityScopeOf(user);
  // Read strictly: what the URL asks for and the queue does not do is said above the queue, never taken silently.
  const read = readQueueView(await searchParams);
  const facilities = listFacilities(scope);
  const mine = checkQueueFacility(read.view, facilities);
  const notices: QueueNotice[] = [...read.notices, ...(mine.notice ? [mine.notice] : [])];
  let view = mine.view;
  const now = new Date();
  let { rows, total } = codingQueue(queueFiltersOf(view, scope));
  const lastPage = clampQueuePage(view, total);
  if (lastPage.notice) {
    notices.push(lastPage.notice);
    view = lastPage.view;
    ({ rows, total } = codingQueue(queueFiltersOf(view, scope)));
  }
  const nothingToSearch = isNothingToSearch(parseQueueSearch(view.q));
  const overview = queueOverview(scope, now);
  const pages = queuePageCount(total);
  const base: QueueView = { ...view, page: 1 };
  const tableRows: QueueTableRow[] = rows.map((r) => ({
    id: r.id,
    href: queueHref(view, r.id),
    patient: r.patient,
    mrn: r.mrn,
    facility: r.facility,
    setting: SETTING_LABEL[r.setting],
    dateOfService: r.dateOfService ?? formatInZone(r.openedAt, r.timeZone, 'yyyy-MM-dd'),
    daysWaiting: daysWaiting(r.dateOfService, r.openedAt, r.timeZone, now),
    status: STATUS_LABEL[r.status],
    returned: r.returned ? RETURNED_LABEL[r.returned] : null,
    warnings: r.warningCount,
    gaps: r.gapCount,
    query: QUERY_COLUMN_LABEL[r.queryState],
  }));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Coding queue</h1>
        <a className={linkClass} href={`/coding/export?from=${view.from ?? ''}&to=${view.to ?? ''}`}>
          Export final claim lines (CSV){view.from || view.to ? ' for these dates' : ''}
        </a>
      </div>

      {isEmptyScope(scope) ? (
        <p role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3 font-semibold" data-testid="no-facility">
          {NO_FACILITY_MESSAGE}
        </p>
      ) : (
        <section aria-labelledby="overview-heading" className="rounded-lg border border-slate-300 bg-white p-3" data-testid="queue-overview">
          <h2 id="overview-heading" className="text-lg font-semibold">
            Unbilled work
          </h2>
          <p className="text-xs text-slate-700">Days waiting: calendar days from the date of service to today in the facility&apos;s zone, over encounters ready for coding.</p>
          <table className="mt-2 w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-1">Facility</th>
                {ENCOUNTER_STATUSES.map((s) => (
                  <th key={s} scope="col" className="p-1 text-right">
                    {STATUS_LABEL[s]}
                  </th>
                ))}
                <th scope="col" className="p-1 text-right">Oldest waiting</th>
                <th scope="col" className="p-1 text-right">Median waiting</th>
              </tr>
            </thead>
            <tbody>
              {overview.facilities.map((f) => (
                <tr key={f.id} className="border-b border-slate-200" data-testid="overview-facility" data-facility-id={f.id}>
                  <th scope="row" className="p-1 font-semibold">
                    {f.name}
                  </th>
                  {ENCOUNTER_STATUSES.map((s) => (
                    <td key={s} className="p-1 text-right tabular-nums">
                      <Link className={linkClass} href={queueHref({ ...base, status: s, facility: f.id })} aria-label={`${f.name}: ${f.byStatus[s]} ${STATUS_LABEL[s].toLowerCase()}`}>
                        {f.byStatus[s].toLocaleString('en-US')}
                      </Link>
                    </td>
                  ))}
                  <td className="p-1 text-right tabular-nums">{days(f.oldestDays)}</td>
                  <td className="p-1 text-right tabular-nums">{days(f.medianDays)}</td>
                </tr>
              ))}
              <tr data-testid="overview-total">
                <th scope="row" className="p-1 font-semibold">
                  All {overview.facilities.length === 1 ? '' : `${overview.facilities.length} `}facilities
                </th>
                {ENCOUNTER_STATUSES.map((s) => (
                  <td key={s} className="p-1 text-right font-semibold tabular-nums" data-status={s}>
                    <Link className={linkClass} href={queueHref({ ...base, status: s, facility: undefined })} aria-label={`All facilities: ${overview.byStatus[s]} ${STATUS_LABEL[s].toLowerCase()}`}>
                      {overview.byStatus[s].toLocaleString('en-US')}
                    </Link>
                  </td>
                ))}
                <td className="p-1 text-right font-semibold tabular-nums">{days(overview.oldestDays)}</td>
                <td className="p-1 text-right font-semibold tabular-nums">{days(overview.medianDays)}</td>
              </tr>
            </tbody>
          </table>
        </section>
      )}

      {notices.length > 0 ? (
        <div role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3 text-sm" data-testid="queue-notices">
          <p className="font-semibold">Part of this address was not applied:</p>
          <ul className="list-disc pl-5">
            {notices.map((n) => (
              <li key={n.param + n.message} data-param={n.param}>
                {n.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {/* Flex, not a fixed grid: each control keeps the width its longest choice needs and wraps to the next line (1,280 px, 768 px). */}
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-3" aria-label="Queue filters" role="search">
        <label className="min-w-0 flex-[2_1_18rem] text-sm font-semibold">
          Search: MRN or patient name
          <input
            type="search"
            name="q"
            defaultValue={view.q}
            maxLength={QUEUE_SEARCH_MAX}
            className={inputClass}
            placeholder="e.g. 100234, ED100234, alvarez, o'brien 1002"
            autoComplete="off"
            aria-describedby="queue-search-help"
            aria-invalid={nothingToSearch || undefined}
          />
          <span id="queue-search-help" className={`mt-1 block text-xs ${nothingToSearch ? 'font-semibold text-red-800' : 'font-normal text-slate-700'}`} data-testid="queue-search-help">
            {nothingToSearch ? QUEUE_SEARCH_NOTHING : `Name words and/or part of the MRN; accents, apostrophes and hyphens do not matter (up to ${QUEUE_SEARCH_MAX} characters).`}
          </span>
        </label>
        <label className="flex-1 text-sm font-semibold">
          Status
          <select name="status" defaultValue={view.status} className={selectClass}>
            <option value="ready-for-coding">Ready for coding</option>
            <option value="coded">Coded</option>
            <option value="open">Open (being charted)</option>
            <option value="any">Any</option>
          </select>
        </label>
        <label className="flex-1 text-sm font-semibold">
          Facility
          <select name="facility" defaultValue={view.facility ?? ''} className={selectClass}>
            <option value="">All</option>
            {facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex-1 text-sm font-semibold">
          Query
          <select name="query" defaultValue={view.query ?? ''} className={selectClass}>
            <option value="">Any</option>
            {QUEUE_QUERY_FILTERS.map((q) => (
              <option key={q} value={q}>
                {QUEUE_QUERY_LABEL[q]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex-1 text-sm font-semibold">
          Sort
          <select name="sort" defaultValue={view.sort} className={selectClass}>
            {QUEUE_SORTS.map((s) => (
              <option key={s} value={s}>
                {QUEUE_SORT_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-44 flex-1 text-sm font-semibold">
          Service from
          <input type="date" name="from" defaultValue={view.from} className={inputClass} />
        </label>
        <label className="min-w-44 flex-1 text-sm font-semibold">
          Service to
          <input type="date" name="to" defaultValue={view.to} className={inputClass} />
        </label>
        <fieldset className="flex flex-wrap items-end gap-x-4 text-sm">
          <legend className="sr-only">Only encounters that</legend>
          <label className="flex min-h-11 items-center gap-2 whitespace-nowrap">
            <input type="checkbox" name="warnings" value="1" defaultChecked={view.warnings === '1'} className="h-5 w-5" /> Has warnings
          </label>
          <label className="flex min-h-11 items-center gap-2 whitespace-nowrap">
            <input type="checkbox" name="returned" value="1" defaultChecked={view.returned === '1'} className="h-5 w-5" /> Returned after coding
          </label>
        </fieldset>
        <div className="flex items-end gap-3">
          <button type="submit" className={primaryButtonClass}>
            Apply
          </button>
          <Link href="/coding" className={`${linkClass} inline-flex min-h-11 items-center`}>
            Clear
          </Link>
        </div>
      </form>

      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm" data-testid="queue-total" role="status">
          {nothingToSearch ? `${QUEUE_SEARCH_NOTHING}: nothing matched. ` : ''}
          {total.toLocaleString('en-US')} encounter{total === 1 ? '' : 's'} · page {view.page} of {pages}
        </p>
        <p className="text-sm text-slate-700" id="queue-keys">
          <kbd>↓</kbd>/<kbd>j</kbd> and <kbd>↑</kbd>/<kbd>k</kbd> move, <kbd>Home</kbd>/<kbd>End</kbd> go to the first/last row, <kbd>Enter</kbd> opens; the review&apos;s &ldquo;Next encounter&rdquo; follows this order.
        </p>
      </div>
      <CoderQueueTable
        rows={tableRows}
        caption={`Encounters to code, ${QUEUE_SORT_LABEL[view.sort].toLowerCase()}`}
        previousPage={view.page > 1 ? queueHref({ ...view, page: view.page - 1 }) : undefined}
        nextPage={view.page < pages ? queueHref({ ...view, page: view.page + 1 }) : undefined}
      />
      <nav aria-label="Queue pages" className="flex gap-3">
        {view.page > 1 ? (
          <Link className={`${linkClass} inline-flex min-h-11 items-center`} href={queueHref({ ...view, page: view.page - 1 })}>
            Previous page
          </Link>
        ) : null}
        {view.page < pages ? (
          <Link className={`${linkClass} inline-flex min-h-11 items-center`} href={queueHref({ ...view, page: view.page + 1 })}>
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
