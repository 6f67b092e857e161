/**
 * Quantile binning for histogram-based boosting (as LightGBM and XGBoost `hist` do): every
 * feature value is replaced by a small bin number once, so a split search sums gradients into at
 * most 255 buckets per feature instead of sorting rows at every node.
 */
import { smallestFloat32AtLeast } from './float32.ts';

/** The most bins a feature may have: bin numbers fit a byte. */
export const maxBinCount = 255;

/**
 * Bin edges per feature, ascending float32 values. A value's bin is the number of edges ≤ it, so
 * "bin ≤ b" means exactly `Math.fround(x) < edges[b]` — the `BRANCH_LT` test ONNX Runtime applies
 * to float32 inputs, which is why a split on bins exports without any rounding gap.
 */
export type BinEdges = readonly Float32Array[];

/** Rows as bin numbers, row-major (`bins[row × featureCount + feature]`). */
export interface BinnedRows {
  readonly rowCount: number;
  readonly featureCount: number;
  readonly bins: Uint8Array;
}

/**
 * Edges that cut each feature of `rows` into at most `maxBins` bins holding about equal numbers
 * of rows. A feature with few distinct values gets one bin per value. Each edge lies halfway
 * between two neighbouring distinct (float32) values, rounded up to a float32, so unseen values
 * between them fall on the nearer side rather than always on one.
 *
 * @throws RangeError when `maxBins` is not an integer in [2, 255].
 */
export function computeBinEdges(rows: readonly ArrayLike<number>[], featureCount: number, maxBins = maxBinCount): BinEdges {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > maxBinCount) {
    throw new RangeError(`maxBins is ${maxBins}; expected an integer from 2 to ${maxBinCount}`);
  }
  const column = new Float64Array(rows.length);
  const edges: Float32Array[] = [];
  for (let feature = 0; feature < featureCount; feature += 1) {
    for (let row = 0; row < rows.length; row += 1) column[row] = Math.fround(rows[row]![feature]!);
    column.sort();
    edges.push(edgesOfSortedColumn(column, maxBins));
  }
  return edges;
}

function edgesOfSortedColumn(sorted: Float64Array, maxBins: number): Float32Array {
  const distinct: number[] = [];
  for (let index = 0; index < sorted.length; index += 1) {
    if (index === 0 || sorted[index] !== sorted[index - 1]) distinct.push(sorted[index]!);
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let index = 1; index < distinct.length; index += 1) cuts.push(distinct[index]!);
  } else {
    // The value at each quantile starts a new bin; repeated values collapse into one cut.
    for (let bin = 1; bin < maxBins; bin += 1) {
      const value = sorted[Math.floor((bin * sorted.length) / maxBins)]!;
      if (value > sorted[0]! && value !== cuts.at(-1)) cuts.push(value);
    }
  }
  return Float32Array.from(cuts, (cut) => smallestFloat32AtLeast((largestBelow(sorted, cut) + cut) / 2));
}

/** The largest value of `sorted` below `value` (which is in `sorted` and not its first). */
function largestBelow(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return sorted[low - 1]!;
}

/** The bin of one value: how many edges are ≤ `Math.fround(value)`. */
export function binOf(edges: Float32Array, value: number): number {
  const x = Math.fround(value);
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (edges[middle]! <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Every row of `rows` as bin numbers under `edges`. */
export function binRows(rows: readonly ArrayLike<number>[], edges: BinEdges): BinnedRows {
  const featureCount = edges.length;
  const bins = new Uint8Array(rows.length * featureCount);
  for (let row = 0; row < rows.length; row += 1) {
    const values = rows[row]!;
    for (let feature = 0; feature < featureCount; feature += 1) bins[row * featureCount + feature] = binOf(edges[feature]!, values[feature]!);
  }
  return { rowCount: rows.length, featureCount, bins };
}
