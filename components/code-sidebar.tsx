'use client';
import { useState } from 'react';
import type { CodingWarning, EncounterCodingResult } from '@/lib/coding';
import { CODE_LABELS, RULES } from '@/lib/coding/rules';
import type { DocGap } from '@/lib/coding/documentation';
import { DOC_GAP_LABELS } from '@/lib/coding/documentation';
import { DRAFT_ID } from '@/lib/engine-input';
import { formatTime } from '@/lib/time';
import type { Setting } from '@/lib/types';

export interface AdministrationLabel {
  id: string;
  label: string;
}

const SEVERITY_LABEL: Record<CodingWarning['severity'], string> = { info: 'Note', warning: 'Warning', error: 'Error' };

/** Warnings that say a repeat of the same drug is not separately reportable. */
const SAME_DRUG_RULES = new Set<string>([RULES.SAME_DRUG_30MIN, RULES.SAME_DRUG_OFFICE, RULES.CHEMO_SAME_DRUG]);

/** The drug being charted, at the time it stands for (the live clock when its time is untouched). */
export interface DraftFacts {
  name: string;
  /** The draft's Given-at instant. */
  at: Date;
  /** True when Given at is untouched ("now"). */
  live: boolean;
  /** The drug is already charted in this encounter: the banner answers "again?". */
  givenBefore: boolean;
}

export interface DraftBanner {
  reportable: boolean;
  text: string;
}

/**
 * "Would this dose be separately reportable?", read from the same engine
 * result as the lines and warnings (with the draft in it), at the draft's own
 * time: the banner can never disagree with the warning below it (issue 12
 * item 2). Null when the drug was not charted before in this encounter.
 */
export function draftBanner(result: EncounterCodingResult, draft: DraftFacts | null, timeZone: string, now: number): DraftBanner | null {
  if (!draft?.givenBefore) return null;
  const when = draft.live ? 'now' : `at ${formatTime(draft.at, timeZone)}`;
  const warning = result.warnings.find((w) => SAME_DRUG_RULES.has(w.rule) && w.administrationIds.includes(DRAFT_ID));
  if (warning) {
    const from = warning.eligibleFrom
      ? ` — eligible from ${formatTime(new Date(warning.eligibleFrom), timeZone)}${draft.live ? ` (${countdown(warning.eligibleFrom, now)})` : ''}`
      : '';
    return { reportable: false, text: `${draft.name} again ${when} would not be separately reportable${from}.` };
  }
  const codes = result.lines.filter((l) => l.administrationIds.includes(DRAFT_ID)).map((l) => l.code);
  if (codes.length > 0) return { reportable: true, text: `${draft.name} again ${when} would be separately reportable (${codes.join(', ')}).` };
  return { reportable: false, text: `${draft.name} again ${when} would not be separately reportable.` };
}

