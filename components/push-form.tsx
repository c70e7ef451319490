'use client';
import { memo, useEffect, useRef, useState } from 'react';
import { useForm, useWatch, type Control, type DefaultValues, type FieldError as HookFieldError, type FieldErrors, type Resolver, type UseFormRegister } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { ActionResult } from '@/lib/action-result';
import {
  administrationSchema,
  DOSE_UNITS,
  INTEGRAL_PROCEDURES,
  NOW,
  ORDER_TYPE_LABEL,
  ORDER_TYPES,
  PUMP_LABEL,
  PUMP_TYPES,
  type AdministrationFormInput,
  type AdministrationInput,
} from '@/lib/administration-schema';
import { scanVial } from '@/lib/barcode';
import { concentrationFor, judgeDose, type DoseVerdict } from '@/lib/dose-limits';
import { draftInstant, expiredOnDayGiven, givenMinutesAgo } from '@/lib/draft-times';
import { ndcKeys, ndcOwnership, UNKNOWN_NDC_MESSAGE, type NdcOwnership } from '@/lib/ndc-ownership';
import { formatElapsed } from '@/lib/timeline';
import { formatDateTime, formatTime, toLocalInput } from '@/lib/time';
import { doseLabel } from '@/lib/dose-label';
import { draftAfterSignIn, type DraftSigner } from '@/lib/draft-owner';
import type { FormularyEntry } from '@/lib/types';
import { DrugPicker, matchScan, type DrugPick } from './drug-picker';
import { describedBy, Field, FieldError, inputClass, primaryButtonClass, secondaryButtonClass, showServerErrors } from './field';
import { newIdempotencyKey } from './idempotency-key';
import { SignInDialog } from './sign-in-dialog';
import { WitnessFields } from './witness-fields';

export const RATIONALE_CHIPS = ['Nausea', 'Vomiting', 'Pain', 'Anxiety / agitation', 'Fever', 'Allergic reaction', 'Hypertension', 'Dehydration'];

const KIND_OPTIONS = [
  { value: 'push', label: 'IV push' },
  { value: 'infusion', label: 'IV infusion' },
  { value: 'hydration', label: 'Hydration' },
  { value: 'injection', label: 'IM/SC injection' },
] as const;

type OrderType = (typeof ORDER_TYPES)[number];
type Kind = AdministrationFormInput['kind'];

function timeLabels(kind: Kind): { start: string; stop: string } {
  if (kind === 'infusion' || kind === 'hydration') return { start: 'Started', stop: 'Stopped' };
  return { start: 'Given at', stop: 'Finished at' };
}

/** A push (or injection) is charted with stop = start unless the nurse edits the stop (issue 12 item 1). */
const stopFollowsStartFor = (kind: Kind) => kind === 'push' || kind === 'injection';

export interface Clinician {
  id: string;
  name: string;
  credentials: string;
}

/** An ordering provider the nurse can choose (db/providers.ts listActiveProviders). */
export interface ProviderOption {
  id: number;
  name: string;
  credentials: string;
  npi: string;
}

/** What the chart action answers for a saved dose; startAt/stopAt are the instants the server stored. */
export interface SavedEntry {
  id: number;
  startAt?: Date | string;
  stopAt?: Date | string | null;
}

export interface PushFormProps {
  encounterId: number;
  timeZone: string;
  lateEntryThresholdMinutes: number;
  /** When the visit was closed (UTC ms), or null while open: then "now" is refused and a late-entry reason is needed. */
  closedAt: number | null;
  formulary: readonly FormularyEntry[];
  providers: ProviderOption[];
  /** The signed-in clinician: every dose is signed by whoever charts it. */
  signer: Clinician;
  /** Kept from the encounter's last dose: site, ordering provider and order type. */
  lastSite: string;
  lastProviderId: number | null;
  lastOrderType: OrderType | null;
  /** The live clock (UTC ms), re-read by the workspace every few seconds. */
  now: number;
  onDraftChange: (draft: AdministrationFormInput, drug: FormularyEntry | null) => void;
  onSave: (values: AdministrationInput, drug: FormularyEntry) => Promise<ActionResult<SavedEntry>>;
}

/** Where each field's control is, to move focus to the first invalid one (issue 12 item 12). In screen order. */
const FIELD_ORDER: Array<[keyof AdministrationFormInput, string]> = [
  ['orderingProviderId', 'orderingProviderId'],
  ['orderType', 'orderType-written'],
  ['site', 'site'],
  ['integral', 'integral'],
  ['integralTo', 'integralTo'],
  ['drugId', 'drug'],
  ['doseValue', 'doseValue'],
  ['doseUnit', 'doseUnit'],
  ['doseConfirmationReason', 'doseConfirmationReason'],
  ['kind', 'kind-push'],
  ['pump', 'pump-none'],
  ['start', 'start'],
  ['stop', 'stop'],
  ['stopMissingReason', 'stopMissingReason'],
  ['lateEntryReason', 'lateEntryReason'],
  ['rationale', 'rationale'],
  ['ndc', 'ndc'],
  ['lot', 'lot'],
  ['ndcConfirmationReason', 'ndcConfirmationReason'],
  ['expiry', 'expiry'],
  ['expiredProductReason', 'expiredProductReason'],
  ['wastedValue', 'wastedValue'],
  ['witnessEmail', 'witnessEmail'],
  ['witnessPassword', 'witnessPassword'],
];

