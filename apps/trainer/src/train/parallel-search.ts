import { availableParallelism } from 'node:os';
import { startWorker, siblingModule } from '@millwright/workers';
import { pickBestCandidate, runCandidate, type CandidateResult, type CandidateSpec, type Dataset, type SearchMetric, type SearchResult, type TreeModel } from '@millwright/ml';

/** What one worker needs to train and score one trial. */
export interface CandidateJob {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly plan: readonly CandidateSpec[];
  readonly index: number;
  readonly seed: number;
  readonly metric: SearchMetric;
}

/** One finished trial with its wall-clock training and scoring time. */
export type TrialResult = CandidateResult & {
  /** Seconds from the trial's start to its validation figures (worker start included). */
  readonly seconds: number;
};

/** The search's result with timed trials, and how many planned trials the time budget skipped. */
export interface TimedSearchResult extends SearchResult {
  readonly candidates: readonly TrialResult[];
  readonly skipped: number;
}

type Outcome = { result: CandidateResult; ensemble: TreeModel };

function runInWorker(job: CandidateJob): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(siblingModule(import.meta.url, 'candidate-worker'), { ...job });
    worker.once('message', (outcome: Outcome) => resolve(outcome));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`candidate ${job.index} worker exited with code ${code}`));
    });
  });
}

/**
 * The search across model families with trials spread over `threads` worker threads (0: in this
 * thread, as tests do). Trials start in plan order; none starts once `budgetSeconds` have passed
 * (running ones finish), so the plan alternates families and a cut-short search has tried both.
 * Trials are pure and seeded per index, so without a budget the result is the same whatever the
 * thread count; with one, how many trials run depends on the machine.
 *
 * @throws Error when a trial fails.
 */
export async function parallelSearch(
  train: Dataset,
  validation: Dataset,
  options: {
    seed: number;
    metric: SearchMetric;
    plan: readonly CandidateSpec[];
    threads?: number;
    /** @default no budget: every planned trial runs */
    budgetSeconds?: number;
    onProgress?: (done: number, total: number, result: TrialResult) => void;
  },
): Promise<TimedSearchResult> {
  const { plan } = options;
  if (plan.length === 0) throw new Error('the search plan is empty; plan at least one trial');
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const budgetMs = (options.budgetSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  const started = performance.now();
  const outcomes: (Outcome & { result: TrialResult })[] = [];
  let next = 0;
  let done = 0;
  const lane = async () => {
    // The first trial always runs, whatever the budget, so the search has a winner.
    while (next < plan.length && (next === 0 || performance.now() - started < budgetMs)) {
      const index = next++;
      const job: CandidateJob = { train, validation, plan, index, seed: options.seed, metric: options.metric };
      const trialStarted = performance.now();
      const outcome = threads === 0 ? runCandidate(train, validation, plan, index, { seed: options.seed, metric: options.metric }) : await runInWorker(job);
      const result: TrialResult = { ...outcome.result, seconds: Number(((performance.now() - trialStarted) / 1000).toFixed(2)) };
      outcomes[index] = { ensemble: outcome.ensemble, result };
      options.onProgress?.(++done, plan.length, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, threads) }, lane));
  const finished = outcomes.filter((outcome) => outcome !== undefined);
  const candidates = finished.map((outcome) => outcome.result);
  const best = pickBestCandidate(candidates, options.metric);
  return { best, ensemble: outcomes[best.index]!.ensemble, candidates, skipped: plan.length - candidates.length };
}