function countdown(eligibleFrom: string, now: number): string {
  const minutes = Math.ceil((Date.parse(eligibleFrom) - now) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${minutes} min`;
  return `in ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * What the encounter supports so far, recomputed in the browser on every
 * keystroke: CPT lines with their rule and administrations, interval warnings
 * with a countdown, and the draft's documentation checklist.
 */
export function CodeSidebar({
  result,
  labels,
  setting,
  timeZone,
  now,
  draft,
  draftGaps,
  draftRefused = false,
}: {
  result: EncounterCodingResult;
  labels: Map<string, string>;
  setting: Setting;
  timeZone: string;
  now: number;
  /** The drug being charted, at its Given-at time (null: nothing picked yet). */
  draft: DraftFacts | null;
  draftGaps: readonly DocGap[] | null;
  /** The draft's dose cannot be charted (above the hard maximum): it is left out of the codes, and the sidebar says so. */
  draftRefused?: boolean;
}) {
  const [open, setOpen] = useState(true);
  const banner = draftBanner(result, draft, timeZone, now);
  const warnings = result.warnings.filter((w) => !w.rule.startsWith('R-DOC-') || !w.administrationIds.includes(DRAFT_ID));
  const gapRules = new Set(draftGaps?.map((g) => g.rule));

  return (
    <aside aria-labelledby="sidebar-heading" className="rounded-lg border border-slate-300 bg-white p-4" data-testid="code-sidebar">
      <div className="flex items-center justify-between gap-2">
        <h2 id="sidebar-heading" className="text-lg font-semibold">
          Codes so far
        </h2>
        <button
          type="button"
          className="min-h-11 rounded-md border border-slate-400 px-3 text-sm font-semibold lg:hidden"
          aria-expanded={open}
          aria-controls="sidebar-body"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide codes' : `Show codes (${result.lines.length})`}
        </button>
      </div>
      <div id="sidebar-body" className={`${open ? 'block' : 'hidden'} mt-3 space-y-4 lg:block`}>
        <p className="rounded bg-slate-100 p-2 text-sm" data-testid="setting-note">
          {setting === 'facility' ? (
            <>
              <strong>Facility setting.</strong> A repeat push of the same drug 30 min or more after the last reported one is 96376.
            </>
          ) : (
            <>
              <strong>Office setting.</strong> 96376 is facility-only: a repeat push of the same drug has no code here.
            </>
          )}
        </p>

        {draftRefused ? (
          <p className="rounded border-2 border-red-700 bg-white p-2 text-sm font-semibold text-red-800" role="status" data-testid="draft-not-counted">
            The entry being charted is not counted: its dose cannot be charted. The codes below are the saved doses only.
          </p>
        ) : null}

        {banner ? (
          <p
            className={`rounded border-2 p-2 text-sm font-semibold ${banner.reportable ? 'border-green-800 bg-green-50' : 'border-amber-700 bg-amber-50'}`}
            role="status"
            data-testid="eligibility"
            data-reportable={banner.reportable}
          >
            {banner.text}
          </p>
        ) : null}

        <section aria-label="Suggested CPT lines">
          {result.lines.length === 0 ? (
            <p className="text-sm">No reportable administration yet.</p>
          ) : (
            <ul className="space-y-2" data-testid="sidebar-lines">
              {result.lines.map((line, i) => {
                const fromDraft = line.administrationIds.includes(DRAFT_ID);
                return (
                  <li key={`${line.code}-${i}`} className="rounded border border-slate-300" data-testid="sidebar-line" data-code={line.code}>
                    <details>
                      <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-x-2 px-2 py-1">
                        <span className="font-mono text-base font-bold">{line.code}</span>
                        {line.modifiers.length ? <span className="font-mono">-{line.modifiers.join('-')}</span> : null}
                        <span className="text-sm">× {line.units}</span>
                        <span className="text-sm text-slate-700">{CODE_LABELS[line.code] ?? ''}</span>
                        {fromDraft ? (
                          <span className="rounded border border-blue-800 px-1 text-xs font-bold text-blue-900" data-testid="if-saved">
                            if saved
                          </span>
                        ) : null}
                      </summary>
                      <div className="border-t border-slate-200 px-2 py-1 text-sm">
                        <p>{line.explanation}</p>
                        <p className="mt-1 text-slate-700">
                          Rule <span className="font-mono">{line.rule}</span> · from{' '}
                          {line.administrationIds.map((id) => labels.get(id) ?? id).join(', ')}
                        </p>
                      </div>
                    </details>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        {result.supplyLines.length > 0 ? (
          <section aria-label="Drug supply lines">
            <h3 className="mb-1 text-sm font-semibold">Drug supply (HCPCS)</h3>
            <ul className="space-y-1 text-sm">
              {result.supplyLines.map((s, i) => (
                <li key={`${s.code}-${i}`} title={s.explanation} data-testid="supply-line" data-code={s.code}>
                  <span className="font-mono font-bold">{s.code}</span>
                  {s.modifiers.length ? <span className="font-mono">-{s.modifiers.join('-')}</span> : null} × {s.units}{' '}
                  <span className="text-slate-700">{s.drug}</span>
                  {/* Units that include the draft's dose, marked as the administration lines are. */}
                  {s.administrationIds.includes(DRAFT_ID) ? (
                    <span className="ml-1 rounded border border-blue-800 px-1 text-xs font-bold text-blue-900" data-testid="if-saved">
                      if saved
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {warnings.length > 0 ? (
          <section aria-label="Warnings">
            <h3 className="mb-1 text-sm font-semibold">Warnings</h3>
            <ul className="space-y-2" data-testid="sidebar-warnings">
              {warnings.map((w, i) => (
                <li key={`${w.rule}-${i}`} className="rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm" data-rule={w.rule}>
                  <strong>{SEVERITY_LABEL[w.severity]}:</strong> {w.message}
                  {/* A countdown only where "now" is the time in question: the live draft. */}
                  {w.eligibleFrom && draft?.live && w.administrationIds.includes(DRAFT_ID) ? <span> ({countdown(w.eligibleFrom, now)})</span> : null}
                  {w.administrationIds.includes(DRAFT_ID) ? <span className="ml-1 font-bold">(if saved)</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {draftGaps ? (
          <section aria-label="Documentation checklist for this entry">
            <h3 className="mb-1 text-sm font-semibold">This entry documents</h3>
            <ul className="space-y-1 text-sm" data-testid="doc-checklist">
              {Object.entries(DOC_GAP_LABELS).map(([rule, label]) => {
                const missing = gapRules.has(rule as DocGap['rule']);
                return (
                  <li key={rule} data-done={!missing}>
                    <span aria-hidden="true" className="inline-block w-5 font-bold">
                      {missing ? '○' : '✓'}
                    </span>
                    {label}
                    <span className="sr-only">{missing ? ': missing' : ': done'}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
      </div>
    </aside>
  );
}
