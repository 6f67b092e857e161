import type { Redis } from 'ioredis';
import { FeatureStoreUnavailableError } from './feature-store-unavailable-error.ts';
import type { FeatureStoreReader, FeatureStoreWriter, MachineFeaturesUpdate } from './feature-store.ts';
import { featureKey, fromHashFields, toHashFields, type MachineFeatures } from './machine-features.ts';
import { connectRedis } from './redis-connection.ts';

/** Settings of the Redis feature store. */
export interface RedisFeatureStoreOptions {
  /**
   * Seconds a machine's features live after its last update: a machine that stops reporting
   * drops out instead of being scored on stale readings.
   * @default 3600
   */
  readonly ttlSeconds?: number;
  /** @default 500 */
  readonly commandTimeoutMs?: number;
}

/** The defaults of {@link RedisFeatureStoreOptions}. */
export const redisFeatureStoreDefaults = { ttlSeconds: 3600, commandTimeoutMs: 500 } as const;

function unavailable(error: unknown): FeatureStoreUnavailableError {
  return new FeatureStoreUnavailableError(`the feature store (Redis) is unreachable: ${(error as Error).message}`, { cause: error });
}

/** The feature store in Redis: one hash per machine (see machine-features.ts) with a TTL. */
export class RedisFeatureStore implements FeatureStoreReader, FeatureStoreWriter {
  private readonly redis: Redis;
  readonly ttlSeconds: number;

  constructor(url: string, options: RedisFeatureStoreOptions = {}) {
    this.ttlSeconds = options.ttlSeconds ?? redisFeatureStoreDefaults.ttlSeconds;
    if (!(Number.isSafeInteger(this.ttlSeconds) && this.ttlSeconds > 0)) throw new RangeError(`ttlSeconds must be a whole number of seconds > 0, got ${this.ttlSeconds}`);
    this.redis = connectRedis(url, options.commandTimeoutMs ?? redisFeatureStoreDefaults.commandTimeoutMs);
  }

  /** HSET + EXPIRE per machine, all in one pipeline (one round trip). */
  async write(updates: readonly MachineFeaturesUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { machineId, features } of updates) {
      const key = featureKey(machineId);
      pipeline.hset(key, toHashFields(features)).expire(key, this.ttlSeconds);
    }
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      throw unavailable(error);
    }
    const failed = results?.find(([error]) => error !== null);
    if (failed) throw unavailable(failed[0]);
  }

  async read(machineId: string): Promise<MachineFeatures | undefined> {
    let fields: Record<string, string>;
    try {
      fields = await this.redis.hgetall(featureKey(machineId));
    } catch (error) {
      throw unavailable(error);
    }
    return fromHashFields(fields);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
