import { connection } from 'next/server';
import { listFormularyAdmin } from '@/db/admin';
import { AddCodeForm, AddDrugForm, DeactivateDrugControl, EndCodeControl } from '@/components/admin-formulary';
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
        replaces: the old code ends the day before. A deactivated drug leaves the charting pick list; doses already charted keep it.
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full text-left text-sm" aria-label="Formulary drugs">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="p-2">Drug</th>
              <th scope="col" className="p-2">HCPCS codes (billing amount, dates of service)</th>
              <th scope="col" className="p-2">Products</th>
              <th scope="col" className="p-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {drugs.map((d) => (
              <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="drug-row">
                <th scope="row" className="p-2 text-left font-normal">
                  <strong className="block">{d.genericName}</strong>
                  <span className="block font-mono text-xs">{d.key}</span>
                  {d.strength ? <span className="block text-xs">{d.strength}</span> : null}
                  <span className="block text-xs">
                    Dose in {d.defaultDoseUnit}
                    {d.usualDose ? `, usually ${d.usualDose} ${d.defaultDoseUnit}` : ''}
                    {d.chemo ? ' · chemotherapy / highly complex' : ''}
                    {d.supplyBilling ? '' : ' · no supply line'}
                  </span>
                </th>
                <td className="space-y-2 p-2">
                  {d.codes.length === 0 ? <p className="text-slate-700">No HCPCS code (no supply line).</p> : null}
                  <ul className="space-y-1">
                    {d.codes.map((c) => (
                      <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="hcpcs-code">
                        <span>
                          <span className="font-mono font-semibold">{c.code}</span> {c.descriptor}
                          {c.billingAmount ? ` (${c.billingAmount} ${c.billingUnit ?? ''})` : ''} · {c.effectiveFrom ?? 'from the start'} to{' '}
                          {c.effectiveTo ?? 'now'}
                        </span>
                        <EndCodeControl code={c} />
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
      <section aria-labelledby="add-drug-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="add-drug-heading" className="text-lg font-semibold">
          Add a drug
        </h2>
        <AddDrugForm />
      </section>
    </div>
  );
}
