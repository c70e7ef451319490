import { connection } from 'next/server';
import { listProviders } from '@/db/providers';
import { CreateProviderForm, ProviderItem } from '@/components/admin-providers';
import { requireUser } from '@/server/session';

/** The ordering-provider directory (issue 12 item 5): every dose names one of its active providers. */
export default async function AdminProvidersPage() {
  await connection();
  await requireUser(['admin']);
  const providers = listProviders();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Ordering providers</h1>
      <p className="max-w-prose text-slate-700">
        Nurses choose who ordered each dose from the active providers here. A deactivated provider is no longer offered; doses that name them keep
        the name and credentials they were charted with, as do doses charted before a correction.
      </p>
      <section aria-labelledby="add-provider-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="add-provider-heading" className="text-lg font-semibold">
          Add a provider
        </h2>
        <CreateProviderForm />
      </section>
      {providers.length === 0 ? (
        <p>No providers yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Providers">
          {providers.map((p) => (
            <ProviderItem key={p.id} provider={p} />
          ))}
        </ul>
      )}
    </div>
  );
}
