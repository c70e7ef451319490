'use client';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { amendAdministrationAction, markEnteredInErrorAction } from '@/app/encounters/[id]/actions';
import {
  ADMINISTRATION_KINDS,
  amendmentSchema,
  DOSE_UNITS,
  INTEGRAL_PROCEDURES,
  ORDER_TYPE_LABEL,
  ORDER_TYPES,
  PUMP_LABEL,
  PUMP_TYPES,
  type AmendmentFormInput,
  type AmendmentInput,
} from '@/lib/administration-schema';
import { doseLabel } from '@/lib/dose-label';
import { toLocalInput } from '@/lib/time';
import type { AdministrationView } from '@/lib/types';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass, showServerErrors } from './field';
import { useServerAction } from './use-server-action';
import { useActionCaller } from './signed-in-user';

/** An ordering provider the dialog offers (db/providers.ts listActiveProviders). */
export interface CorrectionProvider {
  id: number;
  name: string;
  credentials: string;
  npi: string;
}

type Mode = 'idle' | 'amend' | 'error';

/** 32 hex digits from crypto.getRandomValues (also available on a plain-http LAN address, unlike randomUUID). */
function newDraftKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const KIND_LABEL: Record<(typeof ADMINISTRATION_KINDS)[number], string> = {
  push: 'IV push',
  infusion: 'IV infusion',
  hydration: 'Hydration',
  injection: 'IM/SC injection',
};

/**
 * "Amend" and "Mark in error" for one current entry. Each opens a full-width
 * modal dialog (issue 12 item 7); both need a reason and keep the original
 * visible. When the dialog closes, focus returns to the button that opened it.
 */
export function EntryCorrections({
  entry,
  timeZone,
  locked,
  providers = [],
  label: given,
}: {
  entry: AdministrationView;
  timeZone: string;
  locked: boolean;
  /** The dose's name among the encounter's doses (lib/dose-label.ts doseLabels), so two alike doses' buttons read apart. */
  label?: string;
  /** Active providers, for "Ordered by" (the entry's own provider is offered even if since deactivated). */
  providers?: readonly CorrectionProvider[];
}) {
  const [mode, setMode] = useState<Mode>('idle');
  const amendButton = useRef<HTMLButtonElement>(null);
  const errorButton = useRef<HTMLButtonElement>(null);
  const last = useRef<Mode>('idle');
  useEffect(() => {
    // Back on the button that opened the dialog, so keyboard users stay where they were.
    if (mode === 'idle' && last.current !== 'idle') (last.current === 'amend' ? amendButton : errorButton).current?.focus();
    last.current = mode;
  }, [mode]);
  const label = given ?? doseLabel(entry, { timeZone, withDate: false });
  const close = () => setMode('idle');
  return (
    <div className="flex flex-wrap gap-2">
      <button ref={amendButton} type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setMode('amend')} aria-label={`${locked ? 'Addendum: amend' : 'Amend'} ${label}`} aria-haspopup="dialog">
        {locked ? 'Addendum: amend' : 'Amend'}
      </button>
      <button ref={errorButton} type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setMode('error')} aria-label={`Mark ${label} entered in error`} aria-haspopup="dialog">
        Mark in error
      </button>
      {mode === 'amend' ? (
        <ModalDialog title={`${locked ? 'Addendum: amend' : 'Amend'} ${label}`} onClose={close} testId="amend-dialog">
          <AmendForm entry={entry} timeZone={timeZone} providers={providers} onDone={close} />
        </ModalDialog>
      ) : null}
      {mode === 'error' ? (
        <ModalDialog title={`Mark ${label} entered in error`} onClose={close} testId="in-error-dialog">
          <InErrorForm entry={entry} label={label} onDone={close} />
        </ModalDialog>
      ) : null}
    </div>
  );
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A native modal <dialog> opened with showModal(): the page behind is inert,
 * Escape closes it (its "cancel" event), and Tab wraps from the last control
 * to the first (and back), so focus never leaves it. Full width on a tablet.
 */
