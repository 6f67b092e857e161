import type { Forest, TreeNode } from './forest.ts';

/** Importance of one feature. */
export interface FeatureImportance {
  readonly feature: string;
  /** Share of the forest's total impurity decrease; all features add up to 1. */
  readonly importance: number;
  /** How many splits in the forest use the feature. */
  readonly splits: number;
}

/**
 * Mean decrease in Gini impurity (MDI, as scikit-learn's `feature_importances_`): each split
 * adds `samples × impurityDecrease` — the rows that reached it times ml-cart's Gini gain — to its
 * feature; each tree's totals are normalised to 1 and the trees are averaged. Trees that never
 * split add nothing. Computed on each tree's own balanced, bootstrapped sample, so it ranks what
 * the forest uses, not what the population looks like. Sorted by importance, descending.
 *
 * @throws RangeError when the names do not match the forest's feature count.
 */
export function featureImportances(forest: Forest, featureNames: readonly string[]): FeatureImportance[] {
  if (featureNames.length !== forest.featureCount) {
    throw new RangeError(`${featureNames.length} feature names for a forest of ${forest.featureCount} features`);
  }
  const totals = new Float64Array(forest.featureCount);
  const splits = new Uint32Array(forest.featureCount);
  let splittingTrees = 0;
  for (const tree of forest.trees) {
    const perTree = new Float64Array(forest.featureCount);
    accumulate(tree, perTree, splits);
    const sum = perTree.reduce((total, value) => total + value, 0);
    if (sum <= 0) continue;
    splittingTrees += 1;
    perTree.forEach((value, feature) => (totals[feature]! += value / sum));
  }
  return featureNames
    .map((feature, index) => ({ feature, importance: splittingTrees === 0 ? 0 : totals[index]! / splittingTrees, splits: splits[index]! }))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature));
}

function accumulate(node: TreeNode, perTree: Float64Array, splits: Uint32Array): void {
  if (node.kind === 'leaf') return;
  perTree[node.feature]! += node.samples * node.impurityDecrease;
  splits[node.feature]! += 1;
  accumulate(node.left, perTree, splits);
  accumulate(node.right, perTree, splits);
}
