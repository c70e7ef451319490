// The fields issue 12 made required on every charting and amendment payload:
// who ordered the dose, how, and a fresh idempotency key per submission.
import { randomUUID } from 'node:crypto';

/** Dana Whitfield, MD: the first demo provider (db/seed.ts), active. */
export const DEMO_PROVIDER_ID = 1;

/**
 * `{ orderingProviderId, orderType, idempotencyKey }` with a NEW key on every
 * call (one call = one submission; reuse the result to test a retry).
 */
export function orderFields(overrides: Partial<{ orderingProviderId: unknown; orderType: string; idempotencyKey: string }> = {}) {
  return { orderingProviderId: DEMO_PROVIDER_ID, orderType: 'written', idempotencyKey: randomUUID(), ...overrides };
}
