'use client';
import { useId, useMemo, useState } from 'react';
import { ndcFromScan } from '@/lib/barcode';
import type { FormularyEntry } from '@/lib/types';
import { describedBy, inputClass } from './field';

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9%.]+/g, ' ').trim();
}

export interface DrugPick {
  drug: FormularyEntry;
  /** Set when the drug was found by scanning or typing a product code. */
  ndc?: string;
}

function matchByCode(formulary: FormularyEntry[], text: string): DrugPick | null {
  const code = ndcFromScan(text);
  if (!code) return null;
  for (const drug of formulary) {
    for (const p of drug.products) {
      if ((code.ndc10Digits && p.ndc10.replace(/-/g, '') === code.ndc10Digits) || (code.ndc11 && p.ndc11 === code.ndc11)) {
        return { drug, ndc: p.ndc10 };
      }
    }
  }
  return null;
}

/**
 * Formulary type-ahead (combobox): type a name, brand or scan a vial; arrows
 * move, Enter picks, Escape clears. Only formulary drugs can be picked.
 */
export function DrugPicker({
  formulary,
  value,
  onPick,
  error,
  inputRef,
}: {
  formulary: FormularyEntry[];
  value: FormularyEntry | null;
  onPick: (pick: DrugPick | null) => void;
  error?: string | undefined;
  inputRef?: React.Ref<HTMLInputElement>;
}) {
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  const scanned = useMemo(() => matchByCode(formulary, query), [formulary, query]);
  const options = useMemo(() => {
    const q = normalise(query);
    if (!q) return formulary.slice(0, 8);
    const words = q.split(' ');
    return formulary
      .filter((d) => {
        const hay = normalise([d.name, d.key, ...d.aliases].join(' '));
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => Number(!normalise(a.name).startsWith(q)) - Number(!normalise(b.name).startsWith(q)) || a.name.localeCompare(b.name))
      .slice(0, 8);
  }, [formulary, query]);
  const shown: DrugPick[] = scanned ? [scanned] : options.map((drug) => ({ drug }));

  const pick = (p: DrugPick | undefined) => {
    if (!p) return;
    onPick(p);
    setQuery('');
    setOpen(false);
  };

  if (value) {
    return (
      <div className="flex min-h-11 flex-wrap items-center gap-3 rounded-md border border-slate-400 bg-slate-50 px-3 py-2">
        <span className="font-semibold" data-testid="picked-drug">
          {value.name}
        </span>
        <span className="text-sm text-slate-700">{value.strengthText}</span>
        <button
          type="button"
          className="ml-auto min-h-11 rounded px-3 text-sm font-semibold text-blue-800 underline"
          onClick={() => onPick(null)}
          aria-label={`Change drug (now ${value.name})`}
        >
          Change
        </button>
      </div>
    );
  }

  return (
    <div className="relative">
      <input
        id="drug"
        ref={inputRef}
        className={inputClass}
        role="combobox"
        aria-expanded={open && shown.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown.length > 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder="Type a drug name or scan the vial"
        value={query}
        {...describedBy('drug', error)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, shown.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter') {
            // A scanner ends with Enter: pick, never submit the form.
            e.preventDefault();
            if (query.trim()) pick(shown[active]);
          } else if (e.key === 'Escape') {
            setQuery('');
            setOpen(false);
          }
        }}
      />
      {open && shown.length > 0 ? (
        <ul id={listId} role="listbox" aria-label="Formulary drugs" className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-md border border-slate-400 bg-white shadow-lg">
          {shown.map((p, i) => (
            <li
              key={p.drug.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`flex min-h-11 cursor-pointer flex-col justify-center px-3 py-1 ${i === active ? 'bg-blue-100' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
            >
              <span className="font-semibold">{p.drug.name}</span>
              <span className="text-sm text-slate-700">
                {p.ndc ? `Scanned NDC ${p.ndc} · ` : ''}
                {p.drug.strengthText}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {open && query.trim() && shown.length === 0 ? (
        <p className="mt-1 text-sm" role="status">
          “{query.trim()}” is not in the formulary. Only formulary drugs can be charted; ask an admin to add it.
        </p>
      ) : null}
    </div>
  );
}
