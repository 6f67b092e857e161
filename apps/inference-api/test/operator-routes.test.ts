import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArtifactOf } from '../src/registry/version-artifacts.ts';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { ListingMemoryFeatureStore } from '../src/test-support/listing-feature-store.ts';
import { failingRow, fixtureModelName, registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

const adminToken = 'a-long-admin-token-from-a-secret';
const home = tempHome();
const registry = localRegistry(home.dir);
const featureStore = new ListingMemoryFeatureStore();
let app: FastifyInstance;
let first: string;
let second: string;

beforeAll(async () => {
  first = await registerFixtureModel(registry, { failureProbability: 0.6 });
  second = await registerFixtureModel(registry, { failureProbability: 0.9, alias: 'challenger' });
  const { runId } = await registry.getModelVersion(fixtureModelName, first);
  const metrics = { importances: [{ feature: 'torqueNm', importance: 0.7, splits: 3 }, { feature: 'powerW', importance: 0.3, splits: 1 }] };
  await registry.logArtifact(runId!, 'model/metrics.json', new TextEncoder().encode(JSON.stringify(metrics)));
  await registry.logArtifact(runId!, 'model/report.html', new TextEncoder().encode('<h1>training report</h1>'));
  await registry.logBatch(runId!, { metrics: { test_f1: 0.85, test_auroc: 0.97 }, params: { rows: 2000 } });
  featureStore.set('lathe-2', { ...validRow });
  featureStore.set('lathe-1', { ...failingRow });
  app = await buildApp({ home: home.dir, registry, featureStore, env: { ADMIN_TOKEN: adminToken } });
});

afterAll(async () => {
  await app.close();
  home.remove();
});

// As the operator UI sends it behind the ingress (Authorization carries the basic auth there).
const promote = (alias: string, version: string, token = adminToken) =>
  app.inject({ method: 'POST', url: `/registry/aliases/${alias}`, headers: { 'x-admin-token': token, authorization: 'Basic dWk6cGFzcw==' }, payload: { version } });

describe('GET /registry/versions', () => {
  it("lists every version newest first with its metrics, its run's parameters, creation time and aliases", async () => {
    const response = await app.inject('/registry/versions');
    expect(response.statusCode).toBe(200);
    const { name, versions } = response.json();
    expect(name).toBe(fixtureModelName);
    expect(versions.map((v: { version: string }) => v.version)).toEqual([second, first]);
    expect(versions[1]).toMatchObject({ aliases: ['champion'], metrics: { test_f1: 0.85, test_auroc: 0.97 }, params: { rows: '2000' } });
    expect(versions[0].aliases).toEqual(['challenger']);
    expect(versions[1].creationTimestamp).toBeGreaterThan(0);
  });
});

describe('GET /registry/versions/:version/importances', () => {
  it("answers the version's feature importances from its metrics.json", async () => {
    const response = await app.inject(`/registry/versions/${first}/importances`);
    expect(response.json()).toEqual({ version: first, importances: [{ feature: 'torqueNm', importance: 0.7 }, { feature: 'powerW', importance: 0.3 }] });
  });

  it('answers 404 naming the version when it has no metrics.json', async () => {
    const response = await app.inject(`/registry/versions/${second}/importances`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatch(`metrics of version ${second}`);
  });
});

describe('GET /registry/versions/:version/report', () => {
  it('serves the training report as a sandboxed HTML document', async () => {
    const response = await app.inject(`/registry/versions/${first}/report`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(response.body).toBe('<h1>training report</h1>');
  });

  it('answers 404 for a version that does not exist', async () => {
    expect((await app.inject('/registry/versions/99/report')).statusCode).toBe(404);
  });
});

describe('POST /registry/aliases/:alias', () => {
  it('rejects a request without the admin token', async () => {
    expect((await promote('champion', second, 'a-wrong-token-of-some-length')).statusCode).toBe(401);
  });

  it('rejects an alias other than champion or challenger', async () => {
    expect((await promote('production', second)).statusCode).toBe(400);
  });

  it('answers 404 for a version that does not exist', async () => {
    const response = await promote('champion', '42');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatch(/version 42/);
  });

  it('refuses to make the champion the challenger, since a version is not compared with itself', async () => {
    const refused = await promote('challenger', first);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe(`version ${first} is the champion; a challenger must be another version, to be compared with it`);
    expect((await registry.getVersionByAlias(fixtureModelName, 'challenger'))?.version).toBe(second);
  });

  it('promotes a version, serves it at once, and records the champion it replaced so it can be rolled back', async () => {
    const promoted = await promote('champion', second);
    expect(promoted.json()).toMatchObject({ alias: 'champion', version: second, previous: first, serving: second });
    expect((await registry.getModelVersion(fixtureModelName, second)).tags['millwright.replaced_champion']).toBe(first);
    const prediction = await app.inject({ method: 'POST', url: '/predict', payload: failingRow });
    expect(prediction.json().model.version).toBe(second);

    // It was the challenger: it holds one alias, not both.
    expect(promoted.json().cleared).toEqual(['challenger']);
    expect(await registry.getVersionByAlias(fixtureModelName, 'challenger')).toBeUndefined();

    const rolledBack = await promote('champion', first);
    expect(rolledBack.json()).toMatchObject({ version: first, previous: second, serving: first, cleared: [] });
    expect((await app.inject({ method: 'POST', url: '/predict', payload: failingRow })).json().model.version).toBe(first);
  });
});

describe('GET /machines', () => {
  it('lists the machines of the feature store, sorted', async () => {
    expect((await app.inject('/machines')).json()).toEqual({ machines: ['lathe-1', 'lathe-2'] });
  });

  it("answers one machine's latest features, and 404 for an unknown one", async () => {
    expect((await app.inject('/machines/lathe-2')).json()).toEqual({ machineId: 'lathe-2', features: validRow });
    expect((await app.inject('/machines/unknown')).statusCode).toBe(404);
  });
});

describe('GET /serving/limits', () => {
  it('tells clients the batch row limit and whether admin endpoints are on', async () => {
    expect((await app.inject('/serving/limits')).json()).toEqual({ maxBatchRows: 1000, bodyLimitBytes: 1_048_576, adminEnabled: true });
  });
});

describe('runArtifactOf', () => {
  it("finds a file of a version registered from a run's model directory", () => {
    expect(runArtifactOf('runs:/abc123/model', 'metrics.json')).toEqual({ runId: 'abc123', path: 'model/metrics.json' });
    expect(runArtifactOf('runs:/abc123', 'metrics.json')).toEqual({ runId: 'abc123', path: 'metrics.json' });
    expect(runArtifactOf('s3://bucket/models/1', 'metrics.json')).toBeUndefined();
  });
});
