/**
 * The online feature store: the latest inputs of each machine, written by the edge gateway and
 * read by `POST /predict {"machineId": ...}`. In memory by default; Redis when `REDIS_URL` is set,
 * one hash per machine under {@link featureKey} (layout and client in @millwright/feature-store).
 */
import { FeatureStoreUnavailableError, RedisFeatureStore as RedisFeatureStoreReader, featureKey } from '@millwright/feature-store';

export { FeatureStoreUnavailableError, featureKey };

/** Reads the latest features of a machine. */
export interface FeatureStore {
  /**
   * The machine's latest inputs, or undefined for a machine the store does not know.
   * @throws FeatureStoreUnavailableError when the store cannot be reached.
   */
  get(machineId: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
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
  private readonly reader: RedisFeatureStoreReader;

  constructor(url: string, options: { commandTimeoutMs?: number } = {}) {
    this.reader = new RedisFeatureStoreReader(url, options);
  }

  async get(machineId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.reader.read(machineId))?.inputs;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
