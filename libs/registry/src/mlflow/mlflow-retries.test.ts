import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowRegistry, type MlflowRegistryProps } from '@millwright/registry';
import { expectRegistryError, startFakeMlflowServer, type FakeMlflowServer } from '../test-support/index.ts';

describe('MlflowRegistry retries, timeouts and authentication', () => {
  let server: FakeMlflowServer;
  let sleeps: number[];
  const registryFor = (props: Partial<MlflowRegistryProps> = {}): MlflowRegistry =>
    new MlflowRegistry({
      trackingUri: server.url,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
      random: () => 1,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...props,
    });
  beforeEach(async () => {
    server = await startFakeMlflowServer();
    sleeps = [];
  });
  afterEach(async () => {
    await server.close();
  });

  it('retries a 503 and succeeds once the server recovers', async () => {
    server.failNext(2, { kind: 'status', status: 503 });
    const experiment = await registryFor().getOrCreateExperiment('Default');
    expect(experiment.experimentId).toBe('0');
    expect(server.requestsTo('GET', 'experiments/get-by-name')).toHaveLength(3);
  });

  it('backs off exponentially, with jitter drawn below the doubling ceiling', async () => {
    server.failNext(2);
    await registryFor({ random: () => 0.5 }).getOrCreateExperiment('Default');
    expect(sleeps).toEqual([50, 100]);
  });

  it('waits what a 429 answer asks for in Retry-After, capped at the maximum delay', async () => {
    server.failNext(1, { kind: 'status', status: 429, retryAfterSeconds: 0.3 });
    server.failNext(1, { kind: 'status', status: 429, retryAfterSeconds: 60 });
    await registryFor().getOrCreateExperiment('Default');
    expect(sleeps).toEqual([300, 1000]);
  });

  it('retries when the server drops the connection without answering', async () => {
    server.failNext(2, { kind: 'close' });
    const run = await registryFor().createRun('0', { runName: 'after-a-drop' });
    expect(run.runName).toBe('after-a-drop');
    expect(server.requestsTo('POST', 'runs/create').map((request) => request.fault?.kind)).toEqual(['close', 'close', undefined]);
  });

  it('abandons an attempt that outlives the timeout and retries it', async () => {
    const run = await registryFor().createRun('0');
    server.failNext(1, { kind: 'delay', ms: 2_000 });
    const fetched = await registryFor({ timeoutMs: 200 }).getRun(run.runId);
    expect(fetched.runId).toBe(run.runId);
    expect(server.requestsTo('GET', 'runs/get')).toHaveLength(2);
  });

  it('does not retry a 400: RESOURCE_ALREADY_EXISTS comes back after one request', async () => {
    const registry = registryFor();
    await registry.createRegisteredModel('failure-classifier');
    await expectRegistryError(registry.createRegisteredModel('failure-classifier'), 'RESOURCE_ALREADY_EXISTS');
    expect(server.requestsTo('POST', 'registered-models/create')).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a 404', async () => {
    await expectRegistryError(registryFor().getModelVersion('failure-classifier', '1'), 'RESOURCE_DOES_NOT_EXIST');
    expect(server.requestsTo('GET', 'model-versions/get')).toHaveLength(1);
  });

  it('gives up with UNAVAILABLE and the last status after maxAttempts', async () => {
    server.failNext(10, { kind: 'status', status: 503 });
    const error = await expectRegistryError(registryFor().getOrCreateExperiment('Default'), 'UNAVAILABLE');
    expect(server.requestsTo('GET', 'experiments/get-by-name')).toHaveLength(3);
    expect(error.status).toBe(503);
    expect(error.message).toContain('failed 3 times');
    expect(sleeps).toHaveLength(2);
  });

  it('gives up with UNAVAILABLE when nothing listens at the tracking URI', async () => {
    const gone = await startFakeMlflowServer();
    await gone.close();
    const error = await expectRegistryError(registryFor({ trackingUri: gone.url }).getOrCreateExperiment('x'), 'UNAVAILABLE');
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('MLFLOW_TRACKING_URI');
  });

  it('sends a bearer token', async () => {
    await server.close();
    server = await startFakeMlflowServer({ expectedAuthorization: 'Bearer s3cret' });
    await expect(registryFor({ auth: { token: 's3cret' } }).getOrCreateExperiment('Default')).resolves.toMatchObject({ experimentId: '0' });
  });

  it('sends basic credentials', async () => {
    await server.close();
    server = await startFakeMlflowServer({ expectedAuthorization: `Basic ${Buffer.from('trainer:pa:ss').toString('base64')}` });
    await expect(registryFor({ auth: { username: 'trainer', password: 'pa:ss' } }).getOrCreateExperiment('Default')).resolves.toMatchObject({ experimentId: '0' });
  });

  it('fails with UNAUTHENTICATED, without retrying, when the server wants credentials it did not get', async () => {
    await server.close();
    server = await startFakeMlflowServer({ expectedAuthorization: 'Bearer s3cret' });
    const error = await expectRegistryError(registryFor().getOrCreateExperiment('Default'), 'UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });
});
