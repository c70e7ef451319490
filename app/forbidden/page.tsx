import Link from 'next/link';

export default function ForbiddenPage() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-300 bg-white p-6" role="alert">
      <h1 className="mb-2 text-2xl font-semibold">Not available for your role</h1>
      <p>
        This page belongs to another role&apos;s work. <Link className="font-semibold text-blue-800 underline" href="/">Back to encounters</Link>
      </p>
    </div>
  );
}
