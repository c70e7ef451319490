import { describe, expect, it } from 'vitest';
import { documentText, normalizeText, nullableDocumentText, optionalDocumentText, visibleLength } from './text';

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
