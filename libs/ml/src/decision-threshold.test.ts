import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusionMatrix, f1Score } from './classification-metrics.ts';
import { tuneThreshold } from './decision-threshold.ts';

describe('tuneThreshold', () => {
  it('picks the F1-maximising cut and places the threshold halfway to the next lower score', () => {
    // Cuts at 0.9, 0.8, 0.4, 0.3, 0.1 give F1 1/2, 2/3, 6/7, 3/4, 2/3.
    const tuned = tuneThreshold([1, 1, 0, 1, 0, 0], [0.9, 0.8, 0.8, 0.4, 0.3, 0.1]);
    expect(tuned.threshold).toBeCloseTo(0.35, 12);
    expect(tuned.f1).toBeCloseTo(6 / 7, 12);
    expect(tuned.precision).toBeCloseTo(3 / 4, 12);
    expect(tuned.recall).toBe(1);
  });

  it('prefers the higher cut when two give the same F1', () => {
    // Cut at 0.8: TP 1, FN 1 → F1 2/3; cut at 0.2: TP 2, FP 2 → F1 2/3.
    expect(tuneThreshold([1, 0, 0, 1], [0.8, 0.6, 0.4, 0.2]).threshold).toBeCloseTo(0.7, 12);
  });

  it('reaches the best F1 of any threshold (property)', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(rows.filter((list) => list.some(([label]) => label === 1)), (list) => {
        const labels = list.map(([label]) => label);
        const scores = list.map(([, score]) => score / 20);
        const tuned = tuneThreshold(labels, scores);
        const bruteForce = Math.max(...scores.map((cut) => f1Score(confusionMatrix(labels, scores, cut))));
        expect(tuned.f1).toBeCloseTo(bruteForce, 12);
        expect(f1Score(confusionMatrix(labels, scores, tuned.threshold))).toBeCloseTo(bruteForce, 12);
      }),
    );
  });

  it('refuses a set without positives', () => {
    expect(() => tuneThreshold([0, 0], [0.1, 0.9])).toThrow('without positive rows');
  });
});
