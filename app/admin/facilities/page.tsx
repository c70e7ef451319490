import { connection } from 'next/server';
import { listFacilities } from '@/db/admin';
import { CreateFacilityForm, FacilitySettingsForm } from '@/components/admin-facilities';
import { SETTING_LABEL } from '@/lib/format';
import { requireUser } from '@/server/session';

export default async function AdminFacilitiesPage() {
  await connection();
  await requireUser(['admin']);
  const facilities = listFacilities();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Facilities</h1>
      <p className="max-w-prose text-slate-700">
        A facility&apos;s setting is copied to each encounter when it is opened, so it is fixed here: existing encounters keep theirs. The late-entry
        threshold and the JW/JZ policy apply to charting and coding from now on; encounters already coded keep their frozen lines.
      </p>
      <ul className="space-y-4">
        {facilities.map((f) => (
          <li key={f.id} className="space-y-2 rounded-lg border border-slate-300 bg-white p-4" data-testid="facility-row">
            <h2 className="text-lg font-semibold">{f.name}</h2>
            <p className="text-sm text-slate-700">
              {SETTING_LABEL[f.setting]} · {f.timeZone} · {f.encounterCount} encounter{f.encounterCount === 1 ? '' : 's'}
            </p>
            <FacilitySettingsForm facility={f} />
          </li>
        ))}
      </ul>
      <section aria-labelledby="create-facility-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="create-facility-heading" className="text-lg font-semibold">
          Create a facility
        </h2>
        <CreateFacilityForm />
      </section>
    </div>
  );
}
