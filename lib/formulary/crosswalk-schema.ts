import { z } from 'zod';
import { CROSSWALK_UPLOAD_LIMIT_BYTES } from './crosswalk-upload';

/**
 * The crosswalk upload, checked the same in the browser and at the server
 * (app/admin/formulary/import/actions.ts): CMS's CSV, at most
 * CROSSWALK_UPLOAD_LIMIT_BYTES; with the confirmation, the token the preview
 * gave (a SHA-256, hex).
 */
export const crosswalkUploadSchema = z.object({
  file: z
    .instanceof(Blob, { error: 'Choose the CMS crosswalk file (CSV)' })
    .refine((f) => f.size > 0, 'The file is empty')
    .refine((f) => f.size <= CROSSWALK_UPLOAD_LIMIT_BYTES, `The file is larger than ${CROSSWALK_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB: is it the ASP NDC–HCPCS crosswalk?`),
});

export const crosswalkApplySchema = crosswalkUploadSchema.extend({
  token: z.string().regex(/^[0-9a-f]{64}$/, 'Preview the file before confirming'),
});
