import { describe, expect, it } from 'vitest';
import { isInside, nextStallWindow, stallWindowAt } from './random-stalls.ts';
import { seededRandom } from './seeded-random.ts';

const stalls = { perMinute: 6, durationMs: 1000 };

describe('random stalls', () => {
  it('replays the same windows from the same seed', () => {
    const windows = (seed: number) => {
      const random = seededRandom(seed);
      let window = nextStallWindow(0, stalls, random);
      const starts = [window.startMs];
      for (let index = 0; index < 5; index += 1) {
        window = stallWindowAt(window, window.endMs, stalls, random);
        starts.push(window.startMs);
      }
      return starts;
    };
    expect(windows(7)).toEqual(windows(7));
    expect(windows(7)).not.toEqual(windows(8));
  });

  it('stalls for the given duration, about as often as asked over a long run', () => {
    const random = seededRandom(42);
    let window = nextStallWindow(0, stalls, random);
    let count = 0;
    const hourMs = 3_600_000;
    while (window.startMs < hourMs) {
      expect(window.endMs - window.startMs).toBe(1000);
      count += 1;
      window = nextStallWindow(window.endMs, stalls, random);
    }
    // 6 a minute minus the time spent stalled: about 350 in an hour.
    expect(count).toBeGreaterThan(300);
    expect(count).toBeLessThan(400);
  });

  it('tells whether a moment falls inside the current window', () => {
    const window = { startMs: 100, endMs: 200 };
    expect([99, 100, 199, 200].map((at) => isInside(window, at))).toEqual([false, true, true, false]);
  });

  it('moves on to the window current at a later moment, never one already over', () => {
    const random = seededRandom(1);
    const first = nextStallWindow(0, stalls, random);
    const later = stallWindowAt(first, first.endMs + 30_000, stalls, random);
    expect(later.endMs).toBeGreaterThan(first.endMs + 30_000);
  });
});
