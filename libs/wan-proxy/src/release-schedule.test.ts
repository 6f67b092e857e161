import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkReleaseTime } from './release-schedule.ts';

describe('chunkReleaseTime', () => {
  it('delays a chunk by the latency when there is no jitter', () => {
    expect(chunkReleaseTime({ arrivedAtMs: 1000, previousReleaseAtMs: 0, latencyMs: 200, jitterMs: 0, random: 0.9 })).toBe(1200);
  });

  it('spreads the delay uniformly over latency ± jitter', () => {
    const at = (random: number) => chunkReleaseTime({ arrivedAtMs: 0, previousReleaseAtMs: -Infinity, latencyMs: 150, jitterMs: 50, random });
    expect(at(0)).toBe(100);
    expect(at(0.5)).toBe(150);
    expect(at(0.75)).toBe(175);
  });

  it('never releases a chunk before it arrived, however large the jitter', () => {
    expect(chunkReleaseTime({ arrivedAtMs: 500, previousReleaseAtMs: 0, latencyMs: 10, jitterMs: 100, random: 0 })).toBe(500);
  });

  it('never releases a chunk before the one ahead of it, so jitter cannot reorder bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), { minLength: 1, maxLength: 200 }),
        fc.nat(300),
        fc.nat(300),
        (chunks, latencyMs, jitterMs) => {
          let arrivedAtMs = 0;
          let previousReleaseAtMs = Number.NEGATIVE_INFINITY;
          for (const [gapMs, random] of chunks) {
            arrivedAtMs += gapMs;
            const release = chunkReleaseTime({ arrivedAtMs, previousReleaseAtMs, latencyMs, jitterMs, random });
            expect(release).toBeGreaterThanOrEqual(previousReleaseAtMs);
            expect(release).toBeGreaterThanOrEqual(arrivedAtMs + Math.max(0, latencyMs - jitterMs));
            previousReleaseAtMs = release;
          }
        },
      ),
    );
  });
});
