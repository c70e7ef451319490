import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from './client';
import { providers } from './schema';

/** An ordering provider as the bedside form offers it (issue 12 item 5). */
export interface ProviderOption {
  id: number;
  /** Full name as kept in the directory, e.g. "Priya Shah". */
  name: string;
  /** e.g. "MD", "DO", "NP", "PA-C". */
  credentials: string;
  /** 10-digit National Provider Identifier. */
  npi: string;
}

/** Active providers of the directory, by name: the ordering-provider picker's choices. */
export function listActiveProviders(): ProviderOption[] {
  return getDb()
    .select({ id: providers.id, name: providers.name, credentials: providers.credentials, npi: providers.npi })
    .from(providers)
    .where(eq(providers.active, true))
    .orderBy(asc(providers.name))
    .all();
}
