import Link from 'next/link';

/**
 * "2 queries from coding": open coder queries waiting for the clinician's
 * answer (issue 12 item 11). Renders nothing at zero. With `href` it links to
 * where the queries are answered.
 */
export function QueryBadge({ count, href }: { count: number; href?: string }) {
  if (count <= 0) return null;
  const text = `${count} ${count === 1 ? 'query' : 'queries'} from coding`;
  const cls = 'inline-flex min-h-11 items-center whitespace-nowrap rounded-full border-2 border-amber-800 bg-amber-100 px-3 text-sm font-semibold text-amber-950';
  return href ? (
    <Link href={href} className={`${cls} underline`} data-testid="query-badge">
      {text}
    </Link>
  ) : (
    <span className={cls} data-testid="query-badge">
      {text}
    </span>
  );
}
