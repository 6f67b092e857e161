import type { LeafBase, TreeNode } from './forest.ts';
import { isBoostedTrees, type TreeModel } from './tree-model.ts';

/** Importance of one feature. */
export interface FeatureImportance {
  readonly feature: string;
  /** Share of the model's total impurity (forest) or loss (boosted) decrease; all features add up to 1. */
  readonly importance: number;
  /** How many splits in the forest use the feature. */
  readonly splits: number;
}

/**
 * Mean decrease in Gini impurity (MDI, as scikit-learn's `feature_importances_`): each split
 * adds `samples × impurityDecrease` — the rows that reached it times ml-cart's Gini gain — to its
 * feature; each tree's totals are normalised to 1 and the trees are averaged. Trees that never
 * split add nothing. Computed on each tree's own balanced, bootstrapped sample, so it ranks what
 * the forest uses, not what the population looks like.
 *
 * For boosted trees, the total loss reduction (gain) per feature over all trees, normalised once
 * (XGBoost's `total_gain`): later trees fit small residuals, and normalising each tree would
 * give their splits as much weight as the first tree's. Sorted by importance, descending.
 *
 * @throws RangeError when the names do not match the model's feature count.
 */
export function featureImportances(model: TreeModel, featureNames: readonly string[]): FeatureImportance[] {
  if (featureNames.length !== model.featureCount) {
    throw new RangeError(`${featureNames.length} feature names for a ${isBoostedTrees(model) ? 'boosted model' : 'forest'} of ${model.featureCount} features`);
  }
  const boosted = isBoostedTrees(model);
  const totals = new Float64Array(model.featureCount);
  const splits = new Uint32Array(model.featureCount);
  let splittingTrees = 0;
  const trees: readonly TreeNode<LeafBase>[] = model.trees;
  for (const tree of trees) {
    const perTree = new Float64Array(model.featureCount);
    accumulate(tree, perTree, splits);
    const sum = perTree.reduce((total, value) => total + value, 0);
    if (sum <= 0) continue;
    splittingTrees += 1;
    perTree.forEach((value, feature) => (totals[feature]! += boosted ? value : value / sum));
  }
  const total = totals.reduce((sum, value) => sum + value, 0);
  const normaliser = boosted ? total : splittingTrees;
  return featureNames
    .map((feature, index) => ({ feature, importance: normaliser > 0 ? totals[index]! / normaliser : 0, splits: splits[index]! }))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature));
}

function accumulate(node: TreeNode<LeafBase>, perTree: Float64Array, splits: Uint32Array): void {
  if (node.kind === 'leaf') return;
  perTree[node.feature]! += node.samples * node.impurityDecrease;
  splits[node.feature]! += 1;
  accumulate(node.left, perTree, splits);
  accumulate(node.right, perTree, splits);
}
