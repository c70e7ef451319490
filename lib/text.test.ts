import { describe, expect, it } from 'vitest';
import { documentText, letterOrDigitCount, normalizeText, nullableDocumentText, nullableReasonText, optionalDocumentText, optionalReasonText, reasonText, visibleLength } from './text';

const site = documentText('access site', 80, { example: 'e.g. L antecubital 20G' });
const reason = optionalDocumentText('late-entry reason', 20);
const errorOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('documenting text is visible text (issue 12 item 9)', () => {
  it.each([
    ['  L\u200b AC\t 20G\u0000 ', 'L AC 20G'],
    ['Cafe\u0301', 'Café'], // NFC
    ['a\u202Eb\u2066c\u2069', 'abc'], // bidi override and isolates
    ['\uFEFFNausea\u00AD', 'Nausea'], // BOM, soft hyphen
    ['line\nbreak\u2028and\u00A0nbsp', 'line break and nbsp'],
    ['\u3164\u3164', ''], // Hangul fillers
  ])('normalises %j to %j', (raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });

  it.each(['\u200b\u200b', '  ', 'a\u0000', '\u0000\u0000', '\u202E\u202D', 'a\u200b', '\u2800\u2800', 'x\u0301'])(
    'refuses %j as a required text',
    (raw) => {
      const r = site.safeParse(raw);
      expect(r.success).toBe(false);
      expect(errorOf(r)).toMatch(/^Enter the access site/);
    },
  );

  it('says what is missing: nothing, or fewer than 2 visible characters', () => {
    expect(errorOf(site.safeParse(''))).toBe('Enter the access site, e.g. L antecubital 20G');
    expect(errorOf(site.safeParse(undefined))).toBe('Enter the access site, e.g. L antecubital 20G');
    expect(errorOf(site.safeParse('a\u0000'))).toBe('Enter the access site: at least 2 visible characters');
  });

  it('accepts 2 visible characters, scripts other than Latin, and stores the normalised text', () => {
    expect(site.parse('IO')).toBe('IO');
    expect(site.parse(' 左前臂 ')).toBe('左前臂');
    expect(visibleLength('Ω 1')).toBe(2);
  });

  it('a too-long value says "At most N characters" (counted after normalisation, in characters)', () => {
    expect(errorOf(site.safeParse('x'.repeat(81)))).toBe('At most 80 characters');
    expect(site.safeParse(`${'x'.repeat(80)}\u200b\u200b  `).success).toBe(true);
    expect(site.safeParse('😀'.repeat(80)).success).toBe(true);
    expect(errorOf(reason.safeParse('y'.repeat(21)))).toBe('At most 20 characters');
  });

  it('an optional text that is absent or invisible is absent; one visible character is refused', () => {
    expect(reason.parse(undefined)).toBeUndefined();
    expect(reason.parse('')).toBeUndefined();
    expect(reason.parse('\u200b\u200b')).toBeUndefined();
    expect(reason.parse('  ')).toBeUndefined();
    expect(errorOf(reason.safeParse('a\u0000'))).toBe('Enter the late-entry reason: at least 2 visible characters');
    expect(reason.parse(' Code  blue ')).toBe('Code blue');
    const nullable = nullableDocumentText('reason', 10);
    expect(nullable.parse(null)).toBeNull();
    expect(nullable.parse('\u200b')).toBeNull();
    expect(nullable.parse('ok')).toBe('ok');
  });
});

describe('a reason says something: at least 2 letters or digits of any script (issue 15)', () => {
  const required = reasonText('reason', 500);
  const optional = optionalReasonText('late-entry reason', 500);
  const nullable = nullableReasonText('reason', 500);

  it.each(['..', '-?', '!!!', '. .', '“”', '→→', 'a.', '1 -'])('refuses %j with a message next to the field', (raw) => {
    expect(errorOf(required.safeParse(raw))).toBe('Enter the reason in words: at least 2 letters or digits');
    expect(errorOf(optional.safeParse(raw))).toBe('Enter the late-entry reason in words: at least 2 letters or digits');
    expect(errorOf(nullable.safeParse(raw))).toBe('Enter the reason in words: at least 2 letters or digits');
  });

  it.each(['ok', 'No JZ', 'Δx', '点滴', 'نعم', '12', 'a1', 'Ⅻ a'])('accepts %j in any script', (raw) => {
    expect(required.safeParse(raw).success).toBe(true);
  });

  it('counts letters and digits after normalisation (invisible characters never count)', () => {
    expect(letterOrDigitCount('a\u200b.')).toBe(1);
    expect(errorOf(required.safeParse('a\u200b.'))).toBe('Enter the reason in words: at least 2 letters or digits');
    expect(letterOrDigitCount('Café 2')).toBe(5);
  });

  it('an absent optional reason is still no reason, not an error', () => {
    expect(optional.safeParse(undefined)).toMatchObject({ success: true, data: undefined });
    expect(nullable.safeParse(null)).toMatchObject({ success: true, data: null });
  });

  it('the coder and charting schemas use it: override, Mark coded, query, amendment reasons', async () => {
    const { changeLineSchema, markCodedSchema, raiseQuerySchema, answerQuerySchema, returnToQueueSchema } = await import('./coder-schema');
    const { enteredInErrorSchema, addendumSchema } = await import('./administration-schema');
    const { userActiveSchema } = await import('./admin-schema');
    const message = 'in words: at least 2 letters or digits';
    expect(errorOf(changeLineSchema.safeParse({ encounterId: 1, lineKey: 'k', code: '96374', units: '1', modifiers: '', reason: '..' }))).toContain(message);
    expect(errorOf(markCodedSchema.safeParse({ encounterId: 1, reason: '..' }))).toContain(message);
    expect(errorOf(raiseQuerySchema.safeParse({ encounterId: 1, question: '??' }))).toContain(message);
    expect(errorOf(answerQuerySchema.safeParse({ queryId: 1, answer: '..' }))).toContain(message);
    expect(errorOf(returnToQueueSchema.safeParse({ encounterId: 1, reason: '--' }))).toContain(message);
    expect(errorOf(enteredInErrorSchema.safeParse({ administrationId: 1, reason: '..' }))).toContain(message);
    expect(errorOf(addendumSchema.safeParse({ encounterId: 1, text: '..' }))).toContain(message);
    expect(errorOf(userActiveSchema.safeParse({ userId: 'u1', active: false, reason: '..' }))).toContain(message);
    expect(markCodedSchema.safeParse({ encounterId: 1, reason: 'Payer confirmed by phone' }).success).toBe(true);
  });
});
