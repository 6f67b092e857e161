/**
 * Grows one regression tree on gradients and hessians over binned rows: the inner loop of
 * gradient boosting (Chen & Guestrin 2016, "XGBoost", §2.2 and §3.3; the histogram subtraction of
 * Ke et al. 2017, "LightGBM"). Everything per row lives in typed arrays; nodes are a handful of
 * numbers in growing arrays.
 */
import type { BinnedRows } from './histogram-binning.ts';

/** Limits of one tree. */
export interface TreeGrowthLimits {
  readonly maxDepth: number;
  /** Rows each child must keep at least. */
  readonly minLeafRows: number;
  /** Sum of hessians each child must keep at least (XGBoost `min_child_weight`). */
  readonly minChildWeight: number;
  /** L2 penalty on leaf values (XGBoost `lambda`). */
  readonly lambda: number;
  /** Multiplies every leaf value (shrinkage, XGBoost `eta`). */
  readonly learningRate: number;
}

/**
 * A grown tree as parallel arrays. Node 0 is the root; `left[node] === -1` marks a leaf. A row
 * goes left when its bin of `feature[node]` is ≤ `splitBin[node]`.
 */
export interface GrownTree {
  readonly feature: number[];
  readonly splitBin: number[];
  readonly left: number[];
  readonly right: number[];
  /** Leaf value (a float32, shrinkage applied); 0 on inner nodes. */
  readonly value: number[];
  /** Loss reduction of the split; 0 on leaves. */
  readonly gain: number[];
  /** Rows that reached the node. */
  readonly rows: number[];
}

/** Slots per bin: sum of gradients, sum of hessians, rows. */
const slots = 3;

/**
 * Grows trees for one binned training set, reusing its scratch buffers across trees (a boosting
 * run grows hundreds). Not thread-safe, which a worker never needs.
 *
 * A histogram holds each feature's bins back to back (`featureStart`), sized by the bins the
 * feature really has: a 3-value category takes 3 bins, not the widest feature's count, which
 * keeps clearing, subtracting and scanning histograms proportional to the data's real resolution.
 */
export class HistogramTreeGrower {
  private readonly binCounts: Int32Array;
  /** Index of each feature's first slot in a histogram. */
  private readonly featureStart: Int32Array;
  private readonly histogramSize: number;
  private readonly pool: Float64Array[] = [];
  private readonly scratch: Uint32Array;
  /** After {@link grow}: the rows that reached each node are `rowIndex[nodeStart[node] … nodeEnd[node])`. */
  readonly nodeStart: number[] = [];
  readonly nodeEnd: number[] = [];

  constructor(
    private readonly data: BinnedRows,
    binsPerFeature: readonly number[],
    private readonly limits: TreeGrowthLimits,
  ) {
    this.binCounts = Int32Array.from(binsPerFeature);
    this.featureStart = new Int32Array(binsPerFeature.length);
    let size = 0;
    binsPerFeature.forEach((bins, feature) => {
      this.featureStart[feature] = size;
      size += bins * slots;
    });
    this.histogramSize = size;
    this.scratch = new Uint32Array(data.rowCount);
  }

  /**
   * One tree over the rows `rowIndex[0 … count)` (reordered in place, grouped by leaf), splitting
   * only on `features`. Row r's gradient is `gradients[2r]` and its hessian `gradients[2r + 1]`:
   * side by side, a row's pair is one memory read.
   */
  grow(rowIndex: Uint32Array, count: number, features: Int32Array, gradients: Float64Array): GrownTree {
    const tree: GrownTree = { feature: [], splitBin: [], left: [], right: [], value: [], gain: [], rows: [] };
    this.nodeStart.length = 0;
    this.nodeEnd.length = 0;
    let sumGradient = 0;
    let sumHessian = 0;
    for (let index = 0; index < count; index += 1) {
      const row = rowIndex[index]!;
      sumGradient += gradients[2 * row]!;
      sumHessian += gradients[2 * row + 1]!;
    }
    let root: Float64Array | undefined;
    if (this.canSplit(0, count, sumHessian)) {
      root = this.take();
      this.fill(root, rowIndex, 0, count, features, gradients);
    }
    this.growNode(tree, root, rowIndex, 0, count, 0, sumGradient, sumHessian, features, gradients);
    return tree;
  }

