/**
 * Which machines the feature store holds features for — the UI's presets. The feature store's
 * read interface answers one machine at a time, so listing is a capability of its own: a store
 * that has `machineIds(limit)` lists itself; with Redis configured, the directory SCANs the
 * feature keys (never KEYS, which blocks Redis); otherwise there is nothing to list.
 */
import { FeatureStoreUnavailableError, featureKeyPrefix } from '@millwright/feature-store';
import { Redis } from 'ioredis';

/** Lists machines, sorted, at most `limit`. */
export interface MachineDirectory {
  /** @throws FeatureStoreUnavailableError when the store cannot be reached. */
  list(limit: number): Promise<string[]>;
  close(): Promise<void>;
}

/** A feature store that can list its machines itself. */
export interface ListsMachines {
  machineIds(limit: number): Promise<string[]>;
}

function listsMachines(store: object): store is ListsMachines {
  return typeof (store as Partial<ListsMachines>).machineIds === 'function';
}

/** SCANs `millwright:features:*` on Redis with a client that fails fast while Redis is down. */
export function redisMachineDirectory(url: string, commandTimeoutMs = 1000): MachineDirectory {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: commandTimeoutMs, connectTimeout: 1000 });
  redis.on('error', () => undefined);
  redis.connect().catch(() => undefined);
  return {
    async list(limit) {
      const found = new Set<string>();
      let cursor = '0';
      try {
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${featureKeyPrefix}*`, 'COUNT', 200);
          for (const key of keys) if (found.size < limit) found.add(key.slice(featureKeyPrefix.length));
          cursor = next;
        } while (cursor !== '0' && found.size < limit);
      } catch (error) {
        throw new FeatureStoreUnavailableError(`the feature store (Redis) is unreachable: ${(error as Error).message}`, { cause: error });
      }
      return [...found].sort();
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** The directory for this API's feature store, or undefined when its machines cannot be listed. */
export function machineDirectoryFor(featureStore: object, redisUrl: string | undefined): MachineDirectory | undefined {
  if (listsMachines(featureStore)) return { list: (limit) => featureStore.machineIds(limit), close: async () => undefined };
  return redisUrl === undefined ? undefined : redisMachineDirectory(redisUrl);
}
