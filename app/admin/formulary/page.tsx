import Link from 'next/link';
import { connection } from 'next/server';
import { listFormularyAdmin } from '@/db/admin';
import { AddDrugForm, FormularyTable } from '@/components/admin-formulary';
import { requireUser } from '@/server/session';

export default async function AdminFormularyPage() {
  await connection();
  await requireUser(['admin']);
  const drugs = listFormularyAdmin();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Formulary</h1>
      <p className="max-w-prose text-slate-700">
        HCPCS codes are picked by date of service. When CMS replaces a code, add the new one with its first date and choose the code it
        replaces: the old code ends the day before. A deactivated drug leaves the charting pick list; doses already charted keep it. Brand names, synonyms and abbreviations are what the
        bedside search finds besides the generic name; the first typical kind is the one the form picks; dose limits ask the nurse to confirm
        a dose above the soft maximum and refuse one above the hard maximum; the OPPS status decides whether JW/JZ apply.
      </p>
      <p><Link href="/admin/formulary/import" className="font-semibold text-blue-800 underline">Import CMS&apos;s NDC–HCPCS crosswalk (new NDCs, billable units)</Link></p>
      <FormularyTable drugs={drugs} />
      <section aria-labelledby="add-drug-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="add-drug-heading" className="text-lg font-semibold">
          Add a drug
        </h2>
        <AddDrugForm />
      </section>
    </div>
  );
}
