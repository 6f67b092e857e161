import type { ParamRef } from './pipeline-spec.ts';

/**
 * The trainer's command line (apps/trainer/src/main.ts), as far as pipelines use it. A test runs
 * `trainer --help` and checks that every command and flag here is one the trainer accepts.
 */
export const trainerCommands = ['ingest', 'prepare', 'train', 'evaluate', 'register', 'promote', 'drift', 'pipeline'] as const;

export type TrainerCommand = (typeof trainerCommands)[number];

/** A trainer option's value: a literal, or a pipeline parameter resolved when the run starts. */
export type OptionValue = string | number | ParamRef;

/** Trainer options a step may set; the run id (and `--from-run`) come from the pipeline graph. */
export interface TrainerOptions {
  /** `sim` | `csv:<file>` | `http(s)://...` | `postgres` (DATABASE_URL). */
  readonly source?: OptionValue;
  readonly rows?: OptionValue;
  readonly seed?: OptionValue;
  /** `f1` or `auroc`: what `train` maximises, what `promote` compares. */
  readonly metric?: OptionValue;
  readonly margin?: OptionValue;
  readonly model?: OptionValue;
  readonly threads?: OptionValue;
  readonly scenario?: OptionValue;
  /** `drift` exits with code 3 when a feature drifted. */
  readonly failOnDrift?: boolean;
}

/** Each option's flag, in the order the rendered command lines list them. */
export const trainerOptionFlags: Readonly<Record<keyof TrainerOptions, string>> = {
  source: '--source',
  rows: '--rows',
  seed: '--seed',
  metric: '--metric',
  margin: '--margin',
  model: '--model',
  threads: '--threads',
  scenario: '--scenario',
  failOnDrift: '--fail-on-drift',
};

/** The flags the graph adds: the run a step works on, and the run a branch starts from. */
export const runFlags = { runId: '--run-id', fromRun: '--from-run' } as const;

/** `drift --fail-on-drift` exits with this code when a feature drifted (and 0 when none did). */
export const driftFoundExitCode = 3;

/** Values the trainer accepts for `--metric`. */
export const trainerMetrics = ['f1', 'auroc'] as const;
