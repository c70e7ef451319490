'use server';
import { revalidatePath } from 'next/cache';
import { applyCrosswalkImport, previewCrosswalkImport } from '@/db/formulary-import';
import { decodeCrosswalkFile } from '@/lib/formulary/crosswalk';
import { crosswalkApplySchema, crosswalkUploadSchema } from '@/lib/formulary/crosswalk-schema';
import { adminAction } from '@/server/action';

// The page sends the file through the route handler app/api/admin/formulary/crosswalk
// (CMS's file is larger than the app's 256 KB server-action body limit); the
// handler calls these, so the role check, schema and audit are the same either way.

const textOf = async (file: Blob) => decodeCrosswalkFile(new Uint8Array(await file.arrayBuffer()));

/** What importing the CMS crosswalk file would write (issue 13 item 3). Writes nothing. */
export const previewCrosswalkAction = adminAction(crosswalkUploadSchema, async ({ file }) => ({ ok: true as const, data: previewCrosswalkImport(await textOf(file)) }));

/** Writes the previewed import; refused (409) when the formulary or the file changed since the preview. */
export const applyCrosswalkAction = adminAction(crosswalkApplySchema, async ({ file, token }, { now, user }) => {
  const result = applyCrosswalkImport(await textOf(file), token, user, now);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
});
