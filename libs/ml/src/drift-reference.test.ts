import { describe, expect, it } from 'vitest';
import { computeReferenceStatistics, histogramCounts, quantileOfSorted } from './drift-reference.ts';

const oneToHundred = { featureNames: ['value'], rows: Array.from({ length: 100 }, (_, index) => [index + 1]) };

describe('quantileOfSorted', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOfSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileOfSorted([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe('histogramCounts', () => {
  it('puts a value equal to an edge in the bin below it, and values outside the edges in the end bins', () => {
    expect(histogramCounts([-5, 1, 1.5, 2, 9], [1, 2])).toEqual([2, 2, 1]);
  });
});

describe('computeReferenceStatistics', () => {
  const [feature] = computeReferenceStatistics(oneToHundred).features;

  it('records count, mean, sample standard deviation, range and quantiles', () => {
    expect(feature).toMatchObject({ name: 'value', count: 100, mean: 50.5, min: 1, max: 100 });
    expect(feature!.standardDeviation).toBeCloseTo(29.011491975882016, 10);
    expect(feature!.quantiles.p50).toBe(50.5);
    expect(feature!.quantiles.p01).toBeCloseTo(1.99, 10);
    expect(feature!.quantiles.p99).toBeCloseTo(99.01, 10);
  });

  it('uses the training deciles as histogram edges, ten rows per bin', () => {
    expect(feature!.binEdges).toHaveLength(9);
    expect(feature!.binEdges[0]).toBeCloseTo(10.9, 10);
    expect(feature!.binCounts).toEqual(new Array(10).fill(10));
  });

  it('keeps a quantile sketch from the minimum to the maximum', () => {
    expect(feature!.cdfSketch).toHaveLength(201);
    expect(feature!.cdfSketch[0]).toBe(1);
    expect(feature!.cdfSketch[200]).toBe(100);
  });

  it('gives a category code fewer, distinct edges', () => {
    const codes = { featureNames: ['quality'], rows: Array.from({ length: 100 }, (_, index) => [index < 50 ? 0 : index < 80 ? 1 : 2]) };
    const [quality] = computeReferenceStatistics(codes).features;
    expect(new Set(quality!.binEdges).size).toBe(quality!.binEdges.length);
    expect(quality!.binCounts.reduce((sum, count) => sum + count, 0)).toBe(100);
  });

  it('refuses zero rows', () => {
    expect(() => computeReferenceStatistics({ featureNames: ['value'], rows: [] })).toThrow('zero rows');
  });
});
