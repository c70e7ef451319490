'use client';
import { useId, useMemo, useState } from 'react';
import { scanVial } from '@/lib/barcode';
import { searchFormulary } from '@/lib/formulary/search';
import type { FormularyEntry } from '@/lib/types';
import { describedBy, inputClass } from './field';

export interface DrugPick {
  drug: FormularyEntry;
  /** Set when the drug was found by scanning or typing a product code. */
  ndc?: string;
  /** From a 2D DataMatrix scan: "YYYY-MM-DD" and the lot. */
  expiry?: string;
  lot?: string;
  /** The brand or synonym the typed text matched ("zofran"), shown beside the generic name. */
  matchedAlias?: string;
}

/**
 * The formulary product a scanned or typed code names: `{ pick }` with NDC
 * (and expiry and lot from a DataMatrix), `{ error }` for a barcode that does
 * not parse or names no formulary product, null for text that is no code
 * (a drug name). `referenceYear` decides the century of a GS1 expiry.
 */
export function matchScan(formulary: readonly FormularyEntry[], text: string, referenceYear: number): { pick: DrugPick } | { error: string } | null {
  const read = scanVial(text, referenceYear);
  if (!read) return null;
  if (!read.ok) return { error: read.error };
  const code = read.scan;
  for (const drug of formulary) {
    for (const p of drug.products) {
      if ((code.ndc10Digits && p.ndc10.replace(/-/g, '') === code.ndc10Digits) || (code.ndc11 && p.ndc11 === code.ndc11)) {
        return { pick: { drug, ndc: p.ndc10, ...(code.expiry ? { expiry: code.expiry } : {}), ...(code.lot ? { lot: code.lot } : {}) } };
      }
    }
  }
  return { error: 'This product code is not in the formulary: only formulary drugs can be charted.' };
}

/**
 * A stored alias as a nurse reads it. Aliases are stored as typed in the data,
 * mostly lower-case: a short code or one with a digit is an abbreviation
 * ("ns" → "NS", "d5w" → "D5W"), a name gets a capital ("zofran" → "Zofran");
 * an alias already holding a capital is shown as stored.
 */
function displayAlias(alias: string): string {
  if (/[A-Z]/.test(alias)) return alias;
  if (!alias.includes(' ') && (alias.length <= 3 || /\d/.test(alias))) return alias.toUpperCase();
  return alias.charAt(0).toUpperCase() + alias.slice(1);
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
  referenceYear,
}: {
  formulary: readonly FormularyEntry[];
  value: FormularyEntry | null;
  onPick: (pick: DrugPick | null) => void;
  error?: string | undefined;
  inputRef?: React.Ref<HTMLInputElement>;
  /** The current year in the facility's zone: the century of a scanned expiry. */
  referenceYear: number;
}) {
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  const scan = useMemo(() => matchScan(formulary, query, referenceYear), [formulary, query, referenceYear]);
  const scanned = scan && 'pick' in scan ? scan.pick : null;
  const scanError = scan && 'error' in scan ? scan.error : null;
  // The same search as the admin screens and the server (lib/formulary/search.ts).
  const options = useMemo(() => searchFormulary(formulary, query, 8), [formulary, query]);
  const shown: DrugPick[] = scanned
    ? [scanned]
    : scanError
      ? []
      : options.map((m) => ({ drug: m.drug, ...(m.matchedAlias ? { matchedAlias: m.matchedAlias } : {}) }));

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
          // A keyboard-wedge scanner sends FNC1/GS as Ctrl+] (drug-reference.md §3.2): keep it as GS.
          if (e.ctrlKey && e.key === ']') {
            e.preventDefault();
            setQuery((q) => `${q}\u001d`);
            return;
          }
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
        <ul id={listId} role="listbox" tabIndex={-1} aria-label="Formulary drugs" className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-md border border-slate-400 bg-white shadow-lg">
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
              <span className="font-semibold">
                {p.matchedAlias ? (
                  <>
                    <span data-testid="matched-alias">{displayAlias(p.matchedAlias)}</span>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only"> is </span>
                  </>
                ) : null}
                {p.drug.name}
              </span>
              <span className="text-sm text-slate-700">
                {p.ndc ? `Scanned NDC ${p.ndc} · ` : ''}
                {p.drug.strengthText}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {scanError ? (
        <p className="mt-1 text-sm font-semibold text-red-800" role="alert" data-testid="scan-error">
          Scan refused: {scanError}
        </p>
      ) : null}
      {open && query.trim() && shown.length === 0 && !scanError ? (
        <p className="mt-1 text-sm" role="status">
          “{query.trim()}” is not in the formulary. Only formulary drugs can be charted; ask an admin to add it.
        </p>
      ) : null}
    </div>
  );
}
