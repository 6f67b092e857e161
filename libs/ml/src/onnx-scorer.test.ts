import { describe, expect, it } from 'vitest';
import type { Forest } from './forest.ts';
import { exportOnnx } from './onnx-export.ts';
import { createOnnxScorer, flattenRows } from './onnx-scorer.ts';

const forest: Forest = {
  featureCount: 2,
  trees: [{ kind: 'split', feature: 0, threshold: 1, samples: 2, impurityDecrease: 0.5, left: { kind: 'leaf', p1: 0.25 }, right: { kind: 'leaf', p1: 0.75 } }],
};

describe('createOnnxScorer', () => {
  it('reads the feature count and input name from the model', async () => {
    const scorer = await createOnnxScorer(exportOnnx(forest, { featureNames: ['a', 'b'], inputName: 'x' }));
    expect(scorer).toMatchObject({ featureCount: 2, inputName: 'x' });
    expect(Array.from(await scorer.scoreBatch(new Float32Array([0, 0, 2, 0])))).toEqual([0.25, 0.75]);
    await scorer.release();
  });

  it('returns no scores for an empty batch and rejects a ragged one', async () => {
    const scorer = await createOnnxScorer(exportOnnx(forest, { featureNames: ['a', 'b'] }));
    expect(await scorer.scoreBatch(new Float32Array(0))).toHaveLength(0);
    await expect(scorer.scoreBatch(new Float32Array(3))).rejects.toThrow('batch of 3 values is not a whole number of rows of 2 features');
    await scorer.release();
  });
});

describe('flattenRows', () => {
  it('packs rows row-major as float32', () => {
    expect(Array.from(flattenRows([[1, 2], [3, 4]], 2))).toEqual([1, 2, 3, 4]);
  });

  it('names a row of the wrong width', () => {
    expect(() => flattenRows([[1, 2], [3]], 2)).toThrow('row 1 has 1 values; expected 2');
  });
});
