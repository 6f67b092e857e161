import { describe, expect, it } from 'vitest';
import { quantile, runOpenLoop } from './open-loop.ts';

describe('open-loop load', () => {
  it('keeps sending at the fixed rate while earlier requests hang, and measures from the due time', async () => {
    const sent: number[] = [];
    const started = performance.now();
    const samples = await runOpenLoop({
      ratePerSecond: 50,
      durationMs: 400,
      maxInFlight: 100,
      send: async (i) => {
        sent.push(performance.now() - started);
        // The first request stalls for 300 ms: a closed loop would send nothing meanwhile.
        await new Promise((resolve) => setTimeout(resolve, i === 0 ? 300 : 1));
        return { ok: true, outcome: '200' };
      },
    });
    expect(samples).toHaveLength(20);
    expect(sent.filter((t) => t < 300).length).toBeGreaterThan(10);
    expect(samples[0]!.latencyMs).toBeGreaterThanOrEqual(299);
  });

  it('counts requests over the in-flight cap as failed, and errors as failed with their code', async () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const samples = await runOpenLoop({
      ratePerSecond: 100,
      durationMs: 100,
      maxInFlight: 2,
      send: async (i) => {
        await wait(250);
        if (i === 0) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
        return { ok: true, outcome: '200' };
      },
    });
    expect(samples.map((s) => s.outcome)).toEqual(['ECONNRESET', '200', ...Array<string>(8).fill('overload')]);
    expect(samples.filter((s) => s.ok)).toHaveLength(1);
  });

  it('takes nearest-rank quantiles', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
