// Work after the answer waits while the process serves other actions, for at
// most MAX_DEFER_MS (issue 16: the p99 of charting at 50 doses/s), runs once
// per key, and a failing task is logged without stopping the others.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';

const { actionEnded, actionStarted, deferUntilIdle, MAX_DEFER_MS } = await import('./after-commit');
const { setLogDestination } = await import('./log');

const lines: string[] = [];
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-12-01T08:00:00Z') });
  lines.length = 0;
  setLogDestination(new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
});
afterEach(() => {
  vi.useRealTimers();
  setLogDestination(undefined);
});

describe('deferUntilIdle', () => {
  it('runs at once (next turn) when no action is being served', () => {
    const ran: string[] = [];
    deferUntilIdle('a', 'test', () => ran.push('a'));
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a']);
  });

  it('waits while an action is served, and runs as soon as none is', () => {
    const ran: string[] = [];
    actionStarted();
    deferUntilIdle('a', 'test', () => ran.push('a'));
    vi.advanceTimersByTime(MAX_DEFER_MS - 1);
    expect(ran).toEqual([]);
    actionEnded();
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a']);
  });

  it('an action that arrives between two waiting tasks is served first', () => {
    const ran: string[] = [];
    deferUntilIdle('a', 'test', () => ran.push('a'));
    deferUntilIdle('b', 'test', () => ran.push('b'));
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a']); // one task per turn
    actionStarted();
    vi.advanceTimersByTime(MAX_DEFER_MS / 2);
    expect(ran).toEqual(['a']);
    actionEnded();
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a', 'b']);
  });

  it('never waits more than MAX_DEFER_MS under a stream of actions, oldest first, one per turn', () => {
    const ran: string[] = [];
    actionStarted(); // a stream of actions: one is always in flight
    deferUntilIdle('a', 'test', () => ran.push('a'));
    vi.advanceTimersByTime(300);
    deferUntilIdle('b', 'test', () => ran.push('b'));
    vi.advanceTimersByTime(MAX_DEFER_MS - 300);
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(299);
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a', 'b']);
    actionEnded();
  });

  it('a key deferred twice before it ran runs once, the latest task, in the first one\'s place', () => {
    const ran: string[] = [];
    actionStarted();
    deferUntilIdle('coding-summary:7', 'coding-summary', () => ran.push('7 first'));
    deferUntilIdle('coding-summary:8', 'coding-summary', () => ran.push('8'));
    deferUntilIdle('coding-summary:7', 'coding-summary', () => ran.push('7 latest'));
    actionEnded();
    vi.advanceTimersByTime(10);
    expect(ran).toEqual(['7 latest', '8']);
  });

  it('a task that throws is logged by name, without its message, and the next one still runs', () => {
    const ran: string[] = [];
    deferUntilIdle('x', 'failing-task', () => {
      throw new Error('patient Jane Doe');
    });
    deferUntilIdle('y', 'test', () => ran.push('y'));
    vi.advanceTimersByTime(10);
    expect(ran).toEqual(['y']);
    const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.path === 'after-commit:failing-task');
    expect(line).toMatchObject({ event: 'request.error' });
    expect(JSON.stringify(lines)).not.toContain('Jane Doe');
  });
});
