import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logBatchLimits } from '../log-batch.ts';
import { challengerAlias, championAlias, type MetricInput, type ModelRegistry, type Run } from '../model-registry.ts';
import { RegistryError, type RegistryErrorCode } from '../registry-error.ts';
import { everyByteValue, expectSameBytes, pseudoRandomBytes } from './test-bytes.ts';

/** A registry to run the contract against, and how to release what it holds (a temp dir, a server). */
export interface RegistryUnderTest {
  readonly registry: ModelRegistry;
  cleanup(): Promise<void>;
}

/** Fails unless `promise` rejects with a {@link RegistryError} of `code`. */
export async function expectRegistryError(promise: Promise<unknown>, code: RegistryErrorCode): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error, `expected a RegistryError ${code}`).toBeInstanceOf(RegistryError);
  expect((error as RegistryError).code).toBe(code);
  return error as RegistryError;
}

/**
 * The behaviour every {@link ModelRegistry} must share, as one vitest suite: experiment → run →
 * params and metrics (a batch over MLflow's per-request limits included) → artifacts byte for byte →
 * registered model → versions → aliases `champion` / `challenger` → tags → errors → download of a
 * whole version. `makeRegistry` runs once for the suite; each test uses fresh names.
 */
export function registryContractSuite(name: string, makeRegistry: () => Promise<RegistryUnderTest>): void {
  describe(`${name} (registry contract)`, () => {
    let subject: RegistryUnderTest | undefined;
    let counter = 0;
    const registry = (): ModelRegistry => subject!.registry;
    const unique = (base: string): string => `${base}-${(counter += 1)}`;
    const newRun = async (runName = 'train'): Promise<Run> => {
      const experiment = await registry().getOrCreateExperiment(unique('predictive-maintenance'));
      return registry().createRun(experiment.experimentId, { runName });
    };
    const newModel = async (): Promise<string> => (await registry().createRegisteredModel(unique('failure-classifier'))).name;

    beforeAll(async () => {
      subject = await makeRegistry();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    describe('experiments', () => {
      it('creates an experiment once and returns the same one for the same name', async () => {
        const experimentName = unique('experiment');
        const first = await registry().getOrCreateExperiment(experimentName);
        const second = await registry().getOrCreateExperiment(experimentName);
        expect(second).toEqual(first);
        expect(first.name).toBe(experimentName);
        expect(first.artifactLocation).not.toBe('');
      });

      it('gives two experiments two IDs', async () => {
        const a = await registry().getOrCreateExperiment(unique('experiment'));
        const b = await registry().getOrCreateExperiment(unique('experiment'));
        expect(a.experimentId).not.toBe(b.experimentId);
      });
    });

    describe('runs', () => {
      it('starts a RUNNING run with its name, tags and an artifact root', async () => {
        const experiment = await registry().getOrCreateExperiment(unique('experiment'));
        const run = await registry().createRun(experiment.experimentId, { runName: 'train-2025', tags: { 'millwright.step': 'train' } });
        const fetched = await registry().getRun(run.runId);
        expect(fetched).toMatchObject({ runId: run.runId, experimentId: experiment.experimentId, runName: 'train-2025', status: 'RUNNING', endTime: undefined });
        expect(fetched.tags).toMatchObject({ 'millwright.step': 'train' });
        expect(fetched.artifactUri).toBe(run.artifactUri);
        expect(fetched.startTime).toBeGreaterThan(0);
      });

      it('records params, the latest value of each metric, and tags', async () => {
        const run = await newRun();
        const metrics: MetricInput[] = [
          { key: 'loss', value: 0.9, timestamp: 1000, step: 0 },
          { key: 'loss', value: 0.5, timestamp: 3000, step: 1 },
          { key: 'auroc', value: 0.96, timestamp: 5000 },
          { key: 'auroc', value: 0.97, timestamp: 5000 },
        ];
        await registry().logBatch(run.runId, { params: { trees: 12, seed: '42', balanced: true }, metrics, tags: { stage: 'candidate' } });
        const fetched = await registry().getRun(run.runId);
        expect(fetched.params).toEqual({ trees: '12', seed: '42', balanced: 'true' });
        expect(fetched.metrics).toEqual({ loss: 0.5, auroc: 0.97 });
        expect(fetched.tags).toMatchObject({ stage: 'candidate' });
      });

      it('reports the value with the highest step, then the latest timestamp, then the largest value, as MLflow\'s stores do', async () => {
        const run = await newRun();
        const metrics: MetricInput[] = [
          { key: 'loss', value: 0.9, timestamp: 1000, step: 0 },
          { key: 'loss', value: 0.5, timestamp: 3000, step: 1 },
          { key: 'loss', value: 0.7, timestamp: 2000, step: 2 },
          { key: 'f1', value: 0.8, timestamp: 1000, step: 3 },
          { key: 'f1', value: 0.6, timestamp: 2000, step: 3 },
          { key: 'auroc', value: 0.96, timestamp: 5000, step: 1 },
          { key: 'auroc', value: 0.97, timestamp: 5000, step: 1 },
        ];
        await registry().logBatch(run.runId, { metrics });
        expect((await registry().getRun(run.runId)).metrics).toEqual({ loss: 0.7, f1: 0.6, auroc: 0.97 });
      });

      it('takes metrics as a record, stamped with the current time', async () => {
        const run = await newRun();
        await registry().logBatch(run.runId, { metrics: { f1: 0.84, precision: 0.9 } });
        expect((await registry().getRun(run.runId)).metrics).toEqual({ f1: 0.84, precision: 0.9 });
      });

      it('splits a batch larger than the per-request limits and keeps every entity', async () => {
        const run = await newRun();
        const metricCount = logBatchLimits.metrics * 2 + 500;
        const paramCount = logBatchLimits.params * 2 + 50;
        const tagCount = logBatchLimits.tags * 2 + 50;
        const metrics = Array.from({ length: metricCount }, (_, i) => ({ key: `feature_importance/f${i}`, value: i / 10, timestamp: 1_000 + i, step: i }));
        const params = Object.fromEntries(Array.from({ length: paramCount }, (_, i) => [`grid.p${i}`, `value-${i}`]));
        const tags = Object.fromEntries(Array.from({ length: tagCount }, (_, i) => [`note.${i}`, `tag ${i}`]));
        await registry().logBatch(run.runId, { metrics, params, tags });
        const fetched = await registry().getRun(run.runId);
        expect(Object.keys(fetched.metrics)).toHaveLength(metricCount);
        expect(fetched.metrics[`feature_importance/f${metricCount - 1}`]).toBe((metricCount - 1) / 10);
        expect(fetched.params).toEqual(params);
        expect(fetched.tags).toMatchObject(tags);
      });

      it('accepts a param logged again with the same value and refuses a different value', async () => {
        const run = await newRun();
        await registry().logBatch(run.runId, { params: { max_depth: '8' } });
        await registry().logBatch(run.runId, { params: { max_depth: '8' } });
        await expectRegistryError(registry().logBatch(run.runId, { params: { max_depth: '9' } }), 'INVALID_PARAMETER_VALUE');
        expect((await registry().getRun(run.runId)).params).toEqual({ max_depth: '8' });
      });

      it('overwrites a tag written twice', async () => {
        const run = await newRun();
        await registry().logBatch(run.runId, { tags: { verdict: 'pending' } });
        await registry().logBatch(run.runId, { tags: { verdict: 'promoted' } });
        expect((await registry().getRun(run.runId)).tags.verdict).toBe('promoted');
      });

      it('refuses a metric key with a "//" or a non-finite value', async () => {
        const run = await newRun();
        await expectRegistryError(registry().logBatch(run.runId, { metrics: { 'a//b': 1 } }), 'INVALID_PARAMETER_VALUE');
        await expectRegistryError(registry().logBatch(run.runId, { metrics: { loss: Number.NaN } }), 'INVALID_PARAMETER_VALUE');
      });

      it('finishes a run with FINISHED by default and records the end time', async () => {
        const run = await newRun();
        await registry().finishRun(run.runId);
        const fetched = await registry().getRun(run.runId);
        expect(fetched.status).toBe('FINISHED');
        expect(fetched.endTime).toBeGreaterThanOrEqual(fetched.startTime);
      });

      it('finishes a run with FAILED when told so', async () => {
        const run = await newRun();
        await registry().finishRun(run.runId, 'FAILED');
        expect((await registry().getRun(run.runId)).status).toBe('FAILED');
      });

      it('fails with RESOURCE_DOES_NOT_EXIST for an unknown run or experiment', async () => {
        await expectRegistryError(registry().getRun('0123456789abcdef0123456789abcdef'), 'RESOURCE_DOES_NOT_EXIST');
        await expectRegistryError(registry().createRun('987654'), 'RESOURCE_DOES_NOT_EXIST');
      });
    });

    describe('artifacts', () => {
      it('round-trips every byte value unchanged', async () => {
        const run = await newRun();
        await registry().logArtifact(run.runId, 'bytes/all-values.bin', everyByteValue());
        expectSameBytes(await registry().downloadArtifact(run.runId, 'bytes/all-values.bin'), everyByteValue());
      });

      it('round-trips a 1 MB blob unchanged', async () => {
        const run = await newRun();
        const blob = pseudoRandomBytes(1024 * 1024);
        await registry().logArtifact(run.runId, 'model/model.onnx', blob);
        expectSameBytes(await registry().downloadArtifact(run.runId, 'model/model.onnx'), blob);
      });

      it('lists every artifact recursively with its size, sorted by path', async () => {
        const run = await newRun();
        await registry().logArtifact(run.runId, 'report.html', new TextEncoder().encode('<h1>report</h1>'));
        await registry().logArtifact(run.runId, 'model/model.onnx', new Uint8Array(10));
        await registry().logArtifact(run.runId, 'model/contract.json', new TextEncoder().encode('{}'));
        expect(await registry().listArtifacts(run.runId)).toEqual([
          { path: 'model/contract.json', size: 2 },
          { path: 'model/model.onnx', size: 10 },
          { path: 'report.html', size: 15 },
        ]);
      });

      it('lists nothing for a run without artifacts', async () => {
        expect(await registry().listArtifacts((await newRun()).runId)).toEqual([]);
      });

      it('replaces an artifact written twice', async () => {
        const run = await newRun();
        await registry().logArtifact(run.runId, 'metrics.json', new TextEncoder().encode('{"f1":0.5}'));
        await registry().logArtifact(run.runId, 'metrics.json', new TextEncoder().encode('{"f1":0.8}'));
        expect(new TextDecoder().decode(await registry().downloadArtifact(run.runId, 'metrics.json'))).toBe('{"f1":0.8}');
      });

      it('fails with RESOURCE_DOES_NOT_EXIST for a missing artifact', async () => {
        const run = await newRun();
        await registry().logArtifact(run.runId, 'model/model.onnx', new Uint8Array(1));
        await expectRegistryError(registry().downloadArtifact(run.runId, 'model/missing.onnx'), 'RESOURCE_DOES_NOT_EXIST');
        await expectRegistryError(registry().downloadArtifact(run.runId, 'model'), 'RESOURCE_DOES_NOT_EXIST');
      });

      it('refuses paths that would leave the artifact root', async () => {
        const run = await newRun();
        for (const path of ['../escape.bin', '/etc/passwd', 'a//b', 'a/./b', '']) {
          await expectRegistryError(registry().logArtifact(run.runId, path, new Uint8Array(1)), 'INVALID_PARAMETER_VALUE');
        }
      });
    });

    describe('registered models and versions', () => {
      it('creates a registered model and refuses a second one with RESOURCE_ALREADY_EXISTS', async () => {
        const modelName = unique('failure-classifier');
        const model = await registry().createRegisteredModel(modelName);
        expect(model).toMatchObject({ name: modelName, aliases: {} });
        await expectRegistryError(registry().createRegisteredModel(modelName), 'RESOURCE_ALREADY_EXISTS');
      });

      it('ensures a registered model: creates it once, then returns the existing one', async () => {
        const modelName = unique('failure-classifier');
        const first = await registry().ensureRegisteredModel(modelName);
        const second = await registry().ensureRegisteredModel(modelName);
        expect(second.name).toBe(first.name);
        expect(second.creationTimestamp).toBe(first.creationTimestamp);
      });

      it('fails with RESOURCE_DOES_NOT_EXIST for an unknown registered model', async () => {
        await expectRegistryError(registry().getRegisteredModel(unique('never-created')), 'RESOURCE_DOES_NOT_EXIST');
        await expectRegistryError(registry().createModelVersion(unique('never-created'), { runId: (await newRun()).runId }), 'RESOURCE_DOES_NOT_EXIST');
      });

      it('numbers versions "1", "2", ... and records run, source and tags', async () => {
        const modelName = await newModel();
        const run = await newRun();
        const v1 = await registry().createModelVersion(modelName, { runId: run.runId, source: `${run.artifactUri}/model`, tags: { 'millwright.auroc': '0.97' } });
        const v2 = await registry().createModelVersion(modelName, { runId: run.runId });
        expect([v1.version, v2.version]).toEqual(['1', '2']);
        const fetched = await registry().getModelVersion(modelName, '1');
        expect(fetched).toMatchObject({ name: modelName, version: '1', runId: run.runId, source: `${run.artifactUri}/model`, status: 'READY', aliases: [] });
        expect(fetched.tags).toEqual({ 'millwright.auroc': '0.97' });
      });

      it("defaults a version's source to its run's artifact root", async () => {
        const modelName = await newModel();
        const run = await newRun();
        const version = await registry().createModelVersion(modelName, { runId: run.runId });
        expect(version.source).toBe(run.artifactUri);
        expect(await registry().getDownloadUri(modelName, version.version)).toBe(run.artifactUri);
      });

      it('fails with RESOURCE_DOES_NOT_EXIST for a missing version', async () => {
        const modelName = await newModel();
        await expectRegistryError(registry().getModelVersion(modelName, '7'), 'RESOURCE_DOES_NOT_EXIST');
        await expectRegistryError(registry().getModelVersion(unique('never-created'), '1'), 'RESOURCE_DOES_NOT_EXIST');
      });

      it('lists each version with the aliases pointing at it, though MLflow\'s search leaves them out (mlflow#9783)', async () => {
        const modelName = await newModel();
        const run = await newRun();
        for (let i = 0; i < 3; i += 1) await registry().createModelVersion(modelName, { runId: run.runId });
        await registry().setAlias(modelName, championAlias, '2');
        await registry().setAlias(modelName, challengerAlias, '3');
        await registry().setAlias(modelName, 'previous-champion', '2');
        const listed = await registry().searchModelVersions(modelName);
        expect(listed.map(({ version, aliases }) => ({ version, aliases }))).toEqual([
          { version: '1', aliases: [] },
          { version: '2', aliases: ['champion', 'previous-champion'] },
          { version: '3', aliases: ['challenger'] },
        ]);
      });

      it('searches every version of a model in version order', async () => {
        const modelName = await newModel();
        const run = await newRun();
        for (let i = 0; i < 3; i += 1) await registry().createModelVersion(modelName, { runId: run.runId });
        expect((await registry().searchModelVersions(modelName)).map((version) => version.version)).toEqual(['1', '2', '3']);
        expect(await registry().searchModelVersions(unique('never-created'))).toEqual([]);
      });

      it('sets a version tag and overwrites it', async () => {
        const modelName = await newModel();
        const version = await registry().createModelVersion(modelName, { runId: (await newRun()).runId });
        await registry().setModelVersionTag(modelName, version.version, 'millwright.promotion', 'refused: auroc 0.91 < champion 0.95');
        await registry().setModelVersionTag(modelName, version.version, 'millwright.promotion', 'promoted');
        expect((await registry().getModelVersion(modelName, version.version)).tags).toEqual({ 'millwright.promotion': 'promoted' });
      });
    });

    describe('aliases', () => {
      it('sets champion and challenger, resolves them, moves champion and deletes challenger', async () => {
        const modelName = await newModel();
        const run = await newRun();
        await registry().createModelVersion(modelName, { runId: run.runId });
        await registry().createModelVersion(modelName, { runId: run.runId });
        await registry().setAlias(modelName, championAlias, '1');
        await registry().setAlias(modelName, challengerAlias, '2');
        expect((await registry().getVersionByAlias(modelName, championAlias))?.version).toBe('1');
        expect((await registry().getVersionByAlias(modelName, challengerAlias))?.version).toBe('2');
        expect((await registry().getRegisteredModel(modelName)).aliases).toEqual({ champion: '1', challenger: '2' });

        await registry().setAlias(modelName, championAlias, '2');
        const champion = await registry().getVersionByAlias(modelName, championAlias);
        expect(champion?.version).toBe('2');
        expect(champion?.aliases).toEqual(['challenger', 'champion']);
        expect((await registry().getModelVersion(modelName, '1')).aliases).toEqual([]);

        await registry().deleteAlias(modelName, challengerAlias);
        expect(await registry().getVersionByAlias(modelName, challengerAlias)).toBeUndefined();
        expect((await registry().getRegisteredModel(modelName)).aliases).toEqual({ champion: '2' });
      });

      it('resolves an alias that was never set, or on an unknown model, to undefined', async () => {
        const modelName = await newModel();
        expect(await registry().getVersionByAlias(modelName, championAlias)).toBeUndefined();
        expect(await registry().getVersionByAlias(unique('never-created'), championAlias)).toBeUndefined();
      });

      it('deletes an alias that is not set without error', async () => {
        const modelName = await newModel();
        await registry().deleteAlias(modelName, challengerAlias);
        expect(await registry().getVersionByAlias(modelName, challengerAlias)).toBeUndefined();
      });

      it('refuses to point an alias at a missing version', async () => {
        const modelName = await newModel();
        await expectRegistryError(registry().setAlias(modelName, championAlias, '3'), 'RESOURCE_DOES_NOT_EXIST');
      });

      it('refuses the reserved alias names "latest" and "v1"', async () => {
        const modelName = await newModel();
        await registry().createModelVersion(modelName, { runId: (await newRun()).runId });
        await expectRegistryError(registry().setAlias(modelName, 'latest', '1'), 'INVALID_PARAMETER_VALUE');
        await expectRegistryError(registry().setAlias(modelName, 'v1', '1'), 'INVALID_PARAMETER_VALUE');
      });
    });

    describe('model version download', () => {
      const files: Readonly<Record<string, Uint8Array>> = {
        'model/model.onnx': pseudoRandomBytes(200_000, 7),
        'model/contract.json': new TextEncoder().encode('{"inputs":[]}'),
        'model/metrics.json': new TextEncoder().encode('{"auroc":0.97}'),
        'report/training-report.html': everyByteValue(),
      };
      const runWithFiles = async (): Promise<Run> => {
        const run = await newRun();
        for (const [path, bytes] of Object.entries(files)) await registry().logArtifact(run.runId, path, bytes);
        return run;
      };

      it('returns every artifact of a version byte-identical, keyed by path', async () => {
        const modelName = await newModel();
        const run = await runWithFiles();
        const version = await registry().createModelVersion(modelName, { runId: run.runId });
        const downloaded = await registry().downloadModelVersion(modelName, version.version);
        expect([...downloaded.keys()]).toEqual(Object.keys(files).sort());
        for (const [path, bytes] of Object.entries(files)) expectSameBytes(downloaded.get(path), bytes);
      });

      it('returns only the files under a version whose source is a directory of the run', async () => {
        const modelName = await newModel();
        const run = await runWithFiles();
        const version = await registry().createModelVersion(modelName, { runId: run.runId, source: `${run.artifactUri}/model` });
        const downloaded = await registry().downloadModelVersion(modelName, version.version);
        expect([...downloaded.keys()]).toEqual(['contract.json', 'metrics.json', 'model.onnx']);
        expectSameBytes(downloaded.get('model.onnx'), files['model/model.onnx']!);
      });

      it('answers a runs:/ source unchanged as the download URI, as MLflow does, and downloads it from the run\'s artifacts', async () => {
        const modelName = await newModel();
        const run = await runWithFiles();
        const version = await registry().createModelVersion(modelName, { runId: run.runId, source: `runs:/${run.runId}/model` });
        expect(await registry().getDownloadUri(modelName, version.version)).toBe(`runs:/${run.runId}/model`);
        expect([...(await registry().downloadModelVersion(modelName, version.version)).keys()]).toEqual(['contract.json', 'metrics.json', 'model.onnx']);
      });
    });

    it('carries one model through experiment, run, params and metrics, artifacts, registration and promotion', async () => {
      const experiment = await registry().getOrCreateExperiment(unique('predictive-maintenance'));
      const run = await registry().createRun(experiment.experimentId, { runName: 'pipeline' });
      await registry().logBatch(run.runId, { params: { trees: 12 }, metrics: { auroc: 0.97, f1: 0.86 } });
      await registry().logArtifact(run.runId, 'model/model.onnx', pseudoRandomBytes(4096, 11));
      await registry().finishRun(run.runId);
      const modelName = unique('failure-classifier');
      await registry().ensureRegisteredModel(modelName);
      const version = await registry().createModelVersion(modelName, { runId: run.runId, source: `${run.artifactUri}/model` });
      await registry().setAlias(modelName, championAlias, version.version);
      const champion = await registry().getVersionByAlias(modelName, championAlias);
      expect(champion?.runId).toBe(run.runId);
      const downloaded = await registry().downloadModelVersion(modelName, champion!.version);
      expectSameBytes(downloaded.get('model.onnx'), pseudoRandomBytes(4096, 11));
      expect((await registry().getRun(champion!.runId!)).metrics.auroc).toBe(0.97);
    });
  });
}
