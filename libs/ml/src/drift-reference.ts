/**
 * Reference statistics of the training data, saved with the model so that live inputs can be
 * compared with what the model learned from (the drift job, docs/architecture.md, "6. Watched, and retrained").
 * Plain JSON; nothing here depends on the use case.
 */

/** The quantiles every feature reference records. */
export const referenceQuantileLevels = { p01: 0.01, p05: 0.05, p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

/** Names of the recorded quantiles. */
export type QuantileName = keyof typeof referenceQuantileLevels;

/** Reference statistics of one feature. */
export interface FeatureReference {
  readonly name: string;
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for a single row. */
  readonly standardDeviation: number;
  readonly min: number;
  readonly max: number;
  readonly quantiles: Readonly<Record<QuantileName, number>>;
  /**
   * Inner histogram edges, ascending and distinct: the training quantiles at 1/bins … (bins−1)/bins.
   * Bin i holds values in (edges[i−1], edges[i]]; the first bin is open below, the last above,
   * so live values outside the training range still land in a bin. A feature with few distinct
   * values (a category code) gets fewer edges.
   */
  readonly binEdges: readonly number[];
  /** Training rows per bin; `binEdges.length + 1` entries. */
  readonly binCounts: readonly number[];
  /**
   * Training quantiles at levels 0, 1/(k−1), …, 1 (k = sketch size): a compact reference
   * distribution for the Kolmogorov–Smirnov statistic, accurate to about 1/(k−1).
   */
  readonly cdfSketch: readonly number[];
}

/** Reference statistics of every feature, in column order. */
export interface ReferenceStatistics {
  readonly schemaVersion: 1;
  readonly rows: number;
  readonly features: readonly FeatureReference[];
}

/** Options of {@link computeReferenceStatistics}. */
export interface ReferenceOptions {
  /**
   * Histogram bins per feature (deciles by default, the usual PSI layout).
   * @default 10
   */
  readonly bins?: number;
  /**
   * Quantiles kept for the KS statistic (201 = every half percentile).
   * @default 201
   */
  readonly sketchSize?: number;
}

/**
 * Reference statistics of each column of `rows`.
 *
 * @throws RangeError when there are no rows, a row has the wrong width, or an option is out of range.
 */
export function computeReferenceStatistics(
  data: { readonly featureNames: readonly string[]; readonly rows: readonly ArrayLike<number>[] },
  options: ReferenceOptions = {},
): ReferenceStatistics {
  const bins = options.bins ?? 10;
  const sketchSize = options.sketchSize ?? 201;
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins is ${bins}; expected an integer ≥ 2`);
  if (!Number.isInteger(sketchSize) || sketchSize < 2) throw new RangeError(`sketchSize is ${sketchSize}; expected an integer ≥ 2`);
  if (data.rows.length === 0) throw new RangeError('cannot compute reference statistics of zero rows');
  const features = data.featureNames.map((name, column) => {
    const values = Float64Array.from(data.rows, (row, index) => {
      if (row.length !== data.featureNames.length) throw new RangeError(`row ${index} has ${row.length} values; expected ${data.featureNames.length}`);
      return row[column]!;
    }).sort();
    return describeFeature(name, values, bins, sketchSize);
  });
  return { schemaVersion: 1, rows: data.rows.length, features };
}

function describeFeature(name: string, sorted: Float64Array, bins: number, sketchSize: number): FeatureReference {
  const count = sorted.length;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / count;
  const squares = sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const quantiles = Object.fromEntries(
    Object.entries(referenceQuantileLevels).map(([key, level]) => [key, quantileOfSorted(sorted, level)]),
  ) as Record<QuantileName, number>;
  const binEdges = [...new Set(Array.from({ length: bins - 1 }, (_, index) => quantileOfSorted(sorted, (index + 1) / bins)))];
  return {
    name,
    count,
    mean,
    standardDeviation: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    min: sorted[0]!,
    max: sorted[count - 1]!,
    quantiles,
    binEdges,
    binCounts: histogramCounts(sorted, binEdges),
    cdfSketch: Array.from({ length: sketchSize }, (_, index) => quantileOfSorted(sorted, index / (sketchSize - 1))),
  };
}

/**
 * The quantile at `level` of ascending values, interpolating linearly between order statistics
 * (Hyndman & Fan type 7, NumPy's and R's default).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, level: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * level;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below]!;
  return lower + (sorted[above]! - lower) * (position - below);
}

/** Counts of values per bin of the inner `edges` (bin i holds (edges[i−1], edges[i]]). */
export function histogramCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index]!;
    // First edge ≥ value, by binary search.
    let low = 0;
    let high = edges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (edges[middle]! < value) low = middle + 1;
      else high = middle;
    }
    counts[low]! += 1;
  }
  return counts;
}
