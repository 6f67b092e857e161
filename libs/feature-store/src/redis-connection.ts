import { Redis } from 'ioredis';

/**
 * A Redis client that fails fast instead of queueing commands while disconnected, so neither a
 * request nor the ingest path ever waits on an unreachable feature store; it keeps reconnecting
 * in the background.
 */
export function connectRedis(url: string, commandTimeoutMs: number): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Connection errors surface per command; an unhandled 'error' event would end the process.
  redis.on('error', () => undefined);
  redis.connect().catch(() => undefined);
  return redis;
}
