import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binBySearch, binOf, binRows, binTrainingRows, computeBinEdges } from './histogram-binning.ts';

/** 1,000 rows of one feature, 0 … 999; the 10 largest are the positives. */
const ramp = Array.from({ length: 1000 }, (_, value) => [value]);
const rareTail = ramp.map(([value]) => (value! >= 990 ? 1 : 0));

const rowsAndLabels = fc
  .integer({ min: 1, max: 200 })
  .chain((rowCount) =>
    fc.record({
      rows: fc.array(fc.array(fc.integer({ min: -40, max: 40 }).map((value) => value / 4), { minLength: 3, maxLength: 3 }), { minLength: rowCount, maxLength: rowCount }),
      labels: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rowCount, maxLength: rowCount }),
      maxBins: fc.integer({ min: 2, max: 40 }),
    }),
  );

describe('computeBinEdges', () => {
  it('cuts plain quantiles without labels: 20 bins of 50 rows', () => {
    const [edges] = computeBinEdges(ramp, 1, 20);
    expect([...edges!]).toEqual(Array.from({ length: 19 }, (_, cut) => 50 * (cut + 1) - 0.5));
  });

  it('gives a rare class as many bins as the common one when labels are given', () => {
    const [plain] = computeBinEdges(ramp, 1, 20);
    const [balanced] = computeBinEdges(ramp, 1, 20, rareTail);
    expect(plain!.filter((edge) => edge > 990)).toHaveLength(0);
    expect(balanced!.filter((edge) => edge > 990)).toHaveLength(9);
    expect(balanced!.length).toBeLessThanOrEqual(19);
  });

  it('keeps one bin per value when a feature has no more distinct values than bins', () => {
    const [edges] = computeBinEdges([[3], [1], [2], [1]], 1, 4, [1, 0, 0, 0]);
    expect([...edges!]).toEqual([1.5, 2.5]);
  });

  it('refuses more bins than bin numbers hold', () => {
    expect(() => computeBinEdges(ramp, 1, 2000)).toThrow('maxBins is 2000; expected an integer from 2 to 1024');
  });
});

describe('binTrainingRows', () => {
  it('bins every row as binRows would under the same edges, with or without labels', () => {
    fc.assert(
      fc.property(rowsAndLabels, ({ rows, labels, maxBins }) => {
        for (const withLabels of [labels, undefined]) {
          const { edges, binned } = binTrainingRows(rows, 3, maxBins, withLabels);
          expect(binned).toEqual(binRows(rows, edges));
          edges.forEach((featureEdges) => expect(featureEdges.length).toBeLessThan(maxBins));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds the same edges by sorting rows or by searching values (its path past 2^21 rows)', () => {
    fc.assert(
      fc.property(rowsAndLabels, ({ rows, labels, maxBins }) => {
        for (const withLabels of [labels, undefined]) expect(binBySearch(rows, 3, maxBins, withLabels)).toEqual(binTrainingRows(rows, 3, maxBins, withLabels));
      }),
      { numRuns: 200 },
    );
  });
});

describe('binOf', () => {
  it('counts the edges at or below the value', () => {
    const edges = Float32Array.from([1, 2, 3]);
    expect([0.5, 1, 1.5, 2, 3, 4].map((value) => binOf(edges, value))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(binOf(new Float32Array(0), 7)).toBe(0);
  });
});
