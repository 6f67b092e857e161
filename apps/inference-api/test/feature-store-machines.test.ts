import { featureKey } from '@millwright/feature-store';
import { startRedis, type RedisServer } from '@millwright/test-servers';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeatureStore } from '../src/serving/feature-store.ts';
import { machineDirectoryFor, redisMachineDirectory } from '../src/serving/machine-directory.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.destroy();
});

describe('redisMachineDirectory', () => {
  it('lists the machines with features, sorted, ignoring other keys and stopping at the limit', async () => {
    const writer = new Redis(redis.url);
    for (const machine of ['mill-2', 'lathe-3', 'mill-1']) await writer.hset(featureKey(machine), { torqueNm: '40' });
    await writer.set('unrelated:key', '1');
    writer.disconnect();
    const directory = redisMachineDirectory(redis.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await directory.list(10)).toEqual(['lathe-3', 'mill-1', 'mill-2']);
    expect(await directory.list(2)).toHaveLength(2);
    await directory.close();
  });

  it('reports an unreachable Redis as the feature store being unavailable', async () => {
    const directory = redisMachineDirectory('redis://127.0.0.1:1', 200);
    await expect(directory.list(10)).rejects.toThrow(/the feature store \(Redis\) is unreachable/);
    await directory.close();
  });
});

describe('machineDirectoryFor', () => {
  it('has nothing to list for an in-memory store without the listing capability', () => {
    expect(machineDirectoryFor(new MemoryFeatureStore(), undefined)).toBeUndefined();
  });
});
