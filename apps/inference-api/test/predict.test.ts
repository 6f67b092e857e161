import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeatureStore } from '../src/serving/feature-store.ts';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { failingRow, fixtureModelName, registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

const adminToken = 'a-long-admin-token-from-a-secret';
const home = tempHome();
const featureStore = new MemoryFeatureStore();
let app: FastifyInstance;
let version: string;

beforeAll(async () => {
  version = await registerFixtureModel(localRegistry(home.dir));
  featureStore.set('press-7', { ...validRow });
  app = await buildApp({ home: home.dir, featureStore, env: { ADMIN_TOKEN: adminToken, MAX_BATCH_ROWS: '50', BODY_LIMIT_BYTES: '8192', CORS_ORIGINS: 'http://ui.example' } });
});

afterAll(async () => {
  await app.close();
  home.remove();
});

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object });
const raw = (url: string, payload: string, contentType = 'application/json') => app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

describe('POST /predict', () => {
  it('answers a valid row with the prediction, probability, threshold and the version that answered', async () => {
    const response = await post('/predict', validRow);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-model-version']).toBe(version);
    const body = response.json();
    expect(body).toMatchObject({ prediction: 'ok', threshold: 0.5, model: { name: fixtureModelName, version, alias: 'champion' } });
    expect(body.probability).toBeCloseTo(0.05, 5);
    expect((await post('/predict', failingRow)).json()).toMatchObject({ prediction: 'failure' });
  });

  it('scores a machine from the feature store by machineId', async () => {
    const response = await post('/predict', { machineId: 'press-7' });
    expect(response.statusCode).toBe(200);
    expect(response.json().prediction).toBe('ok');
  });

  it('answers 404 naming machineId for a machine the feature store does not know', async () => {
    const response = await post('/predict', { machineId: 'ghost' });
    expect(response.statusCode).toBe(404);
    expect(response.json().errors).toEqual([{ field: 'machineId', reason: 'no features are stored for machine "ghost"' }]);
  });

  it.each([
    ['malformed JSON', () => raw('/predict', '{"type": "M",'), '(body)', /not valid JSON/],
    ['an empty body', () => raw('/predict', ''), '(body)', /JSON/],
    ['a missing feature', () => post('/predict', { ...validRow, torqueNm: undefined }), 'torqueNm', /is required/],
    ['an extra feature', () => post('/predict', { ...validRow, colour: 'red' }), 'colour', /is not an input/],
    ['a torque that is a string', () => post('/predict', { ...validRow, torqueNm: '40' }), 'torqueNm', /must be a number, got string/],
    ['an unknown category', () => post('/predict', { ...validRow, type: 'X' }), 'type', /must be one of "L", "M", "H"/],
    ['an out-of-range speed', () => post('/predict', { ...validRow, rotationalSpeedRpm: 99_999 }), 'rotationalSpeedRpm', /between 1000 rpm and 3000 rpm/],
    ['NaN', () => raw('/predict', JSON.stringify(validRow).replace('"torqueNm":40', '"torqueNm":NaN')), '(body)', /not valid JSON/],
    ['Infinity (1e999)', () => raw('/predict', JSON.stringify(validRow).replace('"torqueNm":40', '"torqueNm":1e999')), 'torqueNm', /finite number, got Infinity/],
    ['an array body', () => post('/predict', [validRow]), '(body)', /JSON object/],
    ['null', () => raw('/predict', 'null'), '(body)', /JSON object/],
    ['a non-string machineId', () => post('/predict', { machineId: 7 }), 'machineId', /non-empty string/],
  ])('rejects %s with 400 naming the field and the reason', async (_name, send, field, reason) => {
    const response = await send();
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toMatch(reason);
    expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects an oversized body with 413 naming the limit', async () => {
    const response = await raw('/predict', JSON.stringify({ ...validRow, padding: 'x'.repeat(10_000) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().errors).toEqual([{ field: '(body)', reason: 'is larger than the limit of 8192 bytes' }]);
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await raw('/predict', 'torque=40', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(415);
    expect(response.json().error).toMatch(/content-type/);
  });

  it('lets the configured UI origin call it (CORS) and no other', async () => {
    const allowed = await app.inject({ method: 'OPTIONS', url: '/predict', headers: { origin: 'http://ui.example', 'access-control-request-method': 'POST' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://ui.example');
    const other = await app.inject({ method: 'OPTIONS', url: '/predict', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('POST /predict/batch', () => {
  it('scores every row in one call, in order', async () => {
    const response = await post('/predict/batch', [validRow, failingRow, validRow]);
    expect(response.statusCode).toBe(200);
    expect(response.json().predictions.map((row: { prediction: string }) => row.prediction)).toEqual(['ok', 'failure', 'ok']);
    expect(response.json().model.version).toBe(version);
  });

  it('rejects more rows than MAX_BATCH_ROWS with 413', async () => {
    const response = await post('/predict/batch', Array.from({ length: 51 }, () => validRow));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('(body): has 51 rows; at most 50 per request');
  });

  it('names the row and the field of every bad row', async () => {
    const response = await post('/predict/batch', [validRow, { ...validRow, torqueNm: null }, { ...validRow, type: 3 }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual(['[1].torqueNm', '[2].type']);
  });

  it('rejects an object or an empty array with 400', async () => {
    expect((await post('/predict/batch', validRow)).statusCode).toBe(400);
    expect((await post('/predict/batch', [])).statusCode).toBe(400);
  });
});

describe('GET /models', () => {
  it('lists the champion with its version and contract', async () => {
    const body = (await app.inject('/models')).json();
    expect(body).toMatchObject({ name: fixtureModelName, champion: { version, alias: 'champion', source: 'registry' }, challenger: null });
    expect(body.champion.contract.inputs.map((input: { name: string }) => input.name)).toContain('torqueNm');
  });
});

describe('POST /models/reload', () => {
  it('rejects a request without the admin token with 401', async () => {
    expect((await app.inject({ method: 'POST', url: '/models/reload' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/models/reload', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'POST', url: '/models/reload', headers: { 'x-admin-token': 'wrong' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toContain('x-admin-token: expected the admin token');
  });

  it('takes the token in X-Admin-Token, beside the basic-auth credentials an ingress reads from Authorization', async () => {
    const headers = { 'x-admin-token': adminToken, authorization: 'Basic b3BlcmF0b3I6cGFzc3dvcmQ=' };
    expect((await app.inject({ method: 'POST', url: '/models/reload', headers })).statusCode).toBe(200);
  });

  it('does not fall back to a right bearer token when X-Admin-Token is wrong', async () => {
    const headers = { 'x-admin-token': 'wrong', authorization: `Bearer ${adminToken}` };
    expect((await app.inject({ method: 'POST', url: '/models/reload', headers })).statusCode).toBe(401);
  });

  it('re-resolves the aliases with the admin token', async () => {
    const response = await app.inject({ method: 'POST', url: '/models/reload', headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toEqual([{ alias: 'champion', version, changed: false }]);
  });
});

describe('probes, metrics and OpenAPI', () => {
  it('reports live and ready', async () => {
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready', model: fixtureModelName, version });
  });

  it('exports the metric table names, labelled with the version', async () => {
    await post('/predict', validRow);
    const text = (await app.inject('/metrics')).body;
    expect(text).toContain(`predict_requests_total{model="${fixtureModelName}",version="${version}"}`);
    expect(text).toContain(`model_info{model="${fixtureModelName}",version="${version}",alias="champion"} 1`);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="[^"]+",route="\/predict",method="POST",status="200"\}/);
    expect(text).toContain('http_requests_total{route="/predict",method="POST",status="400"}');
    expect(text).toContain('predict_latency_seconds_count');
    expect(text).toContain('predict_feature_value_bucket{le="50",model="predictive-maintenance",feature="torqueNm"}');
    // The fixture answers 0.05 (as float32, a hair above) for valid rows: in the (0.05, 0.1] bin.
    expect(text).toContain(`predict_probability_ratio_bucket{le="0.05",model="${fixtureModelName}",version="${version}"} 0`);
    expect(text).toMatch(new RegExp(`predict_probability_ratio_bucket\\{le="0.1",model="${fixtureModelName}",version="${version}"\\} [1-9]`));
    expect(text).toContain('inference_log_dropped_total{reason="queue_full"} 0');
    expect(text).toContain(`model_ready{model="${fixtureModelName}"} 1`);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const document = (await app.inject('/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/predict', '/predict/batch', '/models', '/v2/models/{name}/infer']));
    expect(document.paths['/predict'].post.responses['400']).toBeDefined();
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await app.inject('/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatch(/no route GET \/nope/);
  });
});
