import { ai4iContract } from '@millwright/contract';
import type { GlobalImportance } from '@millwright/ml';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeatureStore } from '../src/serving/feature-store.ts';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { failingRow, fixtureModelName, fixtureOnnx, registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

// The fixture forest: one split, torqueNm < 60 → 0.05, else 0.9; 80 of its 100 cover rows go left,
// so the expected margin is 0.8·0.05 + 0.2·0.9 = 0.22 and torque carries the whole difference.
const baseValue = 0.8 * 0.05 + 0.2 * 0.9;
const globalImportance: GlobalImportance = {
  marginSpace: 'probability',
  baseValue,
  rows: 100,
  features: [{ feature: 'torqueNm', meanAbsShap: 0.272 }, { feature: 'type', meanAbsShap: 0 }],
};

const home = tempHome();
const featureStore = new MemoryFeatureStore();
let app: FastifyInstance;
let version: string;

beforeAll(async () => {
  version = await registerFixtureModel(localRegistry(home.dir), { globalImportance });
  featureStore.set('press-7', { ...failingRow });
  app = await buildApp({ home: home.dir, featureStore, env: { MAX_BATCH_ROWS: '1000', BODY_LIMIT_BYTES: '1048576' } });
});

afterAll(async () => {
  await app.close();
  home.remove();
});

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object });
const contribution = (body: { contributions: { feature: string; contribution: number }[] }, feature: string) =>
  body.contributions.find((item) => item.feature === feature)!.contribution;

describe('POST /explain', () => {
  it('answers the prediction with the base value and each feature\'s contribution in probability space, adding up to the margin', async () => {
    const response = await post('/explain', failingRow);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-model-version']).toBe(version);
    const body = response.json();
    expect(body).toMatchObject({ prediction: 'failure', threshold: 0.5, marginSpace: 'probability', model: { name: fixtureModelName, version, alias: 'champion' } });
    expect(body.baseValue).toBeCloseTo(baseValue, 6);
    expect(contribution(body, 'torqueNm')).toBeCloseTo(0.9 - baseValue, 6);
    const sum = body.contributions.reduce((total: number, item: { contribution: number }) => total + item.contribution, body.baseValue);
    expect(Math.abs(sum - body.margin)).toBeLessThan(1e-6);
    expect(Math.abs(body.margin - body.probability)).toBeLessThan(1e-6);
  });

  it('gives every feature the model never splits on exactly 0', async () => {
    const body = (await post('/explain', validRow)).json();
    for (const item of body.contributions) if (item.feature !== 'torqueNm') expect(item.contribution).toBe(0);
    expect(contribution(body, 'torqueNm')).toBeCloseTo(0.05 - baseValue, 6);
  });

  it('names each feature as the contract encodes it: raw inputs, and engineered features with the inputs they come from', async () => {
    const body = (await post('/explain', validRow)).json();
    expect(body.contributions.map((item: { feature: string }) => item.feature)).toEqual(ai4iContract().featureOrder);
    expect(body.contributions.find((item: { feature: string }) => item.feature === 'torqueNm')).toMatchObject({ kind: 'input', value: 40 });
    expect(body.contributions.find((item: { feature: string }) => item.feature === 'powerW')).toMatchObject({ kind: 'engineered', from: ['torqueNm', 'rotationalSpeedRpm'] });
  });

  it('explains a machine from the feature store by machineId', async () => {
    const response = await post('/explain', { machineId: 'press-7' });
    expect(response.statusCode).toBe(200);
    expect(response.json().prediction).toBe('failure');
  });

  it.each([
    ['a torque that is a string', () => post('/explain', { ...validRow, torqueNm: '40' }), 400, 'torqueNm', /must be a number, got string/],
    ['an extra feature', () => post('/explain', { ...validRow, colour: 'red' }), 400, 'colour', /is not an input/],
    ['an unknown machine', () => post('/explain', { machineId: 'ghost' }), 404, 'machineId', /no features are stored/],
    ['an array body', () => post('/explain', [validRow]), 400, '(body)', /JSON object/],
  ])('rejects %s as /predict does, naming the field', async (_name, send, status, field, reason) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toMatch(reason);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('replies exactly as /predict to the same bad body', async () => {
    for (const body of [{ ...validRow, type: 'X' }, { ...validRow, rotationalSpeedRpm: 99_999 }, null]) {
      const predicted = await post('/predict', body);
      const explained = await post('/explain', body);
      expect([explained.statusCode, explained.json()]).toEqual([predicted.statusCode, predicted.json()]);
    }
  });
});

describe('POST /explain/batch', () => {
  it('explains every row in order, with the feature list once and the same prediction as /predict/batch', async () => {
    const rows = [validRow, failingRow, validRow];
    const response = await post('/explain/batch', rows);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.features.map((item: { feature: string }) => item.feature)).toEqual(ai4iContract().featureOrder);
    const predicted = (await post('/predict/batch', rows)).json().predictions;
    expect(body.explanations.map((row: { prediction: string; probability: number }) => [row.prediction, row.probability])).toEqual(
      predicted.map((row: { prediction: string; probability: number }) => [row.prediction, row.probability]),
    );
    for (const row of body.explanations) {
      const sum = row.contributions.reduce((total: number, value: number) => total + value, body.baseValue);
      expect(Math.abs(sum - row.margin)).toBeLessThan(1e-6);
    }
  });

  it('names the row and the field of every bad row, and refuses more rows than MAX_BATCH_ROWS', async () => {
    const bad = await post('/explain/batch', [validRow, { ...validRow, torqueNm: null }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((error: { field: string }) => error.field)).toEqual(['[1].torqueNm']);
    const tooMany = await post('/explain/batch', Array.from({ length: 1001 }, () => validRow));
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error).toBe('(body): has 1001 rows; at most 1000 per request');
  });
});

describe('GET /registry/versions/:version/global-importance', () => {
  it("answers the version's mean |SHAP| per feature from its global-importance.json", async () => {
    const response = await app.inject(`/registry/versions/${version}/global-importance`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ version, ...globalImportance });
  });

  it('answers 404 for a version without one', async () => {
    const response = await app.inject('/registry/versions/999/global-importance');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatch(/global importance of version 999/);
  });
});

describe('OpenAPI', () => {
  it('documents /explain and /explain/batch with a response schema per status', async () => {
    const { paths } = (await app.inject('/openapi.json')).json();
    expect(Object.keys(paths['/explain'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '413', '415', '501', '503']));
    expect(paths['/explain'].post.responses['200'].content['application/json'].schema.properties.marginSpace).toBeDefined();
    expect(Object.keys(paths['/explain/batch'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415', '501', '503']));
    expect(paths['/registry/versions/{version}/global-importance']).toBeDefined();
  });
});

describe('POST /explain on a model without node covers', () => {
  const otherHome = tempHome();
  let other: FastifyInstance;
  beforeAll(async () => {
    await registerFixtureModel(localRegistry(otherHome.dir), { onnx: fixtureOnnx(ai4iContract(0.5), 0.9, 0.05, false) });
    other = await buildApp({ home: otherHome.dir });
  });
  afterAll(async () => {
    await other.close();
    otherHome.remove();
  });

  it('answers 501 saying why, while /predict keeps serving', async () => {
    const response = await other.inject({ method: 'POST', url: '/explain', payload: validRow });
    expect(response.statusCode).toBe(501);
    expect(response.json().error).toMatch(/^version 1 of "predictive-maintenance" cannot be explained: the model carries no node covers \(nodes_hitrates\)/);
    expect((await other.inject({ method: 'POST', url: '/predict', payload: validRow })).statusCode).toBe(200);
  });
});
