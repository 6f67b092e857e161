import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRetryableStatus, resolveRetryPolicy, retryDelayMs } from '@millwright/registry';

describe('resolveRetryPolicy', () => {
  it('defaults to 5 attempts, 250 ms base delay and 8 s maximum delay', () => {
    expect(resolveRetryPolicy()).toEqual({ maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8000 });
  });

  it('refuses fewer than one attempt', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow('retry.maxAttempts is 0; it must be an integer of at least 1');
  });
});

describe('isRetryableStatus', () => {
  it('retries 429 and the transient 5xx answers', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
  });

  it('never retries other 4xx answers, nor 501', () => {
    expect([400, 401, 403, 404, 409, 413, 501].some(isRetryableStatus)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });

  it('doubles the ceiling with each retry up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(retry, policy, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
  });

  it('stays within [0, ceiling) for every draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, draw) => {
        const delay = retryDelayMs(retry, policy, () => draw);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(1000, 100 * 2 ** (retry - 1)));
      }),
    );
  });

  it('follows Retry-After, capped at the maximum', () => {
    expect(retryDelayMs(1, policy, () => 0, 0.5)).toBe(500);
    expect(retryDelayMs(1, policy, () => 0, 120)).toBe(1000);
  });
});
