/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent Individualized Feature
 * Attribution for Tree Ensembles"; https://arxiv.org/abs/1802.03888) over a {@link TreeEnsemble}
 * read from the served ONNX model, computed leaf by leaf with per-leaf tables as "Fast TreeSHAP"
 * v2 does (path-subset-weights.ts).
 *
 * The explained function is the ensemble's margin: `baseScore + Σ leaf weights`, i.e. the
 * probability itself for post_transform NONE (the random forest) and the log-odds for LOGISTIC
 * (boosted trees). SHAP values are additive only in that space, so they are reported there.
 * "Path-dependent" means a feature left out of a coalition is integrated out with the node covers
 * (the share of training rows that went each way at each split), which is why the model must
 * carry `nodes_hitrates`.
 *
 * Cost per row: O(split nodes + Σ over leaves (sibling leaves in pairs) of their distinct path features), against
 * O(trees · leaves · depth²) for Algorithm 2 of the paper, with no allocation once the explainer
 * is built. The tables take 2^d · d numbers for a leaf whose path splits on d distinct features;
 * leaves past {@link TreeExplainerOptions.maxTableEntries} are computed per row in O(d³) instead.
 */
import { fillLeafContributions, fillPairContributions, pairKey, shapleyWeights, subsetWeight } from './path-subset-weights.ts';
import { layOut, maxDistinctFeatures, pairSiblingLeaves } from './tree-shap-layout.ts';
import { takesTrueBranch, TreeEnsembleFormatError, type PostTransform, type TreeEnsemble } from './onnx-tree-ensemble.ts';

/** Explains rows of one ensemble. Not re-entrant: it reuses scratch buffers (JavaScript is single-threaded). */
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
  /**
   * {@link explain} for `margins.length` rows laid out back to back in `rows` (row-major, as ONNX
   * Runtime takes them): row r's values go to `contributions[r · featureCount …]` and its margin
   * to `margins[r]`. It works tree by tree, so a tree's nodes and tables stay in the processor's
   * cache across all the rows; the values are exactly those of {@link explain}.
   *
   * @throws RangeError when `rows` or `contributions` does not hold `margins.length` rows.
   */
  explainBatch(rows: ArrayLike<number>, contributions: Float64Array, margins: Float64Array): void;
}

/** Options of {@link createTreeExplainer}. */
export interface TreeExplainerOptions {
  /**
   * Most numbers the per-leaf tables may hold in all (8 bytes each); leaves past it are computed
   * per row. The trainer's models need well under 200,000.
   * @default {@link defaultMaxTableEntries}
   */
  readonly maxTableEntries?: number;
}

/** 4,194,304 table entries: 32 MiB. */
export const defaultMaxTableEntries = 4_194_304;

/**
 * Prepares an ensemble for explaining: the fraction of each node's cover that each child holds,
 * the expected margin, and each leaf's table of contributions by hot set.
 *
 * @throws TreeEnsembleFormatError when the ensemble carries no node covers.
 */
