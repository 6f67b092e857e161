/**
 * How TreeSHAP (tree-shap.ts) walks an ensemble: every leaf's path as distinct features with
 * their zero fractions, split nodes in an order where each comes after its parent, and sibling
 * leaves paired into one unit.
 */
import { TreeEnsembleFormatError, type TreeEnsemble } from './onnx-tree-ensemble.ts';

/**
 * The leaves and split nodes of all trees, laid out for explaining. Along one root-to-leaf path a
 * feature's local index is the order of its first split on the path, so a split node has one
 * local bit for every leaf below it, and a row's hot set H is computed top-down, once per node.
 */
export interface EnsembleLayout {
  /** Split nodes, each after its parent; and the local bit of each one's feature. */
  readonly splitOrder: Int32Array;
  readonly splitBit: Int32Array;
  /** Where each tree's split nodes and leaves end in `splitOrder` and `leafNode` (trees in `roots` order). */
  readonly treeSplitEnd: Int32Array;
  readonly treeLeafEnd: Int32Array;
  /** Leaves tree by tree in `roots` order; leaf `l` has distinct path features `featureStart[l] … featureStart[l + 1]`. */
  readonly leafNode: Int32Array;
  readonly featureStart: Int32Array;
  /** The model feature of each distinct path feature, and its zero fraction z (product of cover shares). */
  readonly pathFeature: Int32Array;
  readonly zero: Float64Array;
}

/** Paths with more distinct features than this cannot be a bit mask in a 32-bit integer. */
export const maxDistinctFeatures = 30;

/**
 * The explaining layout of an ensemble ({@link EnsembleLayout}), from a walk of every tree.
 *
 * @throws TreeEnsembleFormatError when a path splits on more distinct features than a bit mask holds.
 */
export function layOut(ensemble: TreeEnsemble, shareOfParent: Float64Array): EnsembleLayout {
  const { feature, trueChild, falseChild, roots } = ensemble;
  const splitOrder: number[] = [];
  const splitBit: number[] = [];
  const leafNode: number[] = [];
  const featureStart: number[] = [0];
  const pathFeature: number[] = [];
  const zero: number[] = [];
  // The walk's current path: its distinct features in order of first split, and each one's zero fraction.
  const distinct: number[] = [];
  const zeroOf: number[] = [];
  const visit = (node: number): void => {
    const split = feature[node]!;
    if (split < 0) {
      leafNode.push(node);
      pathFeature.push(...distinct);
      zero.push(...zeroOf);
      featureStart.push(pathFeature.length);
      return;
    }
    let local = distinct.indexOf(split);
    const isNew = local < 0;
    if (isNew) {
      local = distinct.length;
      if (local >= maxDistinctFeatures) {
        throw new TreeEnsembleFormatError(`a path splits on more than ${maxDistinctFeatures} distinct features; TreeSHAP here handles at most ${maxDistinctFeatures}`);
      }
      distinct.push(split);
      zeroOf.push(1);
    }
    splitOrder.push(node);
    splitBit.push(1 << local);
    const before = zeroOf[local]!;
    for (const child of [trueChild[node]!, falseChild[node]!]) {
      zeroOf[local] = before * shareOfParent[child]!;
      visit(child);
    }
    if (isNew) {
      distinct.pop();
      zeroOf.pop();
    } else {
      zeroOf[local] = before;
    }
  };
  const treeSplitEnd: number[] = [];
  const treeLeafEnd: number[] = [];
  for (const root of roots) {
    visit(root);
    treeSplitEnd.push(splitOrder.length);
    treeLeafEnd.push(leafNode.length);
  }
  return {
    splitOrder: Int32Array.from(splitOrder),
    splitBit: Int32Array.from(splitBit),
    treeSplitEnd: Int32Array.from(treeSplitEnd),
    treeLeafEnd: Int32Array.from(treeLeafEnd),
    leafNode: Int32Array.from(leafNode),
    featureStart: Int32Array.from(featureStart),
    pathFeature: Int32Array.from(pathFeature),
    zero: Float64Array.from(zero),
  };
}

/**
 * The units the per-row pass visits: a single leaf, or two leaves that are the true and false
 * children of one split (`left`, `right`, and `bit`, the local bit of that split's feature).
 * Siblings split on the same distinct features, and which of the two a row "takes" is one bit, so
 * one table lookup covers both: in depth-6 boosted trees most leaves have a leaf as sibling.
 */
export function pairSiblingLeaves(ensemble: TreeEnsemble, splitOrder: Int32Array, splitBit: Int32Array, leafNode: Int32Array): { left: Int32Array; right: Int32Array; bit: Int32Array } {
  const leafIndex = new Map<number, number>();
  leafNode.forEach((node, leaf) => leafIndex.set(node, leaf));
  const siblingOf = new Map<number, { right: number; bit: number }>();
  splitOrder.forEach((node, index) => {
    const left = leafIndex.get(ensemble.trueChild[node]!);
    const right = leafIndex.get(ensemble.falseChild[node]!);
    if (left !== undefined && right !== undefined) siblingOf.set(left, { right, bit: splitBit[index]! });
  });
  const left: number[] = [];
  const right: number[] = [];
  const bit: number[] = [];
  const paired = new Set<number>();
  for (let leaf = 0; leaf < leafNode.length; leaf += 1) {
    if (paired.has(leaf)) continue;
    const sibling = siblingOf.get(leaf);
    left.push(leaf);
    right.push(sibling?.right ?? -1);
    bit.push(sibling?.bit ?? 0);
    if (sibling) paired.add(sibling.right);
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right), bit: Int32Array.from(bit) };
}
