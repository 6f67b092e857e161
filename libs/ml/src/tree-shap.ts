/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent Individualized Feature
 * Attribution for Tree Ensembles", Algorithm 2; https://arxiv.org/abs/1802.03888) over a
 * {@link TreeEnsemble} read from the served ONNX model.
 *
 * The explained function is the ensemble's margin: `baseScore + Σ leaf weights`, i.e. the
 * probability itself for post_transform NONE (the random forest) and the log-odds for LOGISTIC
 * (boosted trees). SHAP values are additive only in that space, so they are reported there.
 * "Path-dependent" means a feature left out of a coalition is integrated out with the node covers
 * (the share of training rows that went each way at each split), which is why the model must
 * carry `nodes_hitrates`.
 *
 * Cost per row: O(trees · leaves · depth²), with no allocation once the explainer is built.
 */
import { takesTrueBranch, TreeEnsembleFormatError, type PostTransform, type TreeEnsemble } from './onnx-tree-ensemble.ts';

/** Explains rows of one ensemble. Not re-entrant: it reuses one scratch path (JavaScript is single-threaded). */
export interface TreeExplainer {
  readonly featureCount: number;
  readonly postTransform: PostTransform;
  /** The margin space the values are in: `probability` for NONE, `log-odds` for LOGISTIC. */
  readonly marginSpace: 'probability' | 'log-odds';
  /** The expected margin over the training distribution the covers describe: E[f(x)]. */
  readonly baseValue: number;
  /**
   * Writes each feature's SHAP value for `row` into `contributions` (zeroed first) and returns the
   * row's margin; `baseValue + Σ contributions = margin` up to rounding.
   *
   * @throws RangeError when the row or the output has the wrong length.
   */
  explain(row: ArrayLike<number>, contributions: Float64Array): number;
}

/**
 * Prepares an ensemble for explaining: the fraction of each node's cover that each child holds,
 * and the expected margin.
 *
 * @throws TreeEnsembleFormatError when the ensemble carries no node covers.
 */
