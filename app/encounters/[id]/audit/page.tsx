import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { encounterAuditHistory } from '@/db/audit-history';
import { verifyEncounterAuditChain } from '@/db/audit-chain';
import { getDb } from '@/db/client';
import { getEncounter } from '@/db/encounters';
import { requireUser } from '@/server/session';
import { inScope } from '@/server/action';
import { logSecurityEvent } from '@/server/log';
import { parseRouteId } from '@/lib/ids';
import { formatDateTime } from '@/lib/time';
import { patientName } from '@/lib/types';

function show(value: unknown): string {
  return value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

export default async function AuditHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requireUser(['coder', 'admin']);
  const id = parseRouteId((await params).id);
  // Another facility's encounter answers exactly like one that does not exist.
  const encounter = id !== null && inScope(user, { encounterId: id }) ? getEncounter(id) : null;
  if (id === null || !encounter) notFound();
  const zone = encounter.facility.timeZone;
  const events = encounterAuditHistory(id);
  // Tamper evidence: each event recomputes its hash and links to its neighbours in the chain.
  const chain = verifyEncounterAuditChain(getDb(), id);
  const brokenId = chain.intact ? null : chain.firstBroken.id;
  if (!chain.intact) logSecurityEvent({ event: 'audit.chain-broken', where: 'encounter-audit-page', encounterId: id, brokenEventId: chain.firstBroken.id, breakKind: chain.firstBroken.kind });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        Audit history: {patientName(encounter.patient)} ({encounter.patient.mrn})
      </h1>
      <Link href={`/encounters/${id}`} className="font-semibold text-blue-800 underline">
        Back to the encounter
      </Link>
      {chain.intact ? (
        <p role="status" data-testid="audit-chain" data-intact="true" className="rounded-md border border-green-700 bg-green-50 p-3 text-sm text-green-900">
          Hash chain intact: all {chain.count} events of this encounter match their stored hashes and link to the events before and after them.
        </p>
      ) : (
        <div role="alert" data-testid="audit-chain" data-intact="false" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">Hash chain broken at event #{chain.firstBroken.id}</p>
          <p>{chain.firstBroken.reason}.</p>
          <p>The audit trail was changed outside PushChart. Keep a copy of the database file and run <code>npm run audit:verify</code> on it.</p>
        </div>
      )}
      <table className="w-full border-collapse bg-white text-left text-sm" aria-label="Audit events">
        <thead>
          <tr className="border-b-2 border-slate-300">
            <th scope="col" className="p-2">Time ({zone})</th>
            <th scope="col" className="p-2">Event</th>
            <th scope="col" className="p-2">By</th>
            <th scope="col" className="p-2">Entity</th>
            <th scope="col" className="p-2">Changes (old → new)</th>
            <th scope="col" className="p-2">Reason</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr
              key={e.id}
              className={`border-b border-slate-200 align-top ${e.id === brokenId ? 'bg-red-100 outline outline-2 outline-red-700' : ''}`}
              data-testid="audit-row"
              data-event={e.event}
              data-audit-id={e.id}
            >
              <td className="p-2 font-mono">{formatDateTime(e.at, zone)}</td>
              <td className="p-2 font-semibold">{e.event}</td>
              <td className="p-2">{e.actor ?? 'system'}</td>
              <td className="p-2">
                {e.entityType} {e.entityId}
              </td>
              <td className="p-2">
                <ul>
                  {Object.entries(e.changes).map(([field, change]) => (
                    <li key={field}>
                      <span className="font-mono">{field}</span>: {show(change.old)} → {show(change.new)}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="p-2">{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
