/**
 * The whole bring-up: start the platform, wait for every process, and make sure the registry has
 * a champion (a first training job when it has none), then wait for the API to serve it.
 */
import type { Topology } from '@millwright/platform';
import { aliasVersion, mlflowEndpoints, runTrainingJob, waitUntilReady } from './bring-up.ts';
import { startPlatformLab, type PlatformLab } from './start-platform-lab.ts';
import { ensureUiBuild } from './ui-build.ts';
import type { BackOffPolicy } from '../supervisor/index.ts';

export interface BringUpOptions {
  readonly workspaceRoot: string;
  readonly stateDir: string;
  readonly topology?: Topology;
  readonly prefix?: string;
  readonly backOff?: Partial<BackOffPolicy>;
  /** Rows of the first model. @default 4000 */
  readonly firstModelRows?: number;
  readonly log: (line: string) => void;
  /** Stops waiting (and removes the lab) when aborted: `down` or Ctrl-C during the bring-up. */
  readonly signal?: AbortSignal;
}

export const servedModel = 'predictive-maintenance';

export async function bringUp(options: BringUpOptions): Promise<PlatformLab> {
  const started = performance.now();
  await ensureUiBuild(options.workspaceRoot, options.log);
  const lab = await startPlatformLab(options);
  try {
    // Without a model the inference API is not ready, so it is waited for after the first training.
    await waitUntilReady(lab, 180_000, (name) => !name.endsWith('/inference-api'), options.signal);
    const mlflow = mlflowEndpoints(lab);
    if ((await aliasVersion(mlflow.fromRoot, servedModel, 'champion')) === undefined) {
      options.log('the registry has no champion: running the training pipeline as a job in the MLflow site');
      await runTrainingJob(lab, { rows: options.firstModelRows ?? 4000, seed: 42, model: servedModel }, options.log);
    }
    await waitUntilReady(lab, 120_000, undefined, options.signal);
    options.log(`the lab is up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return lab;
  } catch (error) {
    await lab.stop().catch(() => undefined);
    throw error;
  }
}
