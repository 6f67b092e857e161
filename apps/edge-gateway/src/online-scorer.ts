/**
 * Optional online scoring: committed readings are queued (bounded; beyond the bound they are
 * skipped and counted, never waited for) and sent to the inference API's `POST /predict/batch`,
 * up to `batchRows` at a time, one request in flight. A reading whose failure probability reaches
 * the model's threshold becomes an alert on `factory/<site>/<line>/<machine>/alerts`.
 */
import type { TelemetryMessageV1, TelemetryModelInput } from '@millwright/factory';

/** A reading to score. */
export interface ScoringItem {
  readonly message: TelemetryMessageV1;
  readonly input: TelemetryModelInput;
}

/** What the gateway publishes when a reading crosses the threshold. */
export interface FailureAlert {
  readonly machineId: string;
  readonly site: string;
  readonly line: string;
  readonly messageId: string;
  readonly producedAt: string;
  readonly probability: number;
  readonly threshold: number;
  readonly model: { readonly name: string; readonly version: string };
}

/** Settings of the scorer. */
export interface OnlineScorerOptions {
  readonly inferenceApiUrl: string;
  readonly queueLimit: number;
  /** @default 100 */
  readonly batchRows?: number;
  /** @default 2000 */
  readonly timeoutMs?: number;
  readonly onAlert: (alert: FailureAlert) => void;
  readonly onSkipped: (reason: 'queue_full' | 'api_error', count: number) => void;
}

interface BatchReply {
  readonly predictions: readonly { readonly probability: number }[];
  readonly threshold: number;
  readonly model: { readonly name: string; readonly version: string };
}

function isBatchReply(value: unknown): value is BatchReply {
  const reply = value as Partial<BatchReply> | null;
  return typeof reply === 'object' && reply !== null && Array.isArray(reply.predictions) && typeof reply.threshold === 'number' && typeof reply.model === 'object';
}

export class OnlineScorer {
  private queue: ScoringItem[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly endpoint: string;

  constructor(private readonly options: OnlineScorerOptions) {
    this.endpoint = new URL('/predict/batch', options.inferenceApiUrl).toString();
  }

  offer(item: ScoringItem): void {
    if (this.stopped) return;
    if (this.queue.length >= this.options.queueLimit) {
      this.options.onSkipped('queue_full', 1);
      return;
    }
    this.queue.push(item);
    this.running ??= this.run();
  }

  private async run(): Promise<void> {
    const batchRows = this.options.batchRows ?? 100;
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.splice(0, batchRows);
      try {
        await this.score(batch);
      } catch {
        this.options.onSkipped('api_error', batch.length);
      }
    }
    this.running = undefined;
  }

  private async score(batch: readonly ScoringItem[]): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch.map((item) => item.input)),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 2000),
    });
    const reply: unknown = await response.json();
    if (!response.ok || !isBatchReply(reply) || reply.predictions.length !== batch.length) throw new Error(`POST ${this.endpoint} answered ${response.status}`);
    reply.predictions.forEach(({ probability }, index) => {
      if (probability < reply.threshold) return;
      const { message } = batch[index]!;
      this.options.onAlert({
        machineId: message.machineId,
        site: message.site,
        line: message.line,
        messageId: message.messageId,
        producedAt: message.producedAt,
        probability,
        threshold: reply.threshold,
        model: { name: reply.model.name, version: reply.model.version },
      });
    });
  }

  /** Stops taking readings; waits for the request in flight. */
  async close(): Promise<void> {
    this.stopped = true;
    this.queue = [];
    await this.running;
  }
}
