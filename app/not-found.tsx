import Link from 'next/link';

/**
 * Not found: a missing record and another facility's record answer the same,
 * on purpose (README "Security"). Our own page, so it carries no inline styles
 * that the Content-Security-Policy would refuse (Next's built-in one does).
 */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-300 bg-white p-6" role="alert">
      <h1 className="mb-2 text-2xl font-semibold">Not found</h1>
      <p>
        This record does not exist, or it belongs to a facility you do not work at.{' '}
        <Link className="font-semibold text-blue-800 underline" href="/">
          Back to encounters
        </Link>
      </p>
    </div>
  );
}
