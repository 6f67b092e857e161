/**
 * A typed facade over ml-random-forest 2.1.0 (with ml-cart 2.1.1). The package's own
 * declarations are incomplete (they name types they never declare and type trees as `any`), so
 * this file states the small part of its runtime shape that training reads, and nothing else
 * touches the package.
 */
import * as mlRandomForest from 'ml-random-forest';

/** The row vector ml-cart keeps in a leaf (an ml-matrix `Matrix`). */
interface CartDistribution {
  to1DArray(): number[];
}

/**
 * A node of an ml-cart tree as it is after training. A node that searched for a split but was
 * not split (gain too small, or equal to its parent's) has `splitColumn` and `gain` but no
 * children, and is a leaf.
 */
export interface CartNode {
  /** Column in the tree's own feature sample, not in the dataset. */
  readonly splitColumn?: number;
  /** Rows with `value < splitValue` go left (ml-cart `TreeNode.classify`). */
  readonly splitValue?: number;
  /** Gini gain of the split. */
  readonly gain?: number;
  /** Rows that reached the node (set on nodes that searched for a split). */
  readonly numberSamples?: number;
  readonly left?: CartNode;
  readonly right?: CartNode;
  /** Class shares in a leaf; its length is the largest label seen there + 1, so it can be 1. */
  readonly distribution?: CartDistribution;
}

/** Options of ml-random-forest's classifier that training sets. */
interface RandomForestClassifierOptions {
  readonly nEstimators: number;
  /** A fraction in (0, 1] of the columns each tree sees. */
  readonly maxFeatures: number;
  readonly replacement: boolean;
  readonly seed: number;
  readonly useSampleBagging: boolean;
  readonly noOOB: boolean;
  readonly treeOptions: {
    readonly gainFunction: 'gini';
    readonly gainThreshold: number;
    readonly maxDepth: number;
    readonly minNumSamples: number;
  };
}

interface RandomForestClassifierInstance {
  train(rows: number[][], labels: number[]): void;
  readonly estimators: readonly { readonly root: CartNode }[];
  /** Per tree, the dataset column of each of the tree's own columns. */
  readonly indexes: readonly (readonly number[])[];
}

type RandomForestClassifierConstructor = new (options: RandomForestClassifierOptions) => RandomForestClassifierInstance;

const { RandomForestClassifier } = mlRandomForest as unknown as { RandomForestClassifier: RandomForestClassifierConstructor };

/** How to grow one tree. */
export interface GrowTreeOptions {
  /** Share of the columns the tree may split on. */
  readonly maxFeatures: number;
  readonly maxDepth: number;
  /** A node with this many rows or fewer becomes a leaf. */
  readonly minNumSamples: number;
  /** A 31-bit integer seed for ml-random-forest's bootstrap and feature sample. */
  readonly seed: number;
}

/** One trained ml-cart tree with the dataset column of each of its own columns. */
export interface GrownTree {
  readonly root: CartNode;
  readonly featureIndexes: readonly number[];
}

/**
 * Grows one bootstrapped CART tree with ml-random-forest on the given rows (labels 0/1).
 *
 * - `gainThreshold: 0`: ml-cart's default 0.01 stops growth early on imbalanced data (AUROC
 *   0.73 measured, docs/toolchain.md, "Training trees in JavaScript").
 * - `replacement: false`: with replacement a tree can see one column twice and miss others.
 * - `noOOB: true`: out-of-bag predictions are not used and cost a pass over the data.
 */
export function growTree(rows: number[][], labels: number[], options: GrowTreeOptions): GrownTree {
  const forest = new RandomForestClassifier({
    nEstimators: 1,
    maxFeatures: options.maxFeatures,
    replacement: false,
    seed: options.seed,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: { gainFunction: 'gini', gainThreshold: 0, maxDepth: options.maxDepth, minNumSamples: options.minNumSamples },
  });
  forest.train(rows, labels);
  return { root: forest.estimators[0]!.root, featureIndexes: forest.indexes[0]! };
}
