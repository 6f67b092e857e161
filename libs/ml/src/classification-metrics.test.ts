import { describe, expect, it } from 'vitest';
import { confusionMatrix, evaluateClassifier, f1Score, recallByGroup } from './classification-metrics.ts';

const labels = [1, 1, 0, 1, 0, 0];
const scores = [0.9, 0.8, 0.8, 0.4, 0.3, 0.1];

describe('confusionMatrix', () => {
  it('counts rows with score ≥ threshold as predicted positive', () => {
    expect(confusionMatrix(labels, scores, 0.5)).toEqual({ truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1 });
    expect(confusionMatrix(labels, scores, 0.8)).toEqual({ truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1 });
    expect(confusionMatrix(labels, scores, 0.81).falsePositives).toBe(0);
  });

  it('rejects a score list of another length', () => {
    expect(() => confusionMatrix([1, 0], [0.5], 0.5)).toThrow('2 labels but 1 scores');
  });
});

describe('f1Score', () => {
  it('is 2·TP / (2·TP + FP + FN)', () => {
    expect(f1Score({ truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1 })).toBeCloseTo(4 / 6, 12);
  });

  it('is 0 when nothing is positive or predicted positive', () => {
    expect(f1Score({ truePositives: 0, falsePositives: 0, trueNegatives: 5, falseNegatives: 0 })).toBe(0);
  });
});

describe('evaluateClassifier', () => {
  it('reports accuracy, precision, recall, F1, AUROC and PR-AUC of the failure class', () => {
    const metrics = evaluateClassifier({ labels, scores, threshold: 0.5 });
    expect(metrics).toMatchObject({ rows: 6, positives: 3, threshold: 0.5 });
    expect(metrics.accuracy).toBeCloseTo(4 / 6, 12);
    expect(metrics.precision).toBeCloseTo(2 / 3, 12);
    expect(metrics.recall).toBeCloseTo(2 / 3, 12);
    expect(metrics.f1).toBeCloseTo(2 / 3, 12);
    expect(metrics.auroc).toBeCloseTo(7.5 / 9, 12);
    expect(metrics.prAuc).toBeCloseTo(29 / 36, 12);
  });

  it('reports precision 0 rather than NaN when nothing is predicted positive', () => {
    expect(evaluateClassifier({ labels, scores, threshold: 2 }).precision).toBe(0);
  });
});

describe('recallByGroup', () => {
  it('counts positive rows only, and a row in two groups for both', () => {
    const groups = ['heat', 'power', 'none', ['heat', 'power'], 'none', 'heat'];
    expect(recallByGroup(labels, scores, 0.5, groups)).toEqual({
      heat: { positives: 2, detected: 1, recall: 0.5 },
      power: { positives: 2, detected: 1, recall: 0.5 },
    });
  });
});
