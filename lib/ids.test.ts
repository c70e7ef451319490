import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idSchema, optionalIdSchema, parseRouteId } from './ids';

describe('idSchema: an id is the id it claims to be', () => {
  const schema = idSchema('Pick a drug');
  it.each([
    [1, 1],
    [42, 42],
    ['7', 7],
    ['9007199254740991', 9007199254740991],
  ])('accepts %j as %d', (raw, id) => {
    expect(schema.parse(raw)).toBe(id);
  });

  it.each([true, false, null, undefined, [2], { id: 2 }, '0x2', ' 2 ', '2 ', '2.0', '+2', '-2', '02', '1e3', '', 0, -1, 2.5, NaN, Infinity, 9007199254740992, '9007199254740993'])(
    'refuses %j with the field message',
    (raw) => {
      const result = schema.safeParse(raw);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Pick a drug');
    },
  );

  it('reads route segments strictly', () => {
    expect(parseRouteId('12')).toBe(12);
    expect(parseRouteId('12abc')).toBeNull();
    expect(parseRouteId('0012')).toBeNull();
  });
});

describe('optionalIdSchema', () => {
  const schema = z.object({ replaces: optionalIdSchema('Choose one') });
  it('reads empty, null and absent as none, and a valid id as itself', () => {
    expect(schema.parse({})).toEqual({ replaces: null });
    expect(schema.parse({ replaces: '' })).toEqual({ replaces: null });
    expect(schema.parse({ replaces: null })).toEqual({ replaces: null });
    expect(schema.parse({ replaces: '3' })).toEqual({ replaces: 3 });
  });
  it.each([true, '0x2', ' 2', [1]])('refuses %j', (raw) => {
    expect(schema.safeParse({ replaces: raw }).success).toBe(false);
  });
});
