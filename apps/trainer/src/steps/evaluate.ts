import { ai4iContract } from '@millwright/contract';
import {
  createOnnxScorer,
  exportOnnx,
  finishTraining,
  flattenRows,
  predictProbabilities,
  renderTrainingReport,
  type SearchResult,
} from '@millwright/ml';
import { splitFromJson, type SplitJson } from '../train/split-file.ts';
import { writeGlobalExplanation } from './global-explanation.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/** The tolerance between ONNX Runtime and the in-memory forest (issue 9: 1e-5 on every held-out row). */
export const parityTolerance = 1e-5;

/** The model directory's files, as registered: what the inference API downloads. */
export const modelFiles = ['model.onnx', 'contract.json', 'metrics.json', 'reference.json', 'report.html', 'global-importance.json'] as const;

/**
 * `evaluate`: tunes nothing new — it takes the search's best forest and its validation-tuned
 * threshold, measures it on the held-out test set, exports ONNX and proves ONNX Runtime agrees
 * with the in-memory forest on every test row (refusing the model otherwise), and writes the
 * model directory: model.onnx, contract.json, metrics.json, reference.json, report.html.
 */
export function evaluate(context: StepContext): Promise<StepSummary> {
  return once(context, 'evaluate', async () => {
    const parts = splitFromJson(context.store.readJson<SplitJson>('split.json'));
    const search = context.store.readJson<SearchResult>('search.json');
    const model = finishTraining({ ...parts, indexes: { train: [], validation: [], test: [] } }, search);

    const onnx = exportOnnx(model.ensemble, { featureNames: model.featureNames, metadata: { run_id: context.store.runId }, coverRows: parts.train.rows });
    const scorer = await createOnnxScorer(onnx, { featureCount: model.featureNames.length });
    let parity = 0;
    try {
      const onnxScores = await scorer.scoreBatch(flattenRows(parts.test.rows, model.featureNames.length));
      const inMemoryScores = predictProbabilities(model.ensemble, parts.test.rows);
      inMemoryScores.forEach((score, row) => (parity = Math.max(parity, Math.abs(score - onnxScores[row]!))));
    } finally {
      await scorer.release();
    }
    if (!(parity <= parityTolerance)) {
      throw new Error(`ONNX Runtime disagrees with the trained model by ${parity} (tolerance ${parityTolerance}); the model is not registered`);
    }

    const contract = ai4iContract(model.threshold);
    const metrics = {
      metric: context.options.metric,
      threshold: model.threshold,
      family: model.spec.family,
      config: model.spec.config,
      sizes: model.sizes,
      test: model.test,
      validation: model.validation,
      importances: model.importances,
      candidates: model.candidates,
      onnxParityMaxAbsDiff: parity,
    };
    const report = writeGlobalExplanation(context, onnx, model.featureNames, parts.test.rows, renderTrainingReport({
      ...model,
      title: `${context.options.modelName}: training report`,
      generatedAt: new Date().toISOString(),
      facts: { 'run id': context.store.runId, source: context.options.source, seed: String(context.options.seed) },
    }));
    context.store.write('model/model.onnx', onnx);
    context.store.writeJson('model/contract.json', contract);
    context.store.writeJson('model/metrics.json', metrics);
    context.store.writeJson('model/reference.json', model.reference);
    context.store.write('model/report.html', report);
    const { test } = model;
    context.log(`evaluate: test AUROC ${test.auroc.toFixed(3)}, F1 ${test.f1.toFixed(3)}, threshold ${model.threshold.toFixed(3)}, ONNX parity ${parity.toExponential(1)}`);
    return {
      step: 'evaluate',
      auroc: test.auroc,
      f1: test.f1,
      prAuc: test.prAuc,
      precision: test.precision,
      recall: test.recall,
      threshold: model.threshold,
      recallByMode: Object.fromEntries(Object.entries(test.recallByGroup).map(([mode, r]) => [mode, r.recall])),
      onnxParityMaxAbsDiff: parity,
    };
  });
}
