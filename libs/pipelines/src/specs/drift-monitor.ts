import { definePipeline, param } from '../spec/pipeline-spec.ts';
import { driftFoundExitCode } from '../spec/trainer-cli.ts';

/**
 * The drift monitor: every hour, compare recent telemetry with the champion's training reference
 * (PSI and KS per feature). `drift --fail-on-drift` exits 3 when a feature drifted; that exit
 * code, and only that one, starts a run of the training pipeline.
 */
export const driftMonitor = definePipeline({
  id: 'drift-monitor',
  description: "Hourly drift check of recent telemetry against the champion's training reference; retrains when a feature drifted",
  schedule: '@hourly',
  tags: ['monitoring'],
  parameters: {
    source: { default: 'postgres', description: 'where the recent rows come from: postgres (raw_telemetry), sim, csv:<file> or an http(s) data API' },
    rows: { default: '5000', description: 'recent rows to compare' },
    model: { default: 'predictive-maintenance', description: 'the registered model whose champion is checked' },
  },
  defaults: {
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    retry: { retries: 2, delaySeconds: 30, maxDelaySeconds: 300 },
    timeoutMinutes: 15,
  },
  steps: [
    { id: 'drift', command: 'drift', options: { source: param('source'), rows: param('rows'), model: param('model'), failOnDrift: true } },
    { id: 'retrain', trigger: 'training', dependsOn: ['drift'], when: { step: 'drift', exitCode: driftFoundExitCode } },
  ],
});
