import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from './onnx-export.ts';
import { createOnnxScorer, flattenRows } from './onnx-scorer.ts';
import { splitStratified } from './split-stratified.ts';
import { syntheticDataset } from './test-support/index.ts';
import { planSearch } from './search-plan.ts';
import { trainModel, type TrainedModel } from './train-model.ts';
import { predictProbabilities } from './tree-model.ts';

// 10,000 rows, 3.6 % positive; six trials (four boosted, two forests) in one thread here.
const seed = 6;
const dataset = syntheticDataset({ rows: 10_000, seed });
let model: TrainedModel;
const progress: number[] = [];

beforeAll(() => {
  model = trainModel(dataset, { seed, plan: planSearch({ seed, trials: 6 }), onProgress: (done) => progress.push(done) });
});

describe('trainModel', () => {
  it('reaches AUROC ≥ 0.93 and failure-class F1 ≥ 0.7 on the held-out test rows', () => {
    expect(model.test.auroc).toBeGreaterThanOrEqual(0.93);
    expect(model.test.f1).toBeGreaterThanOrEqual(0.7);
    expect(model.test.prAuc).toBeGreaterThanOrEqual(0.7);
  });

  it('detects the rule-based failure groups and reports recall per group', () => {
    expect(Object.keys(model.test.recallByGroup)).toEqual(expect.arrayContaining(['heat', 'overstrain', 'power']));
    expect(model.test.recallByGroup['heat']!.recall).toBeGreaterThanOrEqual(0.8);
    // 13 overstrain rows in this test split, so one row moves recall by 7.7 points. The winner is
    // boosted trees, which catch 12 of 13 since their bins are class-balanced quantiles (issue 17;
    // 9 of 13 before, when the bound had been relaxed to 0.65).
    expect(model.test.recallByGroup['overstrain']!.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('runs every planned trial and reports its progress', () => {
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(model.candidates).toHaveLength(6);
  });

  it('ranks an engineered rule feature first by importance', () => {
    expect(['temperature_difference', 'power', 'strain', 'rotational_speed', 'torque']).toContain(model.importances[0]!.feature);
  });

  it('keeps reference statistics of the training rows', () => {
    expect(model.reference.rows).toBe(model.sizes.train);
    expect(model.reference.features.map((feature) => feature.name)).toEqual(dataset.featureNames);
  });
});

describe('ONNX parity of the tuned model', () => {
  it('ONNX Runtime probabilities equal the in-memory model within 1e-5 on every held-out row, with the same decisions', async () => {
    const split = splitStratified(dataset, { seed });
    const heldOut = [...split.validation.rows, ...split.test.rows];
    const scorer = await createOnnxScorer(exportOnnx(model.ensemble, { featureNames: dataset.featureNames }));
    const fromOnnx = await scorer.scoreBatch(flattenRows(heldOut, dataset.featureNames.length));
    await scorer.release();
    const inMemory = predictProbabilities(model.ensemble, heldOut);
    let largest = 0;
    inMemory.forEach((value, index) => (largest = Math.max(largest, Math.abs(fromOnnx[index]! - value))));
    expect(largest).toBeLessThanOrEqual(1e-5);
    inMemory.forEach((value, index) => expect(fromOnnx[index]! >= model.threshold).toBe(value >= model.threshold));
  });
});
