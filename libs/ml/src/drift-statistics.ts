/**
 * Drift statistics of live inputs against the training reference: the Population Stability
 * Index over the reference histogram and the two-sample Kolmogorov–Smirnov statistic.
 *
 * Convention (the credit-scoring rule of thumb the drift alerts use): PSI < 0.1 stable,
 * 0.1–0.2 moderate shift, > 0.2 significant shift — a feature is reported as drifted when its
 * PSI exceeds 0.2. The KS p-value is reported beside it but does not decide: with thousands of
 * live rows it calls even negligible shifts significant.
 */
import { histogramCounts, type FeatureReference, type ReferenceStatistics } from './drift-reference.ts';

/** PSI above which a feature counts as drifted. */
export const significantPsi = 0.2;
/** PSI above which a shift is reported as moderate. */
export const moderatePsi = 0.1;
/**
 * Proportion used in place of an empty bin: ln(0) is undefined, so a bin empty on one side
 * contributes as if it held 0.01 % of the rows — large enough to flag a new region, bounded.
 */
export const psiEpsilon = 1e-4;

/**
 * PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) over bins, with eᵢ and aᵢ the expected (reference) and actual
 * proportions, each at least {@link psiEpsilon}.
 *
 * @throws RangeError when the count lists differ in length or one side is empty.
 */
export function populationStabilityIndex(expectedCounts: readonly number[], actualCounts: readonly number[], epsilon = psiEpsilon): number {
  if (expectedCounts.length !== actualCounts.length) {
    throw new RangeError(`${expectedCounts.length} expected bins but ${actualCounts.length} actual bins; expected the same bins`);
  }
  const expectedTotal = expectedCounts.reduce((sum, value) => sum + value, 0);
  const actualTotal = actualCounts.reduce((sum, value) => sum + value, 0);
  if (expectedTotal === 0 || actualTotal === 0) throw new RangeError('PSI needs at least one row on each side');
  let psi = 0;
  expectedCounts.forEach((expectedCount, bin) => {
    const expected = Math.max(expectedCount / expectedTotal, epsilon);
    const actual = Math.max(actualCounts[bin]! / actualTotal, epsilon);
    psi += (actual - expected) * Math.log(actual / expected);
  });
  return psi;
}

/** A Kolmogorov–Smirnov statistic with its asymptotic p-value. */
export interface KsResult {
  /** D = sup |F₁(x) − F₂(x)|, in [0, 1]. */
  readonly statistic: number;
  /** Asymptotic p-value of D for the two sample sizes. */
  readonly pValue: number;
}

/** The two-sample KS statistic of two raw samples, exactly (ties handled by value). */
export function ksTwoSample(first: ArrayLike<number>, second: ArrayLike<number>): KsResult {
  if (first.length === 0 || second.length === 0) throw new RangeError('the KS statistic needs at least one value in each sample');
  const a = Float64Array.from(first).sort();
  const b = Float64Array.from(second).sort();
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < a.length && j < b.length) {
    const value = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i] === value) i += 1;
    while (j < b.length && b[j] === value) j += 1;
    statistic = Math.max(statistic, Math.abs(i / a.length - j / b.length));
  }
  return { statistic, pValue: kolmogorovPValue(statistic, a.length, b.length) };
}

/**
 * P(D ≥ statistic) under the null, by the asymptotic Kolmogorov distribution with the
 * small-sample correction of Numerical Recipes (§14.3): λ = (√nₑ + 0.12 + 0.11/√nₑ) · D,
 * nₑ = n·m/(n+m), Q(λ) = 2 Σₖ (−1)^(k−1) exp(−2k²λ²).
 */
export function kolmogorovPValue(statistic: number, firstSize: number, secondSize: number): number {
  const effective = Math.sqrt((firstSize * secondSize) / (firstSize + secondSize));
  const lambda = (effective + 0.12 + 0.11 / effective) * statistic;
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k += 1) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/**
 * The KS statistic of live values against a feature reference, whose distribution function is
 * interpolated from its quantile sketch (so D is accurate to about one sketch step); the p-value
 * uses the reference's row count.
 */
