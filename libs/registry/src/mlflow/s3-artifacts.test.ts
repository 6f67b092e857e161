import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowRegistry } from '@millwright/registry';
import { expectRegistryError, startFakeMlflowServer, startFakeS3Server, type FakeMlflowServer, type FakeS3Server } from '../test-support/index.ts';

describe('MlflowRegistry with S3 / MinIO artifacts', () => {
  let server: FakeMlflowServer;
  let s3: FakeS3Server;
  let registry: MlflowRegistry;
  beforeEach(async () => {
    server = await startFakeMlflowServer();
    s3 = await startFakeS3Server({ pageSize: 2 });
    registry = new MlflowRegistry({
      trackingUri: server.url,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      s3: { endpoint: s3.url, bucket: 'mlflow-artifacts', credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' } },
    });
  });
  afterEach(async () => {
    await server.close();
    await s3.close();
  });

  it('creates experiments with an artifact_location in the configured bucket, under the "mlflow" prefix by default', async () => {
    const experiment = await registry.getOrCreateExperiment('predictive maintenance');
    expect(server.requestsTo('POST', 'experiments/create')[0]?.body).toEqual({ name: 'predictive maintenance', artifact_location: 's3://mlflow-artifacts/mlflow/predictive%20maintenance' });
    expect(experiment.artifactLocation).toBe('s3://mlflow-artifacts/mlflow/predictive%20maintenance');
  });

  it('writes the artifacts of an s3:// run to the bucket with path-style URLs, never through the proxy', async () => {
    const run = await registry.createRun((await registry.getOrCreateExperiment('pm')).experimentId);
    await registry.logArtifact(run.runId, 'model/model.onnx', new Uint8Array([7, 8, 9]));
    expect(run.artifactUri).toBe(`s3://mlflow-artifacts/mlflow/pm/${run.runId}/artifacts`);
    expect(s3.objects.get(`mlflow-artifacts/mlflow/pm/${run.runId}/artifacts/model/model.onnx`)).toEqual(new Uint8Array([7, 8, 9]));
    expect(s3.requests.find((request) => request.method === 'PUT')?.bucket).toBe('mlflow-artifacts');
    expect(server.artifacts.size).toBe(0);
  });

  it('follows ListObjectsV2 continuation tokens to list every artifact', async () => {
    const run = await registry.createRun((await registry.getOrCreateExperiment('pm')).experimentId);
    for (const name of ['a', 'b', 'c', 'd', 'e']) await registry.logArtifact(run.runId, `${name}.bin`, new Uint8Array([1]));
    expect((await registry.listArtifacts(run.runId)).map((file) => file.path)).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin', 'e.bin']);
    expect(s3.requests.filter((request) => request.query['list-type'] === '2')).toHaveLength(3);
  });

  it('fails with INVALID_STATE, saying what to configure, for an s3:// run when the registry has no s3 settings', async () => {
    const run = await registry.createRun((await registry.getOrCreateExperiment('pm')).experimentId);
    const proxyOnly = new MlflowRegistry({ trackingUri: server.url, retry: { maxAttempts: 1 } });
    const error = await expectRegistryError(proxyOnly.logArtifact(run.runId, 'a.bin', new Uint8Array([1])), 'INVALID_STATE');
    expect(error.message).toContain('pass s3: { endpoint, credentials }');
  });

  it('gives up with UNAVAILABLE when the S3 endpoint does not answer', async () => {
    const run = await registry.createRun((await registry.getOrCreateExperiment('pm')).experimentId);
    await s3.close();
    await expectRegistryError(registry.logArtifact(run.runId, 'a.bin', new Uint8Array([1])), 'UNAVAILABLE');
    s3 = await startFakeS3Server();
  });
});
