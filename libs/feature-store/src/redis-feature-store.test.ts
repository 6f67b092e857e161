import { freePort, startRedis, type RedisServer } from '@millwright/test-servers';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureStoreUnavailableError } from './feature-store-unavailable-error.ts';
import { featureKey, type MachineFeatures } from './machine-features.ts';
import { MemoryFeatureStore } from './memory-feature-store.ts';
import { RedisFeatureStore } from './redis-feature-store.ts';

const features = (torqueNm: number): MachineFeatures => ({
  inputs: { type: 'M', torqueNm },
  engineered: { wearTorqueMinNm: torqueNm * 10 },
  messageId: `lathe-1-${torqueNm}`,
  producedAt: '2024-05-01T12:00:00.000Z',
});

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.destroy());

async function connected(store: RedisFeatureStore): Promise<RedisFeatureStore> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await store.read('probe');
      return store;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error('the store never connected');
}

describe('RedisFeatureStore', () => {
  it('writes one hash per machine with a TTL and reads the latest back', async () => {
    const store = await connected(new RedisFeatureStore(redis.url, { ttlSeconds: 120 }));
    await store.write([
      { machineId: 'lathe-1', features: features(40) },
      { machineId: 'lathe-2', features: features(50) },
    ]);
    await store.write([{ machineId: 'lathe-1', features: features(41) }]);

    expect(await store.read('lathe-1')).toEqual(features(41));
    expect(await store.read('lathe-2')).toEqual(features(50));
    expect(await store.read('lathe-9')).toBeUndefined();
    const client = new Redis(redis.url);
    expect(await client.type(featureKey('lathe-1'))).toBe('hash');
    const ttl = await client.ttl(featureKey('lathe-1'));
    client.disconnect();
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    await store.close();
  });

  it('lets a machine drop out once its TTL passes', async () => {
    const store = await connected(new RedisFeatureStore(redis.url, { ttlSeconds: 1 }));
    await store.write([{ machineId: 'short-lived', features: features(30) }]);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await store.read('short-lived')).toBeUndefined();
    await store.close();
  });

  it('fails fast with FeatureStoreUnavailableError when Redis is not there', async () => {
    const store = new RedisFeatureStore(`redis://127.0.0.1:${await freePort()}`);
    const started = Date.now();
    await expect(store.read('lathe-1')).rejects.toBeInstanceOf(FeatureStoreUnavailableError);
    await expect(store.write([{ machineId: 'lathe-1', features: features(1) }])).rejects.toThrow(/feature store \(Redis\) is unreachable/);
    expect(Date.now() - started).toBeLessThan(2000);
    await store.close();
  });

  it('rejects a TTL that is not a whole number of seconds', () => {
    expect(() => new RedisFeatureStore(redis.url, { ttlSeconds: 0 })).toThrow('ttlSeconds must be a whole number of seconds > 0, got 0');
  });
});

describe('MemoryFeatureStore', () => {
  it('keeps the last write per machine', async () => {
    const store = new MemoryFeatureStore();
    await store.write([{ machineId: 'a', features: features(1) }, { machineId: 'a', features: features(2) }]);
    expect(await store.read('a')).toEqual(features(2));
    expect(store.size).toBe(1);
  });
});
