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

  it('fails the next requests as told, then answers normally again', async () => {
    server.failNext(1, { kind: 'status', status: 503, retryAfterSeconds: 2 });
    const failed = await fetch(`${server.url}/api/2.0/mlflow/experiments/get?experiment_id=0`);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(await failed.json()).toEqual({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'injected fault' });
    expect((await fetch(`${server.url}/api/2.0/mlflow/experiments/get?experiment_id=0`)).status).toBe(200);
  });
});
