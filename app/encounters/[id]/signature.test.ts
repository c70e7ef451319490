// Issue 11 items 2 and 3: a signature is a snapshot of who signed, and covers
// exactly the chart the signer was shown, even while a colleague charts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { toLocalInput } from '@/lib/time';
import type { SessionUser } from '@/lib/types';
import { orderFields } from '@/test/charting-payload';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null, reauthDelayMs: 0, reauthDoneAt: 0 }));
vi.mock('@/server/session', () => ({
  getSessionUser: async () => session.user,
  // Stands in for the password hash check, which takes real time (scrypt): the
  // window in which a colleague's dose can arrive.
  reauthenticate: async (_user: unknown, password: string) => {
    await new Promise((r) => setTimeout(r, session.reauthDelayMs));
    session.reauthDoneAt = Date.now();
    return password === 'pushchart-demo' ? { ok: true } : { ok: false, sessionEnded: false, message: 'That password is not right' };
  },
}));

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-signature-')), 'signature.db');

const actions = await import('./actions');
const patientActions = await import('@/app/patients/actions');
const adminActions = await import('@/app/admin/actions');
const { getDb } = await import('@/db/client');
(await import('@/server/start-up')).startUp();
const { getEncounter } = await import('@/db/encounters');
const { chartVersion, CHART_CHANGED_MESSAGE } = await import('@/lib/chart-version');
const { sql } = await import('drizzle-orm');

const NY = 'America/New_York';
const USERS = {
  nurse: { id: 'u-nurse', name: 'Nora Quinn', email: 'nurse@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1, 2] },
  nurse2: { id: 'u-nurse2', name: 'Tomás Reyes', email: 'nurse2@pushchart.test', credentials: 'RN', role: 'nurse', facilityIds: [1] },
  admin: { id: 'u-admin', name: 'Jordan Blake', email: 'admin@pushchart.test', credentials: 'RHIA', role: 'admin', facilityIds: [] },
} satisfies Record<string, SessionUser>;
const as = (who: keyof typeof USERS) => {
  session.user = USERS[who];
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ondansetronId = () => getDb().get<{ id: number }>(sql`select id from formulary_drugs where key = 'ondansetron'`).id;
const shown = (id: number) => chartVersion(getEncounter(id)!.administrations);

function dose(encounterId: number, minutesAgo: number) {
  const t = toLocalInput(new Date(Date.now() - minutesAgo * 60_000), NY);
  return { encounterId, drugId: ondansetronId(), doseValue: '4', doseUnit: 'mg', kind: 'push', start: t, stop: t, site: 'L AC 20G', rationale: 'Nausea', ...orderFields() };
}

async function openWithOneDose(): Promise<number> {
  as('nurse');
  const opened = await patientActions.openEncounterAction({ patientId: 2, facilityId: 1 });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  // 10 minutes before opening: within the 15 allowed (issue 12 item 4).
  const charted = await actions.chartAdministrationAction(dose(opened.data.id, 10));
  if (!charted.ok) throw new Error(JSON.stringify(charted));
  return opened.data.id;
}

describe('a signature is a snapshot (item 2)', () => {
  it('renaming the signer or changing their credentials later does not rewrite the signed chart', async () => {
    const encounterId = await openWithOneDose();
    as('nurse');
    expect((await actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: shown(encounterId) })).ok).toBe(true);
    expect(getEncounter(encounterId)!.signedBy).toBe('Nora Quinn, RN');

    as('admin');
    const changed = await adminActions.updateUserAction({ userId: 'u-nurse', name: 'Nora Quinn-Walsh', credentials: 'LPN', role: 'nurse', facilityIds: [1, 2], reason: 'Name change' });
    expect(changed.ok).toBe(true);
    expect(getDb().get<{ credentials: string }>(sql`select credentials from users where id = 'u-nurse'`).credentials).toBe('LPN');

    const after = getEncounter(encounterId)!;
    expect(after.signedBy).toBe('Nora Quinn, RN');
    expect(after.administrations[0]!.performerCredentials).toBe('RN');
    // Put the demo user back for the other tests.
    await adminActions.updateUserAction({ userId: 'u-nurse', name: 'Nora Quinn', credentials: 'RN', role: 'nurse', facilityIds: [1, 2], reason: 'Restore' });
  });
});

describe('a signature covers exactly what the signer saw (item 3)', () => {
  it('refuses when the chart changed after the signer loaded it, and says so', async () => {
    const encounterId = await openWithOneDose();
    const version = shown(encounterId);
    as('nurse2');
    expect((await actions.chartAdministrationAction(dose(encounterId, 5))).ok).toBe(true);
    as('nurse');
    const result = await actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: version });
    expect(result).toMatchObject({ ok: false, formError: CHART_CHANGED_MESSAGE });
    expect(getEncounter(encounterId)!.status).toBe('open');
    // Reviewed again, it signs.
    expect((await actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: shown(encounterId) })).ok).toBe(true);
  });

  it('a malformed or missing chart version is a field error, nothing is signed', async () => {
    const encounterId = await openWithOneDose();
    as('nurse');
    for (const chartVersion of [undefined, '', 'latest', '1:2', true]) {
      const result = await actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion });
      expect(result).toMatchObject({ ok: false, fieldErrors: { chartVersion: 'Reload the chart before signing' } });
    }
    expect(getEncounter(encounterId)!.status).toBe('open');
  });

  it('sign while a colleague charts, 20 times: the signed chart never holds an entry the signer was not shown', async () => {
    const outcomes = { signed: 0, refused: 0 };
    for (let run = 0; run < 20; run++) {
      const encounterId = await openWithOneDose();
      const version = shown(encounterId);
      const shownIds = getEncounter(encounterId)!.administrations.map((a) => a.id);

      // Alternate who wins, with jitter: the colleague's dose lands inside the
      // signer's password check on even runs, after the signature on odd runs.
      session.reauthDelayMs = run % 2 === 0 ? 15 + (run % 5) : 0;
      as('nurse');
      const signing = actions.signAndSendAction({ encounterId, password: 'pushchart-demo', chartVersion: version });
      as('nurse2');
      const charting = sleep(run % 2 === 0 ? run % 3 : 20 + (run % 4)).then(() => actions.chartAdministrationAction(dose(encounterId, 2)));
      const [signed, charted] = await Promise.all([signing, charting]);

      const encounter = getEncounter(encounterId)!;
      if (signed.ok) {
        outcomes.signed++;
        // Everything in the signed chart (other than addenda) is what the signer saw.
        expect(encounter.administrations.filter((a) => !a.isAddendum).map((a) => a.id)).toEqual(shownIds);
        expect(charted.ok).toBe(false);
        expect(encounter.status).toBe('ready-for-coding');
        // Signed when the signature was applied, after the password check.
        expect(encounter.signedAt!.getTime()).toBeGreaterThanOrEqual(session.reauthDoneAt);
      } else {
        outcomes.refused++;
        expect(signed.formError).toBe(CHART_CHANGED_MESSAGE);
        expect(charted.ok).toBe(true);
        expect(encounter.status).toBe('open');
        expect(encounter.signedAt).toBeNull();
      }
    }
    // Both orders really happened.
    expect(outcomes.signed).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
