import { describe, expect, it } from 'vitest';
import { boostedMargin, defaultBoostingConfig, trainBoostedTrees, type BoostingConfig } from './boosted-trees.ts';
import type { Dataset } from './dataset.ts';
import { exportOnnx } from './onnx-export.ts';
import { createOnnxScorer, flattenRows } from './onnx-scorer.ts';
import { createRandom } from './seeded-random.ts';
import { splitStratified } from './split-stratified.ts';
import { syntheticDataset } from './test-support/index.ts';
import { predictProbabilities } from './tree-model.ts';

const split = splitStratified(syntheticDataset({ rows: 6000, seed: 5 }), { seed: 5 });
const quick: Partial<BoostingConfig> = { rounds: 80, maxDepth: 4 };

/** label = x₀ + x₁ > 1 on uniform columns, with two columns of noise. */
function diagonal(rows: number, seed: number): Dataset {
  const random = createRandom(seed);
  const values = Array.from({ length: rows }, () => [random(), random(), random(), random()]);
  return { featureNames: ['a', 'b', 'noise1', 'noise2'], rows: values, labels: values.map((row) => (row[0]! + row[1]! > 1 ? 1 : 0)) };
}

describe('trainBoostedTrees', () => {
  it('documents its defaults', () => {
    expect(defaultBoostingConfig).toEqual({
      rounds: 400, learningRate: 0.05, maxDepth: 6, minLeafRows: 5, minChildWeight: 1, lambda: 1, rowSubsample: 0.8, featureSubsample: 0.8,
      positiveWeight: 1, earlyStoppingRounds: 30, maxBins: 1024,
    });
  });

  it('gives the same model for the same seed, and another for another seed', () => {
    const first = trainBoostedTrees(split.train, split.validation, quick, 3);
    expect(trainBoostedTrees(split.train, split.validation, quick, 3)).toEqual(first);
    expect(trainBoostedTrees(split.train, split.validation, quick, 4)).not.toEqual(first);
  });

  it('lowers the training loss with every round', () => {
    const model = trainBoostedTrees(split.train, undefined, { ...quick, rowSubsample: 1, featureSubsample: 1 }, 1);
    const curve = model.learningCurve.train;
    expect(curve).toHaveLength(80);
    curve.slice(1).forEach((loss, round) => expect(loss).toBeLessThan(curve[round]!));
  });

  it('learns a known function: x₀ + x₁ > 1, with 98 % of unseen rows right and no split on the noise columns at the top', () => {
    const model = trainBoostedTrees(diagonal(4000, 1), undefined, { rounds: 200, maxDepth: 3, learningRate: 0.3 }, 1);
    const unseen = diagonal(2000, 2);
    const correct = unseen.rows.filter((row, index) => (boostedMargin(model, row) > 0 ? 1 : 0) === unseen.labels[index]).length;
    expect(correct / unseen.rows.length).toBeGreaterThanOrEqual(0.98);
    for (const tree of model.trees.slice(0, 10)) expect(tree.kind === 'split' && tree.feature).toBeLessThan(2);
  });

  it('stops early when the validation loss has not improved for earlyStoppingRounds, keeping the best round', () => {
    const model = trainBoostedTrees(split.train, split.validation, { rounds: 2000, learningRate: 0.3, earlyStoppingRounds: 10 }, 1);
    const curve = model.learningCurve.validation;
    expect(curve.length).toBeLessThan(2000);
    expect(curve.length).toBe(model.trees.length + 10);
    expect(Math.min(...curve)).toBe(curve[model.trees.length - 1]);
  });

  it('weights the rare class: a larger positive weight raises the scores of positive rows', () => {
    const plain = trainBoostedTrees(split.train, undefined, quick, 1);
    const weighted = trainBoostedTrees(split.train, undefined, { ...quick, positiveWeight: 10 }, 1);
    const mean = (model: typeof plain) => {
      const scores = predictProbabilities(model, split.test.rows);
      return scores.reduce((sum, score, row) => sum + (split.test.labels[row] === 1 ? score : 0), 0);
    };
    expect(mean(weighted)).toBeGreaterThan(mean(plain));
  });

  it('rejects a config out of range, naming the field and the expected form', () => {
    expect(() => trainBoostedTrees(split.train, undefined, { rowSubsample: 0 }, 1)).toThrow('boosting config.rowSubsample is 0; expected a number in (0, 1]');
    expect(() => trainBoostedTrees(split.train, undefined, { maxBins: 2000 }, 1)).toThrow('boosting config.maxBins is 2000; expected an integer from 2 to 1024');
  });

  it('refuses a training set with one class', () => {
    const oneClass: Dataset = { featureNames: ['a'], rows: [[1], [2]], labels: [0, 0] };
    expect(() => trainBoostedTrees(oneClass, undefined, quick, 1)).toThrow('training set has 0 positive and 2 negative rows; expected both classes');
  });
});

describe('exportOnnx of boosted trees', () => {
  it('scores like the in-memory model in ONNX Runtime on every test row (max |Δp| ≤ 1e-5)', async () => {
    const model = trainBoostedTrees(split.train, split.validation, { rounds: 300 }, 2);
    const scorer = await createOnnxScorer(exportOnnx(model, { featureNames: split.train.featureNames }));
    const fromOnnx = await scorer.scoreBatch(flattenRows(split.test.rows, split.train.featureNames.length));
    await scorer.release();
    const inMemory = predictProbabilities(model, split.test.rows);
    let largest = 0;
    inMemory.forEach((value, row) => (largest = Math.max(largest, Math.abs(fromOnnx[row]! - value))));
    expect(largest).toBeLessThanOrEqual(1e-5);
  });
});