export function ksAgainstReference(reference: FeatureReference, values: ArrayLike<number>): KsResult {
  if (values.length === 0) throw new RangeError('the KS statistic needs at least one live value');
  const live = Float64Array.from(values).sort();
  const points = Float64Array.from([...live, ...reference.cdfSketch]).sort();
  let statistic = 0;
  for (const x of points) {
    // Both functions are monotone between breakpoints, so the supremum is at a breakpoint, on
    // one side or the other of a jump.
    const below = Math.abs(sketchCdf(reference.cdfSketch, x, true) - countBelow(live, x, true) / live.length);
    const at = Math.abs(sketchCdf(reference.cdfSketch, x, false) - countBelow(live, x, false) / live.length);
    statistic = Math.max(statistic, below, at);
  }
  return { statistic, pValue: kolmogorovPValue(statistic, reference.count, live.length) };
}

/** Values < x (strict) or ≤ x in an ascending array. */
function countBelow(sorted: Float64Array, x: number, strict: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (strict ? sorted[middle]! < x : sorted[middle]! <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** F(x) (or F(x−) when `strict`) of the distribution whose quantiles at j/(k−1) are `sketch`. */
function sketchCdf(sketch: readonly number[], x: number, strict: boolean): number {
  const steps = sketch.length - 1;
  let last = -1;
  for (let index = 0; index <= steps; index += 1) if (strict ? sketch[index]! < x : sketch[index]! <= x) last = index;
  if (last < 0) return 0;
  if (last >= steps) return 1;
  const lower = sketch[last]!;
  const upper = sketch[last + 1]!;
  return (last + (upper > lower ? (x - lower) / (upper - lower) : 0)) / steps;
}

/** Drift figures of one feature. */
export interface FeatureDrift {
  readonly feature: string;
  readonly psi: number;
  /** 'stable' (PSI ≤ 0.1), 'moderate' (≤ 0.2) or 'significant' (> 0.2). */
  readonly psiLevel: 'stable' | 'moderate' | 'significant';
  readonly ks: KsResult;
  /** PSI > {@link significantPsi}. */
  readonly drifted: boolean;
}

/** Drift of every feature of a live batch. */
export interface DriftReport {
  readonly rows: number;
  readonly features: readonly FeatureDrift[];
  /** Names of the drifted features. */
  readonly driftedFeatures: readonly string[];
}

/**
 * Compares live rows (columns in the reference's order) with the training reference.
 *
 * @throws RangeError when there are no rows or the column names differ from the reference.
 */
export function detectDrift(
  reference: ReferenceStatistics,
  live: { readonly featureNames: readonly string[]; readonly rows: readonly ArrayLike<number>[] },
): DriftReport {
  const expectedNames = reference.features.map((feature) => feature.name);
  if (live.featureNames.join('\u0000') !== expectedNames.join('\u0000')) {
    throw new RangeError(`live columns [${live.featureNames.join(', ')}] differ from the reference's [${expectedNames.join(', ')}]`);
  }
  if (live.rows.length === 0) throw new RangeError('no live rows to compare with the reference');
  const features = reference.features.map((feature, column): FeatureDrift => {
    const values = Float64Array.from(live.rows, (row) => row[column]!);
    const psi = populationStabilityIndex(feature.binCounts, histogramCounts(values, feature.binEdges));
    return {
      feature: feature.name,
      psi,
      psiLevel: psi > significantPsi ? 'significant' : psi > moderatePsi ? 'moderate' : 'stable',
      ks: ksAgainstReference(feature, values),
      drifted: psi > significantPsi,
    };
  });
  return { rows: live.rows.length, features, driftedFeatures: features.filter((feature) => feature.drifted).map((feature) => feature.feature) };
}
