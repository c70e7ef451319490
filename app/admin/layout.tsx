import { connection } from 'next/server';
import { AdminNav } from '@/components/admin-nav';
import { requireUser } from '@/server/session';

/** Admin only: users, facilities and the formulary. Every page re-checks the role too. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await connection();
  await requireUser(['admin']);
  return (
    <div>
      <AdminNav />
      {children}
    </div>
  );
}
