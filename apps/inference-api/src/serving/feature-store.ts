/**
 * The online feature store: the latest inputs of each machine, written by the edge gateway and
 * read by `POST /predict {"machineId": ...}`. In memory by default; Redis when `REDIS_URL` is set,
 * one JSON document per machine under {@link featureKey}.
 */
import { Redis } from 'ioredis';

/** The store could not be reached; the request gets 503 and nothing else is affected. */
export class FeatureStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeatureStoreUnavailableError';
  }
}

/** Reads the latest features of a machine. */
export interface FeatureStore {
  /**
   * The machine's latest inputs, or undefined for a machine the store does not know.
   * @throws FeatureStoreUnavailableError when the store cannot be reached.
   */
  get(machineId: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

/** The Redis key of a machine's latest features (the edge gateway writes the same key). */
export function featureKey(machineId: string): string {
  return `millwright:features:${machineId}`;
}

/** The embedded store: a map the process (or a test) fills. */
export class MemoryFeatureStore implements FeatureStore {
  private readonly machines = new Map<string, Record<string, unknown>>();

  set(machineId: string, features: Record<string, unknown>): void {
    this.machines.set(machineId, features);
  }

  async get(machineId: string): Promise<Record<string, unknown> | undefined> {
    return this.machines.get(machineId);
  }

  async close(): Promise<void> {
    this.machines.clear();
  }
}

/** Redis: fails fast instead of queueing commands while disconnected, so a request never hangs on it. */
export class RedisFeatureStore implements FeatureStore {
  private readonly redis: Redis;

  constructor(url: string, options: { commandTimeoutMs?: number } = {}) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // Connection errors surface per command as 503s; the client keeps reconnecting in the background.
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  async get(machineId: string): Promise<Record<string, unknown> | undefined> {
    let text: string | null;
    try {
      text = await this.redis.get(featureKey(machineId));
    } catch (error) {
      throw new FeatureStoreUnavailableError(`the feature store (Redis) is unreachable: ${(error as Error).message}`, { cause: error });
    }
    if (text === null) return undefined;
    try {
      const value = JSON.parse(text) as unknown;
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
