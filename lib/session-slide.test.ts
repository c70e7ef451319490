import { addMilliseconds, addMinutes } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { sessionSlideDue } from './session-slide';

// The demo/production window: 15 minutes idle, slid at most once a minute (server/auth.ts).
const WINDOW = { expiresInS: 900, updateAgeS: 60 };
const slidAt = new Date('2026-03-08T06:59:30Z'); // across New York's spring-forward night: instants, not wall times
const expiresAt = addMinutes(slidAt, 15);
const at = (msAfterSlide: number) => addMilliseconds(slidAt, msAfterSlide);

describe('sessionSlideDue: when use slides a session forward (better-auth shouldBeUpdated)', () => {
  it('not within the first minute after the last slide', () => {
    expect(sessionSlideDue(expiresAt, at(0), WINDOW)).toBe(false);
    expect(sessionSlideDue(expiresAt, at(59_999), WINDOW)).toBe(false);
  });
  it('exactly one minute after it, and any time after that while the session lives', () => {
    expect(sessionSlideDue(expiresAt, at(60_000), WINDOW)).toBe(true);
    expect(sessionSlideDue(expiresAt, at(14 * 60_000), WINDOW)).toBe(true);
    expect(sessionSlideDue(expiresAt, at(900_000 - 1), WINDOW)).toBe(true);
  });
  it('never for a session that has expired (more than 15 minutes unused): it is over, not slid; at exactly 15 it still lives', () => {
    expect(sessionSlideDue(expiresAt, at(900_000), WINDOW)).toBe(true); // better-auth: expired only when expiresAt < now
    expect(sessionSlideDue(expiresAt, at(900_001), WINDOW)).toBe(false);
    expect(sessionSlideDue(expiresAt, at(3_600_000), WINDOW)).toBe(false);
  });
  it('follows the window it is given (a 5-minute idle timeout slid every 60 s)', () => {
    const short = { expiresInS: 300, updateAgeS: 60 };
    const exp = addMinutes(slidAt, 5);
    expect(sessionSlideDue(exp, at(59_999), short)).toBe(false);
    expect(sessionSlideDue(exp, at(60_000), short)).toBe(true);
    expect(sessionSlideDue(exp, at(300_001), short)).toBe(false);
  });
});
