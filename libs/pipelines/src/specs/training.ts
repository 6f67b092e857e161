import { definePipeline, param } from '../spec/pipeline-spec.ts';

const trainResources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } };

/**
 * The training pipeline. Two branches train in parallel, one maximising F1 and one AUROC, each on
 * its own run (`<run id>-f1`, `<run id>-auroc`: the trainer keeps one set of outputs per run id),
 * starting from the shared ingest and prepare. Each branch evaluates and registers its model;
 * then the F1 branch's version is promoted if it beats the champion on the promotion metric, and
 * after it the AUROC branch's, against whichever is champion by then: the better of the two
 * wins, and neither replaces a better champion.
 */
export const training = definePipeline({
  id: 'training',
  description: 'Ingest labeled telemetry, validate and split it, train by F1 and by AUROC in parallel, evaluate and register both, promote the better one',
  schedule: '@weekly',
  tags: ['training'],
  parameters: {
    source: { default: 'postgres', description: 'where the labeled rows come from: postgres (raw_telemetry), sim, csv:<file> or an http(s) data API' },
    rows: { default: '20000', description: 'rows to read at most' },
    seed: { default: '42', description: 'seeds the split and the hyperparameter search' },
    model: { default: 'predictive-maintenance', description: 'the registered model' },
    promotion_metric: { default: 'f1', description: 'what promotion compares: f1 or auroc' },
    margin: { default: '0.005', description: 'how much a candidate must beat the champion by' },
  },
  defaults: {
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    retry: { retries: 2, delaySeconds: 60, maxDelaySeconds: 600 },
    timeoutMinutes: 30,
  },
  steps: [
    { id: 'ingest', command: 'ingest', options: { source: param('source'), rows: param('rows'), seed: param('seed') } },
    { id: 'prepare', command: 'prepare', dependsOn: ['ingest'], options: { seed: param('seed') } },
    {
      id: 'train-by-f1',
      command: 'train',
      branch: 'f1',
      dependsOn: ['prepare'],
      options: { metric: 'f1', seed: param('seed'), threads: 2 },
      resources: trainResources,
      timeoutMinutes: 60,
    },
    {
      id: 'train-by-auroc',
      command: 'train',
      branch: 'auroc',
      dependsOn: ['prepare'],
      options: { metric: 'auroc', seed: param('seed'), threads: 2 },
      resources: trainResources,
      timeoutMinutes: 60,
    },
    { id: 'evaluate-f1', command: 'evaluate', branch: 'f1', dependsOn: ['train-by-f1'], options: { metric: 'f1', model: param('model') } },
    { id: 'evaluate-auroc', command: 'evaluate', branch: 'auroc', dependsOn: ['train-by-auroc'], options: { metric: 'auroc', model: param('model') } },
    {
      id: 'register-f1',
      command: 'register',
      branch: 'f1',
      dependsOn: ['evaluate-f1'],
      options: { source: param('source'), seed: param('seed'), metric: 'f1', model: param('model') },
    },
    {
      id: 'register-auroc',
      command: 'register',
      branch: 'auroc',
      dependsOn: ['evaluate-auroc'],
      options: { source: param('source'), seed: param('seed'), metric: 'auroc', model: param('model') },
    },
    {
      id: 'promote-f1',
      command: 'promote',
      branch: 'f1',
      dependsOn: ['register-f1'],
      options: { metric: param('promotion_metric'), margin: param('margin'), model: param('model') },
    },
    {
      // After promote-f1, so the two promotions never race for the champion alias.
      id: 'promote-auroc',
      command: 'promote',
      branch: 'auroc',
      dependsOn: ['register-auroc', 'promote-f1'],
      options: { metric: param('promotion_metric'), margin: param('margin'), model: param('model') },
    },
  ],
});
