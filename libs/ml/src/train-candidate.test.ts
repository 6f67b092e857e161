import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.ts';
import { countNodes, forestProbability, type TreeNode } from './forest.ts';
import { createRandom } from './seeded-random.ts';
import { syntheticDataset } from './test-support/index.ts';
import { trainCandidate, type TrainingConfig } from './train-candidate.ts';

const config: TrainingConfig = { trees: 4, maxDepth: 6, minNumSamples: 3, negativeRatio: 3, maxFeatures: 1, positiveFraction: 0.5 };
const dataset = syntheticDataset({ rows: 3000, seed: 3 });

/** Only column 2 matters: label = x₂ > 0.5 (with about 5 % positives). */
function oneInformativeColumn(): Dataset {
  const random = createRandom(9);
  const rows = Array.from({ length: 1000 }, () => [random(), random(), random() < 0.95 ? random() * 0.5 : 0.5 + random() * 0.5, random()]);
  return { featureNames: ['a', 'b', 'c', 'd'], rows, labels: rows.map((row) => (row[2]! > 0.5 ? 1 : 0)) };
}

function* nodes(tree: TreeNode): Generator<TreeNode> {
  yield tree;
  if (tree.kind === 'split') {
    yield* nodes(tree.left);
    yield* nodes(tree.right);
  }
}

describe('trainCandidate', () => {
  it('grows the configured number of trees over all columns', () => {
    const forest = trainCandidate(dataset, config, 1);
    expect(forest.featureCount).toBe(9);
    expect(forest.trees).toHaveLength(4);
    for (const tree of forest.trees) expect(countNodes(tree)).toBeGreaterThan(3);
  });

  it('maps each split column back through the tree’s feature sample', () => {
    // Each tree sees the columns in its own shuffled order; only column 2 ("c") separates the classes.
    const forest = trainCandidate(oneInformativeColumn(), { ...config, trees: 6 }, 5);
    for (const tree of forest.trees) {
      expect(tree).toMatchObject({ kind: 'split', feature: 2 });
      expect(tree.kind === 'split' && Math.abs(tree.threshold - 0.5) < 0.05).toBe(true);
    }
    expect(forestProbability(forest, [0.5, 0.5, 0.9, 0.5])).toBeCloseTo(1, 12);
    expect(forestProbability(forest, [0.5, 0.5, 0.1, 0.5])).toBeCloseTo(0, 12);
  });

  it('pads leaves that saw only negatives to p1 = 0 and keeps every p1 in [0, 1]', () => {
    const forest = trainCandidate(dataset, config, 1);
    const leaves = forest.trees.flatMap((tree) => [...nodes(tree)]).filter((node) => node.kind === 'leaf');
    expect(leaves.some((node) => node.p1 === 0)).toBe(true);
    for (const node of leaves) expect(node.p1 >= 0 && node.p1 <= 1).toBe(true);
  });

  it('exports float32 thresholds', () => {
    const forest = trainCandidate(dataset, config, 1);
    for (const node of forest.trees.flatMap((tree) => [...nodes(tree)])) {
      if (node.kind === 'split') expect(Math.fround(node.threshold)).toBe(node.threshold);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(trainCandidate(dataset, config, 1)).toEqual(trainCandidate(dataset, config, 1));
    expect(trainCandidate(dataset, config, 2)).not.toEqual(trainCandidate(dataset, config, 1));
  });

  it('uses only a share of the columns per tree when maxFeatures < 1', () => {
    const forest = trainCandidate(dataset, { ...config, maxFeatures: 0.3, trees: 3 }, 1);
    for (const tree of forest.trees) {
      const used = new Set([...nodes(tree)].flatMap((node) => (node.kind === 'split' ? [node.feature] : [])));
      expect(used.size).toBeLessThanOrEqual(2);
    }
  });

  it('rejects an out-of-range config, naming the field', () => {
    expect(() => trainCandidate(dataset, { ...config, trees: 0 }, 1)).toThrow('config.trees is 0; expected an integer ≥ 1');
    expect(() => trainCandidate(dataset, { ...config, maxFeatures: 1.5 }, 1)).toThrow('config.maxFeatures is 1.5; expected a number in (0, 1]');
  });

  it('rejects a training set with a single class', () => {
    const negativesOnly = { ...dataset, labels: new Uint8Array(dataset.rows.length) };
    expect(() => trainCandidate(negativesOnly, config, 1)).toThrow('training set has 0 positive and 3000 negative rows; expected both classes');
  });
});
