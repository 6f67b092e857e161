import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MlflowRegistry } from '@millwright/registry';
import { startFakeMlflowServer } from '@millwright/registry/testing';
import { runTrainer, tempHome } from '../test-support/run-trainer.ts';
import { parentRunTag } from './register.ts';

describe('register: the search trials in MLflow', () => {
  it('logs every trial of the search as a finished child run of the training run, with its family, params and validation metrics', async () => {
    const server = await startFakeMlflowServer();
    const home = tempHome();
    try {
      const result = await runTrainer(['pipeline', '--rows', '3000', '--threads', '0', '--seed', '5', '--trials', '4'], { MILLWRIGHT_HOME: home, MLFLOW_TRACKING_URI: server.url });
      expect(result.code).toBe(0);
      const registry = new MlflowRegistry({ trackingUri: server.url });
      const version = await registry.getModelVersion('predictive-maintenance', '1');
      const parent = version.runId!;
      const loggedRuns = [...new Set(server.requestsTo('POST', 'runs/log-batch').map((request) => (request.body as { run_id: string }).run_id))];
      const children = (await Promise.all(loggedRuns.map((runId) => registry.getRun(runId)))).filter((run) => run.runId !== parent);

      expect(children).toHaveLength(4);
      expect(children.map((run) => run.params['family'])).toEqual(['boosted', 'forest', 'boosted', 'boosted']);
      for (const child of children) {
        expect(child.tags[parentRunTag]).toBe(parent);
        expect(child.status).toBe('FINISHED');
        expect(child.metrics['validation_f1']).toBeGreaterThan(0);
        expect(child.metrics['validation_auroc']).toBeGreaterThan(0.5);
        expect(child.metrics['training_seconds']).toBeGreaterThan(0);
      }
      expect(children.filter((run) => run.tags['millwright.chosen'] === 'true')).toHaveLength(1);
      expect((await registry.getRun(parent)).tags[parentRunTag]).toBeUndefined();
    } finally {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
