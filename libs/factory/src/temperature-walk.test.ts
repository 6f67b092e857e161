import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.ts';
import { airTemperatureWalk, normaliseSeries, temperatureWalkSeries } from './temperature-walk.ts';

function stats(series: Float64Array): { mean: number; sd: number } {
  const mean = series.reduce((sum, value) => sum + value, 0) / series.length;
  return { mean, sd: Math.sqrt(series.reduce((sum, value) => sum + (value - mean) ** 2, 0) / series.length) };
}

describe('the temperature walks', () => {
  it('keep their long-run mean and sd without normalisation', () => {
    const { mean, sd } = stats(temperatureWalkSeries({ mean: 300, sd: 2, persistence: 0.9 }, createSeededRandom(3), 200_000));
    expect(mean).toBeCloseTo(300, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('move in small steps: consecutive air temperatures differ by about 0.28 K', () => {
    const series = temperatureWalkSeries(airTemperatureWalk, createSeededRandom(3), 10_000);
    const steps = series.slice(1).map((value, index) => Math.abs(value - series[index]!));
    // sd of a step = 2 K × √(2(1 − 0.99)) ≈ 0.28 K, so the mean absolute step is ≈ 0.23 K.
    expect(stats(steps).mean).toBeGreaterThan(0.15);
    expect(stats(steps).mean).toBeLessThan(0.3);
  });

  it('normalise any series of temperatures to exactly the mean and sd asked for', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((millikelvin) => millikelvin / 1000), { minLength: 2 }), (values) => {
        fc.pre(new Set(values).size > 1);
        const { mean, sd } = stats(normaliseSeries(Float64Array.from(values), 300, 2));
        return Math.abs(mean - 300) < 1e-6 && Math.abs(sd - 2) < 1e-6;
      }),
    );
  });

  it('only shift a constant series', () => {
    expect(Array.from(normaliseSeries(Float64Array.from([5, 5, 5]), 300, 2))).toEqual([300, 300, 300]);
  });
});