function ModalDialog({ title, onClose, testId, children }: { title: string; onClose: () => void; testId: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `${testId}-title`;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // Start on the first field (or the first control after the title's Close button).
    dialog?.querySelector<HTMLElement>('form input:not([type="hidden"]), form select, form textarea')?.focus();
    return () => dialog?.close();
  }, []);
  const keepFocusInside = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const lastItem = items.at(-1);
    if (!first || !lastItem) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      lastItem.focus();
    } else if (!e.shiftKey && document.activeElement === lastItem) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        // Escape: React closes it (unmounts), so the state and the dialog agree.
        e.preventDefault();
        onClose();
      }}
      onKeyDown={keepFocusInside}
      className="m-auto max-h-[calc(100dvh-1rem)] w-[calc(100vw-1rem)] max-w-5xl overflow-y-auto rounded-lg border-2 border-slate-700 bg-white p-4 text-base text-slate-900 shadow-xl backdrop:bg-slate-900/60 sm:p-6"
    >
      <div className="mb-3 flex items-start justify-between gap-3">
        <h2 id={titleId} className="text-xl font-semibold">
          {title}
        </h2>
        <button type="button" className={secondaryButtonClass} onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** "Dose 4 mg → 8 mg": each field the amendment changes, old → new, as the nurse reads them. */
export function amendmentChanges(
  entry: AdministrationView,
  values: Partial<AmendmentFormInput>,
  timeZone: string,
  providerName: (id: number | null) => string,
): string[] {
  const changes: string[] = [];
  const show = (v: string | null | undefined) => (v && v.trim() ? v.trim() : '(none)');
  const add = (label: string, before: string | null | undefined, after: string | null | undefined) => {
    if (show(before) !== show(after)) changes.push(`${label} ${show(before)} → ${show(after)}`);
  };
  add('Dose', `${entry.doseValue} ${entry.doseUnit}`, `${values.doseValue ?? ''} ${values.doseUnit ?? ''}`);
  add('Kind', KIND_LABEL[entry.kind], values.kind ? KIND_LABEL[values.kind] : '');
  const when = (local: string | undefined) => (local ? local.replace('T', ' ') : '');
  add('Given at', when(toLocalInput(entry.startAt, timeZone)), when(values.start));
  add('Finished at', entry.stopAt ? when(toLocalInput(entry.stopAt, timeZone)) : '', when(values.stop ?? ''));
  add('Access site', entry.site, values.site);
  add('Rationale', entry.rationale, values.rationale);
  const pid = values.orderingProviderId === undefined || values.orderingProviderId === '' ? null : Number(values.orderingProviderId);
  add('Ordered by', entry.orderingProviderId != null ? providerName(entry.orderingProviderId) : (entry.orderingProviderName ?? ''), pid !== null ? providerName(pid) : '');
  add('Order type', entry.orderType ? ORDER_TYPE_LABEL[entry.orderType] : '', values.orderType ? ORDER_TYPE_LABEL[values.orderType] : '');
  add('NDC', entry.ndc, values.ndc);
  add('Lot', entry.lot, values.lot);
  add('Expiry', entry.expiry, values.expiry);
  add('Reason for no stop time', entry.stopMissingReason, values.stop ? '' : values.stopMissingReason);
  add('Late-entry reason', entry.lateEntryReason, values.lateEntryReason);
  add('Expired-product reason', entry.expiredProductReason, values.expiredProductReason);
  // Empty = kept (or no longer needed): only a typed reason is a change.
  if (values.doseConfirmationReason?.trim()) add('Reason for this dose', entry.doseConfirmationReason, values.doseConfirmationReason);
  if (values.ndcConfirmationReason?.trim()) add('NDC reason', entry.ndcConfirmationReason, values.ndcConfirmationReason);
  // Issue 14: the pump (infusions only) and the procedure the drug was part of.
  const pumpAfter = values.kind === 'infusion' && values.pump ? PUMP_LABEL[values.pump] : '';
  add('Pump', entry.pump ? PUMP_LABEL[entry.pump] : '', pumpAfter);
  add('Part of procedure', entry.integralTo, values.integral === false ? '' : values.integralTo);
  add('Wasted', entry.wastedValue ? `${entry.wastedValue} ${entry.wastedUnit ?? entry.doseUnit}` : '', values.wastedValue ? `${values.wastedValue} ${values.doseUnit ?? ''}` : '');
  return changes;
}

