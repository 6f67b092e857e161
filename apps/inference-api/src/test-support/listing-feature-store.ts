import { MemoryFeatureStore } from '../serving/feature-store.ts';
import type { ListsMachines } from '../serving/machine-directory.ts';

/** The in-memory feature store plus the listing capability `GET /machines` uses. */
export class ListingMemoryFeatureStore extends MemoryFeatureStore implements ListsMachines {
  private readonly ids = new Set<string>();

  override set(machineId: string, features: Record<string, unknown>): void {
    super.set(machineId, features);
    this.ids.add(machineId);
  }

  async machineIds(limit: number): Promise<string[]> {
    return [...this.ids].sort().slice(0, limit);
  }
}
