import fc from 'fast-check';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { boostedMargin, trainBoostedTrees } from './boosted-trees.ts';
import { smallestFloat32AtLeast } from './float32.ts';
import type { Forest } from './forest.ts';
import { exportOnnx } from './onnx-export.ts';
import { createOnnxScorer, flattenRows } from './onnx-scorer.ts';
import { probabilityOfMargin, readTreeEnsemble, takesTrueBranch, type TreeEnsemble } from './onnx-tree-ensemble.ts';
import { splitStratified } from './split-stratified.ts';
import { randomTree, syntheticDataset } from './test-support/index.ts';
import { trainCandidate, type TrainingConfig } from './train-candidate.ts';
import { createTreeExplainer, defaultMaxTableEntries } from './tree-shap.ts';
import { globalImportance, renderGlobalImportanceSection } from './global-importance.ts';

const { onnx } = onnxProto;

/**
 * The path-dependent conditional expectation E[f(x) | x_S] of one tree (Lundberg et al. 2018,
 * Algorithm 1): follow x on features in S, average both children by cover otherwise.
 */
function conditionalExpectation(ensemble: TreeEnsemble, node: number, row: readonly number[], coalition: ReadonlySet<number>): number {
  const split = ensemble.feature[node]!;
  if (split < 0) return ensemble.value[node]!;
  const left = ensemble.trueChild[node]!;
  const right = ensemble.falseChild[node]!;
  if (coalition.has(split)) {
    return conditionalExpectation(ensemble, takesTrueBranch(ensemble.mode[node]!, row[split]!, ensemble.threshold[node]!) ? left : right, row, coalition);
  }
  const whole = ensemble.cover![node]!;
  const [shareLeft, shareRight] = whole > 0 ? [ensemble.cover![left]! / whole, ensemble.cover![right]! / whole] : [0.5, 0.5];
  return shareLeft * conditionalExpectation(ensemble, left, row, coalition) + shareRight * conditionalExpectation(ensemble, right, row, coalition);
}

/** Exact Shapley values by enumerating every coalition of the other features. */
function bruteForceShapley(ensemble: TreeEnsemble, row: readonly number[]): number[] {
  const features = ensemble.featureCount;
  const value = (coalition: ReadonlySet<number>) =>
    [...ensemble.roots].reduce((sum, root) => sum + conditionalExpectation(ensemble, root, row, coalition), ensemble.baseScore);
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  return Array.from({ length: features }, (_, feature) => {
    const others = Array.from({ length: features }, (__, index) => index).filter((index) => index !== feature);
    let phi = 0;
    for (let mask = 0; mask < 1 << others.length; mask += 1) {
      const coalition = new Set(others.filter((_other, bit) => (mask >> bit) & 1));
      const weight = (factorial(coalition.size) * factorial(features - coalition.size - 1)) / factorial(features);
      phi += weight * (value(new Set([...coalition, feature])) - value(coalition));
    }
    return phi;
  });
}

/** The exported model with post_transform LOGISTIC and base_values [base]: how boosted trees export. */
function asLogistic(bytes: Uint8Array, base: number): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const node = model.graph!.node![0]!;
  node.attribute = node.attribute!.filter((attribute) => attribute.name !== 'post_transform');
  node.attribute.push(
    onnx.AttributeProto.create({ name: 'post_transform', type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode('LOGISTIC') }),
    onnx.AttributeProto.create({ name: 'base_values', type: onnx.AttributeProto.AttributeType.FLOATS, floats: [base] }),
  );
  return onnx.ModelProto.encode(model).finish();
}

// Features 0 to 2 are split on; feature 3 never is.
const tree = randomTree(fc.integer({ min: -4, max: 4 }).map((value) => smallestFloat32AtLeast(value / 2)));
const row = fc.array(fc.integer({ min: -5, max: 5 }).map((value) => value / 2 + 0.25), { minLength: 4, maxLength: 4 });
const forestAndRows = fc.record({
  trees: fc.array(tree, { minLength: 1, maxLength: 4 }),
  coverRows: fc.array(row, { minLength: 1, maxLength: 30 }),
  rows: fc.array(row, { minLength: 1, maxLength: 5 }),
});
const featureNames = ['a', 'b', 'c', 'unused'];

