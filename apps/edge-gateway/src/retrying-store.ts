/**
 * raw_telemetry in a database that may be unreachable when the gateway starts: in the hybrid
 * topology PostgreSQL is in the cloud, across the WAN. Failing the start there made Kubernetes
 * restart the gateway in CrashLoopBackOff, whose waits grow to 5 minutes and outlast the outage
 * (the edge–cloud lab: 21 s instead of ~2 s to ingest again after two such crashes, and a gateway
 * restarted during a WAN outage down for all of it). So opening — connect and migrate — is retried
 * on the {@link retryDelayMs} schedule while the gateway runs, and /readyz names what it waits for.
 *
 * Until the store is open, `insert` waits for it: a batch commits, and so is acknowledged, only
 * once the database has it. The other calls reject, naming why.
 */
import type { RetentionOutcome } from '@millwright/embedded-retention';
import type { TelemetryRow } from './accept-message.ts';
import { defaultRetrySchedule, retryDelayMs, seconds, type RetrySchedule } from './retry-delay.ts';
import type { TelemetryStore } from './telemetry-store.ts';

/** Options of {@link RetryingStore}. */
export interface RetryingStoreOptions {
  /** Opens and migrates the store; called again after each failure. */
  readonly open: () => Promise<TelemetryStore>;
  /** What is opened, for people and without credentials: `PostgreSQL at db.example:5432`. */
  readonly target: string;
  /** One line per failed attempt, and one once open. */
  readonly log: (line: string) => void;
  /** The waits between attempts. @default defaultRetrySchedule */
  readonly schedule?: RetrySchedule;
}

/** An insert waiting for the store to open. */
interface Waiter {
  readonly resolve: (store: TelemetryStore) => void;
  readonly reject: (error: Error) => void;
}

/** An error as one readable line: no stack, and the causes of an AggregateError (its own message is often empty). */
export function oneLine(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map(oneLine).join('; ');
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

export class RetryingStore implements TelemetryStore {
  private store: TelemetryStore | undefined;
  private waiters: Waiter[] = [];
  private failures = 0;
  private lastError = '';
  /** When the next attempt starts (epoch ms); undefined while one is under way. */
  private nextAttemptAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /**
   * Starts opening the store at once, unless it is open already.
   * @param alreadyOpen - a store opened beforehand: the embedded one, a local folder, whose
   * failures (permissions, a damaged folder) waiting would not fix, so they still fail the start.
   */
  constructor(
    private readonly options: RetryingStoreOptions,
    alreadyOpen?: TelemetryStore,
  ) {
    this.store = alreadyOpen;
    if (alreadyOpen === undefined) void this.attempt();
  }

  /** Whether the store is open and migrated. */
  get isOpen(): boolean {
    return this.store !== undefined;
  }

  /** Why the store is not open yet, for /readyz; undefined once it is. */
  notOpen(now = Date.now()): string | undefined {
    if (this.store !== undefined) return undefined;
    const { target } = this.options;
    if (this.failures === 0) return `${target}: connecting and migrating raw_telemetry`;
    const retrying = this.nextAttemptAt === undefined ? 'retrying now' : `retrying in ${seconds(this.nextAttemptAt - now)} s`;
    return `${target} not reachable yet: ${this.lastError}; ${retrying}`;
  }

  private async attempt(): Promise<void> {
    this.timer = undefined;
    this.nextAttemptAt = undefined;
    try {
      const store = await this.options.open();
      if (this.closed) {
        // Closed while connecting: nobody will use it.
        await store.close().catch(() => undefined);
        return;
      }
      this.store = store;
      if (this.failures > 0) this.options.log(`${this.options.target}: raw_telemetry open and migrated after ${this.failures + 1} attempts`);
      for (const waiter of this.waiters.splice(0)) waiter.resolve(store);
    } catch (error) {
      if (this.closed) return;
      this.failures += 1;
      this.lastError = oneLine(error);
      const wait = retryDelayMs(this.failures, Math.random(), this.options.schedule ?? defaultRetrySchedule);
      this.nextAttemptAt = Date.now() + wait;
      this.options.log(`${this.options.target} not reachable yet (attempt ${this.failures}): ${this.lastError}; retrying in ${seconds(wait)} s`);
      this.timer = setTimeout(() => void this.attempt(), wait);
    }
  }

  private whenOpen(): Promise<TelemetryStore> {
    if (this.store !== undefined) return Promise.resolve(this.store);
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The store, or an error naming why it is not open. */
  private openStore(): TelemetryStore {
    if (this.store !== undefined) return this.store;
    throw new Error(`raw_telemetry is not open yet: ${this.notOpen()}`);
  }

  private closedError(): Error {
    return new Error(`${this.options.target}: the gateway stopped before raw_telemetry was open`);
  }

  /** Waits for the store to open, then inserts (see {@link TelemetryStore.insert}). */
  async insert(rows: readonly TelemetryRow[]): Promise<number> {
    return (await this.whenOpen()).insert(rows);
  }

  async count(): Promise<number> {
    return this.openStore().count();
  }

  async applyRetention(): Promise<RetentionOutcome> {
    return this.openStore().applyRetention();
  }

  /** Stops retrying, fails the inserts still waiting (they were never committed, so never acknowledged), and closes the store if it opened. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.closedError());
    await this.store?.close();
  }
}
