import type { MachineFeatures } from './machine-features.ts';

/** One machine's latest features, as the gateway writes them. */
export interface MachineFeaturesUpdate {
  readonly machineId: string;
  readonly features: MachineFeatures;
}

/** The gateway's side: replaces the latest features of machines. */
export interface FeatureStoreWriter {
  /**
   * Stores each machine's features (one update per machine; the last wins if a machine repeats).
   * @throws FeatureStoreUnavailableError when the store cannot be reached; nothing is retried.
   */
  write(updates: readonly MachineFeaturesUpdate[]): Promise<void>;
  close(): Promise<void>;
}

/** The API's side: reads the latest features of a machine. */
export interface FeatureStoreReader {
  /**
   * The machine's latest features, or undefined for a machine the store does not know (or whose
   * features expired).
   * @throws FeatureStoreUnavailableError when the store cannot be reached.
   */
  read(machineId: string): Promise<MachineFeatures | undefined>;
  close(): Promise<void>;
}