describe('createTreeExplainer', () => {
  it('adds up: base value + Σ contributions equals the margin within 1e-6 for random forests and rows', () => {
    fc.assert(
      fc.property(forestAndRows, ({ trees, coverRows, rows }) => {
        const explainer = createTreeExplainer(readTreeEnsemble(exportOnnx({ featureCount: 4, trees }, { featureNames, coverRows })));
        const contributions = new Float64Array(4);
        for (const values of rows) {
          const margin = explainer.explain(Float32Array.from(values), contributions);
          expect(Math.abs(explainer.baseValue + contributions.reduce((sum, value) => sum + value, 0) - margin)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a brute-force Shapley computation over every coalition within 1e-9', () => {
    fc.assert(
      fc.property(forestAndRows, ({ trees, coverRows, rows }) => {
        const ensemble = readTreeEnsemble(exportOnnx({ featureCount: 4, trees }, { featureNames, coverRows }));
        const explainer = createTreeExplainer(ensemble);
        const contributions = new Float64Array(4);
        for (const values of rows) {
          const input = Array.from(Float32Array.from(values));
          explainer.explain(input, contributions);
          bruteForceShapley(ensemble, input).forEach((expected, feature) => expect(Math.abs(contributions[feature]! - expected)).toBeLessThan(1e-9));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same values without its per-leaf tables, within 1e-12, and agrees with brute force', () => {
    fc.assert(
      fc.property(forestAndRows, ({ trees, coverRows, rows }) => {
        const ensemble = readTreeEnsemble(exportOnnx({ featureCount: 4, trees }, { featureNames, coverRows }));
        const tabled = createTreeExplainer(ensemble);
        const untabled = createTreeExplainer(ensemble, { maxTableEntries: 0 });
        const expected = new Float64Array(4);
        const contributions = new Float64Array(4);
        for (const values of rows) {
          const input = Array.from(Float32Array.from(values));
          expect(untabled.explain(input, contributions)).toBe(tabled.explain(input, expected));
          contributions.forEach((value, feature) => expect(Math.abs(value - expected[feature]!)).toBeLessThan(1e-12));
          bruteForceShapley(ensemble, input).forEach((exact, feature) => expect(Math.abs(contributions[feature]! - exact)).toBeLessThan(1e-9));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('explains a batch of rows exactly as it explains each row, and refuses a batch of the wrong size', () => {
    fc.assert(
      fc.property(forestAndRows, ({ trees, coverRows, rows }) => {
        const explainer = createTreeExplainer(readTreeEnsemble(exportOnnx({ featureCount: 4, trees }, { featureNames, coverRows })));
        const contributions = new Float64Array(rows.length * 4);
        const margins = new Float64Array(rows.length);
        explainer.explainBatch(Float32Array.from(rows.flat()), contributions, margins);
        const one = new Float64Array(4);
        rows.forEach((values, index) => {
          expect(margins[index]).toBe(explainer.explain(Float32Array.from(values), one));
          expect([...contributions.subarray(index * 4, index * 4 + 4)]).toEqual([...one]);
        });
      }),
      { numRuns: 100 },
    );
    const explainer = createTreeExplainer(readTreeEnsemble(exportOnnx({ featureCount: 4, trees: [{ kind: 'leaf', p1: 0.5 }] }, { featureNames, coverRows: [[0, 0, 0, 0]] })));
    expect(() => explainer.explainBatch(new Float32Array(7), new Float64Array(8), new Float64Array(2))).toThrow("rows has 7 values; 2 rows of the model's 4 features are 8");
  });

  it('tabulates up to 4,194,304 numbers (32 MiB) by default', () => {
    expect(defaultMaxTableEntries).toBe(4_194_304);
  });

  it('gives a feature the model never splits on exactly 0', () => {
    fc.assert(
      fc.property(forestAndRows, ({ trees, coverRows, rows }) => {
        const explainer = createTreeExplainer(readTreeEnsemble(exportOnnx({ featureCount: 4, trees }, { featureNames, coverRows })));
        const contributions = new Float64Array(4).fill(Number.NaN);
        for (const values of rows) {
          explainer.explain(Float32Array.from(values), contributions);
          expect(Object.is(contributions[3], 0)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('takes the base value as the mean margin over the cover rows', () => {
    const forest: Forest = {
      featureCount: 2,
      trees: [{ kind: 'split', feature: 0, threshold: 1, samples: 4, impurityDecrease: 0, left: { kind: 'leaf', p1: 0 }, right: { kind: 'leaf', p1: 1 } }],
    };
    const explainer = createTreeExplainer(readTreeEnsemble(exportOnnx(forest, { featureNames: ['x', 'y'], coverRows: [[0, 0], [0, 0], [0, 0], [2, 0]] })));
    expect(explainer.baseValue).toBeCloseTo(0.25, 12);
    const contributions = new Float64Array(2);
    expect(explainer.explain([2, 0], contributions)).toBe(1);
    expect([...contributions]).toEqual([0.75, 0]);
    expect(explainer.marginSpace).toBe('probability');
  });

  it('explains a LOGISTIC ensemble with base_values in log-odds, whose sigmoid is ONNX Runtime\'s probability', async () => {
    const forest: Forest = {
      featureCount: 2,
      trees: [
        { kind: 'split', feature: 0, threshold: 1, samples: 4, impurityDecrease: 0, left: { kind: 'leaf', p1: 0.2 }, right: { kind: 'leaf', p1: 0.9 } },
        { kind: 'split', feature: 1, threshold: 1, samples: 4, impurityDecrease: 0, left: { kind: 'leaf', p1: 0.6 }, right: { kind: 'leaf', p1: 0.1 } },
      ],
    };
    const coverRows = [[0, 0], [0, 2], [2, 0], [2, 2], [0, 0]];
    const bytes = asLogistic(exportOnnx(forest, { featureNames: ['x', 'y'], coverRows }), -1.5);
    const ensemble = readTreeEnsemble(bytes);
    expect(ensemble.postTransform).toBe('LOGISTIC');
    expect(ensemble.baseScore).toBe(-1.5);
    const explainer = createTreeExplainer(ensemble);
    expect(explainer.marginSpace).toBe('log-odds');
    const scorer = await createOnnxScorer(bytes);
    try {
      const fromOnnx = await scorer.scoreBatch(flattenRows(coverRows, 2));
      coverRows.forEach((values, index) => {
        const contributions = new Float64Array(2);
        const margin = explainer.explain(values, contributions);
        expect(Math.abs(probabilityOfMargin(margin, 'LOGISTIC') - fromOnnx[index]!)).toBeLessThan(1e-6);
        expect(Math.abs(explainer.baseValue + contributions[0]! + contributions[1]! - margin)).toBeLessThan(1e-12);
        bruteForceShapley(ensemble, values).forEach((expected, feature) => expect(contributions[feature]).toBeCloseTo(expected, 12));
      });
    } finally {
      await scorer.release();
    }
  });

  it('refuses a model without node covers, saying what is missing and how to get it', () => {
    const forest: Forest = { featureCount: 1, trees: [{ kind: 'leaf', p1: 0.5 }] };
    expect(() => createTreeExplainer(readTreeEnsemble(exportOnnx(forest, { featureNames: ['x'] })))).toThrow(
      'the model carries no node covers (nodes_hitrates), which path-dependent TreeSHAP needs; retrain it, since the trainer exports covers',
    );
  });
});

describe('TreeSHAP of a trained forest', () => {
  const dataset = syntheticDataset({ rows: 4_000, seed: 3 });
  const split = splitStratified(dataset, { seed: 3 });
  // The size the trainer's search grows (12 trees of depth 10).
  const config: TrainingConfig = { trees: 12, maxDepth: 10, minNumSamples: 3, negativeRatio: 3, maxFeatures: 0.8, positiveFraction: 0.5 };
  let bytes: Uint8Array;
  beforeAll(() => {
    const forest = trainCandidate(split.train, config, 3);
    bytes = exportOnnx(forest, { featureNames: dataset.featureNames, coverRows: split.train.rows });
  });

  it('adds up within 1e-6 on every test row, and its margin is ONNX Runtime\'s probability', async () => {
    const explainer = createTreeExplainer(readTreeEnsemble(bytes));
    const scorer = await createOnnxScorer(bytes);
    const fromOnnx = await scorer.scoreBatch(flattenRows(split.test.rows, dataset.featureNames.length));
    await scorer.release();
    const contributions = new Float64Array(dataset.featureNames.length);
    let worstSum = 0;
    let worstParity = 0;
    split.test.rows.forEach((values, index) => {
      const margin = explainer.explain(Float32Array.from(values), contributions);
      worstSum = Math.max(worstSum, Math.abs(explainer.baseValue + contributions.reduce((sum, value) => sum + value, 0) - margin));
      worstParity = Math.max(worstParity, Math.abs(margin - fromOnnx[index]!));
    });
    expect(split.test.rows.length).toBeGreaterThan(500);
    expect(worstSum).toBeLessThan(1e-6);
    expect(worstParity).toBeLessThan(1e-5);
  });

  it('writes covers without changing a single ONNX Runtime probability', async () => {
    const forest = trainCandidate(split.train, { ...config, trees: 8, maxDepth: 8 }, 4);
    const scores = async (model: Uint8Array) => {
      const scorer = await createOnnxScorer(model);
      const result = await scorer.scoreBatch(flattenRows(split.test.rows, dataset.featureNames.length));
      await scorer.release();
      return [...result];
    };
    const withCovers = exportOnnx(forest, { featureNames: dataset.featureNames, coverRows: split.train.rows });
    expect(await scores(withCovers)).toEqual(await scores(exportOnnx(forest, { featureNames: dataset.featureNames })));
    const ensemble = readTreeEnsemble(withCovers);
    expect([...ensemble.roots].map((root) => ensemble.cover![root])).toEqual(forest.trees.map(() => split.train.rows.length));
  });
});

describe('TreeSHAP of trained boosted trees', () => {
  it('adds up within 1e-6 on every test row, with and without per-leaf tables, and its margin is the model\'s', () => {
    const dataset = syntheticDataset({ rows: 4_000, seed: 8 });
    const split = splitStratified(dataset, { seed: 8 });
    const model = trainBoostedTrees(split.train, split.validation, { rounds: 60 }, 8);
    const ensemble = readTreeEnsemble(exportOnnx(model, { featureNames: dataset.featureNames, coverRows: split.train.rows }));
    const explainers = [createTreeExplainer(ensemble), createTreeExplainer(ensemble, { maxTableEntries: 0 })];
    const contributions = new Float64Array(dataset.featureNames.length);
    let worstSum = 0;
    let worstMargin = 0;
    for (const values of split.test.rows) {
      for (const explainer of explainers) {
        const margin = explainer.explain(Float32Array.from(values), contributions);
        worstSum = Math.max(worstSum, Math.abs(explainer.baseValue + contributions.reduce((sum, value) => sum + value, 0) - margin));
        worstMargin = Math.max(worstMargin, Math.abs(margin - boostedMargin(model, values)));
      }
    }
    expect(explainers[0]!.marginSpace).toBe('log-odds');
    expect(worstSum).toBeLessThan(1e-6);
    expect(worstMargin).toBeLessThan(1e-5);
  });
});

describe('globalImportance', () => {
  it('ranks features by mean |SHAP| over the rows and gives an unused feature 0', () => {
    const forest: Forest = {
      featureCount: 3,
      trees: [
        { kind: 'split', feature: 0, threshold: 1, samples: 4, impurityDecrease: 0, left: { kind: 'leaf', p1: 0 }, right: { kind: 'split', feature: 1, threshold: 1, samples: 2, impurityDecrease: 0, left: { kind: 'leaf', p1: 0.5 }, right: { kind: 'leaf', p1: 1 } } },
      ],
    };
    const rows = [[0, 0, 0], [2, 0, 0], [2, 2, 0], [0, 2, 0]];
    const importance = globalImportance(exportOnnx(forest, { featureNames: ['x', 'y', 'z'], coverRows: rows }), ['x', 'y', 'z'], rows);
    expect(importance.features.map((item) => item.feature)).toEqual(['x', 'y', 'z']);
    expect(importance.features[2]!.meanAbsShap).toBe(0);
    expect(importance).toMatchObject({ marginSpace: 'probability', rows: 4 });
    expect(renderGlobalImportanceSection(importance)).toContain('Mean |SHAP value| per feature over 4 test rows, in probability space');
  });
});
