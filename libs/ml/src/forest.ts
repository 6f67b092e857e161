/**
 * The trained forest as plain data. Prediction, feature importance and ONNX export all read this
 * one structure, so what is served is exactly what was evaluated. It is JSON-serialisable and
 * structured-clone friendly (worker threads can send it back to the main thread).
 */

/**
 * An inner node: rows whose feature value is below the threshold go left. The same shape serves
 * the forest's trees and the boosted trees (`Leaf` differs), so importances, prediction and ONNX
 * export walk one structure.
 */
export interface SplitNode<Leaf extends LeafBase = LeafNode> {
  readonly kind: 'split';
  /** Column index in the dataset's feature order (already mapped back from the tree's feature sample). */
  readonly feature: number;
  /**
   * A float32 value: a row goes left when `Math.fround(row[feature]) < threshold`. It is the
   * smallest float32 ≥ the split value ml-cart (or the boosting's bin edge) chose, so the comparison gives the same answer on
   * float32 inputs as ml-cart's double one, and ONNX Runtime (which compares float32) agrees.
   */
  readonly threshold: number;
  /** Training rows (of this tree's sample) that reached the node. */
  readonly samples: number;
  /**
   * Decrease of the tree's criterion per row: Gini impurity(node) − weighted impurity(children)
   * in a forest, the loss reduction of the split divided by `samples` in boosted trees — so
   * `samples × impurityDecrease` is the split's total gain either way.
   */
  readonly impurityDecrease: number;
  readonly left: TreeNode<Leaf>;
  readonly right: TreeNode<Leaf>;
}

/** What every leaf has in common. */
export interface LeafBase {
  readonly kind: 'leaf';
}

/** A leaf: the share of positive rows among the training rows that reached it. */
export interface LeafNode {
  readonly kind: 'leaf';
  /** Probability of the positive class in this leaf, in [0, 1]. */
  readonly p1: number;
}

/** A node of a binary decision tree. */
export type TreeNode<Leaf extends LeafBase = LeafNode> = SplitNode<Leaf> | Leaf;

/** A random forest of binary decision trees over `featureCount` columns. */
export interface Forest {
  readonly featureCount: number;
  readonly trees: readonly TreeNode[];
}

/** The leaf of `tree` that `row` reaches. */
export function leafFor<Leaf extends LeafBase>(tree: TreeNode<Leaf>, row: ArrayLike<number>): Leaf {
  let node = tree;
  while (node.kind === 'split') {
    const split = node as SplitNode<Leaf>;
    node = Math.fround(row[split.feature]!) < split.threshold ? split.left : split.right;
  }
  return node as Leaf;
}

/**
 * The forest's probability of the positive class for one row: the mean of the trees' leaf
 * probabilities (a soft vote). ml-random-forest's own `predictProbability` is a hard vote that
 * also drops the first tree (docs/toolchain.md, "Training trees in JavaScript"), so it is not used.
 *
 * @throws RangeError when the row has the wrong number of values.
 */
export function forestProbability(forest: Forest, row: ArrayLike<number>): number {
  if (row.length !== forest.featureCount) {
    throw new RangeError(`row has ${row.length} values; the forest expects ${forest.featureCount}`);
  }
  let sum = 0;
  for (const tree of forest.trees) sum += leafFor(tree, row).p1;
  return sum / forest.trees.length;
}

/** {@link forestProbability} for many rows. */
export function forestProbabilities(forest: Forest, rows: readonly ArrayLike<number>[]): Float64Array {
  return Float64Array.from(rows, (row) => forestProbability(forest, row));
}

/** The number of nodes (inner and leaves) of a tree. */
export function countNodes(tree: TreeNode<LeafBase>): number {
  return tree.kind === 'leaf' ? 1 : 1 + countNodes(tree.left) + countNodes(tree.right);
}
