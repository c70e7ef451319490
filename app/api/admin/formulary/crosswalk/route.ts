import { applyCrosswalkAction, previewCrosswalkAction } from '@/app/admin/formulary/import/actions';
import type { ActionResult } from '@/lib/action-result';
import { CROSSWALK_UPLOAD_LIMIT_BYTES } from '@/lib/formulary/crosswalk-upload';
import { ROLE_LABEL } from '@/server/action';
import { getSessionUser } from '@/server/session';

/**
 * Upload of CMS's ASP NDC–HCPCS crosswalk (issue 13 item 3), multipart form:
 * `intent` = 'preview' | 'apply', `file` = the CSV, `token` with 'apply'.
 *
 * A route handler rather than a server action: Next has one body limit for
 * every server action (256 KB, next.config.js, answered 413 by proxy.ts) and
 * CMS's file is several MB. Raising it for all actions to let this one through
 * would be a worse trade, so this path alone takes up to
 * CROSSWALK_UPLOAD_LIMIT_BYTES (proxy.ts checks it before anything is read).
 * The work is done by the same adminAction-wrapped functions the page would
 * call (session, admin role, zod schema, audit), so answers are theirs: 401
 * signed out, 403 not an admin, 409 stale preview, 422 refused input.
 *
 * A route is not protected by Next's server-action origin check, so the
 * request must come from this app's own origin (the session cookie is
 * SameSite=Lax, which already keeps it off cross-site POSTs).
 */
export async function POST(request: Request): Promise<Response> {
  const answer = (result: ActionResult<unknown>, status?: number) => Response.json(result, { status: status ?? (result.ok ? 200 : (result.status ?? 422)) });
  const refused = (status: number, message: string) => answer({ ok: false, fieldErrors: {}, formError: message }, status);

  if (!sameOrigin(request)) return refused(403, 'Refused: the upload did not come from this site');
  const length = request.headers.get('content-length');
  if (length === null) return refused(411, 'The upload must state its length');
  if (Number(length) > CROSSWALK_UPLOAD_LIMIT_BYTES) return refused(413, `The file is larger than ${CROSSWALK_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refused(400, 'The upload could not be read: send the file again');
  }
  const intent = form.get('intent');
  const file = form.get('file');
  if (intent === 'preview') return answer(await previewCrosswalkAction({ file }));
  if (intent === 'apply') return answer(await applyCrosswalkAction({ file, token: form.get('token') }));
  return refused(400, "intent must be 'preview' or 'apply'");
}

/** What the upload accepts, for an admin (401 signed out, 403 other roles): `{ limitBytes, encodings }`. */
export async function GET(): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return Response.json({ ok: false, fieldErrors: {}, formError: 'Your session has ended: sign in again' }, { status: 401 });
  if (user.role !== 'admin') return Response.json({ ok: false, fieldErrors: {}, formError: `Not allowed for your role (${ROLE_LABEL[user.role]})` }, { status: 403 });
  return Response.json({ ok: true, data: { limitBytes: CROSSWALK_UPLOAD_LIMIT_BYTES, encodings: ['ISO-8859-1', 'UTF-8'] } });
}

/** The Origin header names the host the request was sent to (behind a proxy, the forwarded host). */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
