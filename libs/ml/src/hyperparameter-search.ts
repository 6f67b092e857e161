import { areaUnderRoc, averagePrecision } from './classification-curves.ts';
import type { Dataset } from './dataset.ts';
import { tuneThreshold } from './decision-threshold.ts';
import { predictProbabilities, type Forest } from './forest.ts';
import { deriveSeed } from './seeded-random.ts';
import { trainCandidate, type TrainingConfig } from './train-candidate.ts';

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

/** One evaluated candidate of the search (plain data; safe to post from a worker). */
export interface CandidateResult {
  /** Position in the grid. */
  readonly index: number;
  readonly config: TrainingConfig;
  /** The seed the candidate was trained with ({@link candidateSeed}). */
  readonly seed: number;
  readonly validation: CandidateEvaluation;
  /** The searched metric's value. */
  readonly score: number;
}

/** Called after each candidate; the CLI draws its progress bar from it. */
export type SearchProgress = (done: number, total: number, info: CandidateResult) => void;

/** Options of {@link searchHyperparameters}. */
export interface SearchOptions {
  readonly seed: number;
  /**
   * Candidates to try.
   * @default defaultSearchGrid
   */
  readonly grid?: readonly TrainingConfig[];
  /**
   * What to maximise on validation.
   * @default 'f1'
   */
  readonly metric?: SearchMetric;
  readonly onProgress?: SearchProgress;
}

/** The search's winner with its forest, and every candidate's figures in grid order. */
export interface SearchResult {
  readonly best: CandidateResult;
  readonly forest: Forest;
  readonly candidates: readonly CandidateResult[];
}

/**
 * Six candidates sized for the 60 s budget of a 20,000-row run on 2 cores (docs/toolchain.md,
 * "Training trees in JavaScript": ≤ 12 trees, negatives 2–4× the positives). They vary depth,
 * leaf size, class ratio and the share of columns and positives per tree. On 14k synthetic
 * training rows one candidate takes 2–10 s in one thread here, the six together about 25–30 s
 * (so about half that on 2 worker threads).
 */
export const defaultSearchGrid: readonly TrainingConfig[] = [
  { trees: 8, maxDepth: 8, minNumSamples: 3, negativeRatio: 3, maxFeatures: 0.8, positiveFraction: 0.5 },
  { trees: 12, maxDepth: 10, minNumSamples: 3, negativeRatio: 3, maxFeatures: 0.8, positiveFraction: 0.5 },
  { trees: 12, maxDepth: 10, minNumSamples: 3, negativeRatio: 3, maxFeatures: 1, positiveFraction: 0.5 },
  { trees: 10, maxDepth: 10, minNumSamples: 5, negativeRatio: 4, maxFeatures: 0.8, positiveFraction: 0.5 },
  { trees: 12, maxDepth: 12, minNumSamples: 3, negativeRatio: 4, maxFeatures: 1, positiveFraction: 0.5 },
  { trees: 12, maxDepth: 14, minNumSamples: 3, negativeRatio: 3, maxFeatures: 1, positiveFraction: 0.6 },
];

/** The seed candidate `index` of a search with `seed` is trained with. */
export function candidateSeed(seed: number, index: number): number {
  return deriveSeed(seed, 1000 + index);
}

/** Validation figures of a forest: F1 at its best threshold, AUROC and PR-AUC. */
export function evaluateCandidate(forest: Forest, validation: Dataset): CandidateEvaluation {
  const scores = predictProbabilities(forest, validation.rows);
  const tuned = tuneThreshold(validation.labels, scores);
  return {
    threshold: tuned.threshold,
    f1: tuned.f1,
    auroc: areaUnderRoc(validation.labels, scores),
    prAuc: averagePrecision(validation.labels, scores),
  };
}

/**
 * Trains and evaluates candidate `index` of a grid. Pure: the trainer may call it in worker
 * threads and get the same result as {@link searchHyperparameters} would in process.
 */
export function runCandidate(
  train: Dataset,
  validation: Dataset,
  grid: readonly TrainingConfig[],
  index: number,
  options: { readonly seed: number; readonly metric?: SearchMetric },
): { readonly result: CandidateResult; readonly forest: Forest } {
  const config = grid[index];
  if (!config) throw new RangeError(`candidate ${index} is outside the grid of ${grid.length}`);
  const seed = candidateSeed(options.seed, index);
  const forest = trainCandidate(train, config, seed);
  const validationFigures = evaluateCandidate(forest, validation);
  const score = options.metric === 'auroc' ? validationFigures.auroc : validationFigures.f1;
  return { result: { index, config, seed, validation: validationFigures, score }, forest };
}

/**
 * The best of the evaluated candidates: highest score, then the other metric (AUROC for an F1
 * search, F1 for an AUROC search), then the earlier (cheaper-listed) candidate.
 *
 * @throws RangeError when the list is empty.
 */
export function pickBestCandidate(candidates: readonly CandidateResult[], metric: SearchMetric = 'f1'): CandidateResult {
  const secondary = (candidate: CandidateResult): number => (metric === 'auroc' ? candidate.validation.f1 : candidate.validation.auroc);
  const best = [...candidates].sort((a, b) => b.score - a.score || secondary(b) - secondary(a) || a.index - b.index)[0];
  if (!best) throw new RangeError('no candidate to pick from; the search grid is empty');
  return best;
}

/**
 * Seeded grid search in one thread: trains every candidate on `train`, scores it on
 * `validation`, and keeps the best forest. Deterministic for a seed.
 *
 * @throws RangeError when the grid is empty or a candidate cannot be trained.
 */
export function searchHyperparameters(train: Dataset, validation: Dataset, options: SearchOptions): SearchResult {
  const grid = options.grid ?? defaultSearchGrid;
  if (grid.length === 0) throw new RangeError('the search grid is empty; give at least one TrainingConfig');
  const metric = options.metric ?? 'f1';
  const candidates: CandidateResult[] = [];
  let bestForest: Forest | undefined;
  for (let index = 0; index < grid.length; index += 1) {
    const { result, forest } = runCandidate(train, validation, grid, index, { seed: options.seed, metric });
    candidates.push(result);
    if (pickBestCandidate(candidates, metric) === result) bestForest = forest;
    options.onProgress?.(index + 1, grid.length, result);
  }
  return { best: pickBestCandidate(candidates, metric), forest: bestForest!, candidates };
}
