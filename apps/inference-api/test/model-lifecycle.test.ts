import { MlflowRegistry } from '@millwright/registry';
import { startFakeMlflowServer } from '@millwright/registry/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { failingRow, fixtureModelName, registerFixtureModel } from '../src/test-support/model-fixture.ts';

const homes: { remove(): void }[] = [];
function home() {
  const made = tempHome();
  homes.push(made);
  return made.dir;
}
afterAll(() => homes.forEach((made) => made.remove()));

const adminToken = 'a-long-admin-token-from-a-secret';
const reload = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/models/reload', headers: { authorization: `Bearer ${adminToken}` } });
const probability = async (app: FastifyInstance) => (await app.inject({ method: 'POST', url: '/predict', payload: failingRow })).json().probability as number;

describe('model loading', () => {
  it('is live but not ready, and answers predictions with 503, when no model exists', async () => {
    const app = await buildApp({ home: home() });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/v2/health/live')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    expect((await app.inject('/v2/health/ready')).statusCode).toBe(503);
    const predict = await app.inject({ method: 'POST', url: '/predict', payload: failingRow });
    expect(predict.statusCode).toBe(503);
    expect(predict.json().error).toMatch(/no version of "predictive-maintenance" is loaded/);
    expect((await app.inject('/models')).json().problems).toEqual(['champion: alias "champion" of "predictive-maintenance" is not set']);
    await app.close();
  });

  it('starts from the disk cache when the registry (MLflow) is down, and is not ready without a cache', async () => {
    const mlflow = await startFakeMlflowServer();
    const registry = () => new MlflowRegistry({ trackingUri: mlflow.url, retry: { maxAttempts: 2, baseDelayMs: 10 }, timeoutMs: 1000 });
    const version = await registerFixtureModel(registry(), { failureProbability: 0.8 });
    const cached = home();
    const first = await buildApp({ home: cached, registry: registry() });
    expect((await first.inject('/models')).json().champion).toMatchObject({ version, source: 'registry' });
    await first.close();
    await mlflow.close();

    const restarted = await buildApp({ home: cached, registry: registry() });
    expect((await restarted.inject('/readyz')).statusCode).toBe(200);
    expect((await restarted.inject('/models')).json().champion).toMatchObject({ version, source: 'cache' });
    expect(await probability(restarted)).toBeCloseTo(0.8, 5);
    await restarted.close();

    const fresh = await buildApp({ home: home(), registry: registry() });
    expect((await fresh.inject('/readyz')).statusCode).toBe(503);
    expect((await fresh.inject('/models')).json().problems[0]).toMatch(/registry unreachable .* and no cached version/);
    await fresh.close();
  });

  it('keeps serving the last good version when a new one fails to load', async () => {
    const dir = home();
    const good = await registerFixtureModel(localRegistry(dir), { failureProbability: 0.7 });
    const app = await buildApp({ home: dir, env: { ADMIN_TOKEN: adminToken } });
    const bad = await registerFixtureModel(localRegistry(dir), { onnx: new TextEncoder().encode('not an onnx model') });
    const results = (await reload(app)).json().results;
    expect(results[0]).toMatchObject({ alias: 'champion', version: good, changed: false });
    expect(results[0].error).toMatch(new RegExp(`version ${bad} failed to load`));
    expect(await probability(app)).toBeCloseTo(0.7, 5);
    await app.close();
  });
});

describe('hot swap', () => {
  it('serves the new champion within the poll interval after the alias moves, with zero failed requests under load', async () => {
    const dir = home();
    const registry = localRegistry(dir);
    const first = await registerFixtureModel(registry, { failureProbability: 0.6 });
    const pollIntervalMs = 1000;
    // Records when each poll asked the registry where the champion alias points.
    const polls: number[] = [];
    const watched = new Proxy(registry, {
      get(target, property, receiver) {
        if (property === 'getVersionByAlias') polls.push(Date.now());
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const app = await buildApp({ home: dir, registry: watched, env: { MODEL_POLL_INTERVAL_MS: String(pollIntervalMs) } });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify(failingRow);
    const versions = new Map<string, number>();
    let failures = 0;
    let firstNewAt: number | undefined;
    // Bounded: until 500 ms after the new version first answers, at most 20 s.
    const hardDeadline = Date.now() + 20_000;
    const running = () => Date.now() < Math.min(hardDeadline, firstNewAt === undefined ? Infinity : firstNewAt + 500);
    const worker = async () => {
      while (running()) {
        try {
          const response = await fetch(`${address}/predict`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
          const json = (await response.json()) as { model: { version: string } };
          if (response.status !== 200) failures += 1;
          else {
            versions.set(json.model.version, (versions.get(json.model.version) ?? 0) + 1);
            if (json.model.version !== first && firstNewAt === undefined) firstNewAt = Date.now();
          }
        } catch {
          failures += 1;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 16 }, worker));
    await new Promise((resolve) => setTimeout(resolve, 800));
    const second = await registerFixtureModel(registry, { failureProbability: 0.95 });
    const swappedAt = Date.now();
    await load;
    await app.close();
    expect(failures).toBe(0);
    expect(versions.get(first)).toBeGreaterThan(0);
    expect(versions.get(second)).toBeGreaterThan(0);
    // The first poll after the move swaps the new version in: it starts within the interval (plus
    // timer lag on a busy machine), and no later poll was needed before the new version answered.
    const pollsAfterMove = polls.filter((at) => at >= swappedAt);
    expect(pollsAfterMove[0]! - swappedAt).toBeLessThan(pollIntervalMs + 250);
    expect(pollsAfterMove.filter((at) => at < firstNewAt!)).toHaveLength(1);
  });
});

describe('canary and shadow', () => {
  it('sends the challenger its share of requests and labels responses and metrics with the version', async () => {
    const dir = home();
    const champion = await registerFixtureModel(localRegistry(dir), { failureProbability: 0.6 });
    const challenger = await registerFixtureModel(localRegistry(dir), { failureProbability: 0.9, alias: 'challenger' });
    let dice = 0;
    const app = await buildApp({ home: dir, env: { CHALLENGER_MODE: 'canary', CHALLENGER_WEIGHT: '0.25' }, random: () => ((dice += 1) % 4) / 4 });
    const answered = new Map<string, number>();
    for (let index = 0; index < 8; index += 1) {
      const version = (await app.inject({ method: 'POST', url: '/predict', payload: failingRow })).json().model.version as string;
      answered.set(version, (answered.get(version) ?? 0) + 1);
    }
    expect(answered).toEqual(new Map([[champion, 6], [challenger, 2]]));
    const metrics = (await app.inject('/metrics')).body;
    expect(metrics).toContain(`predict_requests_total{model="${fixtureModelName}",version="${challenger}"} 2`);
    expect(metrics).toContain(`model_info{model="${fixtureModelName}",version="${challenger}",alias="challenger"} 1`);
    await app.close();
  });

  it('scores the challenger in shadow without answering with it', async () => {
    const dir = home();
    const champion = await registerFixtureModel(localRegistry(dir), { failureProbability: 0.6 });
    const challenger = await registerFixtureModel(localRegistry(dir), { failureProbability: 0.9, alias: 'challenger' });
    const app = await buildApp({ home: dir, env: { CHALLENGER_MODE: 'shadow' } });
    for (let index = 0; index < 3; index += 1) {
      expect((await app.inject({ method: 'POST', url: '/predict', payload: failingRow })).json().model.version).toBe(champion);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await app.inject('/metrics')).body).toContain(`predict_requests_total{model="${fixtureModelName}",version="${challenger}"} 3`);
    await app.close();
  });
});
