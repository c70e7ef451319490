// The action boundary: role, then payload, then facility, then the handler;
// a foreign key SQLite refuses inside a handler is a refusal, never a 500.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { SessionUser } from '@/lib/types';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/server/session', () => ({ getSessionUser: async () => session.user }));
const cache = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock('next/cache', () => cache);

process.env.DATABASE_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'pushchart-boundary-')), 'boundary.db');

const { clinicianAction, byEncounter, NOT_FOUND_MESSAGE } = await import('./action');
const { getDb } = await import('@/db/client');
(await import('./start-up')).startUp();
const { getActiveUser } = await import('@/db/users');
const { idSchema } = await import('@/lib/ids');

const schema = z.object({ encounterId: idSchema(), facilityId: idSchema() });
let ran = 0;
// A handler that writes a membership row naming whatever facility it is given.
const action = clinicianAction(
  schema,
  ({ facilityId }) => {
    ran++;
    getDb().$client.prepare('insert into user_facilities (user_id, facility_id) values (?, ?)').run('u-nurse2', facilityId);
    return { ok: true, data: null };
  },
  byEncounter,
);
const officeEncounter = () => getDb().$client.prepare("select e.id from encounters e join patients p on p.id = e.patient_id where p.mrn = 'MS-2001'").pluck().get() as number;

describe('the action boundary', () => {
  it('a foreign key refused inside the handler answers as a form error, not a thrown 500', async () => {
    session.user = getActiveUser('u-nurse');
    const result = await action({ encounterId: officeEncounter(), facilityId: 999 });
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining('does not exist') });
  });

  it('checks role, then payload, then facility, before the handler runs', async () => {
    const before = ran;
    session.user = null;
    expect(await action({ encounterId: officeEncounter(), facilityId: 1 })).toMatchObject({ ok: false, status: 401 });
    session.user = getActiveUser('u-coder');
    expect(await action({ encounterId: officeEncounter(), facilityId: 1 })).toMatchObject({ ok: false, status: 403 });
    session.user = getActiveUser('u-nurse');
    expect(await action({ encounterId: true, facilityId: 1 })).toMatchObject({ ok: false, fieldErrors: { encounterId: expect.any(String) } });
    // Tomás works in the ED only: the office encounter answers like a missing one.
    session.user = getActiveUser('u-nurse2');
    expect(await action({ encounterId: officeEncounter(), facilityId: 1 })).toEqual({ ok: false, fieldErrors: {}, formError: NOT_FOUND_MESSAGE, status: 404 });
    expect(await action({ encounterId: 987654, facilityId: 1 })).toEqual({ ok: false, fieldErrors: {}, formError: NOT_FOUND_MESSAGE, status: 404 });
    expect(ran).toBe(before);
  });

  it('refuses an action from a page opened for another user than the one signed in now (409 naming who is), before anything runs', async () => {
    const before = ran;
    cache.refresh.mockClear();
    session.user = getActiveUser('u-nurse2'); // Tomás signed in on the workstation since Nora's page was opened
    const refused = await action({ encounterId: 1, facilityId: 1 }, 'u-nurse');
    expect(refused).toEqual({
      ok: false,
      fieldErrors: {},
      formError: 'This browser is now signed in as Tomás Reyes, not as the person this page was opened for: nothing was saved. Reload the page to work as Tomás Reyes.',
      status: 409,
      signedIn: { id: 'u-nurse2', name: 'Tomás Reyes' },
    });
    // Whatever the payload: the check comes before it is read.
    expect(await action({ nonsense: true }, 'u-nurse')).toMatchObject({ ok: false, status: 409 });
    expect(ran).toBe(before);
    // Each refusal has the page read again for Tomás (whatever form sent it), so nothing Nora typed stays on it.
    expect(cache.refresh).toHaveBeenCalledTimes(2);
    // The page's own user, or a caller that does not say (scripts, older pages): on as usual.
    expect(await action({ encounterId: 987654, facilityId: 1 }, 'u-nurse2')).toMatchObject({ ok: false, status: 404 });
    expect(await action({ encounterId: 987654, facilityId: 1 })).toMatchObject({ ok: false, status: 404 });
    expect(cache.refresh).toHaveBeenCalledTimes(2);
  });
});
