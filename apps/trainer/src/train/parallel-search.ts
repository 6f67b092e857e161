import { availableParallelism } from 'node:os';
import { startWorker, siblingModule } from '@millwright/workers';
import { pickBestCandidate, runCandidate, type CandidateResult, type CandidateSpec, type Dataset, type SearchMetric, type SearchResult, type TreeModel } from '@millwright/ml';

/** What a lane's worker receives once, at its start; it is then sent trial indexes. */
export interface SearchWorkerData {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly plan: readonly CandidateSpec[];
  readonly seed: number;
  readonly metric: SearchMetric;
}

/** One finished trial with its wall-clock training and scoring time. */
export type TrialResult = CandidateResult & {
  /** Seconds from the trial's start to its validation figures (a lane's first trial includes its worker's start). */
  readonly seconds: number;
};

/** The search's result with timed trials, and how many planned trials the time budget skipped. */
export interface TimedSearchResult extends SearchResult {
  readonly candidates: readonly TrialResult[];
  readonly skipped: number;
}

type Outcome = { result: CandidateResult; ensemble: TreeModel };

/** A worker thread that trains the trials it is sent, one at a time, on data it received once. */
interface Lane {
  run(index: number): Promise<Outcome>;
  stop(): Promise<void>;
}

function startLane(data: SearchWorkerData): Lane {
  const worker = startWorker(siblingModule(import.meta.url, 'candidate-worker'), { ...data });
  let pending: { index: number; resolve: (outcome: Outcome) => void; reject: (error: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    pending?.reject(error);
    pending = undefined;
  };
  worker.on('message', (outcome: Outcome) => {
    const answered = pending;
    pending = undefined;
    answered?.resolve(outcome);
  });
  worker.on('error', (error) => fail(new Error(`candidate ${pending?.index ?? '?'} failed in its worker: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => {
    if (pending) fail(new Error(`candidate ${pending.index} worker exited with code ${code}`));
  });
  return {
    run(index) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        pending = { index, resolve, reject };
        worker.postMessage(index);
      });
    },
    async stop() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
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
  const data: SearchWorkerData = { train, validation, plan, seed: options.seed, metric: options.metric };
  const lane = async () => {
    let worker: Lane | undefined;
    try {
      // The first trial always runs, whatever the budget, so the search has a winner.
      while (next < plan.length && (next === 0 || performance.now() - started < budgetMs)) {
        const index = next++;
        const trialStarted = performance.now();
        let outcome: Outcome;
        if (threads === 0) {
          outcome = runCandidate(train, validation, plan, index, { seed: options.seed, metric: options.metric });
        } else {
          worker ??= startLane(data);
          outcome = await worker.run(index);
        }
        const result: TrialResult = { ...outcome.result, seconds: Number(((performance.now() - trialStarted) / 1000).toFixed(2)) };
        outcomes[index] = { ensemble: outcome.ensemble, result };
        options.onProgress?.(++done, plan.length, result);
      }
    } finally {
      await worker?.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, threads) }, lane));
  const finished = outcomes.filter((outcome) => outcome !== undefined);
  const candidates = finished.map((outcome) => outcome.result);
  const best = pickBestCandidate(candidates, options.metric);
  return { best, ensemble: outcomes[best.index]!.ensemble, candidates, skipped: plan.length - candidates.length };
}
