import { describe, expect, it } from 'vitest';
import { deriveSeed, seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it('yields the same numbers in [0, 1) for the same seed', () => {
    const draw = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    const numbers = draw(123);
    expect(draw(123)).toEqual(numbers);
    expect(numbers.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('spreads its numbers over the interval', () => {
    const numbers = Array.from({ length: 10_000 }, seededRandom(5));
    const buckets = [0, 0, 0, 0];
    for (const value of numbers) buckets[Math.floor(value * 4)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(2300);
  });

  it('derives different streams from one seed', () => {
    expect(seededRandom(deriveSeed(9, 0))()).not.toBe(seededRandom(deriveSeed(9, 1))());
  });
});
