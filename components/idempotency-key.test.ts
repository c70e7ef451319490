import { describe, expect, it } from 'vitest';
import { administrationSchema } from '@/lib/administration-schema';
import { newIdempotencyKey } from './idempotency-key';

describe('idempotency key of a draft', () => {
  it('is accepted by the payload schema and differs from draft to draft', () => {
    const keys = new Set(Array.from({ length: 1000 }, newIdempotencyKey));
    expect(keys.size).toBe(1000);
    for (const key of [...keys].slice(0, 20)) {
      expect(key).toMatch(/^[0-9a-f]{32}$/);
      const shape = administrationSchema.safeParse({ idempotencyKey: key });
      expect(shape.success ? [] : shape.error.issues.filter((i) => i.path[0] === 'idempotencyKey')).toEqual([]);
    }
  });
});
