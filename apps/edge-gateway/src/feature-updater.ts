/**
 * Keeps the feature store's latest features per machine up to date without ever holding up
 * ingestion: committed messages only replace a machine's pending entry (the newest sequence
 * wins), and one write at a time sends what is pending. Features are engineered only for the
 * readings that are written — one per machine per write, not one per message. Memory is bounded by the number of
 * machines; a failed write is counted and its features dropped — the next message of the machine
 * carries newer ones.
 */
import type { TelemetryMessageV1 } from '@millwright/factory';
import type { FeatureStoreWriter } from '@millwright/feature-store';
import { machineFeatures } from './accept-message.ts';

export class FeatureUpdater {
  /** The newest committed message per machine, not yet written. */
  private pending = new Map<string, TelemetryMessageV1>();
  /** The newest sequence offered per machine, so a late redelivery never replaces newer features. */
  private readonly newest = new Map<string, number>();
  private writing: Promise<void> | undefined;

  constructor(
    private readonly store: FeatureStoreWriter,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Offers a committed message; the machine's features are taken from it if it is the newest. */
  offer(message: TelemetryMessageV1): void {
    const { machineId, sequence } = message;
    if ((this.newest.get(machineId) ?? 0) >= sequence) return;
    this.newest.set(machineId, sequence);
    this.pending.set(machineId, message);
    // Started after the caller's current task, so a whole committed batch goes in one write
    // instead of its first message alone and then the rest.
    this.writing ??= Promise.resolve().then(() => this.writeAll());
  }

  private async writeAll(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.store.write([...batch].map(([machineId, message]) => ({ machineId, features: machineFeatures(message) })));
      } catch (error) {
        this.onError(error);
      }
    }
    this.writing = undefined;
  }

  /** Waits for the write in progress (and what it picks up). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }
}
