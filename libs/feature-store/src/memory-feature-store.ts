import type { FeatureStoreReader, FeatureStoreWriter, MachineFeaturesUpdate } from './feature-store.ts';
import type { MachineFeatures } from './machine-features.ts';

/** The embedded feature store: a map in this process, read and written by the apps that share it. */
export class MemoryFeatureStore implements FeatureStoreReader, FeatureStoreWriter {
  private readonly machines = new Map<string, MachineFeatures>();

  async write(updates: readonly MachineFeaturesUpdate[]): Promise<void> {
    for (const update of updates) this.machines.set(update.machineId, update.features);
  }

  async read(machineId: string): Promise<MachineFeatures | undefined> {
    return this.machines.get(machineId);
  }

  /** The machines that have features, sorted, at most `limit` (the UI's presets). */
  async machineIds(limit: number): Promise<string[]> {
    return [...this.machines.keys()].sort().slice(0, limit);
  }

  /** How many machines have features. */
  get size(): number {
    return this.machines.size;
  }

  async close(): Promise<void> {
    this.machines.clear();
  }
}
