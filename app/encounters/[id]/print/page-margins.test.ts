import { describe, expect, it } from 'vitest';
import { cssString, pageMarginCss } from './page-margins';

describe('running page header and footer (issue 15 review: audit printout pages 2+)', () => {
  it('puts the header on every page, the footer and "Page X of Y"', () => {
    const css = pageMarginCss({ header: 'Audit history · Lind, Ada · MRN ED-1 · encounter #4', footer: 'printed by Casey' });
    expect(css).toContain('@top-left { content: "Audit history · Lind, Ada · MRN ED-1 · encounter #4"');
    expect(css).toContain('counter(page) " of " counter(pages)');
    expect(css).toContain('@bottom-left { content: "printed by Casey"');
    expect(pageMarginCss({ footer: 'f' })).not.toContain('@top-left');
  });

  it('escapes quotes and backslashes so a name cannot end the CSS string', () => {
    expect(cssString('O"Neil \\ x\ny')).toBe('"O\\"Neil \\\\ x y"');
  });
});
