'use client';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  addCodeAction,
  addDrugAction,
  deactivateDrugAction,
  endCodeAction,
  setCodePaymentStatusAction,
  setDoseLimitsAction,
  updateDrugNamesAction,
} from '@/app/admin/actions';
import type { AdminDrug, AdminHcpcsCode } from '@/db/admin';
import {
  addCodeSchema,
  addDrugSchema,
  ADMINISTRATION_KIND_OPTIONS,
  BILLING_UNITS,
  codePaymentStatusSchema,
  doseLimitsSchema,
  drugNamesSchema,
  KIND_LABELS,
  PAYMENT_STATUS_LABELS,
  PAYMENT_STATUS_OPTIONS,
  type CodePaymentStatusFormInput,
  type CodePaymentStatusInput,
  type DoseLimitFormRow,
  type DoseLimitsFormInput,
  type DoseLimitsInput,
  type DrugNamesFormInput,
  type DrugNamesInput,
  CONTAINER_TYPE_OPTIONS,
  DOSE_UNIT_OPTIONS,
  endCodeSchema,
  type AddCodeFormInput,
  type AddCodeInput,
  type AddDrugFormInput,
  type AddDrugInput,
  type EndCodeInput,
} from '@/lib/admin-schema';
import { ndc10To11 } from '@/lib/formulary/starter-formulary';
import { searchFormulary } from '@/lib/formulary/search';
import type { z } from 'zod';
import { FormDone, FormError, ReasonAction } from './admin-shared';
import { describedBy, Field, FieldError, inputClass, primaryButtonClass, secondaryButtonClass, showServerErrors } from './field';
import { useFormOutcome } from './use-form-outcome';
import { useActionCaller } from './signed-in-user';

type CodeField = 'code' | 'descriptorKind' | 'billingAmount' | 'billingUnit' | 'descriptor' | 'effectiveFrom' | 'effectiveTo';
type Msg = { message?: string | undefined } | undefined;

const EMPTY_CODE = { code: '', descriptorKind: 'per' as const, billingAmount: '', billingUnit: 'mg' as const, descriptor: '', effectiveFrom: '', effectiveTo: '' };

