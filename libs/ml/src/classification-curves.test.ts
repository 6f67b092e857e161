import { describe, expect, it } from 'vitest';
import { areaUnderRoc, averagePrecision, precisionRecallCurve, rocCurve } from './classification-curves.ts';

// Positives score 0.9, 0.8, 0.4; negatives 0.8, 0.3, 0.1 (one tie at 0.8).
const labels = [1, 1, 0, 1, 0, 0];
const scores = [0.9, 0.8, 0.8, 0.4, 0.3, 0.1];

describe('areaUnderRoc', () => {
  it('equals the Mann–Whitney pair count with ties as one half (7.5 of 9 pairs)', () => {
    expect(areaUnderRoc(labels, scores)).toBeCloseTo(7.5 / 9, 12);
  });

  it('is 1 for a perfect ranking and 0.5 when every score ties', () => {
    expect(areaUnderRoc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(areaUnderRoc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('does not depend on the order of rows', () => {
    const order = [3, 0, 5, 1, 4, 2];
    expect(areaUnderRoc(order.map((i) => labels[i]!), order.map((i) => scores[i]!))).toBeCloseTo(7.5 / 9, 12);
  });

  it('is NaN when a class is absent', () => {
    expect(areaUnderRoc([1, 1], [0.2, 0.3])).toBeNaN();
  });
});

describe('rocCurve', () => {
  it('has one point per distinct score after the (0, 0) start and ends at (1, 1)', () => {
    const curve = rocCurve(labels, scores);
    expect(curve.map((point) => point.threshold)).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.8, 0.4, 0.3, 0.1]);
    expect(curve[2]).toEqual({ threshold: 0.8, falsePositiveRate: 1 / 3, truePositiveRate: 2 / 3 });
    expect(curve.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
  });
});

describe('averagePrecision', () => {
  it('sums precision times recall gained at each threshold (1·⅓ + ⅔·⅓ + ¾·⅓ = 29/36)', () => {
    expect(averagePrecision(labels, scores)).toBeCloseTo(29 / 36, 12);
  });

  it('is 1 for a perfect ranking', () => {
    expect(averagePrecision([0, 1, 1, 0], [0.1, 0.8, 0.9, 0.2])).toBe(1);
  });

  it('is NaN without positives', () => {
    expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNaN();
  });
});

describe('precisionRecallCurve', () => {
  it('counts tied rows together', () => {
    expect(precisionRecallCurve(labels, scores)[1]).toEqual({ threshold: 0.8, precision: 2 / 3, recall: 2 / 3 });
  });
});
