/**
 * Collects accepted messages into batches and commits each with one INSERT, retrying a failed
 * batch with backoff until it commits (the database being down stalls ingestion; it loses
 * nothing). A batch is cut when it is full or its first message has waited `lingerMs`. Two
 * batches may commit at once (one filling and sending while the other commits); `onCommitted`
 * runs for each batch in the order they commit.
 */
import type { TelemetryRow } from './accept-message.ts';
import type { TelemetryStore } from './telemetry-store.ts';

/** A message in a batch, with whatever the caller needs once it is committed. */
export interface BatchEntry<Extra> {
  readonly row: TelemetryRow;
  readonly extra: Extra;
}

/** Settings of the batch writer. */
export interface BatchWriterOptions<Extra> {
  readonly store: TelemetryStore;
  readonly batchSize: number;
  readonly lingerMs: number;
  /** @default 2 */
  readonly concurrentCommits?: number;
  /** A committed batch: its entries and how many rows were new. */
  readonly onCommitted: (entries: readonly BatchEntry<Extra>[], inserted: number, seconds: number) => void;
  /** A failed attempt; the batch is retried after a backoff. Not called once stopped. */
  readonly onError: (error: unknown) => void;
}

const backoffMs = { first: 50, max: 2000 } as const;

export class BatchWriter<Extra> {
  private filling: BatchEntry<Extra>[] = [];
  private readonly cut: BatchEntry<Extra>[][] = [];
  private timer: NodeJS.Timeout | undefined;
  private committing = 0;
  /** Messages in the batches being committed. */
  private inCommit = 0;
  private stopped = false;
  private readonly idle = new Set<() => void>();

  constructor(private readonly options: BatchWriterOptions<Extra>) {}

  add(entry: BatchEntry<Extra>): void {
    this.filling.push(entry);
    if (this.filling.length >= this.options.batchSize) this.cutBatch();
    else if (this.timer === undefined) this.timer = setTimeout(() => this.cutBatch(), this.options.lingerMs);
  }

  /** Messages added and not yet committed. */
  get pending(): number {
    return this.filling.length + this.cut.reduce((sum, batch) => sum + batch.length, 0) + this.inCommit;
  }

  private cutBatch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.filling.length === 0) return;
    this.cut.push(this.filling);
    this.filling = [];
    this.startCommits();
  }

  private startCommits(): void {
    while (!this.stopped && this.committing < (this.options.concurrentCommits ?? 2) && this.cut.length > 0) {
      const batch = this.cut.shift()!;
      this.committing += 1;
      this.inCommit += batch.length;
      void this.commit(batch).finally(() => {
        this.committing -= 1;
        this.inCommit -= batch.length;
        this.startCommits();
        if (this.pending === 0) for (const resolve of this.idle) resolve();
      });
    }
  }

  private async commit(batch: readonly BatchEntry<Extra>[]): Promise<void> {
    // A redelivered message can meet its first copy in one batch: send each id once.
    const rows = [...new Map(batch.map((entry) => [entry.row.messageId, entry.row])).values()];
    const started = performance.now();
    let wait: number = backoffMs.first;
    for (;;) {
      try {
        const inserted = await this.options.store.insert(rows);
        this.options.onCommitted(batch, inserted, (performance.now() - started) / 1000);
        return;
      } catch (error) {
        // Failing after stop() is the gateway stopping (the store closing under a waiting batch):
        // not an error to report; the batch stays unacknowledged and the broker redelivers it.
        if (this.stopped) return;
        this.options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(wait * 2, backoffMs.max);
        if (this.stopped) return;
      }
    }
  }

  /**
   * Commits what is buffered, waiting at most `timeoutMs`; then stops retrying. Whatever did not
   * commit stays unacknowledged, so the broker redelivers it to the next gateway.
   */
  async flush(timeoutMs: number): Promise<void> {
    this.cutBatch();
    if (this.pending === 0) return;
    let resolveIdle!: () => void;
    const drained = new Promise<void>((resolve) => (resolveIdle = resolve));
    this.idle.add(resolveIdle);
    const timer = setTimeout(resolveIdle, timeoutMs);
    await drained;
    clearTimeout(timer);
    this.idle.delete(resolveIdle);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
