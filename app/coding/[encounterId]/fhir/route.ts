import { codeStoredEncounter, codingHistory } from '@/db/coding';
import { loadFormulary } from '@/db/formulary';
import { encounterBundle } from '@/lib/export/fhir-bundle';
import { getSessionUser } from '@/server/session';

/** The encounter as a FHIR R4 Bundle: doses, and the final lines (or the suggestion, as planned charges). */
export async function GET(_request: Request, { params }: { params: Promise<{ encounterId: string }> }) {
  const user = await getSessionUser();
  if (!user) return new Response('Sign in first', { status: 401 });
  if (user.role === 'nurse') return new Response('Not available for your role', { status: 403 });
  const id = Number((await params).encounterId);
  const coded = Number.isSafeInteger(id) && id > 0 ? codeStoredEncounter(id) : null;
  if (!coded) return new Response('No such encounter', { status: 404 });
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
