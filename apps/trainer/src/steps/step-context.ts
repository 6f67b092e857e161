import type { ModelRegistry } from '@millwright/registry';
import type { SearchMetric } from '@millwright/ml';
import type { RunStore } from '../run-store.ts';

/** Everything a pipeline step needs; built once at the edge (main.ts) from flags and environment. */
export interface StepContext {
  readonly store: RunStore;
  readonly registry: () => ModelRegistry;
  readonly options: TrainerOptions;
  /** Progress and notes, on stderr; stdout carries only the JSON summaries. */
  readonly log: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The trainer's settings, from its command line, with defaults resolved. */
export interface TrainerOptions {
  /** `sim` (default), `csv:<file>`, `http(s)://<data API>` or `postgres` (DATABASE_URL). */
  readonly source: string;
  /** Rows to simulate or to read at most. @default 20000 */
  readonly rows: number;
  /** Seeds the simulator, the split and the search. @default 42 */
  readonly seed: number;
  /** The metric the search maximises and promotion compares. @default 'f1' */
  readonly metric: SearchMetric;
  /** How much the candidate must beat the champion by on `metric` to be promoted. @default 0.005 */
  readonly margin: number;
  /** The registered model's name. @default 'predictive-maintenance' */
  readonly modelName: string;
  /** Worker threads for the search (0: in process). @default min(2, cores) */
  readonly threads: number;
  /** Trials the search plans (forest and boosted trees alternate). @default 12 */
  readonly trials: number;
  /** No trial starts after this many seconds of search; running ones finish. @default 10 */
  readonly searchSeconds: number;
  /** Drift scenario for simulated data in the `drift` step (`heat-wave`, `sensor-offset`, `faster-wear`). */
  readonly scenario?: string;
  /** `drift` exits with code 3 when a feature drifted (for a pipeline's branch). */
  readonly failOnDrift: boolean;
}

/** A step's one-line summary, printed as JSON. */
export type StepSummary = Readonly<Record<string, unknown>>;

/** Runs `work` once per run: a step already marked done returns its recorded summary. */
export async function once(context: StepContext, step: string, work: () => Promise<StepSummary>): Promise<StepSummary> {
  if (context.store.isDone(step)) {
    context.log(`${step}: already done for run ${context.store.runId}; skipping`);
    return context.store.summaryOf<StepSummary>(step);
  }
  const summary = await work();
  context.store.markDone(step, summary);
  return summary;
}
