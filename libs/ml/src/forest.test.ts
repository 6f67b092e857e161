import { describe, expect, it } from 'vitest';
import { countNodes, forestProbabilities, forestProbability, type Forest } from './forest.ts';

const forest: Forest = {
  featureCount: 2,
  trees: [
    { kind: 'split', feature: 1, threshold: 0.5, samples: 10, impurityDecrease: 0.1, left: { kind: 'leaf', p1: 0.2 }, right: { kind: 'leaf', p1: 0.9 } },
    { kind: 'leaf', p1: 0.4 },
  ],
};

describe('forestProbability', () => {
  it('averages the leaf probabilities of every tree, the first one included (a soft vote)', () => {
    expect(forestProbability(forest, [7, 0.3])).toBeCloseTo((0.2 + 0.4) / 2, 12);
    expect(forestProbability(forest, [7, 0.7])).toBeCloseTo((0.9 + 0.4) / 2, 12);
  });

  it('sends a value equal to the threshold right, as ml-cart does (x < threshold goes left)', () => {
    expect(forestProbability(forest, [0, 0.5])).toBeCloseTo(0.65, 12);
  });

  it('compares values as float32, as ONNX Runtime does', () => {
    // 0.5 − 1e-12 rounds to the float32 0.5, so it is not below the threshold.
    expect(forestProbability(forest, [0, 0.5 - 1e-12])).toBeCloseTo(0.65, 12);
  });

  it('rejects a row of the wrong width', () => {
    expect(() => forestProbability(forest, [1])).toThrow('row has 1 values; the forest expects 2');
  });

  it('scores many rows at once', () => {
    expect(Array.from(forestProbabilities(forest, [[0, 0], [0, 1]]))).toEqual([forestProbability(forest, [0, 0]), forestProbability(forest, [0, 1])]);
  });
});

describe('countNodes', () => {
  it('counts inner nodes and leaves', () => {
    expect(forest.trees.map(countNodes)).toEqual([3, 1]);
  });
});
