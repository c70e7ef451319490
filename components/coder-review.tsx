'use client';
import { useEffect, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import {
  acceptAllAction,
  addLineAction,
  changeLineAction,
  chooseInitialAction,
  closeQueryAction,
  markCodedAction,
  raiseQueryAction,
  removeLineAction,
  restoreLineAction,
  returnToQueueAction,
} from '@/app/coding/actions';
import type { FinalLine } from '@/lib/claim-lines';
import type { ConfirmationItem } from '@/lib/coding-confirmations';
import type { LapsedDecision } from '@/lib/coding-review';
import { formatDateTime, zoneAbbreviation } from '@/lib/time';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';
import { useServerAction } from './use-server-action';
import { useActionCaller } from './signed-in-user';

function ErrorText({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} role="alert" className="mt-1 text-sm font-semibold text-red-800">
      {error}
    </p>
  ) : null;
}

/** The doses of the encounter as options, for tying a line, a query or the initial service to one. */
function AdministrationSelect({ id, label, value, onChange, empty, administrations }: { id: string; label: string; value: string; onChange: (v: string) => void; empty: string; administrations: { id: string; label: string }[] }) {
  return (
    <Field id={id} label={label}>
      <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{empty}</option>
        {administrations.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * Override or remove one line; both need a reason, shown beside the engine's
 * suggestion. `name` tells this line from every other on the review (code and
 * the doses it comes from, lib/coding-review.ts lineControlNames), so two
 * 96375 lines give "Override 96375 for Ondansetron HCl 4 mg at 10:00 by …" and
 * "Override 96375 for Famotidine …" to a screen reader and to voice control.
 */
export function LineControls({ encounterId, line, name = line.code }: { encounterId: number; line: FinalLine; name?: string }) {
  const [mode, setMode] = useState<'idle' | 'change' | 'remove'>('idle');
  const [code, setCode] = useState(line.code);
  const [units, setUnits] = useState(String(line.units));
  const [modifiers, setModifiers] = useState(line.modifiers.join(' '));
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  const id = `line-${line.key.replace(/[^a-zA-Z0-9]/g, '-')}`;
  if (mode === 'idle') {
    return (
      <div className="flex gap-2">
        <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setMode('change')} aria-label={`Override ${name}`}>
          Override
        </button>
        <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setMode('remove')} aria-label={`Remove ${name}`}>
          Remove
        </button>
      </div>
    );
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    run(
      (as) =>
        mode === 'change'
          ? changeLineAction({ encounterId, lineKey: line.key, code, units, modifiers, reason }, as)
          : removeLineAction({ encounterId, lineKey: line.key, reason }, as),
      () => setMode('idle'),
    );
  };
  return (
    <form onSubmit={submit} className="grid gap-2 rounded border-2 border-blue-800 p-2" aria-label={`${mode === 'change' ? 'Override' : 'Remove'} ${name}`}>
      {mode === 'change' ? (
        <div className="grid grid-cols-3 gap-2">
          <Field id={`${id}-code`} label="Code">
            <input id={`${id}-code`} className={inputClass} value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <Field id={`${id}-units`} label="Units">
            <input id={`${id}-units`} inputMode="numeric" className={inputClass} value={units} onChange={(e) => setUnits(e.target.value)} />
          </Field>
          <Field id={`${id}-mods`} label="Modifiers">
            <input id={`${id}-mods`} className={inputClass} value={modifiers} onChange={(e) => setModifiers(e.target.value)} />
          </Field>
        </div>
      ) : null}
      <Field id={`${id}-reason`} label={mode === 'change' ? 'Reason for the override' : 'Reason for removing'}>
        <input id={`${id}-reason`} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(`${id}-reason`, error)} />
      </Field>
      <ErrorText id={`${id}-reason-error`} error={error} />
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          {mode === 'change' ? 'Save override' : 'Remove line'}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => setMode('idle')}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Put back a line the coder removed: a decision with its reason, audited like the removal. */
export function RestoreLineControl({ encounterId, lineKey, name }: { encounterId: number; lineKey: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  const id = `restore-${lineKey.replace(/[^a-zA-Z0-9]/g, '-')}`;
  if (!open) {
    return (
      <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setOpen(true)} aria-label={`Restore ${name}`}>
        Restore
      </button>
    );
  }
  return (
    <form
      className="grid gap-2 rounded border-2 border-blue-800 p-2"
      aria-label={`Restore ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        run((as) => restoreLineAction({ encounterId, lineKey, reason }, as), () => setOpen(false));
      }}
    >
      <Field id={`${id}-reason`} label="Reason for restoring">
        <input id={`${id}-reason`} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(`${id}-reason`, error)} />
      </Field>
      <ErrorText id={`${id}-reason-error`} error={error} />
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          Restore line
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AddLineForm({ encounterId, administrations }: { encounterId: number; administrations: { id: string; label: string }[] }) {
  const [kind, setKind] = useState<'cpt' | 'hcpcs'>('cpt');
  const [code, setCode] = useState('');
  const [units, setUnits] = useState('1');
  const [modifiers, setModifiers] = useState('');
  const [adminId, setAdminId] = useState('');
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  return (
    <form
      aria-label="Add a line"
      className="grid gap-2 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        run((as) => addLineAction({ encounterId, kind, code, units, modifiers, administrationIds: adminId ? [adminId] : [], reason }, as), () => {
          setCode('');
          setReason('');
        });
      }}
    >
      <Field id="add-kind" label="Kind">
        <select id="add-kind" className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as 'cpt' | 'hcpcs')}>
          <option value="cpt">CPT administration</option>
          <option value="hcpcs">HCPCS drug</option>
        </select>
      </Field>
      <Field id="add-code" label="Code">
        <input id="add-code" className={inputClass} value={code} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <Field id="add-units" label="Units">
        <input id="add-units" className={inputClass} value={units} onChange={(e) => setUnits(e.target.value)} />
      </Field>
      <Field id="add-mods" label="Modifiers">
        <input id="add-mods" className={inputClass} value={modifiers} onChange={(e) => setModifiers(e.target.value)} />
      </Field>
      <AdministrationSelect id="add-admin" label="From administration" value={adminId} onChange={setAdminId} empty="—" administrations={administrations} />
      <Field id="add-reason" label="Reason">
        <input id="add-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy('add-reason', error)} />
      </Field>
      <div className="sm:col-span-3">
        <ErrorText id="add-reason-error" error={error} />
        <button type="submit" className={secondaryButtonClass} disabled={pending}>
          Add line
        </button>
      </div>
    </form>
  );
}

export function InitialChoiceForm({ encounterId, administrations, current }: { encounterId: number; administrations: { id: string; label: string }[]; current: string | null }) {
  const [adminId, setAdminId] = useState(current ?? '');
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  return (
    <form
      aria-label="Choose the initial service"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run((as) => chooseInitialAction({ encounterId, administrationId: adminId, reason }, as));
      }}
    >
      <AdministrationSelect id="initial-admin" label="Initial service (office: primary reason for the visit)" value={adminId} onChange={setAdminId} empty="Hierarchy default" administrations={administrations} />
      <Field id="initial-reason" label="Reason">
        <input id="initial-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy('initial-reason', error)} />
      </Field>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Set initial service
      </button>
      <ErrorText id="initial-reason-error" error={error} />
    </form>
  );
}

const KIND_LABEL: Record<ConfirmationItem['kind'], string> = {
  'engine-error': 'Error',
  'placeholder-ndc': 'Placeholder NDC',
  'unlisted-ndc': 'NDC not in the formulary',
  'dose-outside-range': 'Unusual dose',
  'jw-jz-decision': 'JW/JZ to decide',
  'lapsed-decision': 'Your decision lapsed',
  'order-awaiting-cosign': 'Order awaiting co-signature',
  'late-entry': 'Late entry',
  'drug-without-administration': 'Drug without administration',
};

/** The flags of one claim line (or of the whole encounter), in words a coder can check against the chart. */
export function ConfirmationList({ items, testId = 'confirmation-items' }: { items: readonly ConfirmationItem[]; testId?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm" data-testid={testId}>
      {items.map((i) => (
        <li key={i.key} data-kind={i.kind} data-level={i.level} className={i.level === 'block' ? 'font-semibold text-red-900' : 'text-amber-950'}>
          {/* Words, not an emoji the page font may lack (it printed as an empty box). */}
          <span className={`mr-1 inline-block rounded px-1 text-xs font-bold uppercase ${i.level === 'block' ? 'bg-red-800 text-white' : 'border border-amber-800 text-amber-950'}`}>{i.level === 'block' ? 'Blocks' : 'Reason needed'}</span>
          <strong>{KIND_LABEL[i.kind]}:</strong> {i.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * Earlier decisions the chart no longer supports, named with what the chart
 * now gives ("Your JZ on J2405 was made against 16 units; the chart now gives
 * 12."), by whom, when and why. Shown beside the line until the coder decides
 * on it again (lib/coding-review.ts lapsedDecisions).
 */
export function LapsedDecisionNotes({ items, timeZone }: { items: readonly LapsedDecision[]; timeZone: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="mb-1 space-y-1 rounded border-2 border-amber-700 bg-amber-50 p-1 text-xs text-amber-950" data-testid="lapsed-decision">
      {items.map((d) => (
        <li key={d.override.id}>
          <strong>Decision no longer applies:</strong> {d.message} ({d.override.coderName}, {formatDateTime(d.override.at, timeZone)} {zoneAbbreviation(d.override.at, timeZone)}
          {'reason' in d.override.op && d.override.op.reason ? `: ${d.override.op.reason}` : ''}){' '}
          {d.lineKey
            ? 'Decide again: override this line (to keep the suggestion, save it unchanged with your reason) or remove it.'
            : 'It no longer changes the claim.'}
        </li>
      ))}
    </ul>
  );
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [href]';

/**
 * "Mark coded". With nothing to confirm it codes at once; otherwise a modal
 * dialog lists the items and asks for the coder's reason (the server derives
 * the list again and refuses without a reason). Blocking items leave the
 * button disabled with their message (`blocked`).
 */
export function ReviewActions({
  encounterId,
  blocked,
  confirmations,
  decisions = 0,
}: {
  encounterId: number;
  blocked: string | null;
  confirmations: readonly ConfirmationItem[];
  /** Decisions in force (lib/coding-review.ts decisionsInForce): "Accept all" asks before discarding them. */
  decisions?: number;
}) {
  const { error, pending, run } = useServerAction();
  const [confirming, setConfirming] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const toConfirm = confirmations.filter((i) => i.level === 'reason');
  const acceptAll = () => run((as) => acceptAllAction({ encounterId }, as), () => setDiscarding(false));
  return (
    <div className="flex flex-wrap items-center gap-3">
      {discarding ? (
        <div role="group" aria-labelledby="discard-question" className="flex flex-wrap items-center gap-2 rounded border-2 border-amber-700 bg-amber-50 p-2" data-testid="accept-all-confirm">
          <p id="discard-question" className="text-sm font-semibold">
            Accept all suggestions and discard your {decisions} decision{decisions === 1 ? '' : 's'} (overrides, added and removed lines)?
          </p>
          <button type="button" className={primaryButtonClass} disabled={pending} onClick={acceptAll}>
            Discard {decisions} decision{decisions === 1 ? '' : 's'}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => setDiscarding(false)}>
            Keep my decisions
          </button>
        </div>
      ) : (
        <button type="button" className={secondaryButtonClass} disabled={pending} onClick={() => (decisions > 0 ? setDiscarding(true) : acceptAll())}>
          Accept all suggestions
        </button>
      )}
      <button
        type="button"
        className={primaryButtonClass}
        disabled={pending || blocked !== null}
        onClick={() => (toConfirm.length > 0 ? setConfirming(true) : run((as) => markCodedAction({ encounterId }, as)))}
        aria-describedby={blocked ? 'coded-blocked' : undefined}
        aria-haspopup={toConfirm.length > 0 ? 'dialog' : undefined}
      >
        Mark coded
      </button>
      {blocked ? (
        <p id="coded-blocked" className="text-sm font-semibold">
          Cannot mark coded yet: {blocked}
        </p>
      ) : null}
      <ErrorText id="review-error" error={error} />
      {confirming ? <MarkCodedDialog encounterId={encounterId} items={toConfirm} onClose={() => setConfirming(false)} /> : null}
    </div>
  );
}

function MarkCodedDialog({ encounterId, items, onClose }: { encounterId: number; items: readonly ConfirmationItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; form?: string }>({});
  const [pending, startTransition] = useTransition();
  const callAction = useActionCaller();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('textarea')?.focus();
    return () => dialog?.close();
  }, []);
  // Tab wraps inside the modal so focus never reaches the inert page behind.
  const keepFocusInside = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const controls = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = controls[0];
    const last = controls.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const result = await callAction(markCodedAction, { encounterId, reason, seenKeys: items.map((i) => i.key) });
      if (result.ok) onClose();
      else setErrors({ reason: result.fieldErrors.reason, form: result.fieldErrors.reason ? undefined : (Object.values(result.fieldErrors)[0] ?? result.formError ?? 'Not coded') });
    });
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby="mark-coded-title"
      data-testid="mark-coded-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={keepFocusInside}
      className="m-auto max-h-[calc(100dvh-1rem)] w-[calc(100vw-1rem)] max-w-3xl overflow-y-auto rounded-lg border-2 border-slate-700 bg-white p-4 text-base text-slate-900 shadow-xl backdrop:bg-slate-900/60 sm:p-6"
    >
      <h2 id="mark-coded-title" className="mb-2 text-xl font-semibold">
        Mark coded with {items.length === 1 ? 'this item' : `these ${items.length} items`} unresolved?
      </h2>
      <p className="mb-2 text-sm">The final lines go to billing as they are. Check each item against the chart; your reason is kept in the audit trail.</p>
      <ConfirmationList items={items} testId="mark-coded-items" />
      <form onSubmit={submit} className="mt-4 grid gap-3" aria-label="Confirm Mark coded">
        <Field id="mark-coded-reason" label="Your reason for coding with these items" error={errors.reason}>
          <textarea id="mark-coded-reason" rows={2} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy('mark-coded-reason', errors.reason)} />
        </Field>
        {errors.form ? (
          <p role="alert" className="text-sm font-semibold text-red-800">
            {errors.form}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={primaryButtonClass} disabled={pending}>
            Confirm and mark coded
          </button>
          <button type="button" className={secondaryButtonClass} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function RaiseQueryForm({ encounterId, administrations }: { encounterId: number; administrations: { id: string; label: string }[] }) {
  const [adminId, setAdminId] = useState(administrations[0]?.id ?? '');
  const [question, setQuestion] = useState('');
  const { error, pending, run } = useServerAction();
  return (
    <form
      aria-label="Query the clinician"
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run((as) => raiseQueryAction({ encounterId, administrationId: adminId ? Number(adminId) : null, question }, as), () => setQuestion(''));
      }}
    >
      <AdministrationSelect id="query-admin" label="About the administration" value={adminId} onChange={setAdminId} empty="The whole encounter" administrations={administrations} />
      <Field id="query-question" label="Question for the clinician">
        <textarea id="query-question" rows={2} className={inputClass} value={question} onChange={(e) => setQuestion(e.target.value)} {...describedBy('query-question', error)} />
      </Field>
      <ErrorText id="query-question-error" error={error} />
      <div>
        <button type="submit" className={secondaryButtonClass} disabled={pending}>
          Send query
        </button>
      </div>
    </form>
  );
}

export function CloseQueryButton({ queryId }: { queryId: number }) {
  const { error, pending, run } = useServerAction();
  return (
    <>
      <button type="button" className={`${secondaryButtonClass} text-sm`} disabled={pending} onClick={() => run((as) => closeQueryAction({ queryId }, as))}>
        Close query
      </button>
      <ErrorText id={`close-${queryId}-error`} error={error} />
    </>
  );
}

/** A coded encounter goes back to the queue only with a reason (audited); then it can be queried or re-coded. */
export function ReturnToQueueForm({ encounterId }: { encounterId: number }) {
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  return (
    <form
      aria-label="Return to the coding queue"
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run((as) => returnToQueueAction({ encounterId, reason }, as), () => setReason(''));
      }}
    >
      <p className="text-sm">This encounter is coded. To query the clinician or change a line, return it to the queue first.</p>
      <Field id="return-reason" label="Reason for returning it to the queue">
        <input id="return-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy('return-reason', error)} />
      </Field>
      <ErrorText id="return-reason-error" error={error} />
      <div>
        <button type="submit" className={secondaryButtonClass} disabled={pending}>
          Return to the queue
        </button>
      </div>
    </form>
  );
}
