import { availableParallelism } from 'node:os';
import { startWorker, siblingModule } from '@millwright/workers';
import { defaultSearchGrid, pickBestCandidate, runCandidate, type CandidateResult, type Dataset, type Forest, type SearchMetric, type SearchResult, type TrainingConfig } from '@millwright/ml';

/** What one worker needs to train and score one candidate. */
export interface CandidateJob {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly grid: readonly TrainingConfig[];
  readonly index: number;
  readonly seed: number;
  readonly metric: SearchMetric;
}

type Outcome = { result: CandidateResult; forest: Forest };

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
 * The hyperparameter search with candidates spread over `threads` worker threads (0: in this
 * thread, as tests do). Candidates are pure and seeded per index, so the result is the same
 * whatever the thread count.
 */
export async function parallelSearch(
  train: Dataset,
  validation: Dataset,
  options: { seed: number; metric: SearchMetric; threads?: number; grid?: readonly TrainingConfig[]; onProgress?: (done: number, total: number, result: CandidateResult) => void },
): Promise<SearchResult> {
  const grid = options.grid ?? defaultSearchGrid;
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const outcomes: Outcome[] = new Array(grid.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < grid.length) {
      const index = next++;
      const job: CandidateJob = { train, validation, grid, index, seed: options.seed, metric: options.metric };
      outcomes[index] = threads === 0 ? runCandidate(train, validation, grid, index, { seed: options.seed, metric: options.metric }) : await runInWorker(job);
      options.onProgress?.(++done, grid.length, outcomes[index]!.result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, threads) }, lane));
  const candidates = outcomes.map((o) => o.result);
  const best = pickBestCandidate(candidates, options.metric);
  return { best, forest: outcomes[best.index]!.forest, candidates };
}
