import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRegistry } from '@millwright/registry';
import { startFakeMlflowServer } from '@millwright/registry/testing';
import { runTrainer, tempHome } from './test-support/run-trainer.ts';

const small = ['--rows', '4000', '--threads', '0', '--seed', '3'];

describe('trainer pipeline on the local registry', () => {
  const home = tempHome();
  const env = { MILLWRIGHT_HOME: home };
  const registry = new LocalRegistry(join(home, 'registry'));
  let first: Awaited<ReturnType<typeof runTrainer>>;
  beforeAll(async () => {
    first = await runTrainer(['pipeline', ...small, '--run-id', 'first'], env);
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('trains, registers and promotes the first model, ending with a JSON summary', () => {
    expect(first.stderr).not.toMatch(/failed/);
    expect(first.code).toBe(0);
    expect(first.summary).toMatchObject({ runId: 'first', step: 'pipeline', model: 'predictive-maintenance', version: '1', promoted: true, rows: 4000 });
    const metrics = first.summary!['metrics'] as Record<string, number>;
    expect(metrics['auroc']).toBeGreaterThan(0.9);
    expect(first.summary!['onnxParityMaxAbsDiff']).toBeLessThanOrEqual(1e-5);
  });

  it('registers the model directory, byte for byte, as the champion', async () => {
    const champion = await registry.getVersionByAlias('predictive-maintenance', 'champion');
    expect(champion?.version).toBe('1');
    const files = await registry.downloadModelVersion('predictive-maintenance', '1');
    expect([...files.keys()].sort()).toEqual(['contract.json', 'global-importance.json', 'metrics.json', 'model.onnx', 'reference.json', 'report.html']);
    expect(Buffer.from(files.get('model.onnx')!)).toEqual(readFileSync(join(home, 'runs/first/model/model.onnx')));
    const contract = JSON.parse(Buffer.from(files.get('contract.json')!).toString()) as { outputs: { threshold: number } };
    expect(contract.outputs.threshold).toBe(first.summary!['metrics'] && (first.summary!['metrics'] as { threshold: number }).threshold);
  });

  it('registers a global explanation (mean |SHAP| per feature on the test set) and shows it in the training report', async () => {
    const files = await registry.downloadModelVersion('predictive-maintenance', '1');
    const importance = JSON.parse(Buffer.from(files.get('global-importance.json')!).toString()) as { marginSpace: string; rows: number; features: { feature: string; meanAbsShap: number }[] };
    expect(importance.marginSpace).toMatch(/^(probability|log-odds)$/);
    const metrics = JSON.parse(Buffer.from(files.get('metrics.json')!).toString()) as { sizes: { test: number } };
    expect(importance.rows).toBe(metrics.sizes.test);
    expect(importance.features).toHaveLength(9);
    expect(importance.features[0]!.meanAbsShap).toBeGreaterThan(0);
    expect(Buffer.from(files.get('report.html')!).toString()).toContain('Global explanation (mean |SHAP|)');
  });

  it('skips a step retried with the same run id instead of registering twice', async () => {
    const again = await runTrainer(['register', '--run-id', 'first'], env);
    expect(again.code).toBe(0);
    expect(again.summary).toMatchObject({ version: '1' });
    expect(again.stderr).toMatch(/already done for run first/);
    expect(await registry.searchModelVersions('predictive-maintenance')).toHaveLength(1);
  });

  it('never promotes a model that does not beat the champion by the margin, and says why in its tags', async () => {
    const second = await runTrainer(['pipeline', ...small, '--run-id', 'second', '--margin', '0.5'], env);
    expect(second.code).toBe(0);
    expect(second.summary).toMatchObject({ version: '2', promoted: false });
    expect((await registry.getVersionByAlias('predictive-maintenance', 'champion'))?.version).toBe('1');
    const tags = (await registry.getModelVersion('predictive-maintenance', '2')).tags;
    expect(tags['millwright.promotion']).toBe('not-promoted');
    expect(tags['millwright.promotion_reason']).toMatch(/does not beat champion version 1 .* margin 0.5/);
  });

  it('finds no drift in fresh simulated data and drift in a heat wave, failing with exit code 3 when asked', async () => {
    const calm = await runTrainer(['drift', '--rows', '3000'], env);
    expect(calm.code).toBe(0);
    expect(calm.summary).toMatchObject({ step: 'drift', champion: '1', drifted: [] });
    const hot = await runTrainer(['drift', '--rows', '3000', '--scenario', 'heat-wave', '--fail-on-drift'], env);
    expect(hot.code).toBe(3);
    expect(hot.summary!['drifted']).toEqual(expect.arrayContaining(['airTemperatureK', 'processTemperatureK']));
  });
});

describe('trainer with bad data', () => {
  it('exits non-zero naming the row and column, and registers nothing', async () => {
    const home = tempHome();
    try {
      const csv = join(home, 'bad.csv');
      writeFileSync(csv, 'type,airTemperatureK,processTemperatureK,rotationalSpeedRpm,torqueNm,toolWearMin,machineFailure\nL,300,310,1500,40,10,0\nH,300,310,1500,forty,10,1\n');
      const result = await runTrainer(['pipeline', '--source', `csv:${csv}`, '--threads', '0'], { MILLWRIGHT_HOME: home });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/bad\.csv row 3, column torqueNm: must be a number/);
      expect(result.stderr).toMatch(/Nothing was registered\./);
      expect(await new LocalRegistry(join(home, 'registry')).searchModelVersions('predictive-maintenance').catch(() => [])).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('rejects an unknown command and a bad option with usage and exit code 2', async () => {
    expect((await runTrainer(['tran'], { MILLWRIGHT_HOME: '/nonexistent' })).code).toBe(2);
    const bad = await runTrainer(['pipeline', '--rows', 'many'], { MILLWRIGHT_HOME: '/nonexistent' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--rows many: not a valid value/);
  });
});

describe('trainer pipeline against MLflow (the documented REST API)', () => {
  it('logs the run and registers and promotes the version through the tracking server', async () => {
    const server = await startFakeMlflowServer();
    const home = tempHome();
    try {
      const result = await runTrainer(['pipeline', '--rows', '3000', '--threads', '0', '--seed', '5'], { MILLWRIGHT_HOME: home, MLFLOW_TRACKING_URI: server.url });
      expect(result.stderr).not.toMatch(/failed/);
      expect(result.code).toBe(0);
      expect(result.summary).toMatchObject({ version: '1', promoted: true });
      expect(server.requestsTo('POST', '/api/2.0/mlflow/model-versions/create')).toHaveLength(1);
      expect(server.requestsTo('POST', '/api/2.0/mlflow/registered-models/alias')).toHaveLength(1);
    } finally {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
