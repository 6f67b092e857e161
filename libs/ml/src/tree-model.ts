/**
 * The model families the search compares, behind one type: what is scored, exported and
 * explained is either a random forest or boosted trees.
 */
import { boostedMargin, sigmoid, type BoostedTrees } from './boosted-trees.ts';
import { forestProbability, type Forest } from './forest.ts';

/** A trained tree ensemble of either family. */
export type TreeModel = Forest | BoostedTrees;

/** The family names, as the search and the registry's trial runs record them. */
export type ModelFamily = 'forest' | 'boosted';

/** Whether the model is boosted trees (a forest carries no `family` field, for older search files). */
export function isBoostedTrees(model: TreeModel): model is BoostedTrees {
  return (model as Partial<BoostedTrees>).family === 'boosted';
}

/** The family of a model. */
export function familyOf(model: TreeModel): ModelFamily {
  return isBoostedTrees(model) ? 'boosted' : 'forest';
}

/**
 * The model's probability of the positive class for one row: the forest's soft vote, or σ(margin)
 * of boosted trees.
 *
 * @throws RangeError when the row has the wrong number of values.
 */
export function predictProbability(model: TreeModel, row: ArrayLike<number>): number {
  return isBoostedTrees(model) ? sigmoid(boostedMargin(model, row)) : forestProbability(model, row);
}

/** {@link predictProbability} for many rows. */
export function predictProbabilities(model: TreeModel, rows: readonly ArrayLike<number>[]): Float64Array {
  return Float64Array.from(rows, (row) => predictProbability(model, row));
}