function AmendForm({ entry, timeZone, providers, onDone }: { entry: AdministrationView; timeZone: string; providers: readonly CorrectionProvider[]; onDone: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  // One key per dialog draft: a retry after a lost answer sends the same one, so
  // the server answers with the first result instead of amending twice (item 8).
  const [idempotencyKey] = useState(newDraftKey);
  const callAction = useActionCaller();
  const idp = `amend-${entry.id}`;
  const choices =
    entry.orderingProviderId != null && !providers.some((p) => p.id === entry.orderingProviderId)
      ? [...providers, { id: entry.orderingProviderId, name: `${entry.orderingProviderName ?? 'Provider'} (no longer active)`, credentials: '', npi: '' }]
      : providers;
  const providerName = (id: number | null) => {
    const p = choices.find((c) => c.id === id);
    return p ? (p.credentials ? `${p.name}, ${p.credentials}` : p.name) : '';
  };
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting },
  } = useForm<AmendmentFormInput, unknown, AmendmentInput>({
    resolver: zodResolver(amendmentSchema),
    defaultValues: {
      administrationId: entry.id,
      doseValue: entry.doseValue,
      doseUnit: entry.doseUnit as AmendmentFormInput['doseUnit'],
      kind: entry.kind,
      start: toLocalInput(entry.startAt, timeZone),
      stop: entry.stopAt ? toLocalInput(entry.stopAt, timeZone) : '',
      stopMissingReason: entry.stopMissingReason ?? '',
      site: entry.site,
      rationale: entry.rationale,
      lateEntryReason: entry.lateEntryReason ?? '',
      ndc: entry.ndc ?? '',
      lot: entry.lot ?? '',
      expiry: entry.expiry ?? '',
      wastedValue: entry.wastedValue ?? '',
      orderingProviderId: entry.orderingProviderId != null ? String(entry.orderingProviderId) : '',
      orderType: (entry.orderType ?? '') as AmendmentFormInput['orderType'],
      expiredProductReason: entry.expiredProductReason ?? '',
      // Empty: the server keeps the stored reasons while the dose and NDC stay the same, and asks again when they change.
      doseConfirmationReason: '',
      ndcConfirmationReason: '',
      pump: entry.pump ?? '',
      integralTo: entry.integralTo ?? '',
      witnessEmail: '',
      witnessPassword: '',
      idempotencyKey,
      reason: '',
    },
  });
  const values = useWatch({ control }) as Partial<AmendmentFormInput>;
  // Confirmations the server asked for (issue 13: a dose outside the usual range, an NDC the formulary does not know).
  const [asked, setAsked] = useState({ dose: false, ndc: false });
  const changes = amendmentChanges(entry, values, timeZone, providerName);
  const wasteChanged = (values.wastedValue ?? '') !== (entry.wastedValue ?? '');
  const submit = async (input: AmendmentInput) => {
    setFormError(null);
    let result: Awaited<ReturnType<typeof amendAdministrationAction>>;
    try {
      result = await callAction(amendAdministrationAction, input);
    } catch {
      // The answer was lost (network, tablet asleep): the same key goes with the retry,
      // so if the server did save it, it answers with that first result instead of amending twice.
      setFormError('No answer from the server. Check the connection and press Save amendment again: it will not be saved twice.');
      return;
    }
    if (result.ok) return onDone();
    const { doseConfirmationReason, ndcConfirmationReason } = result.fieldErrors;
    if (doseConfirmationReason || ndcConfirmationReason) setAsked((a) => ({ dose: a.dose || Boolean(doseConfirmationReason), ndc: a.ndc || Boolean(ndcConfirmationReason) }));
    setFormError(showServerErrors(result, setError) ?? 'Not amended');
  };
  const err = (f: keyof AmendmentFormInput) => errors[f]?.message as string | undefined;
  const text = (f: keyof AmendmentFormInput, label: string, opts: { hint?: string; wide?: boolean; type?: string; mono?: boolean } = {}) => (
    <Field id={`${idp}-${f}`} label={label} error={err(f)} hint={opts.hint} className={opts.wide ? 'md:col-span-2' : ''}>
      <input
        id={`${idp}-${f}`}
        type={opts.type ?? 'text'}
        className={`${inputClass} ${opts.mono ? 'font-mono' : ''}`}
        {...register(f)}
        {...describedBy(`${idp}-${f}`, errors[f], Boolean(opts.hint))}
      />
    </Field>
  );
  return (
    <form onSubmit={(e) => void handleSubmit(submit)(e)} noValidate aria-label={`Amend ${entry.drugName}`} className="grid gap-4 md:grid-cols-2">
      {formError ? (
        <p role="alert" className="rounded border-2 border-red-700 p-2 font-semibold text-red-800 md:col-span-2">
          {formError}
        </p>
      ) : null}
      <Field id={`${idp}-dose`} label="Dose" error={err('doseValue')}>
        {/* Grid, not flex: each cell keeps its width (the dose at least 120 px at 768 px, the unit 8rem). */}
        <div className="grid grid-cols-[minmax(7.5rem,1fr)_8rem] gap-2">
          <input id={`${idp}-dose`} inputMode="decimal" className={inputClass} {...register('doseValue')} {...describedBy(`${idp}-dose`, errors.doseValue)} />
          <select aria-label="Dose unit" className={inputClass} {...register('doseUnit')}>
            {DOSE_UNITS.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </div>
      </Field>
      <Field id={`${idp}-kind`} label="Kind" error={err('kind')}>
        <select
          id={`${idp}-kind`}
          className={inputClass}
          {...register('kind', {
            // Only an infusion has a pump (R-CHEMO-PUMP): another kind drops it.
            onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
              if (e.target.value !== 'infusion') setValue('pump', '');
            },
          })}
          {...describedBy(`${idp}-kind`, errors.kind)}
        >
          {ADMINISTRATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </Field>
      {values.kind === 'infusion' ? (
        <Field id={`${idp}-pump`} label="Pump" error={err('pump')}>
          <select id={`${idp}-pump`} className={inputClass} {...register('pump')} {...describedBy(`${idp}-pump`, errors.pump)}>
            <option value="">None</option>
            {PUMP_TYPES.map((p) => (
              <option key={p} value={p}>
                {PUMP_LABEL[p]}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {/* Like the dialog's other optional facts, one field: a procedure named = given as part of it (R-INTEGRAL); empty = not. */}
      <Field id={`${idp}-integralTo`} label="Given as part of another procedure: the procedure (empty if not)" error={err('integralTo')} className="md:col-span-2">
        <input
          id={`${idp}-integralTo`}
          list={`${idp}-procedures`}
          autoComplete="off"
          className={inputClass}
          placeholder="e.g. blood transfusion"
          {...register('integralTo')}
          {...describedBy(`${idp}-integralTo`, errors.integralTo)}
        />
        <datalist id={`${idp}-procedures`}>
          {INTEGRAL_PROCEDURES.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </Field>
      {text('start', 'Given at', { type: 'datetime-local' })}
      {text('stop', 'Finished at', { type: 'datetime-local' })}
      {text('stopMissingReason', 'Why there is no stop time (only if empty)', { wide: true })}
      {text('site', 'Access site')}
      {text('rationale', 'Clinical rationale')}
      <Field id={`${idp}-provider`} label="Ordered by" error={err('orderingProviderId')}>
        <select id={`${idp}-provider`} className={inputClass} {...register('orderingProviderId')} {...describedBy(`${idp}-provider`, errors.orderingProviderId)}>
          <option value="">Choose who ordered it</option>
          {choices.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.credentials ? `${p.name}, ${p.credentials}` : p.name}
              {p.npi ? ` (NPI ${p.npi})` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${idp}-order-type`} label="Order type" error={err('orderType')}>
        <select id={`${idp}-order-type`} className={inputClass} {...register('orderType')} {...describedBy(`${idp}-order-type`, errors.orderType)}>
          <option value="">Choose how it was ordered</option>
          {ORDER_TYPES.map((t) => (
            <option key={t} value={t}>
              {ORDER_TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </Field>
      {text('ndc', 'NDC', { mono: true })}
      {text('lot', 'Lot')}
      {text('expiry', 'Expiry', { type: 'date' })}
      {text('wastedValue', `Wasted (${values.doseUnit ?? entry.doseUnit})`)}
      {asked.dose || errors.doseConfirmationReason
        ? text('doseConfirmationReason', 'Reason for this dose', { wide: true, hint: entry.doseConfirmationReason ? `Reason given for ${entry.doseValue} ${entry.doseUnit}: ${entry.doseConfirmationReason}` : undefined })
        : null}
      {asked.ndc || errors.ndcConfirmationReason
        ? text('ndcConfirmationReason', 'NDC not in the formulary: reason to use it', { wide: true, hint: entry.ndcConfirmationReason ? `Reason given for NDC ${entry.ndc ?? ''}: ${entry.ndcConfirmationReason}` : undefined })
        : null}
      {values.expiry || entry.expiredProductReason || errors.expiredProductReason ? text('expiredProductReason', 'Reason for using an expired product (only if expired)', { wide: true }) : null}
      {wasteChanged || errors.witnessEmail || errors.witnessPassword ? (
        <fieldset className="grid gap-4 rounded border border-slate-400 p-3 md:col-span-2 md:grid-cols-2">
          <legend className="px-1 text-sm font-semibold">Witness of the waste (controlled substances)</legend>
          {text('witnessEmail', 'Witness email', { type: 'email' })}
          {text('witnessPassword', 'Witness password', { type: 'password' })}
        </fieldset>
      ) : null}
      {text('lateEntryReason', 'Late-entry reason (if given long before now)', { wide: true })}
      {text('reason', 'Reason for the amendment', { wide: true })}
      <section aria-label="What changes" className="rounded border-2 border-blue-800 bg-blue-50 p-3 md:col-span-2" data-testid="amend-summary" aria-live="polite">
        <h3 className="font-semibold">What changes</h3>
        {changes.length === 0 ? (
          <p>Nothing yet: change a value above.</p>
        ) : (
          <ul className="list-disc pl-5">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </section>
      <div className="flex flex-wrap gap-2 md:col-span-2">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting || changes.length === 0}>
          Save amendment
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function InErrorForm({ entry, label, onDone }: { entry: AdministrationView; label: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  const id = `in-error-${entry.id}`;
  return (
    <form
      className="grid gap-4"
      aria-label={`Mark ${label} entered in error`}
      onSubmit={(e) => {
        e.preventDefault();
        run((as) => markEnteredInErrorAction({ administrationId: entry.id, reason }, as), onDone);
      }}
    >
      <p>
        <strong>{label}</strong> stays on the chart, struck through with your name, the time and this reason, and drops out of coding.
      </p>
      <Field id={id} label="Why was this entered in error?" error={error ?? undefined}>
        <input id={id} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(id, error)} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          Mark entered in error
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
