import { describe, expect, it } from 'vitest';
import { computeReferenceStatistics } from './drift-reference.ts';
import { detectDrift, ksAgainstReference, ksTwoSample, populationStabilityIndex, psiEpsilon } from './drift-statistics.ts';
import { createRandom } from './seeded-random.ts';
import { syntheticDataset } from './test-support/index.ts';

function normalSample(size: number, seed: number, shift = 0): number[] {
  const uniform = createRandom(seed);
  return Array.from({ length: size }, () => shift + Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

describe('populationStabilityIndex', () => {
  it('matches a hand-computed case: (0.25 − 0.5)·ln(0.5) + (0.75 − 0.5)·ln(1.5)', () => {
    expect(populationStabilityIndex([50, 50], [25, 75])).toBeCloseTo(0.2746530721670274, 12);
  });

  it('replaces an empty bin by the documented epsilon', () => {
    expect(psiEpsilon).toBe(1e-4);
    expect(populationStabilityIndex([100, 0], [50, 50])).toBeCloseTo(4.60431846666895, 10);
  });

  it('is 0 for identical proportions', () => {
    expect(populationStabilityIndex([10, 20, 30], [20, 40, 60])).toBe(0);
  });
});

describe('ksTwoSample', () => {
  it('matches a hand-computed case: D = 0.5 for [1, 2, 3, 4] against [3, 4, 5, 6]', () => {
    const result = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]);
    expect(result.statistic).toBe(0.5);
    // λ = (√2 + 0.12 + 0.11/√2) · 0.5 = 0.80600; Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²)
    expect(result.pValue).toBeCloseTo(0.5344157192165071, 10);
  });

  it('is 0 with p-value 1 for one sample against itself and 1 for disjoint samples', () => {
    expect(ksTwoSample([3, 1, 2], [1, 2, 3])).toEqual({ statistic: 0, pValue: 1 });
    expect(ksTwoSample([1, 2], [5, 6]).statistic).toBe(1);
  });
});

describe('ksAgainstReference', () => {
  it('agrees with the exact two-sample statistic to within the sketch resolution', () => {
    const reference = normalSample(5000, 1);
    const [feature] = computeReferenceStatistics({ featureNames: ['x'], rows: reference.map((value) => [value]) }).features;
    for (const shift of [0, 0.3, 1]) {
      const live = normalSample(2000, 2, shift);
      expect(Math.abs(ksAgainstReference(feature!, live).statistic - ksTwoSample(reference, live).statistic)).toBeLessThan(0.01);
    }
  });
});

describe('detectDrift', () => {
  const training = syntheticDataset({ rows: 6000, seed: 1 });
  const reference = computeReferenceStatistics(training);

  it('finds no drift in fresh rows from the same process (every PSI stable, below 0.1)', () => {
    // The ambient temperature is a slow random walk, so temperatures differ a little between runs.
    const report = detectDrift(reference, syntheticDataset({ rows: 3000, seed: 2 }));
    expect(report.driftedFeatures).toEqual([]);
    for (const feature of report.features) expect(feature.psiLevel).toBe('stable');
  });

  it('gives PSI ≈ 0 for independent samples of one distribution', () => {
    const sample = (seed: number, size: number) => normalSample(size, seed).map((value) => [value]);
    const normalReference = computeReferenceStatistics({ featureNames: ['x'], rows: sample(1, 5000) });
    const [feature] = detectDrift(normalReference, { featureNames: ['x'], rows: sample(2, 5000) }).features;
    expect(feature!.psi).toBeLessThan(0.01);
    expect(feature!.ks.pValue).toBeGreaterThan(0.01);
  });

  it('flags the shifted features of a heat wave (PSI > 0.2) and only them', () => {
    const report = detectDrift(reference, syntheticDataset({ rows: 3000, seed: 2, temperatureShift: 4 }));
    expect(report.driftedFeatures).toEqual(['air_temperature', 'process_temperature']);
    const air = report.features.find((feature) => feature.feature === 'air_temperature')!;
    expect(air.psiLevel).toBe('significant');
    expect(air.ks.statistic).toBeGreaterThan(0.5);
    expect(air.ks.pValue).toBeLessThan(1e-6);
  });

  it('rejects live columns that differ from the reference', () => {
    expect(() => detectDrift(reference, { featureNames: ['torque'], rows: [[1]] })).toThrow('live columns [torque] differ');
  });
});
