/**
 * Prometheus' `histogram_quantile`: linear interpolation inside the bucket the quantile falls in,
 * from cumulative bucket counts keyed by upper bound (`le`). Undefined without observations.
 */
export function histogramQuantile(quantile: number, buckets: readonly { le: number; count: number }[]): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total <= 0) return undefined;
  const rank = quantile * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      // Observations beyond the largest finite bound: the best answer is that bound (as Prometheus).
      if (bucket.le === Infinity) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      return inBucket <= 0 ? bucket.le : lowerBound + ((bucket.le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}

/**
 * Population stability index between two distributions over the same bins (shares summing to 1),
 * with a small floor so an empty bin does not make it infinite. Common reading: < 0.1 stable,
 * 0.1–0.25 moderate shift, > 0.25 major shift.
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  const floor = 1e-4;
  let psi = 0;
  expected.forEach((share, index) => {
    const e = Math.max(share, floor);
    const a = Math.max(actual[index] ?? 0, floor);
    psi += (a - e) * Math.log(a / e);
  });
  return psi;
}
