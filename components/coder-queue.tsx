'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

/** One queue row as the table shows it (texts prepared on the server, times in the facility's zone). */
export interface QueueTableRow {
  id: number;
  href: string;
  patient: string;
  mrn: string;
  facility: string;
  setting: string;
  dateOfService: string;
  daysWaiting: number;
  status: string;
  returned: string | null;
  warnings: number;
  gaps: number;
  query: string;
}

const cell = 'px-2 py-1 align-top';

/** Keys typed into these belong to them (a coder typing "j" in the search, arrows in a select). */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog[open]') !== null;
}

/**
 * The queue as a listbox-like table: ArrowDown/j and ArrowUp/k move the
 * selection (aria-selected, focus on the row's link, so the focus ring shows
 * and Enter opens it), on to the next page's first row past the last one
 * (`nextPage`: that page's address) and back to the previous page's last
 * before the first (`previousPage`), Home/End go to the first/last row of the page, Enter
 * opens the selected row. Keys are left alone while the focus is in a field,
 * with a modifier, or in a dialog.
 *
 * Narrower than 1,024 px (a tablet) the MRN goes under the patient, the date
 * of service under the facility and the gaps under the warnings, so every
 * column, Query included, stays on screen without scrolling sideways.
 */
export function CoderQueueTable({ rows, caption, previousPage, nextPage }: { rows: QueueTableRow[]; caption: string; previousPage?: string | undefined; nextPage?: string | undefined }) {
  const router = useRouter();
  const [selected, setSelected] = useState<number | null>(null);
  const links = useRef<Array<HTMLAnchorElement | null>>([]);

  const select = useCallback((index: number) => {
    setSelected(index);
    const link = links.current[index];
    link?.focus();
    link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  }, []);

  // Arriving from the review (#encounter-<id>: "Back to the queue") or from the keyboard on the page before/after (#first, #last): that row has the focus.
  useEffect(() => {
    const hash = window.location.hash;
    if (!hash || rows.length === 0) return;
    const id = /^#encounter-(\d+)$/.exec(hash)?.[1];
    const index = hash === '#first' ? 0 : hash === '#last' ? rows.length - 1 : id ? rows.findIndex((r) => String(r.id) === id) : -1;
    // Focus alone: the link's onFocus selects the row.
    const link = index >= 0 ? links.current[index] : undefined;
    link?.focus();
    link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  }, [rows]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isEditable(e.target) || rows.length === 0) return;
      const down = e.key === 'ArrowDown' || e.key === 'j';
      const up = e.key === 'ArrowUp' || e.key === 'k';
      if (down || up) {
        e.preventDefault();
        const from = selected ?? (down ? -1 : rows.length);
        // Past the page's last row, the next page's first; before its first, the previous page's last.
        if (down && from === rows.length - 1 && nextPage) router.push(`${nextPage}#first`);
        else if (up && from === 0 && previousPage) router.push(`${previousPage}#last`);
        else select(Math.min(rows.length - 1, Math.max(0, from + (down ? 1 : -1))));
      } else if (e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        select(e.key === 'Home' ? 0 : rows.length - 1);
      } else if (e.key === 'Enter' && selected !== null) {
        // A focused link or button opens itself; Enter elsewhere opens the selected row.
        if (e.target instanceof HTMLElement && e.target.closest('a, button')) return;
        e.preventDefault();
        router.push(rows[selected]!.href);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows, selected, select, router, nextPage, previousPage]);

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="w-full border-collapse text-left text-sm" aria-label="Encounters to code" role="grid">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className={cell}>Encounter</th>
            <th scope="col" className={cell}>
              Patient<span className="lg:hidden"> / MRN</span>
            </th>
            <th scope="col" className={`${cell} hidden lg:table-cell`}>MRN</th>
            <th scope="col" className={cell}>
              Facility<span className="lg:hidden"> / date of service</span>
            </th>
            <th scope="col" className={`${cell} hidden lg:table-cell`}>Date of service</th>
            <th scope="col" className={`${cell} text-right`}>Days waiting</th>
            <th scope="col" className={cell}>Status</th>
            <th scope="col" className={`${cell} text-right`}>
              Warnings<span className="lg:hidden"> / gaps</span>
            </th>
            <th scope="col" className={`${cell} hidden text-right lg:table-cell`}>Doc. gaps</th>
            <th scope="col" className={cell}>Query</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={r.id}
              aria-selected={selected === i}
              className={`border-t border-slate-200 ${selected === i ? 'bg-blue-50 outline-2 -outline-offset-2 outline-blue-800' : ''}`}
              data-testid="queue-row"
              data-encounter-id={r.id}
            >
              <td className={`${cell} font-mono whitespace-nowrap tabular-nums`}>
                <Link
                  href={r.href}
                  ref={(el) => {
                    links.current[i] = el;
                  }}
                  tabIndex={selected === null ? (i === 0 ? 0 : -1) : selected === i ? 0 : -1}
                  onFocus={() => setSelected(i)}
                  className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-800"
                  aria-label={`Encounter ${r.id}: ${r.patient}, ${r.mrn}`}
                >
                  #{r.id}
                </Link>
              </td>
              <td className={cell}>
                <span className="font-semibold">{r.patient}</span>
                <span className="block font-mono text-xs whitespace-nowrap lg:hidden" data-testid="queue-mrn-narrow">
                  {r.mrn}
                </span>
              </td>
              <td className={`${cell} hidden font-mono whitespace-nowrap lg:table-cell`} data-testid="queue-mrn">
                {r.mrn}
              </td>
              <td className={cell}>
                {r.facility}
                <span className="block text-xs">{r.setting}</span>
                <span className="block font-mono text-xs whitespace-nowrap lg:hidden">{r.dateOfService}</span>
              </td>
              <td className={`${cell} hidden font-mono whitespace-nowrap lg:table-cell`}>{r.dateOfService}</td>
              <td className={`${cell} text-right tabular-nums`} data-testid="days-waiting">
                {r.daysWaiting}
              </td>
              <td className={cell}>
                {r.status}
                {r.returned ? (
                  <span className="mt-1 block w-fit rounded border border-amber-700 bg-amber-50 px-1 text-xs font-semibold" data-testid="returned">
                    {r.returned}
                  </span>
                ) : null}
              </td>
              <td className={`${cell} text-right tabular-nums`} data-testid="queue-warnings">
                {r.warnings}
                <span className="block text-xs whitespace-nowrap lg:hidden">
                  {r.gaps} gap{r.gaps === 1 ? '' : 's'}
                </span>
              </td>
              <td className={`${cell} hidden text-right tabular-nums lg:table-cell`} data-testid="queue-gaps">
                {r.gaps}
              </td>
              <td className={`${cell} whitespace-nowrap`} data-testid="queue-query">
                {r.query}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="p-3 text-sm">No encounter matches this search and these filters.</p> : null}
    </div>
  );
}
