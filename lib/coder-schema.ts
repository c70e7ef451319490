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
/**
 * The modifiers a line of this app's claims can carry, each with its source:
 * - JW, JZ: drug supply (HCPCS) lines of single-dose containers; one of the two,
 *   never both on a line (drug-reference.md §2 "Never both" [QPRO]).
 * - 59, XU: the second initial administration at a separately necessary IV
 *   site (coding-rules.md §3 R-SECOND-SITE); administration (CPT) lines only.
 * Anything else (a typo such as ZZ, or a modifier this app has no rule for) is
 * refused beside the field, so no claim carries what no payer can process.
 */
export const KNOWN_MODIFIERS = { JW: 'hcpcs', JZ: 'hcpcs', '59': 'cpt', XU: 'cpt' } as const satisfies Record<string, 'cpt' | 'hcpcs'>;
type KnownModifier = keyof typeof KNOWN_MODIFIERS;
const isKnownModifier = (m: string): m is KnownModifier => Object.hasOwn(KNOWN_MODIFIERS, m);

const modifiers = z
  .string()
  .trim()
  .toUpperCase()
  .transform((v) => (v ? v.split(/[\s,-]+/).filter(Boolean) : []))
  .pipe(
    z
      .array(z.string().regex(/^[A-Z0-9]{2}$/, 'Modifiers are two characters, e.g. 59 JZ'))
      .max(4)
      .superRefine((mods, ctx) => {
        const unknown = mods.filter((m) => !isKnownModifier(m));
        if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `Unknown modifier ${unknown.join(', ')}: use ${Object.keys(KNOWN_MODIFIERS).join(', ')}` });
        else if (new Set(mods).size !== mods.length) ctx.addIssue({ code: 'custom', message: 'A modifier is given twice' });
        else if (mods.includes('JW') && mods.includes('JZ')) ctx.addIssue({ code: 'custom', message: 'JW and JZ never go together: JW is the discarded amount on its own line, JZ says nothing was discarded' });
      }),
  );

/** CPT administration codes are 5 digits (963xx); HCPCS drug codes a letter and 4 digits (J2405). */
const isCptCode = (c: string) => /^\d{5}$/.test(c);

/**
 * A code and modifiers that fit the kind of line: an administration (CPT) line
 * takes a CPT code and 59/XU; a drug supply (HCPCS) line a HCPCS code and JW/JZ.
 * Issues go on `code` / `modifiers`, beside the field in the form.
 */
function checkLineKind(kind: 'cpt' | 'hcpcs' | null, code: string, mods: string[], ctx: z.RefinementCtx) {
  if (kind === null) return;
  if (kind === 'hcpcs' && isCptCode(code)) ctx.addIssue({ code: 'custom', path: ['code'], message: `${code} is an administration (CPT) code: a drug supply line takes the drug's HCPCS code (e.g. J2405)` });
  if (kind === 'cpt' && !isCptCode(code)) ctx.addIssue({ code: 'custom', path: ['code'], message: `${code} is a drug (HCPCS) code: an administration line takes a CPT code (e.g. 96375)` });
  const misplaced = mods.filter((m) => isKnownModifier(m) && KNOWN_MODIFIERS[m] !== kind);
  if (misplaced.length > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['modifiers'],
      message: kind === 'cpt' ? `${misplaced.join(', ')} go on the drug supply line, not an administration line` : `${misplaced.join(', ')} go on an administration line, not a drug supply line`,
    });
}

/** The kind of line a review key names ("cpt:…" / "hcpcs:…", lib/coding-review.ts suggestedLines); null for an unknown form. */
export function lineKindOfKey(lineKey: string): 'cpt' | 'hcpcs' | null {
  return lineKey.startsWith('cpt:') ? 'cpt' : lineKey.startsWith('hcpcs:') ? 'hcpcs' : null;
}
const encounterId = idSchema();

export const changeLineSchema = z
  .object({ encounterId, lineKey: z.string().min(1), code, units, modifiers, reason })
  .superRefine((v, ctx) => checkLineKind(lineKindOfKey(v.lineKey), v.code, v.modifiers, ctx));
export const removeLineSchema = z.object({ encounterId, lineKey: z.string().min(1), reason });
/** Put back a removed line: same fields as a removal, a reason required. */
export const restoreLineSchema = removeLineSchema;
export const addLineSchema = z.object({
  encounterId,
  kind: z.enum(['cpt', 'hcpcs']),
  code,
  units,
  modifiers,
  // Engine ids are the dose ids as text; each must be a well-formed id (and, on the server, a dose of this encounter).
  administrationIds: z.array(idSchema('Choose a dose of this encounter')).max(50).default([]).transform((ids) => ids.map(String)),
  reason,
}).superRefine((v, ctx) => checkLineKind(v.kind, v.code, v.modifiers, ctx));
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