/** The inputs of one dated HCPCS code; used by "Add a drug" (one per row) and "Add a code". */
function HcpcsCodeFields({
  prefix,
  reg,
  errors,
  kind,
  legend,
}: {
  prefix: string;
  reg: (name: CodeField) => UseFormRegisterReturn;
  errors: Partial<Record<CodeField, Msg>>;
  kind: string | undefined;
  legend: string;
}) {
  const noc = kind === 'noc';
  const id = (name: CodeField) => `${prefix}-${name}`;
  const msg = (name: CodeField) => errors[name]?.message;
  return (
    <fieldset className="grid gap-3 rounded-md border border-slate-300 p-3 sm:col-span-full sm:grid-cols-3">
      <legend className="px-1 font-semibold">{legend}</legend>
      <Field id={id('code')} label="HCPCS code" error={msg('code')}>
        <input id={id('code')} className={`${inputClass} font-mono uppercase`} autoComplete="off" {...reg('code')} {...describedBy(id('code'), msg('code'))} />
      </Field>
      <Field id={id('descriptorKind')} label="Descriptor" error={msg('descriptorKind')}>
        <select id={id('descriptorKind')} className={inputClass} {...reg('descriptorKind')} {...describedBy(id('descriptorKind'), msg('descriptorKind'))}>
          <option value="per">per (each unit is exactly the amount)</option>
          <option value="up to">up to (one unit covers up to the amount)</option>
          <option value="noc">unclassified (J3490; units = containers)</option>
        </select>
      </Field>
      {noc ? (
        <p className="self-end text-sm text-slate-700">No billing amount: one unit per container.</p>
      ) : (
        <div className="grid grid-cols-[1fr_auto] gap-2">
          <Field id={id('billingAmount')} label="Billing amount" error={msg('billingAmount')}>
            <input id={id('billingAmount')} inputMode="decimal" className={inputClass} placeholder="0.1" {...reg('billingAmount')} {...describedBy(id('billingAmount'), msg('billingAmount'))} />
          </Field>
          <Field id={id('billingUnit')} label="Billing unit" error={msg('billingUnit')}>
            <select id={id('billingUnit')} className={`${inputClass} w-24`} {...reg('billingUnit')} {...describedBy(id('billingUnit'), msg('billingUnit'))}>
              {BILLING_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      <Field id={id('descriptor')} label="Descriptor text (optional)" error={msg('descriptor')} hint="Blank: e.g. “per 0.1 mg”.">
        <input id={id('descriptor')} className={inputClass} autoComplete="off" {...reg('descriptor')} {...describedBy(id('descriptor'), msg('descriptor'), true)} />
      </Field>
      <Field id={id('effectiveFrom')} label="First date of service" error={msg('effectiveFrom')} hint="Blank: since before any date we handle.">
        <input id={id('effectiveFrom')} type="date" className={inputClass} {...reg('effectiveFrom')} {...describedBy(id('effectiveFrom'), msg('effectiveFrom'), true)} />
      </Field>
      <Field id={id('effectiveTo')} label="Last date of service" error={msg('effectiveTo')} hint="Blank: still in effect.">
        <input id={id('effectiveTo')} type="date" className={inputClass} {...reg('effectiveTo')} {...describedBy(id('effectiveTo'), msg('effectiveTo'), true)} />
      </Field>
    </fieldset>
  );
}

const EMPTY_PRODUCT = { ndc10: '', description: '', containerType: 'single-dose' as const, amountPerContainer: '', amountUnit: 'mg' as const, amountPerMl: '' };

export function AddDrugForm() {
  const [withProduct, setWithProduct] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AddDrugFormInput, unknown, AddDrugInput>({
    resolver: zodResolver(addDrugSchema),
    defaultValues: { key: '', genericName: '', defaultDoseUnit: 'mg', usualDose: '', strength: '', chemo: false, codes: [EMPTY_CODE], product: null },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'codes' });
  const codes = useWatch({ control, name: 'codes' });
  const ndc10 = useWatch({ control, name: 'product.ndc10' });
  const ndc11 = ndc10 ? ndc10To11(ndc10) : null;

  const toggleProduct = (on: boolean) => {
    setValue('product', on ? { ...EMPTY_PRODUCT } : null);
    setWithProduct(on);
  };
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => addDrugAction(values, as),
      () => {
        reset();
        setWithProduct(false);
        return `Added ${values.genericName}: it is on the charting pick list now`;
      },
    ),
  );
  const e = errors;
  const pe = e.product;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a formulary drug" className="grid gap-3 sm:grid-cols-3">
      <FormError error={formError} />
      <FormDone message={done} />
      <Field id="drug-key" label="Key (slug)" error={e.key?.message} hint="Unique, e.g. granisetron.">
        <input id="drug-key" className={`${inputClass} font-mono`} autoComplete="off" {...register('key')} {...describedBy('drug-key', e.key, true)} />
      </Field>
      <Field id="drug-name" label="Generic name" error={e.genericName?.message}>
        <input id="drug-name" className={inputClass} autoComplete="off" {...register('genericName')} {...describedBy('drug-name', e.genericName)} />
      </Field>
      <Field id="drug-unit" label="Default dose unit" error={e.defaultDoseUnit?.message}>
        <select id="drug-unit" className={inputClass} {...register('defaultDoseUnit')} {...describedBy('drug-unit', e.defaultDoseUnit)}>
          {DOSE_UNIT_OPTIONS.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </Field>
      <Field id="drug-usual" label="Usual dose (optional)" error={e.usualDose?.message}>
        <input id="drug-usual" inputMode="decimal" className={inputClass} {...register('usualDose')} {...describedBy('drug-usual', e.usualDose)} />
      </Field>
      <Field id="drug-strength" label="Strength / presentation (optional)" error={e.strength?.message}>
        <input id="drug-strength" className={inputClass} placeholder="1 mg/mL, 1 mL single-dose vial" {...register('strength')} {...describedBy('drug-strength', e.strength)} />
      </Field>
      <label className="flex min-h-11 items-center gap-2 self-end font-semibold">
        <input type="checkbox" className="h-6 w-6" {...register('chemo')} /> Chemotherapy / highly complex
      </label>

      {fields.map((field, i) => (
        <div key={field.id} className="sm:col-span-full">
          <HcpcsCodeFields
            prefix={`drug-code-${i}`}
            legend={`HCPCS code ${i + 1}`}
            reg={(name) => register(`codes.${i}.${name}`)}
            errors={e.codes?.[i] ?? {}}
            kind={codes[i]?.descriptorKind}
          />
          {fields.length > 1 ? (
            <button type="button" className={`${secondaryButtonClass} mt-2 text-sm`} onClick={() => remove(i)}>
              Remove code {i + 1}
            </button>
          ) : null}
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-full">
        <button type="button" className={secondaryButtonClass} onClick={() => append({ ...EMPTY_CODE })} disabled={fields.length >= 10}>
          Add another HCPCS code
        </button>
        {e.codes?.message || e.codes?.root?.message ? (
          <p role="alert" className="font-semibold text-red-800">
            {e.codes.message ?? e.codes.root?.message}
          </p>
        ) : null}
      </div>

      <label className="flex min-h-11 items-center gap-2 font-semibold sm:col-span-full">
        <input type="checkbox" className="h-6 w-6" checked={withProduct} onChange={(ev) => toggleProduct(ev.target.checked)} /> Add a product (NDC)
      </label>
      {withProduct ? (
        <fieldset className="grid gap-3 rounded-md border border-slate-300 p-3 sm:col-span-full sm:grid-cols-3">
          <legend className="px-1 font-semibold">Product</legend>
          <Field id="product-ndc" label="NDC-10 as printed (hyphenated)" error={pe?.ndc10?.message} hint={ndc11 ? `Billing NDC-11: ${ndc11}` : 'e.g. 0409-4888-01'}>
            <input id="product-ndc" className={`${inputClass} font-mono`} autoComplete="off" {...register('product.ndc10')} {...describedBy('product-ndc', pe?.ndc10, true)} />
          </Field>
          <Field id="product-description" label="Description (optional)" error={pe?.description?.message}>
            <input id="product-description" className={inputClass} {...register('product.description')} {...describedBy('product-description', pe?.description)} />
          </Field>
          <Field id="product-container" label="Container" error={pe?.containerType?.message}>
            <select id="product-container" className={inputClass} {...register('product.containerType')} {...describedBy('product-container', pe?.containerType)}>
              {CONTAINER_TYPE_OPTIONS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
          <div className="grid grid-cols-[1fr_auto] gap-2">
            <Field id="product-amount" label="Amount per container" error={pe?.amountPerContainer?.message}>
              <input id="product-amount" inputMode="decimal" className={inputClass} {...register('product.amountPerContainer')} {...describedBy('product-amount', pe?.amountPerContainer)} />
            </Field>
            <Field id="product-unit" label="Amount unit" error={pe?.amountUnit?.message}>
              <select id="product-unit" className={`${inputClass} w-24`} {...register('product.amountUnit')} {...describedBy('product-unit', pe?.amountUnit)}>
                {DOSE_UNIT_OPTIONS.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field id="product-per-ml" label="Amount per mL (optional)" error={pe?.amountPerMl?.message} hint="Converts doses charted in mL.">
            <input id="product-per-ml" inputMode="decimal" className={inputClass} {...register('product.amountPerMl')} {...describedBy('product-per-ml', pe?.amountPerMl, true)} />
          </Field>
        </fieldset>
      ) : null}
      <div>
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Add drug
        </button>
      </div>
    </form>
  );
}

/** A new dated code for an existing drug; optionally the code it replaces ends the day before. */
export function AddCodeForm({ drug }: { drug: { id: number; genericName: string; codes: { id: number; code: string; effectiveFrom: string | null; effectiveTo: string | null }[] } }) {
  const p = `add-code-${drug.id}`;
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AddCodeFormInput, unknown, AddCodeInput>({
    resolver: zodResolver(addCodeSchema),
    defaultValues: { ...EMPTY_CODE, drugId: drug.id, replacesCodeId: '' },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => addCodeAction(values, as),
      () => {
        reset();
        return `Added ${values.code} to ${drug.genericName}`;
      },
    ),
  );
  const kind = useWatch({ control, name: 'descriptorKind' });
  const replaceable = drug.codes.filter((c) => c.effectiveTo === null);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Add a HCPCS code to ${drug.genericName}`} className="grid gap-3 pt-2">
      <FormError error={formError} />
      <FormDone message={done} />
      <HcpcsCodeFields prefix={p} legend="New code" reg={(name) => register(name)} errors={errors} kind={kind} />
      <Field
        id={`${p}-replaces`}
        label="Replaces"
        error={errors.replacesCodeId?.message}
        hint="The replaced code's last date of service becomes the day before the new code's first."
      >
        <select id={`${p}-replaces`} className={inputClass} {...register('replacesCodeId')} {...describedBy(`${p}-replaces`, errors.replacesCodeId, true)}>
          <option value="">Nothing (the new code is added alongside)</option>
          {replaceable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} (from {c.effectiveFrom ?? 'the start'})
            </option>
          ))}
        </select>
      </Field>
      <div>
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Add code
        </button>
      </div>
    </form>
  );
}

/** Sets a code's last date of service, with a reason. */
export function EndCodeControl({ code }: { code: { id: number; code: string; effectiveTo: string | null } }) {
  const id = useId();
  const callAction = useActionCaller();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof endCodeSchema>, unknown, EndCodeInput>({
    resolver: zodResolver(endCodeSchema),
    defaultValues: { codeId: code.id, effectiveTo: code.effectiveTo ?? '', reason: '' },
  });
  const close = () => {
    reset();
    setFormError(null);
    setOpen(false);
  };
  const label = `${code.effectiveTo ? 'Change end of' : 'End'} ${code.code}`;
  if (!open) {
    return (
      <button ref={opener} type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await callAction(endCodeAction, values);
    if (result.ok) {
      close();
      return;
    }
    setFormError(showServerErrors(result, setError));
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={label}
      className="flex flex-wrap items-start gap-2 py-1"
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') close();
      }}
    >
      <FormError error={formError} />
      <Field id={`${id}-to`} label="Last date of service" error={errors.effectiveTo?.message}>
        <input id={`${id}-to`} type="date" autoFocus className={inputClass} {...register('effectiveTo')} {...describedBy(`${id}-to`, errors.effectiveTo)} />
      </Field>
      <Field id={`${id}-reason`} label="Reason" error={errors.reason?.message}>
        <input id={`${id}-reason`} className={inputClass} {...register('reason')} {...describedBy(`${id}-reason`, errors.reason)} />
      </Field>
      <div className="flex gap-2 self-end">
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Save end date
        </button>
        <button type="button" className={secondaryButtonClass} onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function DeactivateDrugControl({ drugId, name }: { drugId: number; name: string }) {
  return <ReasonAction label={`Deactivate ${name}`} confirmLabel="Deactivate" run={(reason, as) => deactivateDrugAction({ drugId, reason }, as)} />;
}

// --- Search, names, typical kinds, dose limits, payment status (issue 13 items 1 and 6) ---

const KIND_SLOTS = ['Most usual', 'Then', 'Then', 'Then'] as const;

/** A drug's brand names/synonyms (one per line) and its typical kinds in order; the bedside picker and form follow at once. */
export function DrugNamesForm({ drug }: { drug: Pick<AdminDrug, 'id' | 'genericName' | 'aliases' | 'typicalKinds'> }) {
  const p = `names-${drug.id}`;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DrugNamesFormInput, unknown, DrugNamesInput>({
    resolver: zodResolver(drugNamesSchema),
    defaultValues: {
      drugId: drug.id,
      aliases: drug.aliases.join('\n'),
      typicalKinds: KIND_SLOTS.map((_, i) => drug.typicalKinds[i] ?? ''),
      reason: '',
    },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => updateDrugNamesAction(values, as),
      (data) => (data.changed.length === 0 ? 'Nothing changed' : `Saved ${drug.genericName}: ${data.changed.map((c) => (c === 'aliases' ? 'names' : 'typical kinds')).join(' and ')}`),
    ),
  );
  const kindsError = errors.typicalKinds?.message ?? errors.typicalKinds?.root?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Names and kinds of ${drug.genericName}`} className="grid gap-3 pt-2">
      <FormError error={formError} />
      <FormDone message={done} />
      <Field
        id={`${p}-aliases`}
        label="Brand names, synonyms and abbreviations"
        error={errors.aliases?.message}
        hint="One per line, as nurses type them (e.g. Zofran, NS, MgSO4). Case, accents and hyphens do not matter."
      >
        <textarea id={`${p}-aliases`} rows={4} className={inputClass} {...register('aliases')} {...describedBy(`${p}-aliases`, errors.aliases, true)} />
      </Field>
      <fieldset className="grid gap-2 sm:grid-cols-4" aria-describedby={kindsError ? `${p}-kinds-error` : undefined}>
        <legend className="mb-1 text-sm font-semibold text-slate-800">Typical kinds, most usual first (the bedside form picks the first)</legend>
        {KIND_SLOTS.map((label, i) => (
          <div key={i}>
            <label htmlFor={`${p}-kind-${i}`} className="mb-1 block text-sm text-slate-800">
              {i + 1}. {label}
            </label>
            <select id={`${p}-kind-${i}`} className={inputClass} aria-invalid={Boolean(kindsError)} {...register(`typicalKinds.${i}`)}>
              <option value="">—</option>
              {ADMINISTRATION_KIND_OPTIONS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="sm:col-span-full">
          <FieldError id={`${p}-kinds`} error={kindsError} />
        </div>
      </fieldset>
      <Field id={`${p}-reason`} label="Reason (optional, for the audit trail)" error={errors.reason?.message}>
        <input id={`${p}-reason`} className={inputClass} {...register('reason')} {...describedBy(`${p}-reason`, errors.reason)} />
      </Field>
      <div>
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Save names and kinds
        </button>
      </div>
    </form>
  );
}

const EMPTY_LIMIT: DoseLimitFormRow = { kinds: ['push'], unit: 'mg', usual: '', softMax: '', hardMax: '', source: 'label' };

/** All dose limits of a drug, one row per kind group: usual ≤ soft maximum (confirm above) ≤ hard maximum (refused above). */
export function DoseLimitsForm({ drug }: { drug: Pick<AdminDrug, 'id' | 'genericName' | 'defaultDoseUnit' | 'doseLimits'> }) {
  const p = `limits-${drug.id}`;
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DoseLimitsFormInput, unknown, DoseLimitsInput>({
    resolver: zodResolver(doseLimitsSchema),
    defaultValues: {
      drugId: drug.id,
      limits: drug.doseLimits.map((l) => ({ kinds: [...l.kinds], unit: l.unit, usual: l.usual, softMax: l.softMax, hardMax: l.hardMax ?? '', source: l.source })),
      reason: '',
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'limits' });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => setDoseLimitsAction(values, as),
      (data) => (data.changed ? `Saved the dose limits of ${drug.genericName}` : 'Nothing changed'),
    ),
  );
  const le = errors.limits;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Dose limits of ${drug.genericName}`} className="grid gap-3 pt-2">
      <FormError error={formError} />
      <FormDone message={done} />
      {fields.length === 0 ? <p className="text-sm text-slate-700">No limits: doses of this drug are not checked.</p> : null}
      {fields.map((field, i) => {
        const id = (name: string) => `${p}-${i}-${name}`;
        const e = le?.[i];
        const kindsError = e?.kinds?.message ?? e?.kinds?.root?.message;
        return (
          <fieldset key={field.id} className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-3">
            <legend className="px-1 font-semibold">Limit {i + 1}</legend>
            <fieldset className="sm:col-span-full" aria-describedby={kindsError ? `${id('kinds')}-error` : undefined}>
              <legend className="mb-1 text-sm font-semibold text-slate-800">For doses given as</legend>
              <div className="flex flex-wrap gap-x-4">
                {ADMINISTRATION_KIND_OPTIONS.map((k) => (
                  <label key={k} className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" className="h-6 w-6" value={k} aria-invalid={Boolean(kindsError)} {...register(`limits.${i}.kinds`)} /> {KIND_LABELS[k]}
                  </label>
                ))}
              </div>
              <FieldError id={id('kinds')} error={kindsError} />
            </fieldset>
            <Field id={id('unit')} label="Unit" error={e?.unit?.message}>
              <select id={id('unit')} className={inputClass} {...register(`limits.${i}.unit`)} {...describedBy(id('unit'), e?.unit)}>
                {DOSE_UNIT_OPTIONS.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={id('usual')} label="Usual dose" error={e?.usual?.message}>
              <input id={id('usual')} inputMode="decimal" className={inputClass} {...register(`limits.${i}.usual`)} {...describedBy(id('usual'), e?.usual)} />
            </Field>
            <Field id={id('softMax')} label="Soft maximum (confirm above)" error={e?.softMax?.message} hint="Top of the usual adult range.">
              <input id={id('softMax')} inputMode="decimal" className={inputClass} {...register(`limits.${i}.softMax`)} {...describedBy(id('softMax'), e?.softMax, true)} />
            </Field>
            <Field id={id('hardMax')} label="Hard maximum (refused above)" error={e?.hardMax?.message} hint="Largest single dose allowed; blank = none stated.">
              <input id={id('hardMax')} inputMode="decimal" className={inputClass} {...register(`limits.${i}.hardMax`)} {...describedBy(id('hardMax'), e?.hardMax, true)} />
            </Field>
            <Field id={id('source')} label="Source (shown to the nurse)" error={e?.source?.message} hint="e.g. label, label IM, Lexicomp">
              <input id={id('source')} className={inputClass} {...register(`limits.${i}.source`)} {...describedBy(id('source'), e?.source, true)} />
            </Field>
            <div className="self-end">
              <button type="button" className={`${secondaryButtonClass} text-sm`} onClick={() => remove(i)}>
                Remove limit {i + 1}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={secondaryButtonClass} onClick={() => append({ ...EMPTY_LIMIT, unit: drug.defaultDoseUnit as DoseLimitFormRow['unit'] })} disabled={fields.length >= 8}>
          Add a limit
        </button>
        {le?.message || le?.root?.message ? (
          <p role="alert" className="font-semibold text-red-800">
            {le.message ?? le.root?.message}
          </p>
        ) : null}
      </div>
      <Field id={`${p}-reason`} label="Reason (optional, for the audit trail)" error={errors.reason?.message}>
        <input id={`${p}-reason`} className={inputClass} {...register('reason')} {...describedBy(`${p}-reason`, errors.reason)} />
      </Field>
      <div>
        <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
          Save dose limits
        </button>
      </div>
    </form>
  );
}

/** One code's OPPS payment status: a select saved on its own. */
export function PaymentStatusControl({ code }: { code: Pick<AdminHcpcsCode, 'id' | 'code' | 'paymentStatus'> }) {
  const id = `pay-${code.id}`;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
    reset,
  } = useForm<CodePaymentStatusFormInput, unknown, CodePaymentStatusInput>({
    resolver: zodResolver(codePaymentStatusSchema),
    defaultValues: { codeId: code.id, paymentStatus: code.paymentStatus, reason: '' },
  });
  const { formError, done, submit } = useFormOutcome(setError);
  const onSubmit = handleSubmit((values) =>
    submit(
      (as) => setCodePaymentStatusAction(values, as),
      () => {
        reset(values);
        return `${code.code}: ${PAYMENT_STATUS_LABELS[values.paymentStatus]}`;
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`OPPS payment status of ${code.code}`} className="flex flex-wrap items-end gap-2">
      <FormError error={formError} />
      <Field id={id} label={`OPPS status of ${code.code}`} error={errors.paymentStatus?.message}>
        <select id={id} className={`${inputClass} text-sm`} {...register('paymentStatus')} {...describedBy(id, errors.paymentStatus)}>
          {PAYMENT_STATUS_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {PAYMENT_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className={`${secondaryButtonClass} text-sm`} disabled={isSubmitting || !isDirty}>
        Save status of {code.code}
      </button>
      <FormDone message={done} />
    </form>
  );
}

/** A disclosure whose content mounts only while open: a hundred drugs' edit forms are not all built (and hydrated) at once, and a reopened form starts from the stored values. */
function EditDisclosure({ summary, children }: { summary: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-blue-800">{summary}</summary>
      {open ? children : null}
    </details>
  );
}

function kindsText(kinds: readonly string[]): string {
  return kinds.map((k) => KIND_LABELS[k as keyof typeof KIND_LABELS] ?? k).join(', ');
}

/**
 * The formulary table with a search box: the same search as the bedside
 * picker (lib/formulary/search.ts), so what an admin finds here is what a
 * nurse finds; the matched brand or synonym is shown beside the name.
 */
export function FormularyTable({ drugs }: { drugs: AdminDrug[] }) {
  const [query, setQuery] = useState('');
  const searchable = useMemo(() => drugs.map((d) => ({ ...d, name: d.genericName })), [drugs]);
  const matches = useMemo(() => searchFormulary(searchable, query), [searchable, query]);
  return (
    <div className="space-y-3">
      <div className="max-w-md">
        <Field id="formulary-search" label="Find a drug" hint="Generic name, brand, synonym or abbreviation, as a nurse would type it.">
          <input
            id="formulary-search"
            type="search"
            className={inputClass}
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            {...describedBy('formulary-search', null, true)}
          />
        </Field>
        <p className="mt-1 text-sm text-slate-700" role="status" aria-live="polite">
          {query.trim() ? `${matches.length} of ${drugs.length} drugs match “${query.trim()}”` : `${drugs.length} drugs`}
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full text-left text-sm" aria-label="Formulary drugs">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="p-2">Drug</th>
              <th scope="col" className="p-2">HCPCS codes (billing amount, dates of service, OPPS status)</th>
              <th scope="col" className="p-2">Products</th>
              <th scope="col" className="p-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {matches.map(({ drug: d, matchedAlias }) => (
              <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="drug-row">
                <th scope="row" className="p-2 text-left font-normal">
                  {matchedAlias ? (
                    <span className="block text-xs font-semibold text-blue-900" data-testid="admin-matched-alias">
                      Found by “{matchedAlias}”
                    </span>
                  ) : null}
                  <strong className="block">{d.genericName}</strong>
                  <span className="block font-mono text-xs">{d.key}</span>
                  {d.strength ? <span className="block text-xs">{d.strength}</span> : null}
                  <span className="block text-xs">
                    Dose in {d.defaultDoseUnit}
                    {d.usualDose ? `, usually ${d.usualDose} ${d.defaultDoseUnit}` : ''}
                    {d.chemo ? ' · chemotherapy / highly complex' : ''}
                    {d.supplyBilling ? '' : ' · no supply line'}
                  </span>
                  <span className="block text-xs" data-testid="drug-aliases">
                    Also: {d.aliases.length > 0 ? d.aliases.join(', ') : '—'}
                  </span>
                  <span className="block text-xs" data-testid="drug-kinds">
                    Given as: {d.typicalKinds.length > 0 ? kindsText(d.typicalKinds) : '—'}
                  </span>
                  <ul className="text-xs" data-testid="drug-limits">
                    {d.doseLimits.map((l, i) => (
                      <li key={i}>
                        {kindsText(l.kinds)}: usual {l.usual} {l.unit}, confirm above {l.softMax} {l.unit}
                        {l.hardMax ? `, refused above ${l.hardMax} ${l.unit}` : ', no stated maximum'} ({l.source})
                      </li>
                    ))}
                  </ul>
                  <EditDisclosure summary={`Edit names and kinds of ${d.genericName}`}>
                    <DrugNamesForm drug={d} />
                  </EditDisclosure>
                  <EditDisclosure summary={`Edit dose limits of ${d.genericName}`}>
                    <DoseLimitsForm drug={d} />
                  </EditDisclosure>
                </th>
                <td className="space-y-2 p-2">
                  {d.codes.length === 0 ? <p className="text-slate-700">No HCPCS code (no supply line).</p> : null}
                  <ul className="space-y-2">
                    {d.codes.map((c) => (
                      <li key={c.id} className="space-y-1" data-testid="hcpcs-code">
                        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                          <span>
                            <span className="font-mono font-semibold">{c.code}</span> {c.descriptor}
                            {c.billingAmount ? ` (${c.billingAmount} ${c.billingUnit ?? ''})` : ''} · {c.effectiveFrom ?? 'from the start'} to {c.effectiveTo ?? 'now'}
                          </span>
                          <EndCodeControl code={c} />
                        </div>
                        <EditDisclosure summary={`OPPS status of ${c.code}: ${PAYMENT_STATUS_LABELS[c.paymentStatus]}`}>
                          <PaymentStatusControl code={c} />
                        </EditDisclosure>
                      </li>
                    ))}
                  </ul>
                  <details>
                    <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-blue-800">Add a code to {d.genericName}</summary>
                    <AddCodeForm drug={d} />
                  </details>
                </td>
                <td className="p-2">
                  <ul className="space-y-1">
                    {d.products.map((p) => (
                      <li key={p.id}>
                        <span className="font-mono">{p.ndc10}</span> <span className="font-mono text-xs">({p.ndc11})</span>
                        {p.placeholderNdc ? <span className="text-xs"> placeholder</span> : null}
                        <span className="block text-xs">
                          {p.containerType}, {p.amountPerContainer} {p.amountUnit}
                          {p.amountPerMl ? `, ${p.amountPerMl} ${p.amountUnit}/mL` : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="p-2">
                  <p>{d.active ? 'Active' : 'Inactive'}</p>
                  <p className="text-xs text-slate-700">
                    {d.chartedDoses} charted dose{d.chartedDoses === 1 ? '' : 's'}
                  </p>
                  {d.active ? <DeactivateDrugControl drugId={d.id} name={d.genericName} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.trim() && matches.length === 0 ? <p role="status">No drug in the formulary matches “{query.trim()}”.</p> : null}
    </div>
  );
}
