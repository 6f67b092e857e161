// Shapes from the Open Inference Protocol REST specification:
// https://kserve.github.io/website/latest/reference/swagger-ui and
// https://docs.seldon.ai/seldon-core-2/apis/inference/v2 ("HTTP/REST": health, metadata, inference).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { failingRow, fixtureModelName, registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

const home = tempHome();
let app: FastifyInstance;
let version: string;

/** One named input tensor per contract input, shape [N]. */
function inferBody(rows: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const names = Object.keys(validRow);
  return {
    id: 'req-1',
    inputs: names.map((name) => ({ name, shape: [rows.length], datatype: name === 'type' ? 'BYTES' : 'FP32', data: rows.map((row) => row[name]) })),
    ...extra,
  };
}

beforeAll(async () => {
  version = await registerFixtureModel(localRegistry(home.dir));
  app = await buildApp({ home: home.dir });
});

afterAll(async () => {
  await app.close();
  home.remove();
});

describe('GET /v2 and health', () => {
  it('answers server metadata {name, version, extensions}', async () => {
    const body = (await app.inject('/v2')).json();
    expect(body).toEqual({ name: 'millwright-inference-api', version: '0.1.0', extensions: [] });
  });

  it('answers server live with 200 {"live": true}', async () => {
    const response = await app.inject('/v2/health/live');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"live":true}');
  });

  it('answers server ready with 200 {"ready": true}', async () => {
    const response = await app.inject('/v2/health/ready');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"ready":true}');
  });

  it('answers model ready with 200 {"name", "ready"}, for the model and for a loaded version', async () => {
    const model = await app.inject(`/v2/models/${fixtureModelName}/ready`);
    expect(model.statusCode).toBe(200);
    expect(model.json()).toEqual({ name: fixtureModelName, ready: true });
    expect((await app.inject(`/v2/models/${fixtureModelName}/versions/${version}/ready`)).json()).toEqual({ name: fixtureModelName, ready: true });
  });

  it('documents each health response with the fields the protocol names', async () => {
    const paths = (await app.inject('/openapi.json')).json().paths;
    const fields = (path: string) => Object.keys(paths[path].get.responses['200'].content['application/json'].schema.properties);
    expect(fields('/v2/health/live')).toEqual(['live']);
    expect(fields('/v2/health/ready')).toEqual(['ready']);
    expect(fields('/v2/models/{name}/ready')).toEqual(['name', 'ready']);
    expect(paths['/v2/models/{name}/ready'].get.responses['200'].content['application/json'].schema.required).toEqual(['name', 'ready']);
  });

  it('answers 404 {error} for an unknown model or version', async () => {
    const unknown = await app.inject('/v2/models/other/ready');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'unknown model "other"; this server serves "predictive-maintenance"' });
    expect((await app.inject(`/v2/models/${fixtureModelName}/versions/99/ready`)).statusCode).toBe(404);
  });
});

describe('GET /v2/models/{name}[/versions/{v}]', () => {
  it('describes the model: one input tensor per contract input, probability and prediction outputs', async () => {
    const body = (await app.inject(`/v2/models/${fixtureModelName}`)).json();
    expect(body).toMatchObject({ name: fixtureModelName, versions: [version], platform: 'onnxruntime_onnx' });
    expect(body.inputs).toContainEqual({ name: 'torqueNm', datatype: 'FP32', shape: [-1] });
    expect(body.inputs).toContainEqual({ name: 'type', datatype: 'BYTES', shape: [-1] });
    expect(body.outputs.map((output: { name: string }) => output.name)).toEqual(['probability', 'prediction']);
    expect((await app.inject(`/v2/models/${fixtureModelName}/versions/${version}`)).statusCode).toBe(200);
  });

  it('answers 404 {error} for an unknown version', async () => {
    const response = await app.inject(`/v2/models/${fixtureModelName}/versions/42`);
    expect(response.statusCode).toBe(404);
    expect(Object.keys(response.json())).toEqual(['error']);
  });
});

