'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import type { ActionResult } from '@/lib/action-result';
import type { CrosswalkApplied, CrosswalkPreviewResult } from '@/db/formulary-import';
import { IGNORE_REASON_TEXT, rowErrorText, type CrosswalkPreview } from '@/lib/formulary/crosswalk';
import { crosswalkUploadSchema } from '@/lib/formulary/crosswalk-schema';
import { CROSSWALK_UPLOAD_PATH } from '@/lib/formulary/crosswalk-upload';
import { FormDone, FormError } from './admin-shared';
import { describedBy, Field, inputClass, primaryButtonClass, secondaryButtonClass } from './field';

const formatNdc11 = (ndc11: string) => `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}`;

/** Sends the file to the upload route (not a server action: CMS's file is larger than their 256 KB limit). */
async function send<T>(fields: Record<string, string | Blob>): Promise<ActionResult<T>> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  try {
    const res = await fetch(CROSSWALK_UPLOAD_PATH, { method: 'POST', body });
    if (res.headers.get('content-type')?.includes('application/json')) return (await res.json()) as ActionResult<T>;
    return { ok: false, fieldErrors: {}, formError: res.status === 413 ? 'The file is too large (at most 8 MB)' : `The server answered ${res.status}: try again` };
  } catch {
    return { ok: false, fieldErrors: {}, formError: 'No answer from the server: check the connection and try again' };
  }
}

/**
 * Upload CMS's ASP NDC–HCPCS crosswalk, read the preview, confirm. The file is
 * kept in the page and sent again with the confirmation, with the preview's
 * token: the server refuses if the formulary changed in between.
 */
export function CrosswalkImport() {
  const id = useId();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<CrosswalkPreviewResult | null>(null);

  async function preview(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    setFormError(null);
    const checked = crosswalkUploadSchema.safeParse({ file });
    if (!checked.success) {
      setFileError(checked.error.issues[0]?.message);
      return;
    }
    setFileError(undefined);
    setPending(true);
    const answer = await send<CrosswalkPreviewResult>({ intent: 'preview', file: file! });
    setPending(false);
    if (answer.ok) setResult(answer.data);
    else {
      setResult(null);
      setFileError(answer.fieldErrors.file);
      setFormError(answer.formError ?? null);
    }
  }

  async function confirm() {
    if (!file || !result) return;
    setPending(true);
    const answer = await send<CrosswalkApplied>({ intent: 'apply', file, token: result.token });
    setPending(false);
    if (answer.ok) {
      const { added, updated, moved } = answer.data;
      setResult(null);
      setDone(`Imported: ${added} new product${added === 1 ? '' : 's'}, ${updated} changed${moved ? ` (${moved} moved to another drug)` : ''}.`);
      router.refresh();
    } else {
      setFormError(answer.formError ?? 'Nothing was imported');
      if (answer.status === 409) setResult(null);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={preview} className="flex flex-wrap items-end gap-3" noValidate>
        <Field id={`${id}-file`} label="CMS ASP NDC–HCPCS crosswalk (CSV)" error={fileError} hint="The quarterly file from CMS's ASP pricing files page, as downloaded (at most 8 MB).">
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            className={inputClass}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
              setDone(null);
              setFormError(null);
            }}
            {...describedBy(`${id}-file`, fileError, true)}
          />
        </Field>
        <button type="submit" className={secondaryButtonClass} disabled={pending}>
          {pending && !result ? 'Reading…' : 'Preview'}
        </button>
      </form>
      <FormError error={formError} />
      <FormDone message={done} />
      {done ? (
        <p>
          <Link href="/admin/formulary" className="font-semibold text-blue-800 underline">
            Back to the formulary
          </Link>
        </p>
      ) : null}
      {result ? <PreviewView preview={result.preview} pending={pending} onConfirm={confirm} /> : null}
    </div>
  );
}

