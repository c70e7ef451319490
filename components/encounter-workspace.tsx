'use client';
import { startTransition, useCallback, useEffect, useMemo, useOptimistic, useRef, useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { chartAdministrationAction } from '@/app/encounters/[id]/actions';
import type { ActionResult } from '@/lib/action-result';
import type { AdministrationInput } from '@/lib/administration-schema';
import { draftInstant } from '@/lib/draft-times';
import { DRAFT_ID, type EngineContext } from '@/lib/engine-input';
import { encounterDoseLabels } from '@/lib/dose-label';
import { spansCalendarDays } from '@/lib/timeline';
import { chartVersion } from '@/lib/chart-version';
import { mergeCharted } from '@/lib/merge-charted';
import type { AdministrationView, FormularyEntry, Setting } from '@/lib/types';
import { entriesByOthers } from '@/lib/attestation';
import { SignAndSendForm } from './encounter-signing';
import { EncounterTimeline } from './encounter-timeline';
import { EntryCorrections } from './entry-corrections';
import { createDraftStore, LiveCodeSidebar } from './live-code-sidebar';
import { PushForm, type Clinician, type ProviderOption, type SavedEntry } from './push-form';
import { useNow } from './use-now';
import { useSignedInUserId } from './signed-in-user';

export interface EncounterWorkspaceProps {
  encounterId: number;
  setting: Setting;
  timeZone: string;
  lateEntryThresholdMinutes: number;
  /** When the visit was closed (UTC ms), or null while it is open. */
  closedAt: number | null;
  jwJz: 'apply' | 'none';
  administrations: AdministrationView[];
  formulary: readonly FormularyEntry[];
  /** Active ordering providers (db/providers.ts). */
  providers: ProviderOption[];
  /** The signed-in user when a clinician; null for coders and admins. */
  signer: Clinician | null;
  serverNow: number;
  canChart: boolean;
  locked: boolean;
  /** The signer's "Name, credentials" when the viewer may sign and send (open chart, clinician), else null. */
  signerLabel?: string | null;
  /** Shown between the timeline and the sign form (the page's addenda). */
  children?: ReactNode;
}

/** The bedside screen: charting form, live code sidebar and the timeline. */
export function EncounterWorkspace(props: EncounterWorkspaceProps) {
  const { setting, timeZone, formulary, signer } = props;
  const now = useNow(props.serverNow, 15_000);
  // The draft goes from the form to the sidebar alone (issue 16 item 4): a keystroke does not re-render this workspace.
  const [draftStore] = useState(createDraftStore);
  // Doses saved from this screen, as the server stored them: shown at once, without re-rendering the page.
  const [charted, setCharted] = useState<AdministrationView[]>([]);
  const stored = useMemo(() => mergeCharted(props.administrations, charted), [props.administrations, charted]);
  const [rows, addOptimisticRow] = useOptimistic(stored, (state, row: AdministrationView) => [...state, row]);
  // What the screen shows, for the check after a save (a ref: onSave is not re-created per change).
  const shownRef = useRef(stored);
  useEffect(() => {
    shownRef.current = stored;
  }, [stored]);
  const router = useRouter();
  const signedInAs = useSignedInUserId() ?? undefined;
  const pendingIds = useMemo(() => new Set(rows.filter((r) => r.id < 0).map((r) => r.id)), [rows]);

  const ctx = useMemo<EngineContext>(
    () => ({ setting, timeZone, formulary, jwJz: props.jwJz, lateEntryThresholdMinutes: props.lateEntryThresholdMinutes }),
    [setting, timeZone, formulary, props.jwJz, props.lateEntryThresholdMinutes],
  );

  // Each dose named as everywhere (lib/dose-label.ts), with dates when the doses span days.
  const doseNames = useMemo(
    () => encounterDoseLabels(rows, { timeZone, withDate: spansCalendarDays(rows.flatMap((r) => [r.startAt, r.stopAt]), timeZone) }),
    [rows, timeZone],
  );
  const labels = useMemo(() => {
    const m = new Map<string, string>([...doseNames].map(([id, label]) => [String(id), label]));
    m.set(DRAFT_ID, 'this entry (if saved)');
    return m;
  }, [doseNames]);

  const onSave = useCallback(
    (values: AdministrationInput, drug: FormularyEntry) =>
      new Promise<ActionResult<SavedEntry>>((resolve, reject) => {
        startTransition(async () => {
          const start = draftInstant(values.start, Date.now(), timeZone) ?? new Date();
          const stop = draftInstant(values.stop, Date.now(), timeZone);
          addOptimisticRow({
            id: -Date.now(),
            drugId: drug.id,
            drugKey: drug.key,
            drugName: drug.name,
            chemo: drug.chemo,
            doseValue: values.doseValue,
            doseUnit: values.doseUnit,
            kind: values.kind,
            startAt: start,
            stopAt: stop,
            stopMissingReason: values.stopMissingReason ?? null,
            site: values.site,
            rationale: values.rationale,
            performerName: signer?.name ?? '',
            performerCredentials: signer?.credentials ?? '',
            chartedAt: new Date(),
            lateEntryReason: values.lateEntryReason ?? null,
            ndc: values.ndc ?? null,
            lot: values.lot ?? null,
            expiry: values.expiry ?? null,
            wastedValue: values.wastedValue ?? null,
            wastedUnit: values.wastedValue ? values.doseUnit : null,
            pump: values.pump ?? null,
            integralTo: values.integralTo ?? null,
            orderingProviderId: values.orderingProviderId,
            orderType: values.orderType,
            status: 'active',
            amendsId: null,
            correctionReason: null,
            isAddendum: false,
            performerId: signer?.id ?? '',
            voidReason: null,
            voidedAt: null,
            voidedBy: null,
          });
          try {
            const result = await chartAdministrationAction(values, signedInAs);
            // Signed in as someone else since this page was opened: the page is read again for them
            // (the push form has discarded the previous clinician's entry).
            if (!result.ok && result.signedIn) startTransition(() => router.refresh());
            const view = result.ok ? result.data.view : null;
            // Replaces the optimistic row in the same render (the transition ends with this update).
            if (view) startTransition(() => setCharted((prev) => (prev.some((r) => r.id === view.id) ? prev : [...prev, view])));
            // Someone else charted, corrected or marked an entry in error since this screen loaded: the
            // chart after this save is not what the screen would show, so it is read again (issue 16 F2).
            if (view && result.ok && result.data.chartVersion && chartVersion(mergeCharted(shownRef.current, [view])) !== result.data.chartVersion) {
              startTransition(() => router.refresh());
            }
            resolve(result);
          } catch (e) {
            // A lost answer: the form keeps the draft and its idempotency key for the retry.
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      }),
    [addOptimisticRow, router, signer, signedInAs, timeZone],
  );

  // Kept from the encounter's last charted dose, like the access site (issue 12 item 1: the routine repeat stays 4 taps).
  const last = stored.at(-1);
  const lastSite = last?.site ?? '';

  // Stable between keystrokes, so the memoized timeline is skipped while the nurse types.
  const { locked, providers } = props;
  const renderActions = useCallback(
    (a: AdministrationView) =>
      signer && a.performerId === signer.id ? <EntryCorrections entry={a} timeZone={timeZone} locked={locked} providers={providers} label={doseNames.get(a.id)} /> : null,
    [signer, timeZone, locked, providers, doseNames],
  );

  const timeline = (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
        Timeline <span className="text-sm font-normal text-slate-700">(times in {timeZone})</span>
      </h2>
      <EncounterTimeline
        administrations={rows}
        timeZone={timeZone}
        lateEntryThresholdMinutes={props.lateEntryThresholdMinutes}
        pendingIds={pendingIds}
        renderActions={signer ? renderActions : undefined}
      />
    </section>
  );

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          {props.canChart && signer ? (
            <section aria-labelledby="chart-heading" className="rounded-lg border border-slate-300 bg-white p-4">
              <h2 id="chart-heading" className="mb-3 text-lg font-semibold">
                Chart a dose
              </h2>
              <PushForm
                encounterId={props.encounterId}
                timeZone={timeZone}
                lateEntryThresholdMinutes={props.lateEntryThresholdMinutes}
                closedAt={props.closedAt}
                formulary={formulary}
                providers={props.providers}
                signer={signer}
                lastSite={lastSite}
                lastProviderId={last?.orderingProviderId ?? null}
                lastOrderType={last?.orderType ?? null}
                now={now}
                onDraftChange={draftStore.set}
                onSave={onSave}
              />
            </section>
          ) : (
            timeline
          )}
        </div>
        <div className="order-first lg:order-none">
          <div className="lg:sticky lg:top-4">
            <LiveCodeSidebar
              draftStore={draftStore}
              ctx={ctx}
              rows={rows}
              labels={labels}
              setting={setting}
              timeZone={timeZone}
              now={now}
              signer={signer}
              canChart={props.canChart}
            />
          </div>
        </div>
      </div>
      {props.canChart ? timeline : null}
      {props.children}
      {/* The version signed is the chart on this screen, doses charted here included (issue 11 item 3). */}
      {props.signerLabel ? (
        <SignAndSendForm encounterId={props.encounterId} signerLabel={props.signerLabel} chartVersion={chartVersion(stored)} othersEntries={entriesByOthers(stored, signer?.id ?? '')} />
      ) : null}
    </div>
  );
}
