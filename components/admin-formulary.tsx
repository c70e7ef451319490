'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useFieldArray, useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { addCodeAction, addDrugAction, deactivateDrugAction, endCodeAction } from '@/app/admin/actions';
import {
  addCodeSchema,
  addDrugSchema,
  BILLING_UNITS,
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
import type { z } from 'zod';
import { FormDone, FormError, ReasonAction } from './admin-shared';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass, showServerErrors } from './field';
import { useFormOutcome } from './use-form-outcome';

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
      () => addDrugAction(values),
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
      () => addCodeAction(values),
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
    const result = await endCodeAction(values);
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
  return <ReasonAction label={`Deactivate ${name}`} confirmLabel="Deactivate" run={(reason) => deactivateDrugAction({ drugId, reason })} />;
}
