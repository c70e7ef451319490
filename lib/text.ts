// Text that documents (a site, a rationale, a reason, a name) must be text a
// reader can see on the screen and on paper (issue 12 item 9). One normalisation
// and one rule for every schema that has such a field.
import { z } from 'zod';

/**
 * Characters removed before anything is stored or counted: every Unicode
 * "Other" (C*: controls such as NUL and ESC, format characters such as the
 * zero-width space/joiners, bidi embeddings/overrides/isolates and the BOM,
 * lone surrogates, private-use and unassigned code points), every default-
 * ignorable code point (soft hyphen, Hangul fillers, variation selectors) and
 * the Braille blank, all of which print as nothing.
 */
const INVISIBLE = /[\p{C}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/** Any run of white space (spaces, tabs, line breaks, NBSP, ideographic space, U+2028/9). */
const WHITESPACE = /[\s\p{Z}]+/gu;
/** What counts as visible: letters, digits, punctuation and symbols (not marks alone, not spaces). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;

/** Letters and digits of any script (what a reason is written in). */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/** Minimum visible characters of a documenting text. */
export const MIN_VISIBLE_CHARACTERS = 2;

/**
 * Minimum letters or digits (any script) of a reason, question or answer a
 * person gives: ".." or "-?" is visible but says nothing (issue 15, fresh-coder fault).
 */
export const MIN_REASON_LETTERS_OR_DIGITS = 2;

/**
 * Normalises documenting text: Unicode NFC, invisible characters removed,
 * white space collapsed to one space, trimmed.
 * "  L\u200b AC\t 20G\u0000 " → "L AC 20G".
 */
export function normalizeText(value: string): string {
  // Line breaks and tabs are white space first (a space), then other controls go.
  return value.normalize('NFC').replace(WHITESPACE, ' ').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/** How many characters of (normalised) text a reader can see. */
export function visibleLength(value: string): number {
  return value.match(VISIBLE)?.length ?? 0;
}

/** How many letters or digits (any script: \p{L}, \p{N}) the text has. */
export function letterOrDigitCount(value: string): number {
  return value.match(LETTER_OR_DIGIT)?.length ?? 0;
}

/** Length in characters (code points) as a reader counts them, not UTF-16 units. */
export function characterLength(value: string): number {
  return [...value].length;
}

export interface DocumentTextOptions {
  /** Appended to the "Enter the …" message, e.g. "e.g. L antecubital 20G". */
  example?: string;
  /** Minimum visible characters (default MIN_VISIBLE_CHARACTERS = 2). */
  min?: number;
  /** Minimum letters or digits of any script (default none; reasons use MIN_REASON_LETTERS_OR_DIGITS). */
  lettersOrDigits?: number;
}

function enterMessage(label: string, example: string | undefined): string {
  return example ? `Enter the ${label}, ${example}` : `Enter the ${label}`;
}

function checkText(v: string, ctx: z.RefinementCtx, label: string, max: number, options: DocumentTextOptions): void {
  const min = options.min ?? MIN_VISIBLE_CHARACTERS;
  if (characterLength(v) > max) {
    ctx.addIssue({ code: 'custom', message: `At most ${max} characters` });
  } else if (v === '') {
    ctx.addIssue({ code: 'custom', message: enterMessage(label, options.example) });
  } else if (visibleLength(v) < min) {
    ctx.addIssue({ code: 'custom', message: `Enter the ${label}: at least ${min} visible characters` });
  } else if (options.lettersOrDigits !== undefined && letterOrDigitCount(v) < options.lettersOrDigits) {
    ctx.addIssue({ code: 'custom', message: `Enter the ${label} in words: at least ${options.lettersOrDigits} letters or digits` });
  }
}

/**
 * A required documenting text field: normalised (normalizeText), then at least
 * 2 visible characters and at most `max` characters.
 * Messages: missing or nothing visible "Enter the {label}[, {example}]";
 * one visible character "Enter the {label}: at least 2 visible characters";
 * too long "At most {max} characters".
 * Input type string, output the normalised string.
 */
export function documentText(label: string, max: number, options: DocumentTextOptions = {}) {
  return z
    .string({ error: enterMessage(label, options.example) })
    .transform(normalizeText)
    .superRefine((v, ctx) => checkText(v, ctx, label, max, options));
}

/**
 * An optional documenting text field: absent, empty or nothing visible after
 * normalisation is `undefined` (so a reason made of zero-width spaces counts as
 * no reason); otherwise the rules of `documentText`.
 */
export function optionalDocumentText(label: string, max: number, options: DocumentTextOptions = {}) {
  return z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : normalizeText(v) || undefined))
    .superRefine((v, ctx) => {
      if (v !== undefined) checkText(v, ctx, label, max, options);
    });
}

/** Like optionalDocumentText, but absent is `null` (for schemas that store null). */
export function nullableDocumentText(label: string, max: number, options: DocumentTextOptions = {}) {
  return z
    .string()
    .nullish()
    .transform((v) => (v == null ? null : normalizeText(v) || null))
    .superRefine((v, ctx) => {
      if (v !== null) checkText(v, ctx, label, max, options);
    });
}

const REASON: DocumentTextOptions = { lettersOrDigits: MIN_REASON_LETTERS_OR_DIGITS };

/**
 * A required reason, question or answer a person gives (override, removal,
 * Mark coded, query, amendment, entered in error, late entry…): the rules of
 * documentText plus at least 2 letters or digits of any script, so ".." is
 * refused with "Enter the {label} in words: at least 2 letters or digits".
 * The same schema checks the form and the server action.
 */
export function reasonText(label: string, max: number, options: DocumentTextOptions = {}) {
  return documentText(label, max, { ...REASON, ...options });
}

/** An optional reason (absent or nothing visible is `undefined`), otherwise the rules of reasonText. */
export function optionalReasonText(label: string, max: number, options: DocumentTextOptions = {}) {
  return optionalDocumentText(label, max, { ...REASON, ...options });
}

/** Like optionalReasonText, but absent is `null`. */
export function nullableReasonText(label: string, max: number, options: DocumentTextOptions = {}) {
  return nullableDocumentText(label, max, { ...REASON, ...options });
}
