import { RedisFeatureStore } from '@millwright/feature-store';
import { freePort, startRedis, type RedisServer } from '@millwright/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, localRegistry, tempHome } from '../src/test-support/build-app.ts';
import { registerFixtureModel, validRow } from '../src/test-support/model-fixture.ts';

const home = tempHome();
let redis: RedisServer;

beforeAll(async () => {
  await registerFixtureModel(localRegistry(home.dir));
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.destroy();
  home.remove();
});

describe('POST /predict {machineId} with Redis', () => {
  it('scores the latest features, 404s an unknown machine, and 503s while Redis is down without affecting other requests', async () => {
    // Written as the edge gateway writes it: one hash per machine.
    const writer = new RedisFeatureStore(redis.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const features = { inputs: { ...validRow, torqueNm: 70 }, engineered: {}, messageId: 'lathe-3-1', producedAt: '2024-05-01T12:00:00.000Z' };
    await writer.write([{ machineId: 'lathe-3', features }]);
    await writer.close();
    const app = await buildApp({ home: home.dir, env: { REDIS_URL: redis.url } });
    const byMachine = (machineId: string) => app.inject({ method: 'POST', url: '/predict', payload: { machineId } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await byMachine('lathe-3')).json()).toMatchObject({ prediction: 'failure' });
    expect((await byMachine('unknown-9')).statusCode).toBe(404);

    await redis.stop();
    const down = await byMachine('lathe-3');
    expect(down.statusCode).toBe(503);
    expect(down.json().error).toMatch(/feature store \(Redis\) is unreachable/);
    expect((await app.inject({ method: 'POST', url: '/predict', payload: validRow })).statusCode).toBe(200);
    await app.close();
  });

  it('answers 503 when Redis was never reachable', async () => {
    const app = await buildApp({ home: home.dir, env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    expect((await app.inject({ method: 'POST', url: '/predict', payload: { machineId: 'lathe-3' } })).statusCode).toBe(503);
    await app.close();
  });
});
