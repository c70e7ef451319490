import { connection } from 'next/server';
import { listFacilitySettings, listFormularyAdmin, listUsers } from '@/db/admin';
import { AddDrugForm, CreateUserForm, DeactivateDrugControl, FacilitySettingsForm, UserActiveControl } from '@/components/admin-forms';
import { SETTING_LABEL } from '@/lib/format';
import { requireUser } from '@/lib/session';

export default async function AdminPage() {
  await connection();
  const admin = await requireUser(['admin']);
  const users = listUsers();
  const facilities = listFacilitySettings();
  const drugs = listFormularyAdmin();
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Administration</h1>

      <section aria-labelledby="users-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="users-heading" className="text-lg font-semibold">
          Users
        </h2>
        <table className="w-full text-left text-sm" aria-label="Users">
          <thead>
            <tr className="border-b-2 border-slate-300">
              <th scope="col" className="p-2">Name</th>
              <th scope="col" className="p-2">Email</th>
              <th scope="col" className="p-2">Role</th>
              <th scope="col" className="p-2">Status</th>
              <th scope="col" className="p-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-200 align-top" data-testid="user-row">
                <td className="p-2">
                  {u.name}, {u.credentials}
                </td>
                <td className="p-2">{u.email}</td>
                <td className="p-2">{u.role === 'nurse' ? 'clinician' : u.role}</td>
                <td className="p-2">{u.active ? 'Active' : 'Deactivated'}</td>
                <td className="p-2">{u.id === admin.id ? '(you)' : <UserActiveControl userId={u.id} active={u.active} name={u.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="font-semibold">Create a user</h3>
        <CreateUserForm />
      </section>

      <section aria-labelledby="facilities-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="facilities-heading" className="text-lg font-semibold">
          Facilities
        </h2>
        <ul className="space-y-4">
          {facilities.map((f) => (
            <li key={f.id}>
              <p className="font-semibold">
                {f.name} · {SETTING_LABEL[f.setting]} · {f.timeZone}
              </p>
              <FacilitySettingsForm facilityId={f.id} threshold={f.lateEntryThresholdMinutes} jwJz={f.jwJzPolicy} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="formulary-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="formulary-heading" className="text-lg font-semibold">
          Formulary
        </h2>
        <h3 className="font-semibold">Add a drug</h3>
        <AddDrugForm />
        <table className="w-full text-left text-sm" aria-label="Formulary drugs">
          <thead>
            <tr className="border-b-2 border-slate-300">
              <th scope="col" className="p-2">Drug</th>
              <th scope="col" className="p-2">HCPCS (billing unit, dates of service)</th>
              <th scope="col" className="p-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {drugs.map((d) => (
              <tr key={d.id} className="border-b border-slate-200 align-top" data-testid="drug-row">
                <td className="p-2">
                  <strong>{d.genericName}</strong> <span className="font-mono text-xs">{d.key}</span>
                  <span className="block text-xs">{d.strength}</span>
                </td>
                <td className="p-2">
                  {d.codes.map((c) => (
                    <span key={c.id} className="block">
                      <span className="font-mono font-semibold">{c.code}</span> {c.descriptor} · {c.effectiveFrom ?? '…'} to {c.effectiveTo ?? 'now'}
                    </span>
                  ))}
                </td>
                <td className="p-2">{d.active ? <DeactivateDrugControl drugId={d.id} name={d.genericName} /> : 'Inactive'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
