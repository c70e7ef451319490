// The running header and footer of every printed page (CSS @page margin
// boxes), shared by the encounter summary and the audit history printout so
// pages 2+ of either still say whose record they are and "Page X of Y".

/** A CSS string literal for a page-margin box (quotes, backslashes, newlines escaped). */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * `@media print` rules: `header` top-left on every page (bold when `strongHeader`),
 * `footer` bottom-left, "Page X of Y" bottom-right.
 */
export function pageMarginCss({ header, footer, strongHeader = false }: { header?: string | null; footer: string; strongHeader?: boolean }): string {
  const top = header ? ` @top-left { content: ${cssString(header)}; font-size: 9pt;${strongHeader ? ' font-weight: bold;' : ''} }` : '';
  return `@media print { @page { @bottom-left { content: ${cssString(footer)}; font-size: 8pt; } @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }${top} } }`;
}
