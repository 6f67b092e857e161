import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowRegistry, logBatchLimits, type LogBatchChunk } from '@millwright/registry';
import {
  expectRegistryError,
  registryContractSuite,
  startFakeMlflowServer,
  startFakeS3Server,
  type FakeMlflowServer,
} from '../test-support/index.ts';

const fastRetry = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

registryContractSuite('MlflowRegistry through the mlflow-artifacts proxy', async () => {
  const server = await startFakeMlflowServer({ maxSearchResults: 2 });
  return { registry: new MlflowRegistry({ trackingUri: server.url, retry: fastRetry }), cleanup: () => server.close() };
});

registryContractSuite('MlflowRegistry with artifacts straight to S3 / MinIO', async () => {
  const server = await startFakeMlflowServer();
  const s3 = await startFakeS3Server({ pageSize: 2 });
  const registry = new MlflowRegistry({
    trackingUri: server.url,
    retry: fastRetry,
    s3: { endpoint: s3.url, bucket: 'mlflow-artifacts', credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' } },
  });
  return {
    registry,
    cleanup: async () => {
      await server.close();
      await s3.close();
    },
  };
});

describe('MlflowRegistry requests (REST API field names)', () => {
  let server: FakeMlflowServer;
  let registry: MlflowRegistry;
  beforeEach(async () => {
    server = await startFakeMlflowServer({ now: () => 1_700_000_000_000 });
    registry = new MlflowRegistry({ trackingUri: `${server.url}/`, retry: fastRetry, now: () => 1_700_000_000_000 });
  });
  afterEach(async () => {
    await server.close();
  });
  const bodyOf = (method: string, endpoint: string, index = 0): unknown => server.requestsTo(method, endpoint)[index]?.body;

  it('looks an experiment up with GET experiments/get-by-name?experiment_name= and creates it with POST experiments/create { name }', async () => {
    const experiment = await registry.getOrCreateExperiment('predictive maintenance');
    expect(server.requestsTo('GET', 'experiments/get-by-name')[0]?.query).toEqual({ experiment_name: 'predictive maintenance' });
    expect(bodyOf('POST', 'experiments/create')).toEqual({ name: 'predictive maintenance' });
    expect(experiment).toEqual({ experimentId: '1', name: 'predictive maintenance', artifactLocation: 'mlflow-artifacts:/1' });
  });

  it('creates a run with POST runs/create { experiment_id, run_name, start_time, tags: [{ key, value }] }', async () => {
    const run = await registry.createRun('0', { runName: 'train', tags: { 'millwright.step': 'train' } });
    expect(bodyOf('POST', 'runs/create')).toEqual({ experiment_id: '0', run_name: 'train', start_time: 1_700_000_000_000, tags: [{ key: 'millwright.step', value: 'train' }] });
    expect(run.artifactUri).toBe(`mlflow-artifacts:/0/${run.runId}/artifacts`);
  });

  it('logs with POST runs/log-batch { run_id, metrics: [{ key, value, timestamp, step }], params and tags: [{ key, value }] }', async () => {
    const run = await registry.createRun('0');
    await registry.logBatch(run.runId, { params: { trees: 12 }, metrics: [{ key: 'loss', value: 0.25, step: 4 }], tags: { stage: 'candidate' } });
    expect(bodyOf('POST', 'runs/log-batch')).toEqual({
      run_id: run.runId,
      metrics: [{ key: 'loss', value: 0.25, timestamp: 1_700_000_000_000, step: 4 }],
      params: [{ key: 'trees', value: '12' }],
      tags: [{ key: 'stage', value: 'candidate' }],
    });
  });

  it('splits 2500 metrics, 250 params and 250 tags into requests within the documented limits', async () => {
    const run = await registry.createRun('0');
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: `m${i}`, value: i }));
    const params = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, String(i)]));
    const tags = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`t${i}`, String(i)]));
    await registry.logBatch(run.runId, { metrics, params, tags });
    const bodies = server.requestsTo('POST', 'runs/log-batch').map((request) => request.body as LogBatchChunk);
    expect(bodies).toHaveLength(3);
    for (const body of bodies) {
      expect(body.metrics.length).toBeLessThanOrEqual(logBatchLimits.metrics);
      expect(body.params.length).toBeLessThanOrEqual(logBatchLimits.params);
      expect(body.tags.length).toBeLessThanOrEqual(logBatchLimits.tags);
      expect(body.metrics.length + body.params.length + body.tags.length).toBeLessThanOrEqual(logBatchLimits.total);
    }
    expect(bodies.flatMap((body) => body.metrics.map((metric) => metric.key))).toEqual(metrics.map((metric) => metric.key));
    expect(bodies.reduce((sum, body) => sum + body.params.length, 0)).toBe(250);
    expect(bodies.reduce((sum, body) => sum + body.tags.length, 0)).toBe(250);
  });

  it('ends a run with POST runs/update { run_id, status, end_time }', async () => {
    const run = await registry.createRun('0');
    await registry.finishRun(run.runId, 'KILLED');
    expect(bodyOf('POST', 'runs/update')).toEqual({ run_id: run.runId, status: 'KILLED', end_time: 1_700_000_000_000 });
  });

  it('reads a run with GET runs/get?run_id=', async () => {
    const run = await registry.createRun('0');
    await registry.getRun(run.runId);
    expect(server.requestsTo('GET', 'runs/get')[0]?.query).toEqual({ run_id: run.runId });
  });

  it('registers with registered-models/create { name } and model-versions/create { name, source, run_id, tags }', async () => {
    const run = await registry.createRun('0');
    await registry.createRegisteredModel('failure-classifier');
    await registry.createModelVersion('failure-classifier', { runId: run.runId, source: `runs:/${run.runId}/model`, tags: { auroc: '0.97' } });
    expect(bodyOf('POST', 'registered-models/create')).toEqual({ name: 'failure-classifier' });
    expect(bodyOf('POST', 'model-versions/create')).toEqual({ name: 'failure-classifier', source: `runs:/${run.runId}/model`, run_id: run.runId, tags: [{ key: 'auroc', value: '0.97' }] });
  });

  it('sets an alias with POST, reads it with GET ?name=&alias= and deletes it with DELETE and a JSON body', async () => {
    const run = await registry.createRun('0');
    await registry.createRegisteredModel('failure-classifier');
    await registry.createModelVersion('failure-classifier', { runId: run.runId });
    await registry.setAlias('failure-classifier', 'champion', '1');
    await registry.getVersionByAlias('failure-classifier', 'champion');
    await registry.deleteAlias('failure-classifier', 'champion');
    expect(bodyOf('POST', 'registered-models/alias')).toEqual({ name: 'failure-classifier', alias: 'champion', version: '1' });
    expect(server.requestsTo('GET', 'registered-models/alias')[0]?.query).toEqual({ name: 'failure-classifier', alias: 'champion' });
    expect(bodyOf('DELETE', 'registered-models/alias')).toEqual({ name: 'failure-classifier', alias: 'champion' });
  });

  it('tags a version with POST model-versions/set-tag { name, version, key, value }', async () => {
    const run = await registry.createRun('0');
    await registry.createRegisteredModel('failure-classifier');
    await registry.createModelVersion('failure-classifier', { runId: run.runId });
    await registry.setModelVersionTag('failure-classifier', '1', 'millwright.promotion', 'promoted');
    expect(bodyOf('POST', 'model-versions/set-tag')).toEqual({ name: 'failure-classifier', version: '1', key: 'millwright.promotion', value: 'promoted' });
  });

  it("searches versions with GET model-versions/search?filter=name='<model>' and asks for the download URI with name and version", async () => {
    const run = await registry.createRun('0');
    await registry.createRegisteredModel('failure-classifier');
    await registry.createModelVersion('failure-classifier', { runId: run.runId });
    await registry.searchModelVersions('failure-classifier');
    await registry.getDownloadUri('failure-classifier', '1');
    expect(server.requestsTo('GET', 'model-versions/search')[0]?.query).toEqual({ filter: "name='failure-classifier'", max_results: '1000' });
    expect(server.requestsTo('GET', 'model-versions/get-download-uri')[0]?.query).toEqual({ name: 'failure-classifier', version: '1' });
  });

  it('takes the aliases of listed versions from GET registered-models/get, and skips it when there is no version', async () => {
    const run = await registry.createRun('0');
    await registry.createRegisteredModel('failure-classifier');
    await registry.createModelVersion('failure-classifier', { runId: run.runId });
    await registry.setAlias('failure-classifier', 'champion', '1');
    expect((await registry.searchModelVersions('failure-classifier'))[0]?.aliases).toEqual(['champion']);
    expect(server.requestsTo('GET', 'registered-models/get').map((request) => request.query)).toEqual([{ name: 'failure-classifier' }]);
    expect(await registry.searchModelVersions('never-registered')).toEqual([]);
    expect(server.requestsTo('GET', 'registered-models/get')).toHaveLength(1);
  });

  it('uploads artifacts with PUT /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>, bytes unchanged', async () => {
    const run = await registry.createRun('0');
    await registry.logArtifact(run.runId, 'model dir/model.onnx', new Uint8Array([0, 255, 10, 13]));
    const upload = server.requestsTo('PUT', `/api/2.0/mlflow-artifacts/artifacts/0/${run.runId}/artifacts/model%20dir/model.onnx`);
    expect(upload).toHaveLength(1);
    expect(upload[0]?.headers['content-type']).toBe('application/octet-stream');
    expect(server.artifacts.get(`0/${run.runId}/artifacts/model dir/model.onnx`)).toEqual(new Uint8Array([0, 255, 10, 13]));
  });

  it('turns an MLflow error body into a RegistryError naming the call, the status and the server message', async () => {
    const error = await expectRegistryError(registry.getRun('0123456789abcdef0123456789abcdef'), 'RESOURCE_DOES_NOT_EXIST');
    expect(error.status).toBe(404);
    expect(error.message).toBe('MLflow GET /api/2.0/mlflow/runs/get answered 404 RESOURCE_DOES_NOT_EXIST: Run with id=0123456789abcdef0123456789abcdef not found');
  });

  it('refuses an invalid alias name before sending anything', async () => {
    await expectRegistryError(registry.setAlias('failure-classifier', 'not an alias', '1'), 'INVALID_PARAMETER_VALUE');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a tracking URI that is not http(s)', () => {
    expect(() => new MlflowRegistry({ trackingUri: 'file:///mlruns' })).toThrow('must be http:// or https://');
  });
});