describe('POST /v2/models/{name}/infer', () => {
  it('scores named input tensors and answers output tensors with the version', async () => {
    const response = await app.inject({ method: 'POST', url: `/v2/models/${fixtureModelName}/infer`, payload: inferBody([validRow, failingRow]) });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ model_name: fixtureModelName, model_version: version, id: 'req-1' });
    expect(body.outputs[1]).toEqual({ name: 'prediction', shape: [2], datatype: 'BYTES', data: ['ok', 'failure'] });
    expect(body.outputs[0].datatype).toBe('FP32');
    expect(body.outputs[0].data[1]).toBeCloseTo(0.9, 5);
  });

  it('accepts [N, 1] shapes with nested data and the versioned path', async () => {
    const payload = inferBody([validRow]);
    payload.inputs = payload.inputs.map((input) => ({ ...input, shape: [1, 1], data: [input.data] }));
    const response = await app.inject({ method: 'POST', url: `/v2/models/${fixtureModelName}/versions/${version}/infer`, payload });
    expect(response.statusCode).toBe(200);
  });

  it('returns only the requested outputs', async () => {
    const response = await app.inject({ method: 'POST', url: `/v2/models/${fixtureModelName}/infer`, payload: inferBody([validRow], { outputs: [{ name: 'prediction' }] }) });
    expect(response.json().outputs.map((output: { name: string }) => output.name)).toEqual(['prediction']);
  });

  const broken = (mutate: (body: ReturnType<typeof inferBody>) => unknown) => mutate(inferBody([validRow]));
  it.each([
    ['no inputs', broken(() => ({ inputs: [] })), /inputs: must be a non-empty array/],
    ['an unknown input', broken((body) => ({ inputs: [...body.inputs, { name: 'colour', shape: [1], datatype: 'BYTES', data: ['red'] }] })), /inputs\[6\]\.name: "colour" is not an input/],
    ['a missing input', broken((body) => ({ inputs: body.inputs.slice(1) })), /inputs: lacks type/],
    ['a wrong datatype', broken((body) => ({ inputs: body.inputs.map((input) => ({ ...input, datatype: 'BYTES' })) })), /datatype: "airTemperatureK" takes a numeric datatype/],
    ['a shape that disagrees with the data', broken((body) => ({ inputs: body.inputs.map((input) => ({ ...input, shape: [3] })) })), /has 1 values; shape \[3\] says 3/],
    ['a string in a numeric tensor', broken((body) => ({ inputs: body.inputs.map((input) => (input.name === 'torqueNm' ? { ...input, data: ['40'] } : input)) })), /\[0\]\.torqueNm: must be a number, got string/],
    ['an out-of-range value', broken((body) => ({ inputs: body.inputs.map((input) => (input.name === 'torqueNm' ? { ...input, data: [1e6] } : input)) })), /\[0\]\.torqueNm: must be between 0 Nm and 100 Nm/],
    ['an unknown output', broken((body) => ({ ...body, outputs: [{ name: 'logits' }] })), /outputs\[0\]\.name: must be one of probability, prediction/],
  ])('rejects %s with 400 {"error": ...}', async (_name, payload, message) => {
    const response = await app.inject({ method: 'POST', url: `/v2/models/${fixtureModelName}/infer`, payload: payload as object });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json())).toEqual(['error']);
    expect(response.json().error).toMatch(message);
  });

  it('answers 404 {error} for an unknown model name or version', async () => {
    const name = await app.inject({ method: 'POST', url: '/v2/models/other/infer', payload: inferBody([validRow]) });
    expect(name.statusCode).toBe(404);
    const unknownVersion = await app.inject({ method: 'POST', url: `/v2/models/${fixtureModelName}/versions/77/infer`, payload: inferBody([validRow]) });
    expect(unknownVersion.statusCode).toBe(404);
    expect(unknownVersion.json().error).toBe(`version "77" of "${fixtureModelName}" is not loaded; loaded: ${version} (champion)`);
  });

  it('answers malformed JSON with 400 {error}', async () => {
    const response = await app.inject({ method: 'POST', url: `/v2/models/${fixtureModelName}/infer`, payload: '{"inputs": [', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json())).toEqual(['error']);
  });
});
