import { operatingPoints } from './classification-curves.ts';

/** The tuned decision threshold and the validation figures at it. */
export interface TunedThreshold {
  /** Predict positive when the probability is ≥ this value. */
  readonly threshold: number;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * The threshold that maximises F1 of the positive class on the given (validation) rows. Every
 * distinct score is a candidate cut; on a tie the higher cut wins (fewer alarms for the same F1).
 *
 * The returned threshold lies halfway between the chosen score and the next lower distinct
 * score, not on the score itself: ONNX Runtime sums float32 leaf weights, so a row scored exactly
 * at the cut in memory may come out a few ulps lower when served, and must not flip class.
 *
 * @throws RangeError when there is no positive row (F1 is undefined).
 */
export function tuneThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>): TunedThreshold {
  const { points, positives } = operatingPoints(labels, scores);
  if (positives === 0) throw new RangeError('cannot tune a decision threshold without positive rows; the validation set needs both classes');
  let best = { index: 0, f1: -1, precision: 0, recall: 0 };
  points.forEach((point, index) => {
    const falseNegatives = positives - point.truePositives;
    const f1 = (2 * point.truePositives) / (2 * point.truePositives + point.falsePositives + falseNegatives);
    if (f1 > best.f1) {
      best = { index, f1, precision: point.truePositives / (point.truePositives + point.falsePositives), recall: point.truePositives / positives };
    }
  });
  const chosen = points[best.index]!.threshold;
  const lower = points[best.index + 1]?.threshold ?? Math.min(0, chosen);
  return { threshold: (chosen + lower) / 2, f1: best.f1, precision: best.precision, recall: best.recall };
}
