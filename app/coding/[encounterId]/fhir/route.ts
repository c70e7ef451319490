import { codeStoredEncounter, codingHistory } from '@/db/coding';
import { loadFormulary } from '@/db/formulary';
import { encounterBundle } from '@/lib/export/fhir-bundle';
import { parseRouteId } from '@/lib/ids';
import { inScope, NOT_FOUND_MESSAGE } from '@/server/action';
import { getSessionUser } from '@/server/session';

/** The encounter as a FHIR R4 Bundle: doses, and the final lines (or the suggestion, as planned charges). */
export async function GET(_request: Request, { params }: { params: Promise<{ encounterId: string }> }) {
  const user = await getSessionUser();
  if (!user) return new Response('Sign in first', { status: 401 });
  if (user.role === 'nurse') return new Response('Not available for your role', { status: 403 });
  const id = parseRouteId((await params).encounterId);
  // Another facility's encounter answers exactly like one that does not exist.
  const coded = id !== null && inScope(user, { encounterId: id }) ? codeStoredEncounter(id) : null;
  if (id === null || !coded) return new Response(NOT_FOUND_MESSAGE, { status: 404 });
  const final = coded.encounter.status === 'coded' ? codingHistory(id)[0] : undefined;
  const bundle = encounterBundle({
    encounter: coded.encounter,
    administrations: coded.encounter.administrations,
    lines: final ? final.lines : coded.working.lines,
    formulary: loadFormulary(),
    final: final !== undefined,
    generatedAt: new Date(),
  });
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: { 'content-type': 'application/fhir+json; charset=utf-8', 'content-disposition': `attachment; filename="encounter-${id}-fhir-r4.json"`, 'cache-control': 'no-store' },
  });
}
