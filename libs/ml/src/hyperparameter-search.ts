import { areaUnderRoc, averagePrecision } from './classification-curves.ts';
import type { Dataset } from './dataset.ts';
import { tuneThreshold } from './decision-threshold.ts';
import { trainBoostedTrees } from './boosted-trees.ts';
import { planSearch, type CandidateSpec } from './search-plan.ts';
import { deriveSeed } from './seeded-random.ts';
import { trainCandidate } from './train-candidate.ts';
import { predictProbabilities, type TreeModel } from './tree-model.ts';

/** The validation measure the search maximises. */
export type SearchMetric = 'f1' | 'auroc';

/** Validation figures of one candidate. */
export interface CandidateEvaluation {
  /** F1-maximising threshold on validation. */
  readonly threshold: number;
  /** F1 of the positive class at that threshold. */
  readonly f1: number;
  readonly auroc: number;
  readonly prAuc: number;
}

/** One evaluated trial of the search (plain data; safe to post from a worker). */
export type CandidateResult = CandidateSpec & {
  /** Position in the search plan. */
  readonly index: number;
  /** The seed the candidate was trained with ({@link candidateSeed}). */
  readonly seed: number;
  /** Trees in the trained model (boosted: the rounds early stopping kept). */
  readonly trees: number;
  readonly validation: CandidateEvaluation;
  /** The searched metric's value. */
  readonly score: number;
};

/** Called after each candidate; the CLI draws its progress bar from it. */
export type SearchProgress = (done: number, total: number, info: CandidateResult) => void;

/** Options of {@link searchHyperparameters}. */
export interface SearchOptions {
  readonly seed: number;
  /**
   * Trials to run, in order.
   * @default planSearch({ seed })
   */
  readonly plan?: readonly CandidateSpec[];
  /**
   * What to maximise on validation.
   * @default 'f1'
   */
  readonly metric?: SearchMetric;
  readonly onProgress?: SearchProgress;
}

/** The search's winner with its model, and every trial's figures in plan order. */
export interface SearchResult {
  readonly best: CandidateResult;
  readonly ensemble: TreeModel;
  readonly candidates: readonly CandidateResult[];
}

/** The seed candidate `index` of a search with `seed` is trained with. */
export function candidateSeed(seed: number, index: number): number {
  return deriveSeed(seed, 1000 + index);
}

/** Trains one trial's model: boosted trees stop early on `validation`. Pure and seeded. */
export function trainSpec(train: Dataset, validation: Dataset, spec: CandidateSpec, seed: number): TreeModel {
  return spec.family === 'boosted' ? trainBoostedTrees(train, validation, spec.config, seed) : trainCandidate(train, spec.config, seed);
}

/** Validation figures of a model: F1 at its best threshold, AUROC and PR-AUC. */
export function evaluateCandidate(model: TreeModel, validation: Dataset): CandidateEvaluation {
  const scores = predictProbabilities(model, validation.rows);
  const tuned = tuneThreshold(validation.labels, scores);
  return {
    threshold: tuned.threshold,
    f1: tuned.f1,
    auroc: areaUnderRoc(validation.labels, scores),
    prAuc: averagePrecision(validation.labels, scores),
  };
}

/**
 * Trains and evaluates trial `index` of a plan. Pure: the trainer may call it in worker threads
 * and get the same result as {@link searchHyperparameters} would in process.
 */
export function runCandidate(
  train: Dataset,
  validation: Dataset,
  plan: readonly CandidateSpec[],
  index: number,
  options: { readonly seed: number; readonly metric?: SearchMetric },
): { readonly result: CandidateResult; readonly ensemble: TreeModel } {
  const spec = plan[index];
  if (!spec) throw new RangeError(`candidate ${index} is outside the search plan of ${plan.length}`);
  const seed = candidateSeed(options.seed, index);
  const ensemble = trainSpec(train, validation, spec, seed);
  const validationFigures = evaluateCandidate(ensemble, validation);
  const score = options.metric === 'auroc' ? validationFigures.auroc : validationFigures.f1;
  return { result: { ...spec, index, seed, trees: ensemble.trees.length, validation: validationFigures, score }, ensemble };
}

/**
 * The best of the evaluated candidates: highest score, then the other metric (AUROC for an F1
 * search, F1 for an AUROC search), then the earlier trial.
 *
 * @throws RangeError when the list is empty.
 */
export function pickBestCandidate(candidates: readonly CandidateResult[], metric: SearchMetric = 'f1'): CandidateResult {
  const secondary = (candidate: CandidateResult): number => (metric === 'auroc' ? candidate.validation.f1 : candidate.validation.auroc);
  const best = [...candidates].sort((a, b) => b.score - a.score || secondary(b) - secondary(a) || a.index - b.index)[0];
  if (!best) throw new RangeError('no candidate to pick from; the search plan is empty');
  return best;
}

/**
 * The search in one thread: trains every planned trial on `train`, scores it on `validation`,
 * and keeps the best model. Deterministic for a seed.
 *
 * @throws RangeError when the plan is empty or a candidate cannot be trained.
 */
export function searchHyperparameters(train: Dataset, validation: Dataset, options: SearchOptions): SearchResult {
  const plan = options.plan ?? planSearch({ seed: options.seed });
  if (plan.length === 0) throw new RangeError('the search plan is empty; give at least one CandidateSpec');
  const metric = options.metric ?? 'f1';
  const candidates: CandidateResult[] = [];
  let bestModel: TreeModel | undefined;
  for (let index = 0; index < plan.length; index += 1) {
    const { result, ensemble } = runCandidate(train, validation, plan, index, { seed: options.seed, metric });
    candidates.push(result);
    if (pickBestCandidate(candidates, metric) === result) bestModel = ensemble;
    options.onProgress?.(index + 1, plan.length, result);
  }
  return { best: pickBestCandidate(candidates, metric), ensemble: bestModel!, candidates };
}