function asDate(v: Date | string | undefined | null): Date | null {
  if (!v) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** The bedside judgement of a draft's dose and NDC: the same pure rules the server applies (db/administrations.ts checkDose). */
export function judgeDraft(
  drug: FormularyEntry | null,
  formulary: readonly FormularyEntry[],
  v: Pick<AdministrationFormInput, 'doseValue' | 'doseUnit' | 'kind' | 'ndc'>,
): { dose: DoseVerdict; ndc: NdcOwnership<FormularyEntry> | null } {
  const ndcText = v.ndc?.trim() ?? '';
  // Judged once it is a whole NDC: a half-typed one is the schema's to report.
  const ndc = drug && ndcText && ndcKeys(ndcText) ? ndcOwnership(formulary, drug, ndcText) : null;
  const doseValue = v.doseValue?.trim() ?? '';
  if (!drug || !DECIMAL.test(doseValue)) return { dose: { kind: 'ok' }, ndc };
  const concentration = v.doseUnit === 'mL' ? concentrationFor(drug, ndc?.kind === 'own' ? ndc.ndc11 : null) : null;
  return { dose: judgeDose(drug, v.kind, { value: doseValue, unit: v.doseUnit }, concentration), ndc };
}

/**
 * What the form's own render reads from the draft (issue 16 item 4): the
 * fields that choose its blocks, labels and times, and the bedside verdict on
 * the NDC. Text typed in a field (a dose, a site, a rationale) is not in it,
 * so a keystroke re-renders the form only when one of these changes (useWatch
 * compares them by value); the dose echo, the dose limits, the witness block
 * and the sidebar follow the text themselves.
 */
interface FormView {
  drugId: number | null;
  kind: Kind;
  start: string;
  stop: string | undefined;
  integral: boolean;
  doseUnit: AdministrationFormInput['doseUnit'];
  expiry: string;
  /** An NDC, lot or expiry is entered. */
  vialEntered: boolean;
  /** A positive amount wasted (a controlled drug's waste needs a witness). */
  wastedSome: boolean;
  /** The rationale when it is exactly one of the chips (that chip is pressed). */
  rationaleChip: string | null;
  ndc: { kind: 'own' } | { kind: 'other' | 'unknown'; message: string } | null;
}

/** The formulary drug a draft's drugId names (null: none picked). */
function drugOf(formulary: readonly FormularyEntry[], drugId: unknown): FormularyEntry | null {
  return formulary.find((d) => d.id === Number(drugId)) ?? null;
}

function formView(v: AdministrationFormInput, formulary: readonly FormularyEntry[]): FormView {
  const drug = drugOf(formulary, v.drugId);
  const judged = judgeDraft(drug, formulary, v);
  const wasted = Number(v.wastedValue);
  return {
    drugId: drug?.id ?? null,
    kind: v.kind,
    start: v.start,
    stop: v.stop,
    integral: Boolean(v.integral),
    doseUnit: v.doseUnit,
    expiry: v.expiry ?? '',
    vialEntered: Boolean(v.ndc || v.expiry || v.lot),
    wastedSome: Number.isFinite(wasted) && wasted > 0,
    rationaleChip: v.rationale && RATIONALE_CHIPS.includes(v.rationale) ? v.rationale : null,
    ndc: !judged.ndc ? null : judged.ndc.kind === 'own' ? { kind: 'own' } : { kind: judged.ndc.kind, message: judged.ndc.message },
  };
}

/** "4 mg ondansetron" beside the dose, as the nurse types it. */
function DoseEcho({ control, drug }: { control: Control<AdministrationFormInput, unknown, AdministrationInput>; drug: FormularyEntry | null }) {
  const [doseValue, doseUnit] = useWatch({ control, name: ['doseValue', 'doseUnit'] });
  return (
    <p className="self-end pb-2 text-lg font-semibold" aria-live="polite" data-testid="dose-echo">
      {drug && doseValue ? `${doseValue} ${doseUnit} ${drug.name.split(' ')[0]!.toLowerCase()}` : ''}
    </p>
  );
}

/** The witness block, following the amount wasted as it is typed. */
function WatchedWitnessFields({
  control,
  ...props
}: Omit<React.ComponentProps<typeof WitnessFields>, 'wasted'> & { control: Control<AdministrationFormInput, unknown, AdministrationInput> }) {
  const wasted = useWatch({ control, name: 'wastedValue' });
  return <WitnessFields {...props} wasted={wasted ?? ''} />;
}

/**
 * The bedside dose limits as the nurse types (lib/dose-limits.ts): the limit
 * that refuses the dose, or the reason asked for a dose outside the usual
 * range (or asked by the server, `asked`). Its own subscription to the draft,
 * so a dose crossing a limit re-renders this block, not the form.
 */
function DoseVerdictFields({
  control,
  formulary,
  asked,
  doseError,
  reasonError,
  register,
}: {
  control: Control<AdministrationFormInput, unknown, AdministrationInput>;
  formulary: readonly FormularyEntry[];
  asked: boolean;
  doseError: string | undefined;
  reasonError: HookFieldError | undefined;
  register: UseFormRegister<AdministrationFormInput>;
}) {
  const verdict = useWatch({ control, compute: (v) => judgeDraft(drugOf(formulary, v.drugId), formulary, v as AdministrationFormInput).dose });
  const showReason = verdict.kind === 'confirm' || asked;
  return (
    <>
      {verdict.kind === 'refuse' && doseError !== verdict.message ? (
        // As the nurse types: the limit that refuses this dose (Save refuses it on the dose field).
        <p className="-mt-2 rounded border-2 border-red-700 bg-white p-2 text-sm font-semibold text-red-800" role="status" data-testid="dose-limit">
          {verdict.message}
        </p>
      ) : null}
      {showReason ? (
        <Field
          id="doseConfirmationReason"
          label="Reason for this dose"
          error={reasonError?.message}
          hint={verdict.kind === 'confirm' && reasonError?.message !== verdict.message ? verdict.message : undefined}
        >
          <input
            id="doseConfirmationReason"
            className={inputClass}
            autoComplete="off"
            {...register('doseConfirmationReason')}
            {...describedBy('doseConfirmationReason', reasonError, verdict.kind === 'confirm' && reasonError?.message !== verdict.message)}
          />
        </Field>
      ) : null}
    </>
  );
}

/** Field errors the bedside rules add to the schema's (refused dose, wrong vial, missing confirmation reasons). */
function bedsideErrors(judged: ReturnType<typeof judgeDraft>, v: Pick<AdministrationFormInput, 'doseConfirmationReason' | 'ndcConfirmationReason'>, asked: { dose: boolean; ndc: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (judged.dose.kind === 'refuse') errors.doseValue = judged.dose.message;
  if ((judged.dose.kind === 'confirm' || asked.dose) && !v.doseConfirmationReason?.trim()) errors.doseConfirmationReason = 'Enter the reason for this dose';
  if (judged.ndc?.kind === 'other') errors.ndc = judged.ndc.message;
  if ((judged.ndc?.kind === 'unknown' || asked.ndc) && !v.ndcConfirmationReason?.trim()) errors.ndcConfirmationReason = 'Enter the reason for using this NDC';
  return errors;
}

/**
 * Chart one administration. The order (provider, type) and access site sit
 * above the drug and are kept from the last dose; times follow the clock
 * ("now", sent as 'now') until the nurse changes them. Issue 16 item 4: a
 * keystroke renders only what shows it (the form renders when its FormView
 * changes; the dose echo and the witness block watch their own fields) and
 * reaches the sidebar through `onDraftChange`, called from the form's value
 * subscription; memoized, as its props are stable between keystrokes (the
 * clock ticks every 15 s).
 */
export const PushForm = memo(function PushForm(props: PushFormProps) {
  const { encounterId, timeZone, formulary, providers, signer, now, onDraftChange, onSave } = props;
  const drugInput = useRef<HTMLInputElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [scanNote, setScanNote] = useState<string | null>(null);
  const [editTimes, setEditTimes] = useState(false);
  const [stopEdited, setStopEdited] = useState(false);
  const [signInOpen, setSignInOpen] = useState(false);
  // Focus moves after the render that shows its target (a time input, the picker's input).
  const pendingFocus = useRef<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const setPendingFocus = (id: string) => {
    pendingFocus.current = id;
    setFocusTick((t) => t + 1);
  };

  // The server asked for a confirmation the browser's formulary could not foresee (its list may lack the limits): keep the field shown.
  const [asked, setAsked] = useState({ dose: false, ndc: false });
  // The resolver reads the latest draft's bedside judgement (set each render below).
  const bedside = useRef<(v: AdministrationFormInput) => Record<string, string>>(() => ({}));
  const [resolver] = useState<Resolver<AdministrationFormInput, unknown, AdministrationInput>>(() => {
    const zod = zodResolver(administrationSchema);
    const withBedside: Resolver<AdministrationFormInput, unknown, AdministrationInput> = async (v, context, options) => {
      const result = await zod(v, context, options);
      const extra = Object.entries(bedside.current(v)).filter(([field]) => !(field in result.errors));
      if (extra.length === 0) return result;
      return { values: {}, errors: { ...result.errors, ...Object.fromEntries(extra.map(([field, message]) => [field, { type: 'bedside', message }])) } };
    };
    return withBedside;
  });

  const knownProvider = (id: number | null) => (id !== null && providers.some((p) => p.id === id) ? id : null);

  const freshDefaults = (kept: { site: string; providerId: number | null; orderType: OrderType | null }): DefaultValues<AdministrationFormInput> => {
    const providerId = knownProvider(kept.providerId);
    return {
      encounterId,
      drugId: 0,
      doseValue: '',
      doseUnit: 'mg',
      kind: 'push',
      start: NOW,
      stop: NOW,
      stopMissingReason: '',
      site: kept.site,
      rationale: '',
      lateEntryReason: '',
      ndc: '',
      lot: '',
      expiry: '',
      wastedValue: '',
      orderingProviderId: providerId === null ? '' : String(providerId),
      ...(kept.orderType ? { orderType: kept.orderType } : {}),
      witnessEmail: '',
      witnessPassword: '',
      expiredProductReason: '',
      doseConfirmationReason: '',
      ndcConfirmationReason: '',
      pump: '',
      integral: false,
      integralTo: '',
      // One key per draft: reused by every retry of this draft, new after a save.
      idempotencyKey: newIdempotencyKey(),
    };
  };

  const {
    register,
    handleSubmit,
    setValue,
    setError,
    clearErrors,
    reset,
    control,
    getValues,
    subscribe,
    formState: { errors, isSubmitting },
  } = useForm<AdministrationFormInput, unknown, AdministrationInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: freshDefaults({ site: props.lastSite, providerId: props.lastProviderId, orderType: props.lastOrderType }),
  });

  // Recomputed on every change of a field, compared by value: the form renders when its view changes.
  const view = useWatch({ control, compute: (v) => formView(v as AdministrationFormInput, formulary) });
  const drug = formulary.find((d) => d.id === view.drugId) ?? null;
  const labels = timeLabels(view.kind);
  const follows = stopFollowsStartFor(view.kind) && !stopEdited;
  const startInstant = draftInstant(view.start, now, timeZone);
  const late = view.start !== NOW && startInstant !== null && now - startInstant.getTime() > props.lateEntryThresholdMinutes * 60_000;
  const minutesAgo = givenMinutesAgo(view.start, now, timeZone);
  const stopEmpty = !view.stop && view.kind !== 'injection';
  const needsWitness = Boolean(drug?.controlledSchedule) && view.wastedSome;
  const expired = expiredOnDayGiven(view.expiry, startInstant, timeZone);
  useEffect(() => {
    bedside.current = (v) => bedsideErrors(judgeDraft(formulary.find((d) => d.id === Number(v.drugId)) ?? null, formulary, v), v, asked);
  }, [formulary, asked]);
  const showNdcReason = view.ndc?.kind === 'unknown' || asked.ndc;
  const singleDose = drug?.products.some((p) => p.containerType === 'single-dose') ?? false;
  const showTimeInputs = editTimes || view.start !== NOW || (view.stop !== NOW && view.kind !== 'injection');
  const liveText = formatTime(new Date(now), timeZone);
  const referenceYear = Number(toLocalInput(new Date(now), timeZone).slice(0, 4));

  const isInfusion = view.kind === 'infusion';
  // Only an infusion has a pump (R-CHEMO-PUMP): a kind changed by the nurse or by a drug pick drops it.
  useEffect(() => {
    if (!isInfusion && getValues('pump')) setValue('pump', '');
  }, [isInfusion, getValues, setValue]);

  // The sidebar recodes on every change of the draft (issue 16 item 4): published from the form's
  // subscription, inside the input event, so neither this form nor the workspace renders for it.
  useEffect(() => {
    const publish = (v: AdministrationFormInput) => onDraftChange(v, drugOf(formulary, v.drugId));
    publish(getValues());
    return subscribe({ formState: { values: true }, callback: ({ values: v }) => publish(v) });
  }, [subscribe, getValues, formulary, onDraftChange]);

  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    const el = document.getElementById(id);
    el?.focus();
    // The usual dose is filled in: typing replaces it.
    if (id === 'doseValue' && el instanceof HTMLInputElement) el.select();
  }, [focusTick]);

  const setStart = (v: string) => {
    setValue('start', v, { shouldValidate: Boolean(errors.start) });
    if (follows) setValue('stop', v, { shouldValidate: Boolean(errors.stop) });
  };
  const setStop = (v: string) => {
    setStopEdited(true);
    setValue('stop', v, { shouldValidate: true });
  };
  /** "Now" on the start: back to the live clock; for a push the stop follows again. */
  const startNow = () => {
    setValue('start', NOW);
    if (stopFollowsStartFor(getValues('kind'))) {
      setStopEdited(false);
      setValue('stop', NOW);
    }
    clearErrors(['start', 'stop']);
    // The Now button goes away once the field is live again: keep focus on the field.
    setPendingFocus('start');
  };
  const stopNow = () => {
    // For a push, "now" on the stop no longer follows a typed start.
    setStopEdited(stopFollowsStartFor(getValues('kind')));
    setValue('stop', NOW, { shouldValidate: true });
    setPendingFocus('stop');
  };

  const focusFirstInvalid = (fields: readonly string[]) => {
    const first = FIELD_ORDER.find(([f]) => fields.includes(f));
    if (!first) return;
    if (first[0] === 'start' || first[0] === 'stop') setEditTimes(true);
    setPendingFocus(first[1]);
  };

  const applyScan = (pick: DrugPick) => {
    setScanNote(null);
    if (pick.expiry) {
      const given = draftInstant(getValues('start'), Date.now(), timeZone);
      if (expiredOnDayGiven(pick.expiry, given, timeZone)) {
        // An expired vial is refused at the scan; it can be charted only with a typed expiry and a reason.
        setScanNote(`Refused: this vial expired on ${pick.expiry}. Take another vial.`);
        return false;
      }
    }
    if (pick.ndc) setValue('ndc', pick.ndc);
    if (pick.expiry) setValue('expiry', pick.expiry);
    if (pick.lot) setValue('lot', pick.lot);
    return true;
  };

  /**
   * A vial scanned into the NDC field once the drug is chosen: a vial of
   * another drug is refused (the same rule as a typed NDC, lib/ndc-ownership.ts);
   * one the formulary does not know is kept, and asks for a reason.
   */
  const scanIntoNdc = (text: string) => {
    if (!drug) return;
    const read = scanVial(text, referenceYear);
    if (!read) return; // Typed text that is no code: judged at Save.
    if (!read.ok) {
      setScanNote(`Scan refused: ${read.error}`);
      setValue('ndc', '');
      return;
    }
    const code = read.scan.ndc11 ?? read.scan.ndc10Digits ?? '';
    const owner = ndcOwnership(formulary, drug, code);
    if (owner.kind === 'other') {
      setScanNote(`Refused: this vial is ${owner.drug.name}, not ${drug.name}. Take the right vial, or change the drug.`);
      setValue('ndc', '');
      setError('ndc', { type: 'bedside', message: owner.message });
      return;
    }
    const found = owner.kind === 'own' ? matchScan(formulary, text, referenceYear) : null;
    const pick: DrugPick = found && 'pick' in found ? found.pick : { drug, ndc: code, ...(read.scan.expiry ? { expiry: read.scan.expiry } : {}), ...(read.scan.lot ? { lot: read.scan.lot } : {}) };
    clearErrors('ndc');
    if (applyScan(pick)) setScanNote(null);
    else setValue('ndc', '');
  };

  // Whose the current draft is (F4): the signer it was entered under. The sign-in dialog compares the
  // user who signs in with it; a page refreshed for another signer (a sign-in elsewhere) does the same.
  const draftOwner = useRef<DraftSigner>({ id: signer.id, name: signer.name });
  const discardNote = useRef<string | null>(null);
  const discardDraft = (message: string, newOwner: DraftSigner | null) => {
    // A fresh draft with a new idempotency key: nothing of the previous clinician's entry can be saved.
    reset(freshDefaults({ site: props.lastSite, providerId: props.lastProviderId, orderType: props.lastOrderType }));
    setEditTimes(false);
    setStopEdited(false);
    setScanNote(null);
    setAsked({ dose: false, ndc: false });
    setFormError(message);
    discardNote.current = message;
    // The new draft is the new user's; an unknown one is settled by the signer the refreshed page names.
    if (newOwner) draftOwner.current = newOwner;
  };
  const submit = async (input: AdministrationInput) => {
    // "Now" is the moment the nurse saves (product notes 11), kept if the save has to wait for a sign-in.
    const pressedAt = Date.now();
    setFormError(null);
    setSavedNote(null);
    if (!drug) return;
    // A date the browser cannot read (02/30/2026) reaches the form as empty: say so instead of saving no expiry.
    const expiryInput = document.getElementById('expiry');
    if (expiryInput instanceof HTMLInputElement && expiryInput.validity.badInput) {
      setError('expiry', { message: 'That is not a real date: check the expiry on the vial' }, { shouldFocus: true });
      return;
    }
    // Fields of a block no longer shown are not sent.
    const payload: AdministrationInput = {
      ...input,
      witnessEmail: needsWitness ? input.witnessEmail : undefined,
      witnessPassword: needsWitness ? input.witnessPassword : undefined,
      expiredProductReason: expired ? input.expiredProductReason : undefined,
      // Asked when the dose block shows the reason (DoseVerdictFields): the same verdict, on the values saved.
      doseConfirmationReason: judgeDraft(drug, formulary, getValues()).dose.kind === 'confirm' || asked.dose ? input.doseConfirmationReason : undefined,
      ndcConfirmationReason: showNdcReason ? input.ndcConfirmationReason : undefined,
      pump: input.kind === 'infusion' ? input.pump : undefined,
    };
    let result: ActionResult<SavedEntry>;
    try {
      result = await onSave(payload, drug);
    } catch {
      // The answer was lost: the draft and its key stay, so Save again cannot chart it twice.
      setFormError('No answer from the server: your entry is still here. Tap Save again (it will not be charted twice).');
      return;
    }
    if (result.ok) {
      const at = asDate(result.data.startAt) ?? draftInstant(input.start, Date.now(), timeZone);
      // Named as every list names a dose (lib/dose-label.ts): "Saved: Ondansetron HCl 4 mg at 09:10" (the nurse is the performer).
      setSavedNote(`Saved: ${at ? doseLabel({ id: result.data.id, drugName: drug.name, doseValue: input.doseValue, doseUnit: input.doseUnit, startAt: at, performerName: '' }, { timeZone, withDate: false }) : `${drug.name} ${input.doseValue} ${input.doseUnit}`}`);
      reset(freshDefaults({ site: input.site, providerId: input.orderingProviderId, orderType: input.orderType }));
      setEditTimes(false);
      setStopEdited(false);
      setScanNote(null);
      setAsked({ dose: false, ndc: false });
      setPendingFocus('drug');
      return;
    }
    if (result.status === 401) {
      // Times left at "now" become the moment Save was pressed, shown in the fields: signing in again
      // takes minutes, and the dose was given then, not when the nurse is back (fresh user, stop 22).
      const pinned = toLocalInput(new Date(pressedAt), timeZone);
      const pinStart = getValues('start') === NOW;
      if (pinStart) setValue('start', pinned);
      if (getValues('stop') === NOW) setValue('stop', pinned);
      if (pinStart) setEditTimes(true);
      setFormError(`Your session has ended: sign in to save. Your entry is still here${pinStart ? `, given at ${formatTime(new Date(pressedAt), timeZone)} (when you pressed Save)` : ''}.`);
      setSignInOpen(true);
      return;
    }
    // Someone else signed in on this browser since the page was opened: nothing was saved, and the
    // entry is not theirs to sign (F4's rule, now at every save): it is discarded, naming both.
    if (result.signedIn) {
      const verdict = draftAfterSignIn(draftOwner.current, result.signedIn);
      if (verdict.keep) setFormError(result.formError ?? 'Nothing was saved');
      else discardDraft(verdict.message, result.signedIn);
      return;
    }
    // The server is the authority on the limits: a confirmation it asks for stays asked until the draft is saved or the drug changes.
    if (result.fieldErrors.doseConfirmationReason || result.fieldErrors.ndcConfirmationReason) {
      setAsked((a) => ({ dose: a.dose || Boolean(result.fieldErrors.doseConfirmationReason), ndc: a.ndc || Boolean(result.fieldErrors.ndcConfirmationReason) }));
    }
    setFormError(showServerErrors(result, setError) ?? 'Nothing was saved');
    focusFirstInvalid(Object.keys(result.fieldErrors));
  };

  const onInvalid = (errs: FieldErrors<AdministrationFormInput>) => focusFirstInvalid(Object.keys(errs));

  useEffect(() => {
    const pageSigner = { id: signer.id, name: signer.name };
    const verdict = draftAfterSignIn(draftOwner.current, pageSigner);
    if (!verdict.keep) discardDraft(verdict.message, pageSigner);
    draftOwner.current = pageSigner;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the page's signer changes, only then
  }, [signer.id, signer.name]);

  const err = (f: keyof AdministrationFormInput) => errors[f]?.message as string | undefined;
  const chipKeys = (e: React.KeyboardEvent<HTMLButtonElement>, i: number) => {
    const move = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!move) return;
    e.preventDefault();
    const next = (i + move + RATIONALE_CHIPS.length) % RATIONALE_CHIPS.length;
    document.getElementById(`chip-${next}`)?.focus();
  };
  const [chipStop, setChipStop] = useState(0);

  return (
    <div>
      <form onSubmit={(e) => void handleSubmit(submit, onInvalid)(e)} noValidate aria-label="Chart an administration" className="space-y-4">
        {formError ? (
          <p role="alert" className="rounded border-2 border-red-700 bg-white p-2 font-semibold text-red-800" data-testid="form-error">
            {formError}
          </p>
        ) : null}
        {savedNote ? (
          <p role="status" className="rounded border border-green-800 bg-green-50 p-2 font-semibold text-green-900">
            ✓ {savedNote}
          </p>
        ) : null}

        <div className="grid gap-4 rounded-md border border-slate-300 bg-slate-50 p-3 sm:grid-cols-2">
          <Field id="orderingProviderId" label="Ordered by" error={err('orderingProviderId')}>
            <select id="orderingProviderId" className={inputClass} {...register('orderingProviderId')} {...describedBy('orderingProviderId', errors.orderingProviderId)}>
              <option value="">Choose the ordering provider…</option>
              {providers.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}, {p.credentials} (NPI {p.npi})
                </option>
              ))}
            </select>
          </Field>
          <Field id="site" label="Access site" error={err('site')}>
            <input id="site" className={inputClass} placeholder="e.g. L antecubital 20G" {...register('site')} {...describedBy('site', errors.site)} />
          </Field>
          <fieldset className="sm:col-span-2" aria-describedby={errors.orderType ? 'orderType-error' : undefined}>
            <legend className="mb-1 text-sm font-semibold">Order type</legend>
            <div className="flex flex-wrap gap-2">
              {ORDER_TYPES.map((t) => (
                <label key={t} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-400 bg-white px-3 has-[:checked]:border-2 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50">
                  <input id={`orderType-${t}`} type="radio" value={t} {...register('orderType')} className="h-5 w-5" />
                  {ORDER_TYPE_LABEL[t]}
                </label>
              ))}
            </div>
            <FieldError id="orderType" error={err('orderType')} />
          </fieldset>
        </div>

        {/* R-INTEGRAL (coding-rules.md §7): before the drug, so the Drug → Save flow keeps its Tab stops; the box is 44 px high like every control. */}
        <div className="rounded-md border border-slate-300 p-3">
          <label htmlFor="integral" className="flex min-h-11 cursor-pointer items-center gap-2 font-semibold">
            <input id="integral" type="checkbox" className="h-11 w-5" {...register('integral')} {...describedBy('integral', errors.integral)} />
            Given as part of another procedure
          </label>
          <FieldError id="integral" error={err('integral')} />
          {view.integral ? (
            <Field
              id="integralTo"
              label="Procedure"
              error={err('integralTo')}
              hint="No administration code of its own: it is part of that procedure (its drug is still billed)."
              className="mt-2"
            >
              <input
                id="integralTo"
                list="integral-procedures"
                autoComplete="off"
                className={inputClass}
                placeholder="e.g. blood transfusion"
                {...register('integralTo')}
                {...describedBy('integralTo', errors.integralTo, true)}
              />
              <datalist id="integral-procedures">
                {INTEGRAL_PROCEDURES.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </Field>
          ) : null}
        </div>

        <Field id="drug" label="Drug" error={err('drugId')}>
          <DrugPicker
            formulary={formulary}
            value={drug}
            error={err('drugId')}
            inputRef={drugInput}
            referenceYear={referenceYear}
            onPick={(pick) => {
              setAsked({ dose: false, ndc: false });
              if (!pick) {
                setValue('drugId', 0);
                setPendingFocus('drug');
                return;
              }
              if (!applyScan(pick)) return;
              setValue('drugId', pick.drug.id, { shouldValidate: true });
              setValue('doseUnit', pick.drug.defaultDoseUnit);
              setValue('doseValue', pick.drug.usualDose);
              if (!pick.ndc) setValue('ndc', '');
              // Issue 13: choosing the drug chooses its most usual kind (normal saline → Hydration, ceftriaxone → infusion); the nurse can change it.
              const usual = pick.drug.typicalKinds[0];
              if (usual) setValue('kind', usual);
              // The picker unmounts its input: keep keyboard users in the flow.
              setPendingFocus('doseValue');
            }}
          />
          {scanNote ? (
            <p role="alert" className="mt-1 rounded border-2 border-red-700 bg-white p-2 text-sm font-semibold text-red-800" data-testid="scan-note">
              {scanNote}
            </p>
          ) : null}
        </Field>

        <div className="grid gap-4 sm:grid-cols-[1fr_auto_2fr]">
          <Field id="doseValue" label="Dose" error={err('doseValue')}>
            <input id="doseValue" inputMode="decimal" autoComplete="off" className={inputClass} {...register('doseValue')} {...describedBy('doseValue', errors.doseValue)} />
          </Field>
          <Field id="doseUnit" label="Unit" error={err('doseUnit')}>
            <select id="doseUnit" className={inputClass} {...register('doseUnit')} {...describedBy('doseUnit', errors.doseUnit)}>
              {DOSE_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </Field>
          <DoseEcho control={control} drug={drug} />
        </div>
        <DoseVerdictFields
          control={control}
          formulary={formulary}
          asked={asked.dose}
          doseError={err('doseValue')}
          reasonError={errors.doseConfirmationReason}
          register={register}
        />

        <fieldset>
          <legend className="mb-1 text-sm font-semibold">Kind</legend>
          <div className="flex flex-wrap gap-2">
            {KIND_OPTIONS.map((k) => (
              <label key={k.value} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-400 bg-white px-3 has-[:checked]:border-2 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50">
                <input
                  id={`kind-${k.value}`}
                  type="radio"
                  value={k.value}
                  {...register('kind', {
                    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
                      // A push's untouched stop follows its start; an infusion's untouched stop is "now".
                      if (!stopEdited) setValue('stop', stopFollowsStartFor(e.target.value as Kind) ? getValues('start') : NOW);
                    },
                  })}
                  className="h-5 w-5"
                />
                {k.label}
              </label>
            ))}
          </div>
        </fieldset>
        {isInfusion ? (
          <fieldset aria-describedby={[errors.pump ? 'pump-error' : null, drug?.chemo ? 'pump-hint' : null].filter(Boolean).join(' ') || undefined}>
            <legend className="mb-1 text-sm font-semibold">Pump</legend>
            <div className="flex flex-wrap gap-2">
              {(['', ...PUMP_TYPES] as const).map((p) => (
                <label key={p || 'none'} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-400 bg-white px-3 has-[:checked]:border-2 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50">
                  <input id={`pump-${p || 'none'}`} type="radio" value={p} {...register('pump')} className="h-5 w-5" />
                  {p ? PUMP_LABEL[p] : 'None'}
                </label>
              ))}
            </div>
            {drug?.chemo ? (
              <p id="pump-hint" className="mt-1 text-sm text-slate-700">
                A chemo infusion over 8 hours on a pump is 96416 (prolonged chemotherapy infusion requiring a pump); 8 hours or less is coded by time.
              </p>
            ) : null}
            <FieldError id="pump" error={err('pump')} />
          </fieldset>
        ) : null}

        {showTimeInputs ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="start" label={labels.start} error={err('start')} hint={view.start === NOW ? `now (${liveText}, follows the clock)` : undefined}>
              <div className="flex gap-2">
                <input
                  id="start"
                  type="datetime-local"
                  className={inputClass}
                  value={view.start === NOW ? toLocalInput(new Date(now), timeZone) : view.start}
                  onChange={(e) => setStart(e.target.value)}
                  data-live={view.start === NOW}
                  {...describedBy('start', errors.start, view.start === NOW)}
                />
                {view.start !== NOW ? (
                  <button type="button" className={secondaryButtonClass} onClick={startNow} aria-label={`${labels.start}: now`}>
                    Now
                  </button>
                ) : null}
              </div>
            </Field>
            {view.kind !== 'injection' ? (
              <Field
                id="stop"
                label={labels.stop}
                error={err('stop')}
                hint={follows ? `same as ${labels.start.toLowerCase()}` : view.stop === NOW ? `now (${liveText}, follows the clock)` : undefined}
              >
                <div className="flex gap-2">
                  <input
                    id="stop"
                    type="datetime-local"
                    className={inputClass}
                    value={view.stop === NOW ? toLocalInput(new Date(now), timeZone) : (view.stop ?? '')}
                    onChange={(e) => setStop(e.target.value)}
                    data-live={view.stop === NOW}
                    {...describedBy('stop', errors.stop, follows || view.stop === NOW)}
                  />
                  {view.stop !== NOW ? (
                    <button type="button" className={secondaryButtonClass} onClick={stopNow} aria-label={`${labels.stop}: now`}>
                      Now
                    </button>
                  ) : null}
                </div>
              </Field>
            ) : null}
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-3 rounded-md border border-slate-300 p-2" data-testid="live-times">
            {props.closedAt !== null ? (
              <p className="w-full rounded border-2 border-amber-700 bg-amber-50 p-2 font-semibold" role="status" data-testid="visit-closed">
                This visit closed at {formatDateTime(new Date(props.closedAt), timeZone)}: a dose given after that cannot be charted. Tap Change times to enter when it was given, and give a late-entry reason.
              </p>
            ) : null}
            <p className="grow">
              <span className="text-sm font-semibold">{labels.start}</span>{' '}
              <strong data-testid="live-start">now · {liveText}</strong>
              {view.kind !== 'injection' ? (
                <>
                  {' · '}
                  <span className="text-sm font-semibold">{labels.stop}</span> <strong>{follows ? 'same' : `now · ${liveText}`}</strong>
                </>
              ) : null}
              <span className="block text-sm text-slate-700">Saved with the time you press Save.</span>
            </p>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                setEditTimes(true);
                setPendingFocus('start');
              }}
            >
              Change times
            </button>
          </div>
        )}
        <p className="text-sm text-slate-700">Times are in {timeZone}.</p>
        {minutesAgo !== null ? (
          <p className="rounded border-2 border-amber-700 bg-amber-50 p-2 font-semibold" role="status" data-testid="given-ago">
            Given {formatElapsed(draftInstant(view.start, now, timeZone) ?? new Date(now), new Date(now))} ago? {labels.start} says {view.start.replace('T', ' ')}; it is {liveText} now. Check the time, or tap Now.
          </p>
        ) : null}
        {stopEmpty ? (
          <Field id="stopMissingReason" label="Why is there no stop time?" error={err('stopMissingReason')}>
            <input id="stopMissingReason" className={inputClass} placeholder="e.g. infusion still running" {...register('stopMissingReason')} {...describedBy('stopMissingReason', errors.stopMissingReason)} />
          </Field>
        ) : null}
        {late || props.closedAt !== null || errors.lateEntryReason ? (
          <Field id="lateEntryReason" label="Late entry: reason for charting now" error={err('lateEntryReason')} hint={`Given more than ${props.lateEntryThresholdMinutes} min ago.`}>
            <input id="lateEntryReason" className={inputClass} {...register('lateEntryReason')} {...describedBy('lateEntryReason', errors.lateEntryReason, true)} />
          </Field>
        ) : null}

        <Field id="rationale" label="Clinical rationale" error={err('rationale')}>
          <div className="mb-2 flex flex-wrap gap-2" role="toolbar" aria-label="Common indications (arrow keys move)">
            {RATIONALE_CHIPS.map((chip, i) => (
              <button
                key={chip}
                id={`chip-${i}`}
                type="button"
                tabIndex={i === chipStop ? 0 : -1}
                aria-pressed={view.rationaleChip === chip}
                className="min-h-11 rounded-full border border-slate-500 bg-white px-4 text-sm font-semibold aria-pressed:border-2 aria-pressed:border-blue-800 aria-pressed:bg-blue-50"
                onFocus={() => setChipStop(i)}
                onKeyDown={(e) => chipKeys(e, i)}
                onClick={() => {
                  const current = getValues('rationale').trim();
                  setValue('rationale', current && current !== chip ? `${current}; ${chip}` : chip, { shouldValidate: true });
                }}
              >
                {chip}
              </button>
            ))}
          </div>
          <input id="rationale" className={inputClass} placeholder="Indication, in your words" {...register('rationale')} {...describedBy('rationale', errors.rationale)} />
        </Field>

        {singleDose || view.vialEntered ? (
          <details className="rounded-md border border-slate-300 bg-white p-3" open={view.vialEntered || needsWitness || expired}>
            <summary className="min-h-11 cursor-pointer py-2 font-semibold">Vial: NDC, lot, expiry, amount wasted</summary>
            <div className="mt-2 grid gap-4 sm:grid-cols-2">
              <Field id="ndc" label="NDC" error={err('ndc')}>
                <input
                  id="ndc"
                  className={inputClass}
                  autoComplete="off"
                  {...register('ndc')}
                  onKeyDown={(e) => {
                    // A scanner ends with Enter: read the vial, never submit the form.
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      scanIntoNdc(e.currentTarget.value);
                    } else if (e.ctrlKey && e.key === ']') {
                      e.preventDefault();
                      setValue('ndc', `${e.currentTarget.value}\u001d`);
                    }
                  }}
                  {...describedBy('ndc', errors.ndc, view.ndc?.kind === 'other' && !errors.ndc)}
                />
                {view.ndc?.kind === 'other' && !errors.ndc ? (
                  <p id="ndc-hint" className="mt-1 text-sm font-semibold text-red-800" role="status">
                    {view.ndc.message}
                  </p>
                ) : null}
              </Field>
              {showNdcReason ? (
                <Field
                  id="ndcConfirmationReason"
                  label="NDC not in the formulary: reason to use it"
                  error={err('ndcConfirmationReason')}
                  hint={err('ndcConfirmationReason') !== UNKNOWN_NDC_MESSAGE ? UNKNOWN_NDC_MESSAGE : undefined}
                  className="sm:col-span-2"
                >
                  <input
                    id="ndcConfirmationReason"
                    className={inputClass}
                    autoComplete="off"
                    {...register('ndcConfirmationReason')}
                    {...describedBy('ndcConfirmationReason', errors.ndcConfirmationReason, err('ndcConfirmationReason') !== UNKNOWN_NDC_MESSAGE)}
                  />
                </Field>
              ) : null}
              <Field id="lot" label="Lot" error={err('lot')}>
                <input id="lot" className={inputClass} {...register('lot')} {...describedBy('lot', errors.lot)} />
              </Field>
              <Field id="expiry" label="Expiry" error={err('expiry')}>
                <input id="expiry" type="date" className={inputClass} {...register('expiry')} {...describedBy('expiry', errors.expiry)} />
              </Field>
              <Field id="wastedValue" label={`Amount wasted (${view.doseUnit})`} error={err('wastedValue')}>
                <input id="wastedValue" inputMode="decimal" className={inputClass} {...register('wastedValue')} {...describedBy('wastedValue', errors.wastedValue)} />
              </Field>
            </div>
          </details>
        ) : null}
        {expired ? (
          <Field
            id="expiredProductReason"
            label="Expired product: why it is given anyway"
            error={err('expiredProductReason')}
            hint={`The expiry ${view.expiry} is before the day given. It is flagged on the chart.`}
          >
            <input id="expiredProductReason" className={inputClass} {...register('expiredProductReason')} {...describedBy('expiredProductReason', errors.expiredProductReason, true)} />
          </Field>
        ) : null}
        {needsWitness && drug?.controlledSchedule ? (
          <WatchedWitnessFields control={control} schedule={drug.controlledSchedule} unit={view.doseUnit} register={register} errors={errors} />
        ) : null}

        <p className="rounded-md bg-slate-100 p-3" data-testid="signer">
          Signed by <strong>{signer.name}, {signer.credentials}</strong> (you), with the time you save.
        </p>

        <button ref={saveButton} type="submit" className={`${primaryButtonClass} w-full text-lg`} disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save and sign'}
        </button>
      </form>
      <SignInDialog
        anchor={saveButton}
        open={signInOpen}
        onClose={() => setSignInOpen(false)}
        onSignedIn={(user) => {
          setSignInOpen(false);
          setSavedNote(null);
          // The draft belongs to the clinician who entered it: another person signing in here starts afresh.
          const verdict = draftAfterSignIn(draftOwner.current, user);
          if (!verdict.keep) {
            discardDraft(verdict.message, user);
            return;
          }
          // A discard already said by the page's refresh for this user (it may land first) stays said.
          setFormError((e) => (e !== null && e === discardNote.current ? e : null));
          // The draft (and its idempotency key) is untouched: one more tap saves it. The sign-in
          // refreshes the page in place; focus Save again if that refresh dropped it to the body.
          saveButton.current?.focus();
          const refocus = () => {
            if (document.activeElement === document.body) saveButton.current?.focus();
          };
          for (const ms of [100, 400, 1000]) setTimeout(refocus, ms);
        }}
      />
    </div>
  );
});
