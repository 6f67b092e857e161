/**
 * Threshold-free measures of a scorer: the ROC and precision–recall curves and the areas under
 * them. Labels are 0/1, scores are "higher means more likely positive", and a row counts as
 * predicted positive when its score is ≥ the threshold. Rows with equal scores are taken
 * together (one curve point per distinct score), so ties never depend on row order.
 */

/** A point of the ROC curve. */
export interface RocPoint {
  /** Rows with score ≥ threshold are predicted positive (+Infinity for the (0, 0) start). */
  readonly threshold: number;
  readonly falsePositiveRate: number;
  readonly truePositiveRate: number;
}

/** A point of the precision–recall curve. */
export interface PrecisionRecallPoint {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
}

/** Cumulative counts at each distinct score, from the highest score down. */
interface OperatingPoint {
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
}

/** Counts per distinct score (descending) and the class totals. */
export function operatingPoints(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { readonly points: readonly OperatingPoint[]; readonly positives: number; readonly negatives: number } {
  if (labels.length !== scores.length) throw new RangeError(`${labels.length} labels but ${scores.length} scores; expected one score per label`);
  const order = Array.from({ length: scores.length }, (_, index) => index).sort((a, b) => scores[b]! - scores[a]!);
  const points: OperatingPoint[] = [];
  let truePositives = 0;
  let falsePositives = 0;
  for (let position = 0; position < order.length; position += 1) {
    const index = order[position]!;
    if (labels[index] === 1) truePositives += 1;
    else falsePositives += 1;
    const next = order[position + 1];
    if (next === undefined || scores[next] !== scores[index]) {
      points.push({ threshold: scores[index]!, truePositives, falsePositives });
    }
  }
  return { points, positives: truePositives, negatives: falsePositives };
}

/** The ROC curve from (0, 0) to (1, 1); empty when a class is absent. */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
  const { points, positives, negatives } = operatingPoints(labels, scores);
  if (positives === 0 || negatives === 0) return [];
  return [
    { threshold: Number.POSITIVE_INFINITY, falsePositiveRate: 0, truePositiveRate: 0 },
    ...points.map((point) => ({
      threshold: point.threshold,
      falsePositiveRate: point.falsePositives / negatives,
      truePositiveRate: point.truePositives / positives,
    })),
  ];
}

/**
 * Area under the ROC curve by the trapezoid rule. Tied scores make a diagonal segment, which
 * equals the Mann–Whitney probability P(score⁺ > score⁻) + ½ P(score⁺ = score⁻).
 * NaN when a class is absent.
 */
export function areaUnderRoc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const curve = rocCurve(labels, scores);
  if (curve.length === 0) return Number.NaN;
  let area = 0;
  for (let index = 1; index < curve.length; index += 1) {
    const previous = curve[index - 1]!;
    const point = curve[index]!;
    area += ((point.falsePositiveRate - previous.falsePositiveRate) * (point.truePositiveRate + previous.truePositiveRate)) / 2;
  }
  return area;
}

/** The precision–recall curve, one point per distinct score (descending); empty without positives. */
export function precisionRecallCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): PrecisionRecallPoint[] {
  const { points, positives } = operatingPoints(labels, scores);
  if (positives === 0) return [];
  return points.map((point) => ({
    threshold: point.threshold,
    precision: point.truePositives / (point.truePositives + point.falsePositives),
    recall: point.truePositives / positives,
  }));
}

/**
 * PR-AUC as average precision: Σ (Rₖ − Rₖ₋₁) · Pₖ over the distinct thresholds, without
 * interpolation — scikit-learn's `average_precision_score`, which, unlike a trapezoid over the
 * PR curve, does not reward a straight line between far-apart points. NaN without positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const curve = precisionRecallCurve(labels, scores);
  if (curve.length === 0) return Number.NaN;
  let previousRecall = 0;
  let sum = 0;
  for (const point of curve) {
    sum += (point.recall - previousRecall) * point.precision;
    previousRecall = point.recall;
  }
  return sum;
}
