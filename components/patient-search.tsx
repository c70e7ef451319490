'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { searchPatientsAction } from '@/app/patients/actions';
import type { PatientSearchHit } from '@/db/patients';
import { inputClass } from './field';

/** Type-ahead over MRN and name; arrow keys and Enter open a patient. */
export function PatientSearch() {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<PatientSearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [searched, setSearched] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      const found = await searchPatientsAction(q);
      if (ticket !== latest.current) return; // a newer keystroke won
      setHits(found);
      setActive(0);
      setSearched(true);
    }, 120);
    return () => clearTimeout(timer);
  }, [query]);

  const visible = query.trim() ? hits : [];
  const open = (hit: PatientSearchHit | undefined) => hit && router.push(`/patients/${hit.id}`);

  return (
    <div className="relative">
      <label htmlFor="patient-search" className="mb-1 block text-sm font-semibold">
        Find a patient by MRN or name
      </label>
      <input
        id="patient-search"
        className={inputClass}
        role="combobox"
        aria-expanded={visible.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={visible.length > 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder="e.g. ED-100234 or Alvarez"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setSearched(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(i + 1, visible.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            open(visible[active]);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Matching patients" className="mt-1 divide-y divide-slate-200 rounded-md border border-slate-300 bg-white empty:hidden">
        {visible.map((hit, i) => (
          <li
            key={hit.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`flex min-h-11 cursor-pointer flex-wrap items-center gap-x-4 px-3 py-2 ${i === active ? 'bg-blue-100' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              open(hit);
            }}
          >
            <span className="font-semibold">
              {hit.familyName}, {hit.givenName}
            </span>
            <span className="font-mono">{hit.mrn}</span>
            <span className="text-sm">DOB {hit.birthDate}</span>
            <span className="text-sm text-slate-700">{hit.facilityName}</span>
            {hit.openEncounters > 0 ? <span className="text-sm font-semibold">{hit.openEncounters} open encounter(s)</span> : null}
          </li>
        ))}
      </ul>
      {searched && query.trim() && visible.length === 0 ? (
        <p className="mt-1 text-sm" role="status">
          No patient at your facilities matches “{query.trim()}”.
        </p>
      ) : null}
    </div>
  );
}
