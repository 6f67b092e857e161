import { describe, expect, it } from 'vitest';
import { defaultRetrySchedule, retryDelayMs, seconds } from '../src/retry-delay.ts';

describe('retryDelayMs', () => {
  it('waits 1 s after the first failure, doubling up to 30 s', () => {
    expect(defaultRetrySchedule).toEqual({ firstMs: 1000, maxMs: 30_000, jitter: 0.2 });
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((failures) => retryDelayMs(failures, 0))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('takes at most a fifth off at random, never going over the cap', () => {
    expect(retryDelayMs(1, 0.999)).toBe(800);
    expect(retryDelayMs(9, 0.5)).toBe(27_000);
    expect(retryDelayMs(3, 0.5, { firstMs: 100, maxMs: 1000, jitter: 0 })).toBe(400);
  });
});

describe('seconds', () => {
  it('shows a wait to a tenth of a second, never below zero', () => {
    expect([200, 940, 4000, 27_460, -30].map(seconds)).toEqual(['0.2', '0.9', '4', '27.5', '0']);
  });
});
