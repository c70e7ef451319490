import { connection } from 'next/server';
import { listFacilities, listUsers } from '@/db/admin';
import { CreateUserForm, EditUserForm, UserActiveControl } from '@/components/admin-users';
import { ROLE_LABEL } from '@/server/action';
import { requireUser } from '@/server/session';
import { SignInLockouts } from '@/components/sign-in-lockouts';

export default async function AdminUsersPage() {
  await connection();
  const admin = await requireUser(['admin']);
  const users = listUsers();
  const facilities = listFacilities().map((f) => ({ id: f.id, name: f.name }));
  const facilityName = new Map(facilities.map((f) => [f.id, f.name]));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        {/* Wide on purpose: on a tablet or phone the table scrolls sideways instead of squeezing the edit form. */}
        <table className="w-full min-w-[60rem] text-left text-sm" aria-label="Users">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="p-2">Name</th>
              <th scope="col" className="p-2">Credentials</th>
              <th scope="col" className="p-2">Role</th>
              <th scope="col" className="p-2">Email</th>
              <th scope="col" className="p-2">Facilities</th>
              <th scope="col" className="p-2">Status</th>
              <th scope="col" className="p-2">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-200 align-top" data-testid="user-row">
                <td className="p-2 font-semibold">{u.name}</td>
                <td className="p-2">{u.credentials}</td>
                <td className="p-2">{ROLE_LABEL[u.role]}</td>
                <td className="p-2">{u.email}</td>
                <td className="p-2" data-testid="user-facilities">
                  {u.role === 'admin' ? 'All (admin)' : u.facilityIds.length === 0 ? 'None' : u.facilityIds.map((id) => facilityName.get(id) ?? `#${id}`).join('; ')}
                </td>
                <td className="p-2">{u.active ? 'Active' : 'Deactivated'}</td>
                <td className="min-w-80 space-y-2 p-2">
                  <details>
                    <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-blue-800">Edit {u.name}</summary>
                    <EditUserForm user={u} isSelf={u.id === admin.id} facilities={facilities} />
                  </details>
                  {u.id === admin.id ? (
                    <p className="text-slate-700">This is you: you cannot deactivate yourself.</p>
                  ) : (
                    <UserActiveControl userId={u.id} active={u.active} name={u.name} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="create-user-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="create-user-heading" className="text-lg font-semibold">
          Create a user
        </h2>
        <CreateUserForm facilities={facilities} />
      </section>
      <SignInLockouts />
    </div>
  );
}
