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
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
}
