import { z } from 'zod';
import { idSchema, optionalIdSchema } from './ids';
import { optionalReasonText, reasonText } from './text';

const reason = reasonText('reason', 500);
const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?:\d{5}|[A-Z]\d{4})$/, 'A CPT code (5 digits) or HCPCS code (letter + 4 digits)');
const units = z.coerce.number({ error: 'Units as a whole number' }).int('Units as a whole number').min(1, 'At least 1 unit').max(999);
const modifiers = z
  .string()
  .trim()
  .toUpperCase()
  .transform((v) => (v ? v.split(/[\s,-]+/).filter(Boolean) : []))
  .pipe(z.array(z.string().regex(/^[A-Z0-9]{2}$/, 'Modifiers are two characters, e.g. 59 JZ')).max(4));
const encounterId = idSchema();

export const changeLineSchema = z.object({ encounterId, lineKey: z.string().min(1), code, units, modifiers, reason });
export const removeLineSchema = z.object({ encounterId, lineKey: z.string().min(1), reason });
export const addLineSchema = z.object({
  encounterId,
  kind: z.enum(['cpt', 'hcpcs']),
  code,
  units,
  modifiers,
  // Engine ids are the dose ids as text; each must be a well-formed id (and, on the server, a dose of this encounter).
  administrationIds: z.array(idSchema('Choose a dose of this encounter')).max(50).default([]).transform((ids) => ids.map(String)),
  reason,
});
export const initialChoiceSchema = z.object({ encounterId, administrationId: idSchema('Choose the administration').transform(String), reason });
export const returnToQueueSchema = z.object({ encounterId, reason });
export const encounterOnlySchema = z.object({ encounterId });
/**
 * Mark coded. `reason`: why the coder codes with items still to confirm
 * (placeholder NDC, unknown NDC, unusual dose, a drug line still needing a JW/JZ
 * decision; lib/coding-confirmations.ts) —
 * the server decides whether one is needed. `seenKeys`: the item keys the
 * dialog showed, so a reason never covers an item that appeared since.
 */
export const markCodedSchema = z.object({
  encounterId,
  reason: optionalReasonText('reason for coding with these items unresolved', 500),
  seenKeys: z.array(z.string().max(300)).max(200).optional(),
});
export const raiseQuerySchema = z.object({
  encounterId,
  administrationId: optionalIdSchema('Choose the administration'),
  question: reasonText('question for the clinician', 1000),
});
export const answerQuerySchema = z.object({ queryId: idSchema(), answer: reasonText('answer', 1000) });
export const closeQuerySchema = z.object({ queryId: idSchema() });