  /** Whether a node may be split at all: only then is its histogram worth building. */
  private canSplit(depth: number, rows: number, sumHessian: number): boolean {
    const { maxDepth, minLeafRows, minChildWeight } = this.limits;
    return depth < maxDepth && rows >= 2 * minLeafRows && sumHessian >= 2 * minChildWeight;
  }

  private growNode(
    tree: GrownTree, histogram: Float64Array | undefined, rowIndex: Uint32Array, start: number, end: number, depth: number,
    sumGradient: number, sumHessian: number, features: Int32Array, gradients: Float64Array,
  ): number {
    const { lambda, learningRate } = this.limits;
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.splitBin.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.gain.push(0);
    tree.rows.push(end - start);
    this.nodeStart.push(start);
    this.nodeEnd.push(end);

    const best = histogram ? this.bestSplit(histogram, end - start, sumGradient, sumHessian, features) : undefined;
    if (!best) {
      tree.value[node] = Math.fround((-sumGradient / (sumHessian + lambda)) * learningRate);
      if (histogram) this.release(histogram);
      return node;
    }

    const middle = this.partition(rowIndex, start, end, best.feature, best.bin);
    const rightGradient = sumGradient - best.leftGradient;
    const rightHessian = sumHessian - best.leftHessian;
    const [leftHistogram, rightHistogram] = this.childHistograms(
      histogram!, rowIndex, start, middle, end, this.canSplit(depth + 1, middle - start, best.leftHessian), this.canSplit(depth + 1, end - middle, rightHessian),
      features, gradients,
    );
    tree.feature[node] = best.feature;
    tree.splitBin[node] = best.bin;
    tree.gain[node] = best.gain / 2;
    tree.left[node] = this.growNode(tree, leftHistogram, rowIndex, start, middle, depth + 1, best.leftGradient, best.leftHessian, features, gradients);
    tree.right[node] = this.growNode(tree, rightHistogram, rowIndex, middle, end, depth + 1, rightGradient, rightHessian, features, gradients);
    return node;
  }

  /**
   * The histograms of the children that may split (undefined for one that will be a leaf). The
   * smaller child's is built from its rows and the larger's is the parent's minus it (LightGBM
   * §3; half the work or less); a child that will be a leaf needs none.
   */
  private childHistograms(
    parent: Float64Array, rowIndex: Uint32Array, start: number, middle: number, end: number, leftSplits: boolean, rightSplits: boolean,
    features: Int32Array, gradients: Float64Array,
  ): [Float64Array | undefined, Float64Array | undefined] {
    if (!leftSplits && !rightSplits) {
      this.release(parent);
      return [undefined, undefined];
    }
    const leftIsSmaller = middle - start <= end - middle;
    const smaller = this.take();
    if (leftIsSmaller) this.fill(smaller, rowIndex, start, middle, features, gradients);
    else this.fill(smaller, rowIndex, middle, end, features, gradients);
    const largerSplits = leftIsSmaller ? rightSplits : leftSplits;
    let larger: Float64Array | undefined;
    if (largerSplits) {
      this.subtract(parent, smaller, features);
      larger = parent;
    } else {
      this.release(parent);
    }
    let smallerKept: Float64Array | undefined = smaller;
    if (!(leftIsSmaller ? leftSplits : rightSplits)) {
      this.release(smaller);
      smallerKept = undefined;
    }
    return leftIsSmaller ? [smallerKept, larger] : [larger, smallerKept];
  }