export function createTreeExplainer(ensemble: TreeEnsemble, options: TreeExplainerOptions = {}): TreeExplainer {
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

  const layout = layOut(ensemble, shareOfParent);
  const { splitOrder, splitBit, leafNode, featureStart, pathFeature, zero } = layout;
  const units = pairSiblingLeaves(ensemble, splitOrder, splitBit, leafNode);
  const unitCount = units.left.length;
  // Units are in leaf order, so each tree's are consecutive too.
  const unitTreeEnd = new Int32Array(roots.length);
  for (let tree = 0, unit = 0; tree < roots.length; tree += 1) {
    while (unit < unitCount && units.left[unit]! < layout.treeLeafEnd[tree]!) unit += 1;
    unitTreeEnd[tree] = unit;
  }
  // Each unit's contributions by key (below) while the budget lasts; -1: none.
  const tableStart = new Int32Array(unitCount).fill(-1);
  let tableSize = 0;
  const budget = options.maxTableEntries ?? defaultMaxTableEntries;
  for (let unit = 0; unit < unitCount; unit += 1) {
    const left = units.left[unit]!;
    const d = featureStart[left + 1]! - featureStart[left]!;
    const entries = 2 ** d * d * (units.right[unit]! >= 0 ? 2 : 1);
    if (tableSize + entries > budget) continue;
    tableStart[unit] = tableSize;
    tableSize += entries;
  }
  const table = new Float64Array(tableSize);
  const leafWeights: Float64Array[] = [];
  for (let unit = 0; unit < unitCount; unit += 1) {
    const left = units.left[unit]!;
    const right = units.right[unit]!;
    const first = featureStart[left]!;
    const d = featureStart[left + 1]! - first;
    const zeroOf = (leaf: number) => zero.subarray(featureStart[leaf]!, featureStart[leaf]! + d);
    if (tableStart[unit]! < 0) {
      leafWeights[left] = shapleyWeights(d);
      if (right >= 0) leafWeights[right] = shapleyWeights(d);
    } else if (right < 0) {
      fillLeafContributions(zeroOf(left), d, value[leafNode[left]!]!, table, tableStart[unit]!);
    } else {
      fillPairContributions(zeroOf(left), zeroOf(right), d, value[leafNode[left]!]!, value[leafNode[right]!]!, units.bit[unit]!, table, tableStart[unit]!);
    }
  }

  // The split nodes' fields in walk order, so the per-row pass reads them front to back.
  const splitNode = splitOrder;
  const splitFeature = Int32Array.from(splitOrder, (node) => feature[node]!);
  const splitThreshold = Float64Array.from(splitOrder, (node) => threshold[node]!);
  const splitMode = Uint8Array.from(splitOrder, (node) => mode[node]!);
  const splitTrue = Int32Array.from(splitOrder, (node) => trueChild[node]!);
  const splitFalse = Int32Array.from(splitOrder, (node) => falseChild[node]!);
  const hotSet = new Int32Array(nodeCount);
  const members = new Float64Array(maxDistinctFeatures);
  const scratch = new Float64Array(maxDistinctFeatures + 1);

  /** v · Q(T) (path-subset-weights.ts) of a leaf without a table, T a bit mask over its distinct features. */
  const weightOf = (leaf: number, subset: number): number => {
    const first = featureStart[leaf]!;
    const d = featureStart[leaf + 1]! - first;
    let size = 0;
    for (let j = 0; j < d; j += 1) if ((subset >>> j) & 1) members[size++] = zero[first + j]!;
    return value[leafNode[leaf]!]! * subsetWeight(members, size, leafWeights[leaf]!, scratch);
  };

  /** Adds a table-less leaf's contributions for hot set `hot` (the formulas of path-subset-weights.ts). */
  const addWithoutTable = (leaf: number, hot: number, full: number, contributions: Float64Array, rowStart: number): void => {
    const first = featureStart[leaf]!;
    const d = featureStart[leaf + 1]! - first;
    let coldZero = 1;
    for (let j = 0; j < d; j += 1) if (((hot >>> j) & 1) === 0) coldZero *= zero[first + j]!;
    if (coldZero === 0) return;
    const coldTerm = hot === full ? 0 : coldZero * weightOf(leaf, hot);
    for (let j = 0; j < d; j += 1) {
      const bit = 1 << j;
      const slot = rowStart + pathFeature[first + j]!;
      if (hot & bit) contributions[slot]! += (1 - zero[first + j]!) * coldZero * weightOf(leaf, hot ^ bit);
      else contributions[slot]! -= coldTerm;
    }
  };

  /** The rows' SHAP values and margins, tree by tree (see {@link TreeExplainer.explainBatch}). */
  const explainRows = (rows: ArrayLike<number>, contributions: Float64Array, margins: Float64Array): void => {
    const rowCount = margins.length;
    contributions.fill(0);
    margins.fill(ensemble.baseScore);
    for (let tree = 0; tree < roots.length; tree += 1) {
      const root = roots[tree]!;
      const splitsTo = layout.treeSplitEnd[tree]!;
      const unitsFrom = tree === 0 ? 0 : unitTreeEnd[tree - 1]!;
      const unitsTo = unitTreeEnd[tree]!;
      for (let row = 0; row < rowCount; row += 1) {
        const rowStart = row * featureCount;
        // H per node: the local bits of the features whose every split above the node the row
        // takes as the path to the node does. A child inherits its parent's H, less the bit of a
        // split the row would take the other way.
        hotSet[root] = -1;
        for (let index = tree === 0 ? 0 : layout.treeSplitEnd[tree - 1]!; index < splitsTo; index += 1) {
          const hot = hotSet[splitNode[index]!]!;
          // 1 when the row takes the true branch; the bit is cleared on the other child without a
          // branch, since which way a row goes is as good as random to the processor.
          const goesTrue = takesTrueBranch(splitMode[index]!, rows[rowStart + splitFeature[index]!]!, splitThreshold[index]!) ? 1 : 0;
          const bit = splitBit[index]!;
          hotSet[splitTrue[index]!] = hot & ~(bit & (goesTrue - 1));
          hotSet[splitFalse[index]!] = hot & ~(bit & -goesTrue);
        }
        let margin = margins[row]!;
        for (let unit = unitsFrom; unit < unitsTo; unit += 1) {
          const left = units.left[unit]!;
          const right = units.right[unit]!;
          const first = featureStart[left]!;
          const d = featureStart[left + 1]! - first;
          const full = d === 0 ? 0 : 0xffffffff >>> (32 - d);
          const hotLeft = hotSet[leafNode[left]!]! & full;
          if (hotLeft === full) margin += value[leafNode[left]!]!;
          let key = hotLeft;
          let hotRight = 0;
          if (right >= 0) {
            hotRight = hotSet[leafNode[right]!]! & full;
            if (hotRight === full) margin += value[leafNode[right]!]!;
            key = pairKey(hotLeft, hotRight, units.bit[unit]!);
          }
          const start = tableStart[unit]!;
          if (start < 0) {
            addWithoutTable(left, hotLeft, full, contributions, rowStart);
            if (right >= 0) addWithoutTable(right, hotRight, full, contributions, rowStart);
            continue;
          }
          const at = start + key * d;
          for (let j = 0; j < d; j += 1) contributions[rowStart + pathFeature[first + j]!]! += table[at + j]!;
        }
        margins[row] = margin;
      }
    }
  };
  const oneMargin = new Float64Array(1);

  return {
    featureCount,
    postTransform: ensemble.postTransform,
    marginSpace: ensemble.postTransform === 'LOGISTIC' ? 'log-odds' : 'probability',
    baseValue,
    explain(row, contributions) {
      if (row.length !== featureCount) throw new RangeError(`row has ${row.length} values; the model expects ${featureCount}`);
      if (contributions.length !== featureCount) throw new RangeError(`contributions has ${contributions.length} slots; the model has ${featureCount} features`);
      explainRows(row, contributions, oneMargin);
      return oneMargin[0]!;
    },
    explainBatch(rows, contributions, margins) {
      const expected = margins.length * featureCount;
      if (rows.length !== expected) throw new RangeError(`rows has ${rows.length} values; ${margins.length} rows of the model's ${featureCount} features are ${expected}`);
      if (contributions.length !== expected) throw new RangeError(`contributions has ${contributions.length} slots; ${margins.length} rows of ${featureCount} features need ${expected}`);
      explainRows(rows, contributions, margins);
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
