import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMlflowServer, type FakeMlflowServer } from './fake-mlflow-server.ts';

describe('the fake MLflow server', () => {
  let server: FakeMlflowServer;
  const post = (endpoint: string, body: unknown): Promise<Response> =>
    fetch(`${server.url}/api/2.0/mlflow/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  beforeEach(async () => {
    server = await startFakeMlflowServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 and starts with the Default experiment, ID 0', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${server.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=Default`);
    expect(await answer.json()).toEqual({ experiment: { experiment_id: '0', name: 'Default', artifact_location: 'mlflow-artifacts:/0', lifecycle_stage: 'active' } });
  });

  it('listens where it is told, and keeps only the newest requests when bounded (the lab runs it for hours)', async () => {
    const bounded = await startFakeMlflowServer({ listen: { host: '0.0.0.0', port: 0 }, keepRequests: 2 });
    try {
      expect(bounded.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (const name of ['a', 'b', 'c']) await fetch(`${bounded.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${name}`);
      expect(bounded.requests.map((r) => r.query['experiment_name'])).toEqual(['b', 'c']);
      const health = await fetch(`${bounded.url}/health`);
      expect([health.status, await health.text()]).toEqual([200, 'OK']);
    } finally {
      await bounded.close();
    }
  });

  it('answers an unknown run with 404 and the body { error_code: "RESOURCE_DOES_NOT_EXIST", message }', async () => {
    const answer = await fetch(`${server.url}/api/2.0/mlflow/runs/get?run_id=abc`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run with id=abc not found' });
  });

  it('refuses a log-batch request over the documented limits with 400 and MLflow\'s message', async () => {
    const run = ((await (await post('runs/create', { experiment_id: '0' })).json()) as { run: { info: { run_id: string } } }).run;
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: `m${i}`, value: 1, timestamp: 0, step: 0 }));
    const answer = await post('runs/log-batch', { run_id: run.info.run_id, metrics });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics across multiple requests and try again.',
    });
  });

  it('refuses 101 params, and 950 metrics with 51 tags (over 1000 entities in total)', async () => {
    const run = ((await (await post('runs/create', { experiment_id: '0' })).json()) as { run: { info: { run_id: string } } }).run;
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'v' }));
    expect((await post('runs/log-batch', { run_id: run.info.run_id, params })).status).toBe(400);
    const metrics = Array.from({ length: 950 }, (_, i) => ({ key: `m${i}`, value: 1, timestamp: 0, step: 0 }));
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `t${i}`, value: 'v' }));
    const answer = await post('runs/log-batch', { run_id: run.info.run_id, metrics, tags });
    expect(((await answer.json()) as { message: string }).message).toContain('at most 1000 metrics, params, and tags');
  });

  it('answers a missing required field with INVALID_PARAMETER_VALUE', async () => {
    const answer = await post('registered-models/create', {});
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: "Missing value for required parameter 'name'. See the API docs for more information about request parameters.",
    });
  });

  it('requires application/json on POST and answers unknown endpoints with ENDPOINT_NOT_FOUND', async () => {
    const plain = await fetch(`${server.url}/api/2.0/mlflow/registered-models/create`, { method: 'POST', body: '{"name":"m"}' });
    expect(plain.status).toBe(400);
    const unknown = await fetch(`${server.url}/api/2.0/mlflow/registered-models/get-latest-versions`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error_code: string }).error_code).toBe('ENDPOINT_NOT_FOUND');
  });

  it('lists one artifact directory level with base names, is_dir and file_size', async () => {
    await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/model/model.onnx`, { method: 'PUT', body: new Uint8Array(5) });
    await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/report.html`, { method: 'PUT', body: new Uint8Array(2) });
    const answer = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts?path=1/r/artifacts`);
    expect(await answer.json()).toEqual({
      files: [
        { path: 'model', is_dir: true },
        { path: 'report.html', is_dir: false, file_size: 2 },
      ],
    });
  });

  it('answers a missing artifact download with a bare 500, as a real server does', async () => {
    const answer = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/missing.bin`);
    expect(answer.status).toBe(500);
  });

  describe('where MLflow differs from its documentation', () => {
    const get = async (endpoint: string, query: Record<string, string>): Promise<unknown> =>
      (await fetch(`${server.url}/api/2.0/mlflow/${endpoint}?${new URLSearchParams(query)}`)).json();
    const createRun = async (): Promise<string> =>
      ((await (await post('runs/create', { experiment_id: '0' })).json()) as { run: { info: { run_id: string } } }).run.info.run_id;
    const registerVersion = async (source: string, runId: string): Promise<void> => {
      await post('registered-models/create', { name: 'm' });
      await post('model-versions/create', { name: 'm', source, run_id: runId });
    };

    it('leaves aliases out of model-versions/search and reports them in registered-models/get and model-versions/get (mlflow#9783)', async () => {
      const runId = await createRun();
      await registerVersion(`runs:/${runId}/model`, runId);
      await post('registered-models/alias', { name: 'm', alias: 'champion', version: '1' });
      const search = (await get('model-versions/search', { filter: "name='m'" })) as { model_versions: Record<string, unknown>[] };
      expect(search.model_versions).toHaveLength(1);
      expect(search.model_versions[0]).not.toHaveProperty('aliases');
      expect(await get('registered-models/get', { name: 'm' })).toMatchObject({ registered_model: { aliases: [{ alias: 'champion', version: '1' }] } });
      expect(await get('model-versions/get', { name: 'm', version: '1' })).toMatchObject({ model_version: { aliases: ['champion'] } });
    });

    it('answers model-versions/get-download-uri with a runs:/ source unchanged', async () => {
      const runId = await createRun();
      await registerVersion(`runs:/${runId}/model`, runId);
      expect(await get('model-versions/get-download-uri', { name: 'm', version: '1' })).toEqual({ artifact_uri: `runs:/${runId}/model` });
    });

    it('reports in runs/get the value with the highest step, then the latest timestamp, then the largest value', async () => {
      const runId = await createRun();
      const metrics = [
        { key: 'by_step', value: 2, timestamp: 9000, step: 1 },
        { key: 'by_step', value: 1, timestamp: 1000, step: 2 },
        { key: 'by_timestamp', value: 2, timestamp: 1000, step: 3 },
        { key: 'by_timestamp', value: 1, timestamp: 2000, step: 3 },
        { key: 'by_value', value: 1, timestamp: 1000, step: 3 },
        { key: 'by_value', value: 2, timestamp: 1000, step: 3 },
      ];
      await post('runs/log-batch', { run_id: runId, metrics });
      const run = (await get('runs/get', { run_id: runId })) as { run: { data: { metrics: { key: string; value: number }[] } } };
      expect(Object.fromEntries(run.run.data.metrics.map(({ key, value }) => [key, value]))).toEqual({ by_step: 1, by_timestamp: 1, by_value: 2 });
    });
  });

  it('fails the next requests as told, then answers normally again', async () => {
    server.failNext(1, { kind: 'status', status: 503, retryAfterSeconds: 2 });
    const failed = await fetch(`${server.url}/api/2.0/mlflow/experiments/get?experiment_id=0`);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(await failed.json()).toEqual({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'injected fault' });
    expect((await fetch(`${server.url}/api/2.0/mlflow/experiments/get?experiment_id=0`)).status).toBe(200);
  });
});
