import Link from 'next/link';
import { notFound } from 'next/navigation';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { encounterAuditHistory, encounterAuditNames } from '@/db/audit-history';
import { verifyEncounterAuditChain } from '@/db/audit-chain';
import { getDb } from '@/db/client';
import { getEncounter } from '@/db/encounters';
import { requireUser } from '@/server/session';
import { inScope } from '@/server/action';
import { logSecurityEvent } from '@/server/log';
import { PrintButtons } from '@/components/print-buttons';
import { NoncedStyle } from '@/components/nonced-style';
import { pageMarginCss } from '../print/page-margins';
import { AuditHistoryList } from '@/components/audit-history-list';
import { auditEntries, auditTime, describeAuditHistory, filterByEntry } from '@/lib/audit-display';
import { parseRouteId } from '@/lib/ids';
import { encounterInstants, spansCalendarDays } from '@/lib/timeline';
import { patientName } from '@/lib/types';

export default async function AuditHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams?: Promise<{ entry?: string | string[] }> }) {
  await connection();
  const user = await requireUser(['coder', 'admin']);
  const id = parseRouteId((await params).id);
  // Another facility's encounter answers exactly like one that does not exist.
  const encounter = id !== null && inScope(user, { encounterId: id }) ? getEncounter(id) : null;
  if (id === null || !encounter) notFound();
  const zone = encounter.facility.timeZone;
  const rows = encounterAuditHistory(id);
  const names = encounterAuditNames(encounter, rows);
  const withDate = spansCalendarDays(encounterInstants(encounter, encounter.administrations), zone);
  const entries = auditEntries(encounter.administrations, { timeZone: zone, withDate });
  const asked = (await searchParams)?.entry;
  const entryId = typeof asked === 'string' ? parseRouteId(asked) : null;
  const entry = entries.find((e) => e.entryId === entryId) ?? null;
  const events = filterByEntry(describeAuditHistory(rows, names, withDate), entry?.entryId ?? null);
  // Tamper evidence: each event recomputes its hash and links to its neighbours in the chain.
  const chain = verifyEncounterAuditChain(getDb(), id);
  const brokenId = chain.intact ? null : chain.firstBroken.id;
  if (!chain.intact) logSecurityEvent({ event: 'audit.chain-broken', where: 'encounter-audit-page', encounterId: id, brokenEventId: chain.firstBroken.id, breakKind: chain.firstBroken.kind });
  const now = new Date();
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // Every printed page says whose history it is and "Page X of Y", as the summary print does.
  const runningHeader = `Audit history · ${patientName(encounter.patient)} · MRN ${encounter.patient.mrn} · encounter #${encounter.id}`;
  const footer = `Printed ${auditTime(now, zone)} by ${user.name}, ${user.credentials}`;
  return (
    <div className="space-y-4 print:space-y-2" aria-label="Audit history">
      <NoncedStyle nonce={nonce} css={pageMarginCss({ header: runningHeader, footer })} />
      <header className="space-y-1 border-b-2 border-slate-300 pb-2 print:border-black" data-testid="audit-header">
        <h1 className="text-2xl font-semibold print:text-xl">
          Audit history: {patientName(encounter.patient)} ({encounter.patient.mrn})
        </h1>
        <p className="text-sm">
          Encounter #{encounter.id} at {encounter.facility.name}.{' '}
          <strong data-testid="audit-zone">All times {zone}</strong> (the facility’s zone; EST/EDT and the like named beside each time).
        </p>
        {entry ? (
          <p className="text-sm font-semibold" data-testid="audit-filter-shown">
            Showing only the events about one dose: {entry.label}
          </p>
        ) : null}
        <p className="hidden text-[8.5pt] print:block">
          Printed {auditTime(now, zone)} by {user.name}, {user.credentials}.
        </p>
      </header>
      <div className="flex flex-wrap items-end gap-4 print:hidden">
        <Link href={`/encounters/${id}`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
          Back to the encounter
        </Link>
        {entries.length > 0 ? (
          <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter by entry">
            <label className="flex flex-col text-sm font-semibold">
              Show events about
              <select name="entry" defaultValue={entry ? String(entry.entryId) : ''} className="min-h-11 rounded-md border border-slate-400 bg-white px-2 font-normal">
                <option value="">Every event of the encounter</option>
                {entries.map((e) => (
                  <option key={e.entryId} value={e.entryId}>
                    {e.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="min-h-11 rounded-md border border-slate-500 bg-white px-4 font-semibold">
              Show
            </button>
          </form>
        ) : null}
        <PrintButtons />
      </div>
      {chain.intact ? (
        <p role="status" data-testid="audit-chain" data-intact="true" className="rounded-md border border-green-700 bg-green-50 p-3 text-sm text-green-900 print:border-black print:bg-white print:p-1 print:text-black">
          Hash chain intact: all {chain.count} events of this encounter match their stored hashes and link to the events before and after them.
        </p>
      ) : (
        <div role="alert" data-testid="audit-chain" data-intact="false" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">Hash chain broken at event #{chain.firstBroken.id}</p>
          <p>{chain.firstBroken.reason}.</p>
          <p>The audit trail was changed outside PushChart. Keep a copy of the database file and run <code>npm run audit:verify</code> on it.</p>
        </div>
      )}
      <AuditHistoryList events={events} brokenId={brokenId} />
    </div>
  );
}
