/**
 * A fresh idempotency key for one charting draft (issue 12 item 8): 32 hex
 * digits, matching the payload's /^[A-Za-z0-9-]{16,64}$/. Uses
 * crypto.getRandomValues, which (unlike crypto.randomUUID) also works on a
 * plain-http LAN address, as tablets may reach the app.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
