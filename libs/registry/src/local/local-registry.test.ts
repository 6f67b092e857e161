import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalRegistry, championAlias } from '@millwright/registry';
import { expectRegistryError, makeTempDir, registryContractSuite, type TempDir } from '../test-support/index.ts';

registryContractSuite('LocalRegistry', async () => {
  const dir = await makeTempDir('local-registry');
  return { registry: new LocalRegistry(dir.path), cleanup: () => dir.remove() };
});

describe('LocalRegistry on disk', () => {
  const dirs: TempDir[] = [];
  const freshRoot = async (): Promise<string> => {
    const dir = await makeTempDir('local-registry');
    dirs.push(dir);
    return dir.path;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
  });

  it('keeps everything for a second instance on the same directory', async () => {
    const root = await freshRoot();
    const writer = new LocalRegistry(root);
    const experiment = await writer.getOrCreateExperiment('predictive-maintenance');
    const run = await writer.createRun(experiment.experimentId, { runName: 'train' });
    await writer.logBatch(run.runId, { params: { trees: 12 }, metrics: { auroc: 0.97 } });
    await writer.logArtifact(run.runId, 'model/model.onnx', new Uint8Array([1, 2, 3]));
    await writer.createRegisteredModel('failure-classifier');
    await writer.createModelVersion('failure-classifier', { runId: run.runId });
    await writer.setAlias('failure-classifier', championAlias, '1');

    const reader = new LocalRegistry(root);
    expect(await reader.getOrCreateExperiment('predictive-maintenance')).toEqual(experiment);
    expect((await reader.getRun(run.runId)).metrics).toEqual({ auroc: 0.97 });
    expect((await reader.getVersionByAlias('failure-classifier', championAlias))?.version).toBe('1');
    expect(await reader.downloadArtifact(run.runId, 'model/model.onnx')).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('stores MLflow-shaped JSON files under the documented layout and leaves no temporary file behind', async () => {
    const root = await freshRoot();
    const registry = new LocalRegistry(root, { now: () => 1_700_000_000_000 });
    const experiment = await registry.getOrCreateExperiment('predictive-maintenance');
    const run = await registry.createRun(experiment.experimentId);
    await registry.logBatch(run.runId, { metrics: [{ key: 'loss', value: 0.4, step: 3 }] });
    await registry.createRegisteredModel('failure-classifier');
    await registry.createModelVersion('failure-classifier', { runId: run.runId, tags: { note: 'first' } });
    await registry.setAlias('failure-classifier', 'champion', '1');

    expect((await readdir(root)).sort()).toEqual(['.tmp', 'experiment-names', 'experiments', 'models', 'runs']);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
    const stored = JSON.parse(await readFile(join(root, 'runs', run.runId, 'run.json'), 'utf8')) as { data: { metrics: unknown[] } };
    expect(stored.data.metrics).toEqual([{ key: 'loss', value: 0.4, timestamp: 1_700_000_000_000, step: 3 }]);
    const version = JSON.parse(await readFile(join(root, 'models', 'failure-classifier', 'versions', '1.json'), 'utf8')) as Record<string, unknown>;
    expect(version).toMatchObject({ name: 'failure-classifier', version: '1', status: 'READY', tags: [{ key: 'note', value: 'first' }] });
    expect(JSON.parse(await readFile(join(root, 'models', 'failure-classifier', 'aliases', 'champion.json'), 'utf8'))).toEqual({ alias: 'champion', version: '1' });
  });

  it('gives concurrent registrations distinct, consecutive versions', async () => {
    const root = await freshRoot();
    const first = new LocalRegistry(root);
    const second = new LocalRegistry(root);
    const experiment = await first.getOrCreateExperiment('predictive-maintenance');
    const run = await first.createRun(experiment.experimentId);
    await first.createRegisteredModel('failure-classifier');
    const versions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? first : second).createModelVersion('failure-classifier', { runId: run.runId })),
    );
    expect(versions.map((v) => Number(v.version)).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('loses no metric when batches for one run are logged concurrently', async () => {
    const registry = new LocalRegistry(await freshRoot());
    const run = await registry.createRun((await registry.getOrCreateExperiment('e')).experimentId);
    await Promise.all(Array.from({ length: 20 }, (_, i) => registry.logBatch(run.runId, { metrics: { [`m${i}`]: i } })));
    expect(Object.keys((await registry.getRun(run.runId)).metrics)).toHaveLength(20);
  });

  it('creates one experiment when two instances race for the same name', async () => {
    const root = await freshRoot();
    const [a, b] = await Promise.all([new LocalRegistry(root).getOrCreateExperiment('race'), new LocalRegistry(root).getOrCreateExperiment('race')]);
    expect(a).toEqual(b);
    expect(await readdir(join(root, 'experiments'))).toHaveLength(1);
  });

  it('ignores a temporary file a crash left behind', async () => {
    const root = await freshRoot();
    const registry = new LocalRegistry(root);
    await mkdir(join(root, '.tmp'), { recursive: true });
    await writeFile(join(root, '.tmp', 'deadbeef.tmp'), '{"half":');
    const run = await registry.createRun((await registry.getOrCreateExperiment('e')).experimentId);
    await registry.logArtifact(run.runId, 'a.bin', new Uint8Array([9]));
    expect(await registry.listArtifacts(run.runId)).toEqual([{ path: 'a.bin', size: 1 }]);
  });

  it('names the file when a stored JSON file was corrupted by hand', async () => {
    const root = await freshRoot();
    const registry = new LocalRegistry(root);
    await registry.createRegisteredModel('failure-classifier');
    await writeFile(join(root, 'models', 'failure-classifier', 'registered-model.json'), '{ not json');
    const error = await expectRegistryError(registry.getRegisteredModel('failure-classifier'), 'INTERNAL_ERROR');
    expect(error.message).toContain(join('models', 'failure-classifier', 'registered-model.json'));
  });

  it('keeps model names with separators inside its directory', async () => {
    const root = await freshRoot();
    const registry = new LocalRegistry(root);
    await registry.createRegisteredModel('line 3: press?');
    expect(await readdir(join(root, 'models'))).toEqual([encodeURIComponent('line 3: press?')]);
    await expectRegistryError(registry.createRegisteredModel('../escape'), 'INVALID_PARAMETER_VALUE');
  });

  it('refuses to register a source it cannot read', async () => {
    const registry = new LocalRegistry(await freshRoot());
    const run = await registry.createRun((await registry.getOrCreateExperiment('e')).experimentId);
    await registry.createRegisteredModel('m');
    await expectRegistryError(registry.createModelVersion('m', { runId: run.runId, source: 's3://bucket/model' }), 'INVALID_PARAMETER_VALUE');
  });

  it('refuses a run ID that is not MLflow-shaped', async () => {
    const registry = new LocalRegistry(await freshRoot());
    await expectRegistryError(registry.getRun('../../etc'), 'INVALID_PARAMETER_VALUE');
  });
});
