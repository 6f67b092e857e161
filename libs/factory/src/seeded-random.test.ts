import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.ts';

function draws(seed: number, stream = '', count = 8): number[] {
  const random = createSeededRandom(seed, stream);
  return Array.from({ length: count }, () => random.uniform());
}

describe('createSeededRandom', () => {
  it('gives the same numbers for the same seed, for any seed', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (seed) => JSON.stringify(draws(seed)) === JSON.stringify(draws(seed))));
  });

  it('gives different numbers for neighbouring seeds', () => {
    expect(draws(1)).not.toEqual(draws(2));
  });

  it('tells seeds apart that differ only above 32 bits', () => {
    expect(draws(2 ** 32 + 7)).not.toEqual(draws(7));
  });

  it('gives independent streams of one seed different numbers', () => {
    expect(draws(42, 'tool')).not.toEqual(draws(42, 'load'));
  });

  it('draws uniforms in [0, 1) with mean ½', () => {
    const values = draws(7, '', 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals: mean 0, sd 1, finite', () => {
    const random = createSeededRandom(7);
    const values = Array.from({ length: 100_000 }, () => random.normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('refuses a seed that is not a safe integer', () => {
    expect(() => createSeededRandom(1.5)).toThrow('seed must be a safe integer, got 1.5');
    expect(() => createSeededRandom(Number.NaN)).toThrow(RangeError);
  });
});
