import { areaUnderRoc, averagePrecision } from './classification-curves.ts';
import { groupsOf, type RowGroup } from './dataset.ts';

/** Counts of a binary decision; "positive" is the failure class (label 1). */
export interface ConfusionMatrix {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

/** Recall inside one group (e.g. one failure mode). */
export interface GroupRecall {
  /** Positive rows in the group. */
  readonly positives: number;
  /** Of those, rows predicted positive. */
  readonly detected: number;
  readonly recall: number;
}

/** Held-out figures of a binary classifier at one decision threshold. */
export interface ClassificationMetrics {
  readonly rows: number;
  readonly positives: number;
  readonly threshold: number;
  readonly accuracy: number;
  /** Precision of the positive class; 0 when nothing is predicted positive. */
  readonly precision: number;
  /** Recall of the positive class; 0 when there is no positive row. */
  readonly recall: number;
  /** F1 of the positive class; 0 when precision and recall are both 0. */
  readonly f1: number;
  /** Area under the ROC curve; NaN when a class is absent. */
  readonly auroc: number;
  /** Average precision (PR-AUC); NaN without positives. */
  readonly prAuc: number;
  readonly confusion: ConfusionMatrix;
  /** Recall per group, for groups with at least one positive row, keys sorted. */
  readonly recallByGroup: Readonly<Record<string, GroupRecall>>;
}

/** Confusion counts when rows with score ≥ threshold are predicted positive. */
export function confusionMatrix(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): ConfusionMatrix {
  if (labels.length !== scores.length) throw new RangeError(`${labels.length} labels but ${scores.length} scores; expected one score per label`);
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (let index = 0; index < labels.length; index += 1) {
    const predicted = scores[index]! >= threshold;
    if (labels[index] === 1) {
      if (predicted) truePositives += 1;
      else falseNegatives += 1;
    } else if (predicted) falsePositives += 1;
    else trueNegatives += 1;
  }
  return { truePositives, falsePositives, trueNegatives, falseNegatives };
}

/** F1 from a confusion matrix: 2·TP / (2·TP + FP + FN), 0 when the denominator is 0. */
export function f1Score(confusion: ConfusionMatrix): number {
  const denominator = 2 * confusion.truePositives + confusion.falsePositives + confusion.falseNegatives;
  return denominator === 0 ? 0 : (2 * confusion.truePositives) / denominator;
}

/** What {@link evaluateClassifier} needs. */
export interface EvaluationInput {
  readonly labels: ArrayLike<number>;
  /** Probability of the positive class per row. */
  readonly scores: ArrayLike<number>;
  /** Decision threshold: score ≥ threshold is positive. */
  readonly threshold: number;
  /** Optional group per row (e.g. failure mode) for recall per group. */
  readonly groups?: readonly RowGroup[];
}

/** Accuracy, precision, recall, F1, AUROC, PR-AUC, confusion matrix and recall per group. */
export function evaluateClassifier(input: EvaluationInput): ClassificationMetrics {
  const { labels, scores, threshold } = input;
  const confusion = confusionMatrix(labels, scores, threshold);
  const positives = confusion.truePositives + confusion.falseNegatives;
  const predictedPositives = confusion.truePositives + confusion.falsePositives;
  return {
    rows: labels.length,
    positives,
    threshold,
    accuracy: labels.length === 0 ? 0 : (confusion.truePositives + confusion.trueNegatives) / labels.length,
    precision: predictedPositives === 0 ? 0 : confusion.truePositives / predictedPositives,
    recall: positives === 0 ? 0 : confusion.truePositives / positives,
    f1: f1Score(confusion),
    auroc: areaUnderRoc(labels, scores),
    prAuc: averagePrecision(labels, scores),
    confusion,
    recallByGroup: input.groups ? recallByGroup(labels, scores, threshold, input.groups) : {},
  };
}

/**
 * Recall inside each group, counted over positive rows only. A row in several groups (e.g. two
 * failure modes at once) counts for each of them.
 */
export function recallByGroup(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
  groups: readonly RowGroup[],
): Record<string, GroupRecall> {
  if (groups.length !== labels.length) throw new RangeError(`${labels.length} labels but ${groups.length} groups; expected one group per row`);
  const tally = new Map<string, { positives: number; detected: number }>();
  for (let index = 0; index < labels.length; index += 1) {
    if (labels[index] !== 1) continue;
    for (const group of groupsOf(groups[index])) {
      const entry = tally.get(group) ?? { positives: 0, detected: 0 };
      entry.positives += 1;
      if (scores[index]! >= threshold) entry.detected += 1;
      tally.set(group, entry);
    }
  }
  const result: Record<string, GroupRecall> = {};
  for (const group of [...tally.keys()].sort()) {
    const { positives, detected } = tally.get(group)!;
    result[group] = { positives, detected, recall: detected / positives };
  }
  return result;
}
