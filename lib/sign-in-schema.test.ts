import { describe, expect, it } from 'vitest';
import { safeNext } from './sign-in-schema';

// [input, where sign-in sends the user]
const CASES: [unknown, string][] = [
  // Same-origin paths are kept, with their query and fragment.
  ['/', '/'],
  ['/encounters/12', '/encounters/12'],
  ['/coding?status=ready&page=2', '/coding?status=ready&page=2'],
  ['/encounters/12#doses', '/encounters/12#doses'],
  ['/encounters/./12', '/encounters/12'],
  ['/%2F%2Fevil.example', '/'], // decodes to //evil.example
  ['/a%2Fb', '/a%2Fb'], // an encoded slash inside a path stays on this origin
  // Nothing given.
  [undefined, '/'],
  [null, '/'],
  ['', '/'],
  [42, '/'],
  [['/encounters/1'], '/'],
  // Protocol-relative and backslash tricks.
  ['//evil.example', '/'],
  ['//evil.example/encounters', '/'],
  ['///evil.example', '/'],
  ['/\\evil.example', '/'],
  ['\\\\evil.example', '/'],
  ['\\/evil.example', '/'],
  ['/encounters\\..\\..\\evil', '/'],
  ['/%5Cevil.example', '/'],
  ['/%5C%5Cevil.example', '/'],
  // Absolute URLs and other schemes.
  ['https://evil.example', '/'],
  ['https://evil.example/encounters/1', '/'],
  ['http://pushchart.invalid/encounters/1', '/'], // not even this origin's absolute form: only paths
  ['javascript:alert(1)', '/'],
  ['data:text/html,<script>alert(1)</script>', '/'],
  ['evil.example', '/'],
  ['encounters/1', '/'],
  // Control characters and whitespace (raw, or percent-encoded).
  ['/\t/evil.example', '/'],
  ['/\n/evil.example', '/'],
  ['/\r\n/evil.example', '/'],
  ['/%09/evil.example', '/'],
  ['/%0d%0aSet-Cookie:x=1', '/'],
  ['/\u0000evil', '/'],
  ['/ /evil.example', '/'],
  [' /encounters/1', '/'],
  ['/encounters/1 ', '/'],
  ['/\u00a0/evil.example', '/'],
  ['/\u2028/evil.example', '/'],
  ['/\u200b/evil.example', '/'],
  ['/\u202eelpmaxe.live', '/'],
  ['/%E0%A4%A', '/'], // malformed encoding
  // Sign-in loops.
  ['/sign-in', '/'],
  ['/sign-in/', '/'],
  ['/sign-in?next=/encounters/1', '/'],
  ['/Sign-In', '/'],
  ['/%73ign-in', '/'],
  ['/encounters/../sign-in', '/'],
  // Oversized.
  [`/${'a'.repeat(2048)}`, '/'],
];

describe('safeNext: only a same-origin path survives', () => {
  it.each(CASES)('%j → %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });

  it('checks against the origin it is given', () => {
    expect(safeNext('/encounters/1', 'https://pushchart.example.org')).toBe('/encounters/1');
    expect(safeNext('//pushchart.example.org.evil.example/', 'https://pushchart.example.org')).toBe('/');
    expect(safeNext('/encounters/1', 'not a url')).toBe('/');
  });
});