function PreviewView({ preview, pending, onConfirm }: { preview: CrosswalkPreview; pending: boolean; onConfirm: () => void }) {
  const unitChanges = preview.updates.filter((u) => u.unitsChange);
  const codeChanges = preview.updates.filter((u) => u.codeChange);
  const moves = preview.updates.filter((u) => u.move);
  const ambiguous = preview.newProducts.filter((p) => !p.ndc10Derived);
  const blocked = preview.fileError !== null || preview.errors.length > 0;
  const changes = preview.newProducts.length + preview.updates.length;
  return (
    <section aria-labelledby="crosswalk-preview" className="space-y-5">
      <h2 id="crosswalk-preview" className="text-xl font-semibold">
        Preview
      </h2>
      {preview.fileError ? <FormError error={preview.fileError} /> : (
        <p>
          Header on line {preview.headerLine} (code column <code>{preview.codeColumn}</code>); {preview.rowsRead} rows read: {preview.newProducts.length} new products,{' '}
          {preview.updates.length} changed, {preview.unchanged} already up to date, {preview.ignored.reduce((n, g) => n + g.lines.length, 0)} ignored
          {preview.errors.length ? `, ${preview.errors.length} malformed` : ''}.
        </p>
      )}

      {preview.errors.length > 0 ? (
        <div role="alert" className="rounded border-2 border-red-700 p-3">
          <h3 className="font-semibold text-red-800">Malformed rows: nothing can be imported until the file is fixed</h3>
          <ul className="mt-2 list-disc pl-6">
            {preview.errors.map((e) => (
              <li key={e.line}>{rowErrorText(e)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <Table
        title="New products"
        caption="Imported with container type unconfirmed: CMS's file gives none, so each is stored as the drug's most common container type (single-dose when it has none) until an admin confirms it."
        head={['Line', 'Drug', 'NDC (11-digit)', 'NDC (10-digit)', 'Labeler', 'Package', 'Per item', 'Billable units / package', 'Container (unconfirmed)']}
        rows={preview.newProducts.map((p) => [
          p.line,
          `${p.drugName} (${p.code})`,
          formatNdc11(p.ndc11),
          p.ndc10Derived ? p.ndc10 : `${p.ndc10} (ambiguous: 11-digit form kept)`,
          p.labelerName,
          p.packageText,
          `${p.amountPerContainer} ${p.amountUnit}`,
          p.billableUnitsPerPackage,
          p.containerType,
        ])}
      />
      {ambiguous.length > 0 ? (
        <p className="text-sm">
          {ambiguous.length} NDC{ambiguous.length === 1 ? '' : 's'} cannot be shortened to one 10-digit form (more than one segment starts with 0): the 11-digit form is kept as the package NDC.
        </p>
      ) : null}
      <Table
        title="Changed billable units"
        head={['Line', 'Drug', 'NDC', 'Billable units / package (old → new)']}
        rows={unitChanges.map((u) => [u.line, u.drugName, formatNdc11(u.ndc11), `${u.unitsChange!.old ?? '—'} → ${u.unitsChange!.new}`])}
      />
      <Table
        title="HCPCS code changed"
        caption={moves.length > 0 ? 'A product whose new code belongs to another formulary drug moves to that drug when you confirm.' : undefined}
        head={['Line', 'NDC', 'Code (old → new)', 'Drug']}
        rows={codeChanges.map((u) => [
          u.line,
          formatNdc11(u.ndc11),
          `${u.codeChange!.old ?? '—'} → ${u.codeChange!.new}`,
          u.move ? `moves from ${u.drugName} to ${u.move.newDrugName}` : u.drugName,
        ])}
      />
      <Table
        title="Rows ignored"
        head={['Code', 'Short description', 'Why', 'Lines']}
        rows={preview.ignored.map((g) => [
          g.code,
          g.shortDescription,
          `${IGNORE_REASON_TEXT[g.reason]}${g.knownNdcs.length ? ` (known NDCs left as they are: ${g.knownNdcs.map(formatNdc11).join(', ')})` : ''}`,
          g.lines.length > 5 ? `${g.lines.slice(0, 5).join(', ')} … (${g.lines.length} rows)` : g.lines.join(', '),
        ])}
      />

      <div className="space-y-2 border-t border-slate-300 pt-4">
        {blocked ? (
          <p className="font-semibold">Nothing can be imported until the file is fixed.</p>
        ) : changes === 0 ? (
          <p className="font-semibold">The formulary already matches this file: nothing to import.</p>
        ) : (
          <>
            <p>
              Confirming writes {preview.newProducts.length} new product{preview.newProducts.length === 1 ? '' : 's'} and {preview.updates.length} change
              {preview.updates.length === 1 ? '' : 's'} in one step, each in the audit trail
              {moves.length > 0 ? `, and moves ${moves.length} product${moves.length === 1 ? '' : 's'} to another drug as listed above` : ''}.
            </p>
            <button type="button" className={primaryButtonClass} disabled={pending} onClick={onConfirm}>
              {pending ? 'Importing…' : 'Confirm import'}
            </button>
          </>
        )}
      </div>
    </section>
  );
}

function Table({ title, caption, head, rows }: { title: string; caption?: string | undefined; head: string[]; rows: (string | number)[][] }) {
  return (
    <div>
      <h3 className="font-semibold">
        {title} ({rows.length})
      </h3>
      {caption ? <p className="text-sm text-slate-700">{caption}</p> : null}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">None.</p>
      ) : (
        <div className="mt-1 overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm" aria-label={title}>
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                {head.map((h) => (
                  <th key={h} scope="col" className="p-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className="border-t border-slate-200">
                  {r.map((cell, j) => (
                    <td key={j} className="p-2">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
