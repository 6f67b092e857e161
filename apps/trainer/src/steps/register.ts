import type { ModelRegistry } from '@millwright/registry';
import type { TimedSearchResult } from '../train/parallel-search.ts';
import { modelFiles } from './evaluate.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/** MLflow's tag that makes a run the child of another (what autologging of a search sets on each trial). */
export const parentRunTag = 'mlflow.parentRunId';

/** The version tag that ties a registered version to the pipeline run that made it. */
export const runIdTag = 'millwright.run_id';

/** The version tag holding a metric's test value, so promotion compares without downloads. */
export function metricTag(metric: string): string {
  return `metric.${metric}`;
}

interface EvaluateSummary {
  auroc: number;
  f1: number;
  prAuc: number;
  precision: number;
  recall: number;
  threshold: number;
  recallByMode: Record<string, number>;
}

/**
 * `register`: an MLflow (or local) run with the parameters, test metrics and the model
 * directory as artifacts, then a new version of the registered model. Idempotent: a version
 * already tagged with this run id is returned instead of registering twice (a retry after a crash).
 */
export function register(context: StepContext): Promise<StepSummary> {
  return once(context, 'register', async () => {
    const registry = context.registry();
    const { options, store } = context;
    const name = options.modelName;
    await registry.ensureRegisteredModel(name);
    const existing = (await registry.searchModelVersions(name)).find((v) => v.tags[runIdTag] === store.runId);
    if (existing) {
      context.log(`register: run ${store.runId} is already version ${existing.version}`);
      return { step: 'register', model: name, version: existing.version, registryRunId: existing.runId };
    }
    const evaluation = store.summaryOf<EvaluateSummary>('evaluate');
    const prepared = store.summaryOf<{ rows: number; failures: number }>('prepare');
    const search = store.readJson<TimedSearchResult>('search.json');
    const experiment = await registry.getOrCreateExperiment(name);
    const run = await registry.createRun(experiment.experimentId, { runName: store.runId, tags: { [runIdTag]: store.runId } });
    const testMetrics: Record<string, number> = {
      test_auroc: evaluation.auroc,
      test_f1: evaluation.f1,
      test_pr_auc: evaluation.prAuc,
      test_precision: evaluation.precision,
      test_recall: evaluation.recall,
      threshold: evaluation.threshold,
      ...Object.fromEntries(Object.entries(evaluation.recallByMode).map(([mode, recall]) => [`test_recall_${mode}`, recall])),
    };
    await registry.logBatch(run.runId, {
      params: { source: options.source, rows: prepared.rows, seed: options.seed, metric: options.metric, family: search.best.family, trials: search.candidates.length, ...search.best.config },
      metrics: Object.fromEntries(Object.entries(testMetrics).filter(([, value]) => Number.isFinite(value))),
    });
    for (const file of modelFiles) await registry.logArtifact(run.runId, `model/${file}`, store.read(`model/${file}`));
    await logTrials(registry, experiment.experimentId, run.runId, search, store.runId);
    await registry.finishRun(run.runId, 'FINISHED');
    const version = await registry.createModelVersion(name, {
      runId: run.runId,
      source: `runs:/${run.runId}/model`,
      tags: { [runIdTag]: store.runId, [metricTag('f1')]: String(evaluation.f1), [metricTag('auroc')]: String(evaluation.auroc) },
    });
    context.log(`register: ${name} version ${version.version} (run ${run.runId})`);
    return { step: 'register', model: name, version: version.version, registryRunId: run.runId };
  });
}

/**
 * Every trial of the search as a finished child run of the training run, as MLflow's autologging
 * of a hyperparameter search records it (https://mlflow.org/docs/latest/tracking/autolog.html):
 * the `mlflow.parentRunId` tag, the family and hyperparameters as params, the validation figures,
 * tree count and training time as metrics. The chosen trial is tagged, so the MLflow UI's nested
 * run list shows what won.
 */
async function logTrials(registry: ModelRegistry, experimentId: string, parentRunId: string, search: TimedSearchResult, pipelineRunId: string): Promise<void> {
  for (const trial of search.candidates) {
    const child = await registry.createRun(experimentId, {
      runName: `${pipelineRunId}-trial-${trial.index}-${trial.family}`,
      tags: { [parentRunTag]: parentRunId, [runIdTag]: pipelineRunId, 'millwright.chosen': String(trial.index === search.best.index) },
    });
    await registry.logBatch(child.runId, {
      params: { family: trial.family, trial: trial.index, seed: trial.seed, ...trial.config },
      metrics: {
        validation_f1: trial.validation.f1,
        validation_auroc: trial.validation.auroc,
        validation_pr_auc: trial.validation.prAuc,
        validation_threshold: trial.validation.threshold,
        trees: trial.trees,
        training_seconds: trial.seconds,
      },
    });
    await registry.finishRun(child.runId, 'FINISHED');
  }
}
