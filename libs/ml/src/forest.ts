/**
 * The trained forest as plain data. Prediction, feature importance and ONNX export all read this
 * one structure, so what is served is exactly what was evaluated. It is JSON-serialisable and
 * structured-clone friendly (worker threads can send it back to the main thread).
 */

/** An inner node: rows whose feature value is below the threshold go left. */
export interface SplitNode {
  readonly kind: 'split';
  /** Column index in the dataset's feature order (already mapped back from the tree's feature sample). */
  readonly feature: number;
  /**
   * A float32 value: a row goes left when `Math.fround(row[feature]) < threshold`. It is the
   * smallest float32 ≥ the split value ml-cart chose, so the comparison gives the same answer on
   * float32 inputs as ml-cart's double one, and ONNX Runtime (which compares float32) agrees.
   */
  readonly threshold: number;
  /** Training rows (of this tree's sample) that reached the node. */
  readonly samples: number;
  /** Gini impurity decrease of the split: impurity(node) − weighted impurity(children), per row. */
  readonly impurityDecrease: number;
  readonly left: TreeNode;
  readonly right: TreeNode;
}

/** A leaf: the share of positive rows among the training rows that reached it. */
export interface LeafNode {
  readonly kind: 'leaf';
  /** Probability of the positive class in this leaf, in [0, 1]. */
  readonly p1: number;
}

/** A node of a binary decision tree. */
export type TreeNode = SplitNode | LeafNode;

/** A random forest of binary decision trees over `featureCount` columns. */
export interface Forest {
  readonly featureCount: number;
  readonly trees: readonly TreeNode[];
}

/** The leaf of `tree` that `row` reaches. */
export function leafFor(tree: TreeNode, row: ArrayLike<number>): LeafNode {
  let node = tree;
  while (node.kind === 'split') {
    node = Math.fround(row[node.feature]!) < node.threshold ? node.left : node.right;
  }
  return node;
}

/**
 * The forest's probability of the positive class for one row: the mean of the trees' leaf
 * probabilities (a soft vote). ml-random-forest's own `predictProbability` is a hard vote that
 * also drops the first tree (docs/toolchain.md, "Training trees in JavaScript"), so it is not used.
 *
 * @throws RangeError when the row has the wrong number of values.
 */
export function predictProbability(forest: Forest, row: ArrayLike<number>): number {
  if (row.length !== forest.featureCount) {
    throw new RangeError(`row has ${row.length} values; the forest expects ${forest.featureCount}`);
  }
  let sum = 0;
  for (const tree of forest.trees) sum += leafFor(tree, row).p1;
  return sum / forest.trees.length;
}

/** {@link predictProbability} for many rows. */
export function predictProbabilities(forest: Forest, rows: readonly ArrayLike<number>[]): Float64Array {
  return Float64Array.from(rows, (row) => predictProbability(forest, row));
}

/** The number of nodes (inner and leaves) of a tree. */
export function countNodes(tree: TreeNode): number {
  return tree.kind === 'leaf' ? 1 : 1 + countNodes(tree.left) + countNodes(tree.right);
}
