'use client';

/**
 * An inline style element the page's Content-Security-Policy lets through.
 * Rendered on the server it carries the request's nonce (the proxy's x-nonce
 * header, passed in); rendered in the browser after a client-side navigation,
 * the document's own nonce (read from Next's scripts, which carry it), since
 * the policy in force is still the one the document was loaded with.
 */
export function NoncedStyle({ css, nonce }: { css: string; nonce: string | undefined }) {
  const documentNonce = typeof document === 'undefined' ? undefined : document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
  return (
    <style nonce={documentNonce || nonce} suppressHydrationWarning>
      {css}
    </style>
  );
}