export function createTreeExplainer(ensemble: TreeEnsemble): TreeExplainer {
  const { cover, feature, trueChild, falseChild, threshold, mode, value, roots, featureCount } = ensemble;
  if (cover === undefined) {
    throw new TreeEnsembleFormatError(
      'the model carries no node covers (nodes_hitrates), which path-dependent TreeSHAP needs; retrain it, since the trainer exports covers',
    );
  }
  const nodeCount = feature.length;
  // The share of the parent's cover each child holds. A node no training row reached (cover 0)
  // splits its weight evenly, so every fraction stays defined and the children's shares sum to 1.
  const shareOfParent = new Float64Array(nodeCount);
  for (const root of roots) shareOfParent[root] = 1;
  for (let node = 0; node < nodeCount; node += 1) {
    if (feature[node]! < 0) continue;
    const whole = cover[node]!;
    const left = trueChild[node]!;
    const right = falseChild[node]!;
    if (whole > 0) {
      shareOfParent[left] = cover[left]! / whole;
      shareOfParent[right] = cover[right]! / whole;
    } else {
      shareOfParent[left] = 0.5;
      shareOfParent[right] = 0.5;
    }
  }

  let baseValue = ensemble.baseScore;
  for (const root of roots) baseValue += expectedValue(root, feature, trueChild, falseChild, value, shareOfParent);

  // One path segment per recursion level; level d copies level d − 1 before extending it.
  const width = ensemble.maxDepth + 2;
  const pathFeature = new Int32Array(width * (width + 1));
  const pathZero = new Float64Array(width * (width + 1));
  const pathOne = new Float64Array(width * (width + 1));
  const pathWeight = new Float64Array(width * (width + 1));
  let row: ArrayLike<number> = [];
  let phi: Float64Array = new Float64Array(0);

  /** EXTEND: adds an element to the path at `offset` holding `depth` elements before. */
  const extend = (offset: number, depth: number, zero: number, one: number, splitFeature: number): void => {
    pathFeature[offset + depth] = splitFeature;
    pathZero[offset + depth] = zero;
    pathOne[offset + depth] = one;
    pathWeight[offset + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i -= 1) {
      pathWeight[offset + i + 1]! += (one * pathWeight[offset + i]! * (i + 1)) / (depth + 1);
      pathWeight[offset + i] = (zero * pathWeight[offset + i]! * (depth - i)) / (depth + 1);
    }
  };

  /** UNWIND: removes element `index` of the path whose last element is at `depth`. */
  const unwind = (offset: number, depth: number, index: number): void => {
    const one = pathOne[offset + index]!;
    const zero = pathZero[offset + index]!;
    let next = pathWeight[offset + depth]!;
    for (let i = depth - 1; i >= 0; i -= 1) {
      if (one !== 0) {
        const kept = pathWeight[offset + i]!;
        pathWeight[offset + i] = (next * (depth + 1)) / ((i + 1) * one);
        next = kept - (pathWeight[offset + i]! * zero * (depth - i)) / (depth + 1);
      } else {
        pathWeight[offset + i] = (pathWeight[offset + i]! * (depth + 1)) / (zero * (depth - i));
      }
    }
    for (let i = index; i < depth; i += 1) {
      pathFeature[offset + i] = pathFeature[offset + i + 1]!;
      pathZero[offset + i] = pathZero[offset + i + 1]!;
      pathOne[offset + i] = pathOne[offset + i + 1]!;
    }
  };

  /** The sum of the weights UNWIND would leave, without changing the path. */
  const unwoundSum = (offset: number, depth: number, index: number): number => {
    const one = pathOne[offset + index]!;
    const zero = pathZero[offset + index]!;
    let total = 0;
    if (one !== 0) {
      let next = pathWeight[offset + depth]!;
      for (let i = depth - 1; i >= 0; i -= 1) {
        const weight = (next * (depth + 1)) / ((i + 1) * one);
        total += weight;
        next = pathWeight[offset + i]! - (weight * zero * (depth - i)) / (depth + 1);
      }
    } else {
      for (let i = depth - 1; i >= 0; i -= 1) total += (pathWeight[offset + i]! * (depth + 1)) / (zero * (depth - i));
    }
    return total;
  };

  const recurse = (node: number, level: number, depth: number, zero: number, one: number, splitFeature: number): void => {
    const offset = level * width;
    if (level > 0) {
      const parent = offset - width;
      for (let i = 0; i < depth; i += 1) {
        pathFeature[offset + i] = pathFeature[parent + i]!;
        pathZero[offset + i] = pathZero[parent + i]!;
        pathOne[offset + i] = pathOne[parent + i]!;
        pathWeight[offset + i] = pathWeight[parent + i]!;
      }
    }
    extend(offset, depth, zero, one, splitFeature);
    const split = feature[node]!;
    if (split < 0) {
      const leafValue = value[node]!;
      // Element 0 is the root's placeholder (feature -1), not a feature.
      for (let i = 1; i <= depth; i += 1) {
        phi[pathFeature[offset + i]!]! += unwoundSum(offset, depth, i) * (pathOne[offset + i]! - pathZero[offset + i]!) * leafValue;
      }
      return;
    }
    const goesTrue = takesTrueBranch(mode[node]!, row[split]!, threshold[node]!);
    const hot = goesTrue ? trueChild[node]! : falseChild[node]!;
    const cold = goesTrue ? falseChild[node]! : trueChild[node]!;
    let incomingZero = 1;
    let incomingOne = 1;
    let pathDepth = depth;
    // A feature met again on the path: undo its earlier element and fold its fractions into this split.
    for (let i = 1; i <= depth; i += 1) {
      if (pathFeature[offset + i] === split) {
        incomingZero = pathZero[offset + i]!;
        incomingOne = pathOne[offset + i]!;
        unwind(offset, depth, i);
        pathDepth -= 1;
        break;
      }
    }
    // A child whose zero and one fractions are both 0 has no weight in any coalition; skipping it
    // also avoids dividing by a zero fraction in UNWIND.
    const hotZero = incomingZero * shareOfParent[hot]!;
    if (hotZero !== 0 || incomingOne !== 0) recurse(hot, level + 1, pathDepth + 1, hotZero, incomingOne, split);
    const coldZero = incomingZero * shareOfParent[cold]!;
    if (coldZero !== 0) recurse(cold, level + 1, pathDepth + 1, coldZero, 0, split);
  };

  return {
    featureCount,
    postTransform: ensemble.postTransform,
    marginSpace: ensemble.postTransform === 'LOGISTIC' ? 'log-odds' : 'probability',
    baseValue,
    explain(input, contributions) {
      if (input.length !== featureCount) throw new RangeError(`row has ${input.length} values; the model expects ${featureCount}`);
      if (contributions.length !== featureCount) throw new RangeError(`contributions has ${contributions.length} slots; the model has ${featureCount} features`);
      contributions.fill(0);
      row = input;
      phi = contributions;
      let margin = ensemble.baseScore;
      for (const root of roots) {
        recurse(root, 0, 0, 1, 1, -1);
        margin += value[leafOf(ensemble, root, input)]!;
      }
      row = [];
      phi = new Float64Array(0);
      return margin;
    },
  };
}

/** The leaf of the tree rooted at `root` that `row` reaches. */
export function leafOf(ensemble: TreeEnsemble, root: number, row: ArrayLike<number>): number {
  let node = root;
  while (ensemble.feature[node]! >= 0) {
    const split = ensemble.feature[node]!;
    node = takesTrueBranch(ensemble.mode[node]!, row[split]!, ensemble.threshold[node]!) ? ensemble.trueChild[node]! : ensemble.falseChild[node]!;
  }
  return node;
}

/** Σ leaf value × the share of the root's cover that reaches the leaf. */
function expectedValue(
  root: number,
  feature: Int32Array,
  trueChild: Int32Array,
  falseChild: Int32Array,
  value: Float64Array,
  shareOfParent: Float64Array,
): number {
  let total = 0;
  const pending: number[] = [root, 1];
  while (pending.length > 0) {
    const share = pending.pop()!;
    const node = pending.pop()!;
    if (feature[node]! < 0) total += share * value[node]!;
    else pending.push(trueChild[node]!, share * shareOfParent[trueChild[node]!]!, falseChild[node]!, share * shareOfParent[falseChild[node]!]!);
  }
  return total;
}