  /** The split with the largest gain over the histogram, or undefined when none gains anything. */
  private bestSplit(
    histogram: Float64Array, rows: number, sumGradient: number, sumHessian: number, features: Int32Array,
  ): { feature: number; bin: number; gain: number; leftGradient: number; leftHessian: number } | undefined {
    const { lambda, minLeafRows, minChildWeight } = this.limits;
    const parentScore = (sumGradient * sumGradient) / (sumHessian + lambda);
    let bestGain = 0;
    let bestFeature = -1;
    let bestBin = 0;
    let bestLeftGradient = 0;
    let bestLeftHessian = 0;
    for (let k = 0; k < features.length; k += 1) {
      const feature = features[k]!;
      const bins = this.binCounts[feature]!;
      const first = this.featureStart[feature]!;
      let leftGradient = 0;
      let leftHessian = 0;
      let leftRows = 0;
      for (let bin = 0; bin < bins - 1; bin += 1) {
        const offset = first + bin * slots;
        leftGradient += histogram[offset]!;
        leftHessian += histogram[offset + 1]!;
        leftRows += histogram[offset + 2]!;
        if (leftRows < minLeafRows || leftHessian < minChildWeight) continue;
        const rightRows = rows - leftRows;
        const rightHessian = sumHessian - leftHessian;
        if (rightRows < minLeafRows || rightHessian < minChildWeight) break;
        const rightGradient = sumGradient - leftGradient;
        // Twice the loss reduction (XGBoost eq. 7 without γ); halved when stored.
        const gain = (leftGradient * leftGradient) / (leftHessian + lambda) + (rightGradient * rightGradient) / (rightHessian + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = feature;
          bestBin = bin;
          bestLeftGradient = leftGradient;
          bestLeftHessian = leftHessian;
        }
      }
    }
    return bestFeature < 0 ? undefined : { feature: bestFeature, bin: bestBin, gain: bestGain, leftGradient: bestLeftGradient, leftHessian: bestLeftHessian };
  }

  /** Stable partition of `rowIndex[start … end)`: rows with bin ≤ `splitBin` first. Returns the boundary. */
  private partition(rowIndex: Uint32Array, start: number, end: number, feature: number, splitBin: number): number {
    const { bins, rowCount } = this.data;
    const column = feature * rowCount;
    let write = start;
    let spilled = 0;
    for (let index = start; index < end; index += 1) {
      const row = rowIndex[index]!;
      if (bins[column + row]! <= splitBin) rowIndex[write++] = row;
      else this.scratch[spilled++] = row;
    }
    rowIndex.set(this.scratch.subarray(0, spilled), write);
    return write;
  }

  /** Sums the rows `rowIndex[start … end)` into `histogram`, one feature (one column, one region) at a time. */
  private fill(histogram: Float64Array, rowIndex: Uint32Array, start: number, end: number, features: Int32Array, gradients: Float64Array): void {
    const { bins, rowCount } = this.data;
    const { featureStart, binCounts } = this;
    for (let k = 0; k < features.length; k += 1) {
      const feature = features[k]!;
      const first = featureStart[feature]!;
      histogram.fill(0, first, first + binCounts[feature]! * slots);
      const column = feature * rowCount;
      for (let index = start; index < end; index += 1) {
        const row = rowIndex[index]!;
        const offset = first + bins[column + row]! * slots;
        histogram[offset]! += gradients[2 * row]!;
        histogram[offset + 1]! += gradients[2 * row + 1]!;
        histogram[offset + 2]! += 1;
      }
    }
  }

  private subtract(from: Float64Array, part: Float64Array, features: Int32Array): void {
    for (let k = 0; k < features.length; k += 1) {
      const start = this.featureStart[features[k]!]!;
      const end = start + this.binCounts[features[k]!]! * slots;
      for (let offset = start; offset < end; offset += 1) from[offset]! -= part[offset]!;
    }
  }

  private take(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.histogramSize);
  }

  private release(histogram: Float64Array): void {
    this.pool.push(histogram);
  }
}

/** The leaf that row `row` of `data` reaches in a grown tree. */
export function grownLeafOf(tree: GrownTree, data: BinnedRows, row: number): number {
  const { bins, rowCount } = data;
  let node = 0;
  while (tree.left[node]! >= 0) node = bins[tree.feature[node]! * rowCount + row]! <= tree.splitBin[node]! ? tree.left[node]! : tree.right[node]!;
  return node;
}
