'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/facilities', label: 'Facilities' },
  { href: '/admin/formulary', label: 'Formulary' },
  { href: '/admin/providers', label: 'Providers' },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="mb-6 flex flex-wrap gap-2 border-b border-slate-300 pb-2">
      {SECTIONS.map((s) => {
        const current = pathname === s.href;
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={current ? 'page' : undefined}
            className={`inline-flex min-h-11 items-center rounded-md px-3 font-semibold hover:bg-slate-100 ${current ? 'bg-slate-200 text-slate-900' : 'text-blue-800'}`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
