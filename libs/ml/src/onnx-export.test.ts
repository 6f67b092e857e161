import fc from 'fast-check';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { smallestFloat32AtLeast } from './float32.ts';
import { forestProbabilities, type Forest } from './forest.ts';
import type { BoostedTrees } from './boosted-trees.ts';
import { exportOnnx } from './onnx-export.ts';
import { createOnnxScorer, flattenRows } from './onnx-scorer.ts';
import { randomTree } from './test-support/index.ts';

const { onnx } = onnxProto;

const forest: Forest = {
  featureCount: 2,
  trees: [
    {
      kind: 'split', feature: 1, threshold: 0.5, samples: 10, impurityDecrease: 0.1,
      left: { kind: 'leaf', p1: 0.2 },
      right: { kind: 'split', feature: 0, threshold: smallestFloat32AtLeast(0.7), samples: 6, impurityDecrease: 0.1, left: { kind: 'leaf', p1: 0 }, right: { kind: 'leaf', p1: 1 } },
    },
    { kind: 'leaf', p1: 0.4 },
  ],
};

function decode(bytes: Uint8Array) {
  const model = onnx.ModelProto.decode(bytes);
  const node = model.graph!.node![0]!;
  const attribute = (name: string) => {
    const found = node.attribute!.find((item) => item.name === name);
    if (!found) throw new Error(`attribute ${name} is missing`);
    return { ints: found.ints ?? [], floats: found.floats ?? [], strings: found.strings ?? [], s: found.s ?? new Uint8Array() };
  };
  return { model, node, attribute };
}

describe('exportOnnx', () => {
  const bytes = exportOnnx(forest, { featureNames: ['speed', 'torque'], metadata: { threshold: '0.35' } });

  it('writes one ai.onnx.ml TreeEnsembleClassifier with plain tensor outputs and no ZipMap', () => {
    const { model, node } = decode(bytes);
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((item) => [item.domain, Number(item.version)])).toEqual([['', 15], ['ai.onnx.ml', 3]]);
    expect(model.graph!.node!.map((item) => item.opType)).toEqual(['TreeEnsembleClassifier']);
    expect(node.domain).toBe('ai.onnx.ml');
    expect(node.output).toEqual(['label', 'probabilities']);
    const shape = (value: onnxProto.onnx.IValueInfoProto) =>
      value.type!.tensorType!.shape!.dim!.map((dim) => (dim.dimParam ? dim.dimParam : Number(dim.dimValue)));
    expect(model.graph!.input!.map((value) => [value.name, value.type!.tensorType!.elemType, shape(value)])).toEqual([['features', onnx.TensorProto.DataType.FLOAT, ['N', 2]]]);
    expect(model.graph!.output!.map((value) => [value.name, value.type!.tensorType!.elemType, shape(value)])).toEqual([
      ['label', onnx.TensorProto.DataType.INT64, ['N']],
      ['probabilities', onnx.TensorProto.DataType.FLOAT, ['N', 2]],
    ]);
  });

  it('uses the binary layout: labels [0, 1], one weight per leaf, all for class id 0, p1 / nTrees, post_transform NONE', () => {
    const { attribute } = decode(bytes);
    expect(attribute('classlabels_int64s').ints.map(Number)).toEqual([0, 1]);
    expect(attribute('class_ids').ints.map(Number)).toEqual([0, 0, 0, 0]);
    expect(attribute('class_weights').floats).toEqual([0.1, 0, 0.5, 0.2].map(Math.fround));
    expect(new TextDecoder().decode(attribute('post_transform').s)).toBe('NONE');
    expect(attribute('nodes_modes').strings.map((mode) => new TextDecoder().decode(mode))).toEqual(['BRANCH_LT', 'LEAF', 'BRANCH_LT', 'LEAF', 'LEAF', 'LEAF']);
    expect(attribute('nodes_truenodeids').ints.map(Number)).toEqual([1, 0, 3, 0, 0, 0]);
    expect(attribute('nodes_falsenodeids').ints.map(Number)).toEqual([2, 0, 4, 0, 0, 0]);
  });

  it('records the feature names and extra metadata', () => {
    const { model } = decode(bytes);
    expect(Object.fromEntries(model.metadataProps.map((entry) => [entry.key, entry.value]))).toEqual({ feature_names: '["speed","torque"]', threshold: '0.35' });
  });

  it('scores like the in-memory forest in ONNX Runtime, at and around every threshold', async () => {
    // fround(0.7) lies below 0.7, so the exported threshold is the next float32 up.
    const cut = smallestFloat32AtLeast(0.7);
    const justBelowHalf = 0.5 - 2 ** -25; // the float32 before 0.5
    const rows = [[cut, 0.5], [0.7, 0.5], [Math.fround(0.7), 0.5], [cut, justBelowHalf], [0, 0], [1, 1]];
    const scorer = await createOnnxScorer(bytes);
    const fromOnnx = Array.from(await scorer.scoreBatch(flattenRows(rows, 2)));
    await scorer.release();
    expect(fromOnnx.map((value) => Number(value.toFixed(6)))).toEqual(Array.from(forestProbabilities(forest, rows), (value) => Number(value.toFixed(6))));
    expect(fromOnnx.map((value) => Number(value.toFixed(6)))).toEqual([0.7, 0.2, 0.2, 0.3, 0.3, 0.7]);
  });

  it('agrees with the in-memory forest on random forests and rows (property)', async () => {
    const tree = randomTree(fc.double({ min: -10, max: 10, noNaN: true }).map(smallestFloat32AtLeast));
    const row = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 4 }), fc.array(row, { minLength: 1, maxLength: 20 }), async (trees, rows) => {
        const randomForest: Forest = { featureCount: 3, trees };
        const scorer = await createOnnxScorer(exportOnnx(randomForest, { featureNames: ['a', 'b', 'c'] }));
        const fromOnnx = await scorer.scoreBatch(flattenRows(rows, 3));
        await scorer.release();
        const inMemory = forestProbabilities(randomForest, rows);
        inMemory.forEach((value, index) => expect(Math.abs(fromOnnx[index]! - value)).toBeLessThan(1e-6));
      }),
      { numRuns: 60 },
    );
  });

  it('rejects feature names that do not match the forest and opsets without the operator', () => {
    expect(() => exportOnnx(forest, { featureNames: ['speed'] })).toThrow('featureNames has 1 names; the forest has 2 features');
    expect(() => exportOnnx(forest, { featureNames: ['a', 'b'], mlOpset: 5 })).toThrow('TreeEnsembleClassifier is defined in ai.onnx.ml versions 1 to 4');
  });
});

