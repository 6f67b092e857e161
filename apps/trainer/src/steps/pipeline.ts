import { describeSpec } from '@millwright/ml';
import type { TimedSearchResult } from '../train/parallel-search.ts';
import { evaluate } from './evaluate.ts';
import { ingest } from './ingest.ts';
import { prepare } from './prepare.ts';
import { promote } from './promote.ts';
import { register } from './register.ts';
import type { StepContext, StepSummary } from './step-context.ts';
import { train } from './train.ts';

/** The training pipeline's steps in order; Airflow and Argo Workflows run the same ones as tasks. */
export const trainingSteps = { ingest, prepare, train, evaluate, register, promote } as const;

/** `pipeline`: every training step in one process, then one summary of the whole run. */
export async function pipeline(context: StepContext): Promise<StepSummary> {
  const started = performance.now();
  const summaries: Record<string, StepSummary> = {};
  for (const [name, step] of Object.entries(trainingSteps)) summaries[name] = await step(context);
  const evaluation = summaries['evaluate']!;
  const promotion = summaries['promote']!;
  const trials = trialTable(context.store.readJson<TimedSearchResult>('search.json'));
  context.log(`pipeline: search trials (validation ${context.options.metric})\n${trials.map((trial) => `  ${trial.chosen ? '*' : ' '} ${trial.trial} ${trial.family.padEnd(7)} ${String(trial.trees).padStart(4)} trees  F1 ${trial.f1.toFixed(3)}  AUROC ${trial.auroc.toFixed(3)}  ${trial.seconds.toFixed(1)} s  ${trial.hyperparameters}`).join('\n')}`);
  return {
    step: 'pipeline',
    runId: context.store.runId,
    model: promotion['model'],
    version: promotion['version'],
    promoted: promotion['promoted'],
    reason: promotion['reason'],
    rows: summaries['prepare']!['rows'],
    metrics: {
      auroc: evaluation['auroc'],
      f1: evaluation['f1'],
      prAuc: evaluation['prAuc'],
      precision: evaluation['precision'],
      recall: evaluation['recall'],
      threshold: evaluation['threshold'],
      recallByMode: evaluation['recallByMode'],
    },
    onnxParityMaxAbsDiff: evaluation['onnxParityMaxAbsDiff'],
    family: summaries['train']!['family'],
    trials,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
}

/** One row per trial of the search, for the closing summary: what was tried, how it scored, what won. */
function trialTable(search: TimedSearchResult) {
  return search.candidates.map((trial) => ({
    trial: trial.index,
    family: trial.family,
    trees: trial.trees,
    f1: Number(trial.validation.f1.toFixed(4)),
    auroc: Number(trial.validation.auroc.toFixed(4)),
    prAuc: Number(trial.validation.prAuc.toFixed(4)),
    seconds: trial.seconds,
    chosen: trial.index === search.best.index,
    hyperparameters: describeSpec(trial),
  }));
}
