import { z } from 'zod';
import { idSchema } from '@/lib/ids';
import { codedInRange, codingHistory } from '@/db/coding';
import { getEncounter } from '@/db/encounters';
import { loadFormulary } from '@/db/formulary';
import { claimCsvRows, claimLinesCsv, type ClaimCsvRow } from '@/lib/export/claim-csv';
import { belongsToFacility } from '@/lib/types';
import { formatDateTime, zoneAbbreviation } from '@/lib/time';
import { inScope, NOT_FOUND_MESSAGE } from '@/server/action';
import { getSessionUser } from '@/server/session';

const params = z.object({
  encounterId: idSchema().optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal('').transform(() => undefined)),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal('').transform(() => undefined)),
});

/**
 * Final (coded) claim lines as CSV, for one encounter or a date-of-service
 * range, of the user's facilities only (an admin's: every facility). Another
 * facility's encounter answers 404 exactly like one that does not exist.
 */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return new Response('Sign in first', { status: 401 });
  if (user.role === 'nurse') return new Response('Not available for your role', { status: 403 });
  const parsed = params.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response('Dates as YYYY-MM-DD, encounter as a number', { status: 400 });
  const { encounterId, from, to } = parsed.data;
  if (encounterId && !inScope(user, { encounterId })) return new Response(NOT_FOUND_MESSAGE, { status: 404 });

  const formulary = loadFormulary();
  const targets = encounterId ? (codingHistory(encounterId)[0] ? [{ encounterId, result: codingHistory(encounterId)[0]! }] : []) : codedInRange(from, to);
  if (encounterId && targets.length === 0) return new Response('This encounter has not been coded yet: there are no final lines to export', { status: 409 });
  // A returned (re-opened) encounter's last coded lines no longer follow the chart: refuse rather than serve them as final.
  const returned = encounterId ? getEncounter(encounterId) : null;
  if (returned && returned.status !== 'coded') {
    const zone = returned.facility.timeZone;
    const codedAt = targets[0]!.result.codedAt;
    return new Response(
      `Encounter #${returned.id} was returned for coding after it was coded: its last coded lines (coded ${formatDateTime(codedAt, zone)} ${zoneAbbreviation(codedAt, zone)}) are out of date. Export it again once it is marked coded.`,
      { status: 409 },
    );
  }
  const rows: ClaimCsvRow[] = [];
  for (const { encounterId: id, result } of targets) {
    const encounter = getEncounter(id);
    if (!encounter || !belongsToFacility(user, encounter.facility.id)) continue;
    rows.push(
      ...claimCsvRows({
        encounter: { id, mrn: encounter.patient.mrn, setting: encounter.setting },
        lines: result.lines,
        administrations: encounter.administrations,
        formulary,
        coder: { name: result.coderName, credentials: result.coderCredentials },
      }),
    );
  }
  const name = encounterId ? `claim-lines-encounter-${encounterId}.csv` : `claim-lines-${from ?? 'start'}-to-${to ?? 'today'}.csv`;
  return new Response(claimLinesCsv(rows), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
}
