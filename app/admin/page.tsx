import Link from 'next/link';
import { connection } from 'next/server';
import { adminOverview } from '@/db/admin';
import { requireUser } from '@/server/session';

export default async function AdminPage() {
  await connection();
  await requireUser(['admin']);
  const o = adminOverview();
  const cards = [
    { href: '/admin/users', title: 'Users', text: `${o.activeUsers} active of ${o.users}`, about: 'Create accounts, change credentials or role, deactivate and reactivate.' },
    { href: '/admin/facilities', title: 'Facilities', text: `${o.facilities} facilities`, about: 'Late-entry threshold, JW/JZ policy, new facilities.' },
    { href: '/admin/formulary', title: 'Formulary', text: `${o.activeDrugs} active drugs of ${o.drugs}`, about: 'Drugs, dated HCPCS codes and products.' },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Administration</h1>
      <p className="max-w-prose text-slate-700">
        Admins manage people, facilities and the formulary and can unlock a signed encounter with a reason. They cannot chart: a dose is always
        signed by the clinician who gave it.
      </p>
      <ul className="grid gap-4 sm:grid-cols-3">
        {cards.map((c) => (
          <li key={c.href} className="rounded-lg border border-slate-300 bg-white p-4">
            <h2 className="text-lg font-semibold">
              <Link href={c.href} className="inline-flex min-h-11 items-center text-blue-800 hover:underline">
                {c.title}
              </Link>
            </h2>
            <p className="font-semibold">{c.text}</p>
            <p className="text-sm text-slate-700">{c.about}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
