import Link from 'next/link';
import { connection } from 'next/server';
import { CrosswalkImport } from '@/components/crosswalk-import';
import { requireUser } from '@/server/session';

/** Import CMS's ASP NDC–HCPCS crosswalk into the formulary's products (issue 13 item 3). */
export default async function CrosswalkImportPage() {
  await connection();
  await requireUser(['admin']);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Import CMS&apos;s NDC–HCPCS crosswalk</h1>
      <div className="max-w-prose space-y-2 text-slate-700">
        <p>
          CMS publishes the crosswalk every quarter with the ASP pricing files (cms.gov, Medicare Part B drugs, ASP pricing files). Upload the CSV as
          downloaded: the preview lists the new NDCs of our drugs&apos; codes, changed billable units, NDCs whose HCPCS code changed, and rows of codes
          not in the formulary (ignored). Nothing is written until you confirm; a file with a malformed row is refused until it is fixed.
        </p>
        <p>
          <Link href="/admin/formulary" className="font-semibold text-blue-800 underline">
            Back to the formulary
          </Link>
        </p>
      </div>
      <CrosswalkImport />
    </div>
  );
}