describe('exportOnnx of boosted trees', () => {
  const boosted: BoostedTrees = {
    family: 'boosted',
    featureCount: 2,
    baseMargin: Math.fround(-1.5),
    trees: [
      { kind: 'split', feature: 0, threshold: 0.5, samples: 10, impurityDecrease: 0.1, left: { kind: 'leaf', value: Math.fround(-0.25) }, right: { kind: 'leaf', value: Math.fround(0.75) } },
      { kind: 'leaf', value: Math.fround(0.125) },
    ],
    learningCurve: { train: [], validation: [] },
  };
  const bytes = exportOnnx(boosted, { featureNames: ['speed', 'torque'] });

  it('uses the binary layout with the base margin and a LOGISTIC post-transform: one margin weight per leaf, class id 0', () => {
    const { attribute } = decode(bytes);
    expect(attribute('classlabels_int64s').ints.map(Number)).toEqual([0, 1]);
    expect(attribute('class_ids').ints.map(Number)).toEqual([0, 0, 0]);
    expect(attribute('class_weights').floats).toEqual([-0.25, 0.75, 0.125]);
    expect(attribute('base_values').floats).toEqual([-1.5]);
    expect(new TextDecoder().decode(attribute('post_transform').s)).toBe('LOGISTIC');
  });

  it('gives σ(base + Σ leaves) as probabilities[:, 1] in ONNX Runtime, as the inference API reads it', async () => {
    const scorer = await createOnnxScorer(bytes);
    const fromOnnx = Array.from(await scorer.scoreBatch(flattenRows([[0, 0], [1, 0]], 2)));
    await scorer.release();
    const sigmoid = (margin: number) => 1 / (1 + Math.exp(-margin));
    expect(fromOnnx[0]).toBeCloseTo(sigmoid(-1.5 - 0.25 + 0.125), 6);
    expect(fromOnnx[1]).toBeCloseTo(sigmoid(-1.5 + 0.75 + 0.125), 6);
  });
});
