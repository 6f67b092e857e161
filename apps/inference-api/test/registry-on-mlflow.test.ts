import { MlflowRegistry } from '@millwright/registry';
import { startFakeMlflowServer, type FakeMlflowServer } from '@millwright/registry/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, tempHome } from '../src/test-support/build-app.ts';
import { registerFixtureModel } from '../src/test-support/model-fixture.ts';

// The registry routes against the MLflow client and a fake server that answers as MLflow does,
// where the local registry would hide MLflow's quirks (model-versions/search without aliases).
const adminToken = 'a-long-admin-token-from-a-secret';
const home = tempHome();
let mlflow: FakeMlflowServer;
let registry: MlflowRegistry;
let app: FastifyInstance;
let first: string;
let second: string;
let third: string;

beforeAll(async () => {
  mlflow = await startFakeMlflowServer();
  registry = new MlflowRegistry({ trackingUri: mlflow.url, retry: { maxAttempts: 2, baseDelayMs: 10 } });
  first = await registerFixtureModel(registry, { failureProbability: 0.6 });
  second = await registerFixtureModel(registry, { failureProbability: 0.9, alias: 'challenger' });
  third = await registerFixtureModel(registry, { failureProbability: 0.7, alias: null });
  await registry.logBatch((await registry.getModelVersion('predictive-maintenance', third)).runId!, { params: { rows: 6000 }, metrics: { test_f1: 0.8 } });
  app = await buildApp({ home: home.dir, registry, env: { ADMIN_TOKEN: adminToken, CHALLENGER_MODE: 'shadow' } });
});

afterAll(async () => {
  await app?.close();
  await mlflow?.close();
  home.remove();
});

describe('GET /registry/versions (MLflow)', () => {
  it("shows each version's aliases, which MLflow's model-versions/search leaves out", async () => {
    const { versions } = (await app.inject('/registry/versions')).json();
    expect(versions.map(({ version, aliases }: { version: string; aliases: string[] }) => ({ version, aliases }))).toEqual([
      { version: third, aliases: [] },
      { version: second, aliases: ['challenger'] },
      { version: first, aliases: ['champion'] },
    ]);
  });

  it("carries each version's run metrics and parameters, for the model history", async () => {
    const { versions } = (await app.inject('/registry/versions')).json();
    expect(versions[0]).toMatchObject({ version: third, metrics: { test_f1: 0.8 }, params: { rows: '6000' } });
  });
});

describe('POST /registry/aliases/:alias (MLflow)', () => {
  it('promotes a version, lists the alias on it, and serves it', async () => {
    const promoted = await app.inject({ method: 'POST', url: '/registry/aliases/champion', headers: { 'x-admin-token': adminToken }, payload: { version: third } });
    expect(promoted.json()).toMatchObject({ alias: 'champion', version: third, previous: first, serving: third });
    const { versions } = (await app.inject('/registry/versions')).json();
    expect(versions.find((listed: { version: string }) => listed.version === third)).toMatchObject({ aliases: ['champion'], tags: { 'millwright.replaced_champion': first } });
    expect((await app.inject('/models')).json().champion).toMatchObject({ version: third, source: 'registry' });
  });

  it('clears the challenger alias when the challenger becomes champion', async () => {
    const promoted = await app.inject({ method: 'POST', url: '/registry/aliases/champion', headers: { 'x-admin-token': adminToken }, payload: { version: second } });
    expect(promoted.json()).toMatchObject({ version: second, previous: third, serving: second, cleared: ['challenger'] });
    const { versions } = (await app.inject('/registry/versions')).json();
    expect(versions.find((listed: { version: string }) => listed.version === second).aliases).toEqual(['champion']);
    expect((await app.inject('/models')).json()).toMatchObject({ champion: { version: second }, challenger: null });
  });
});
