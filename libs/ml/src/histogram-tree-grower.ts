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

/** Bins per feature in a histogram: a byte's worth, whatever the feature uses. */
const binStride = 256;
/** Slots per bin: sum of gradients, sum of hessians, rows. */
const slots = 3;

/**
 * Grows trees for one binned training set, reusing its scratch buffers across trees (a boosting
 * run grows hundreds). Not thread-safe, which a worker never needs.
 */
export class HistogramTreeGrower {
  private readonly binCounts: Int32Array;
  private readonly histogramSize: number;
  private readonly pool: Float64Array[] = [];
  private readonly scratch: Uint32Array;

  constructor(
    private readonly data: BinnedRows,
    binsPerFeature: readonly number[],
    private readonly limits: TreeGrowthLimits,
  ) {
    this.binCounts = Int32Array.from(binsPerFeature);
    this.histogramSize = data.featureCount * binStride * slots;
    this.scratch = new Uint32Array(data.rowCount);
  }

  /**
   * One tree over the rows `rowIndex[0 … count)` (reordered in place), splitting only on
   * `features`. `gradient` and `hessian` are indexed by row.
   */
  grow(rowIndex: Uint32Array, count: number, features: Int32Array, gradient: Float64Array, hessian: Float64Array): GrownTree {
    const tree: GrownTree = { feature: [], splitBin: [], left: [], right: [], value: [], gain: [], rows: [] };
    const root = this.take();
    this.fill(root, rowIndex, 0, count, features, gradient, hessian);
    let sumGradient = 0;
    let sumHessian = 0;
    for (let index = 0; index < count; index += 1) {
      sumGradient += gradient[rowIndex[index]!]!;
      sumHessian += hessian[rowIndex[index]!]!;
    }
    this.growNode(tree, root, rowIndex, 0, count, 0, sumGradient, sumHessian, features, gradient, hessian);
    return tree;
  }

  private growNode(
    tree: GrownTree, histogram: Float64Array, rowIndex: Uint32Array, start: number, end: number, depth: number,
    sumGradient: number, sumHessian: number, features: Int32Array, gradient: Float64Array, hessian: Float64Array,
  ): number {
    const { lambda, maxDepth, minLeafRows, minChildWeight, learningRate } = this.limits;
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.splitBin.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.gain.push(0);
    tree.rows.push(end - start);

    const parentScore = (sumGradient * sumGradient) / (sumHessian + lambda);
    let bestGain = 0;
    let bestFeature = -1;
    let bestBin = 0;
    let bestLeftGradient = 0;
    let bestLeftHessian = 0;
    const rows = end - start;
    if (depth < maxDepth && rows >= 2 * minLeafRows && sumHessian >= 2 * minChildWeight) {
      for (let k = 0; k < features.length; k += 1) {
        const feature = features[k]!;
        const bins = this.binCounts[feature]!;
        let leftGradient = 0;
        let leftHessian = 0;
        let leftRows = 0;
        for (let bin = 0; bin < bins - 1; bin += 1) {
          const offset = (feature * binStride + bin) * slots;
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
    }
    if (bestFeature < 0) {
      tree.value[node] = Math.fround((-sumGradient / (sumHessian + lambda)) * learningRate);
      this.release(histogram);
      return node;
    }

    const middle = this.partition(rowIndex, start, end, bestFeature, bestBin);
    // Histogram subtraction: build the smaller child's histogram from its rows, and turn the
    // parent's into the larger child's by subtracting it (LightGBM §3; half the work or less).
    const leftIsSmaller = middle - start <= end - middle;
    const smaller = this.take();
    if (leftIsSmaller) this.fill(smaller, rowIndex, start, middle, features, gradient, hessian);
    else this.fill(smaller, rowIndex, middle, end, features, gradient, hessian);
    this.subtract(histogram, smaller, features);
    const leftHistogram = leftIsSmaller ? smaller : histogram;
    const rightHistogram = leftIsSmaller ? histogram : smaller;

    tree.feature[node] = bestFeature;
    tree.splitBin[node] = bestBin;
    tree.gain[node] = bestGain / 2;
    tree.left[node] = this.growNode(tree, leftHistogram, rowIndex, start, middle, depth + 1, bestLeftGradient, bestLeftHessian, features, gradient, hessian);
    tree.right[node] = this.growNode(
      tree, rightHistogram, rowIndex, middle, end, depth + 1, sumGradient - bestLeftGradient, sumHessian - bestLeftHessian, features, gradient, hessian,
    );
    return node;
  }

  /** Stable partition of `rowIndex[start … end)`: rows with bin ≤ `splitBin` first. Returns the boundary. */
  private partition(rowIndex: Uint32Array, start: number, end: number, feature: number, splitBin: number): number {
    const { bins, featureCount } = this.data;
    let write = start;
    let spilled = 0;
    for (let index = start; index < end; index += 1) {
      const row = rowIndex[index]!;
      if (bins[row * featureCount + feature]! <= splitBin) rowIndex[write++] = row;
      else this.scratch[spilled++] = row;
    }
    rowIndex.set(this.scratch.subarray(0, spilled), write);
    return write;
  }

  private fill(histogram: Float64Array, rowIndex: Uint32Array, start: number, end: number, features: Int32Array, gradient: Float64Array, hessian: Float64Array): void {
    const { bins, featureCount } = this.data;
    for (let k = 0; k < features.length; k += 1) {
      const from = features[k]! * binStride * slots;
      histogram.fill(0, from, from + binStride * slots);
    }
    for (let index = start; index < end; index += 1) {
      const row = rowIndex[index]!;
      const g = gradient[row]!;
      const h = hessian[row]!;
      const base = row * featureCount;
      for (let k = 0; k < features.length; k += 1) {
        const feature = features[k]!;
        const offset = (feature * binStride + bins[base + feature]!) * slots;
        histogram[offset]! += g;
        histogram[offset + 1]! += h;
        histogram[offset + 2]! += 1;
      }
    }
  }

  private subtract(from: Float64Array, part: Float64Array, features: Int32Array): void {
    for (let k = 0; k < features.length; k += 1) {
      const start = features[k]! * binStride * slots;
      for (let offset = start; offset < start + binStride * slots; offset += 1) from[offset]! -= part[offset]!;
    }
  }

  private take(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.histogramSize);
  }

  private release(histogram: Float64Array): void {
    this.pool.push(histogram);
  }
}

/** The leaf a binned row reaches in a grown tree. */
export function grownLeafOf(tree: GrownTree, bins: Uint8Array, rowOffset: number): number {
  let node = 0;
  while (tree.left[node]! >= 0) node = bins[rowOffset + tree.feature[node]!]! <= tree.splitBin[node]! ? tree.left[node]! : tree.right[node]!;
  return node;
}
