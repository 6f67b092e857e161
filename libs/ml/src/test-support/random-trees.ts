import fc from 'fast-check';
import type { TreeNode } from '../forest.ts';

/**
 * Random forest trees for property tests: leaves with any p1, splits on features 0 to
 * `splitFeatures − 1` (a feature beyond them is never split on) at thresholds drawn from
 * `threshold`, small enough to shrink well.
 */
export function randomTree(threshold: fc.Arbitrary<number>, splitFeatures = 3): fc.Arbitrary<TreeNode> {
  const leaf = fc.double({ min: 0, max: 1, noNaN: true }).map((p1): TreeNode => ({ kind: 'leaf', p1 }));
  const { tree } = fc.letrec<{ tree: TreeNode }>((self) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        kind: fc.constant('split' as const),
        feature: fc.integer({ min: 0, max: splitFeatures - 1 }),
        threshold,
        samples: fc.constant(1),
        impurityDecrease: fc.constant(0),
        left: self('tree'),
        right: self('tree'),
      }),
    ),
  }));
  return tree;
}
