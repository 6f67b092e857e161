import { precisionRecallCurve, rocCurve, type PrecisionRecallPoint, type RocPoint } from './classification-curves.ts';
import { evaluateClassifier, type ClassificationMetrics } from './classification-metrics.ts';
import type { Dataset } from './dataset.ts';
import { computeReferenceStatistics, type ReferenceStatistics } from './drift-reference.ts';
import { featureImportances, type FeatureImportance } from './feature-importance.ts';
import { searchHyperparameters, type CandidateResult, type SearchOptions, type SearchResult } from './hyperparameter-search.ts';
import { splitStratified, type DatasetSplit, type SplitFractions } from './split-stratified.ts';
import type { CandidateSpec } from './search-plan.ts';
import { predictProbabilities, type TreeModel } from './tree-model.ts';

/** Options of {@link trainModel}. */
export interface TrainModelOptions extends Omit<SearchOptions, 'seed'> {
  /** One seed for the split and the search. */
  readonly seed: number;
  /**
   * Split shares.
   * @default { train: 0.7, validation: 0.15, test: 0.15 }
   */
  readonly fractions?: SplitFractions;
}

/** Everything training produces: the model, its threshold, held-out figures and the drift reference. */
export interface TrainedModel {
  readonly featureNames: readonly string[];
  /** The winning model: a forest or boosted trees. */
  readonly ensemble: TreeModel;
  /** The winner's family and hyperparameters. */
  readonly spec: CandidateSpec;
  /** Decision threshold tuned on validation: probability ≥ threshold means failure. */
  readonly threshold: number;
  /** The winning candidate and every trial of the search, in plan order. */
  readonly best: CandidateResult;
  readonly candidates: readonly CandidateResult[];
  /** Figures on the validation rows at the tuned threshold (optimistic: the threshold was tuned there). */
  readonly validation: ClassificationMetrics;
  /** Figures on the held-out test rows at the tuned threshold. */
  readonly test: ClassificationMetrics;
  /** ROC and precision–recall curves on the test rows. */
  readonly curves: { readonly roc: readonly RocPoint[]; readonly precisionRecall: readonly PrecisionRecallPoint[] };
  readonly importances: readonly FeatureImportance[];
  /** Reference statistics of the training rows, for drift. */
  readonly reference: ReferenceStatistics;
  readonly sizes: { readonly train: number; readonly validation: number; readonly test: number };
}

/**
 * Splits, searches, tunes and evaluates in one thread: the single-process path of the trainer
 * (and the tests). The trainer may instead run the search's candidates in worker threads with
 * `runCandidate` and `pickBestCandidate`, then call {@link finishTraining} with the same result.
 */
export function trainModel(dataset: Dataset, options: TrainModelOptions): TrainedModel {
  const split = splitStratified(dataset, { seed: options.seed, ...(options.fractions ? { fractions: options.fractions } : {}) });
  const search = searchHyperparameters(split.train, split.validation, options);
  return finishTraining(split, search);
}

/**
 * Evaluates the search's winner: the threshold tuned on validation (kept from the search),
 * metrics and curves on test, feature importance and the training reference statistics.
 */
export function finishTraining(split: DatasetSplit, search: SearchResult): TrainedModel {
  const { ensemble, best } = search;
  const threshold = best.validation.threshold;
  const validationScores = predictProbabilities(ensemble, split.validation.rows);
  const testScores = predictProbabilities(ensemble, split.test.rows);
  const evaluate = (part: Dataset, scores: Float64Array): ClassificationMetrics =>
    evaluateClassifier({ labels: part.labels, scores, threshold, ...(part.groups ? { groups: part.groups } : {}) });
  return {
    featureNames: split.train.featureNames,
    ensemble,
    spec: best.family === 'boosted' ? { family: 'boosted', config: best.config } : { family: 'forest', config: best.config },
    threshold,
    best,
    candidates: search.candidates,
    validation: evaluate(split.validation, validationScores),
    test: evaluate(split.test, testScores),
    curves: { roc: rocCurve(split.test.labels, testScores), precisionRecall: precisionRecallCurve(split.test.labels, testScores) },
    importances: featureImportances(ensemble, split.train.featureNames),
    reference: computeReferenceStatistics(split.train),
    sizes: { train: split.train.rows.length, validation: split.validation.rows.length, test: split.test.rows.length },
  };
}
