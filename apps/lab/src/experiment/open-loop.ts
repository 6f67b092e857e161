/**
 * Open-loop load at a fixed request rate: request i is due at start + i / rate whether or not the
 * ones before it have answered, so a slow or stalled server shows up as latency and failures
 * instead of silently lowering the rate (the coordinated-omission trap of closed-loop load). Each
 * latency is measured from the request's due time. Bounded: a duration and a cap on requests in
 * flight; requests over the cap count as failed ("overload"), never queued without limit.
 */

/** One request's outcome. */
export interface Sample {
  /** Due time, ms since the run started. */
  readonly at: number;
  /** From due time to the answer (or the failure), ms. */
  readonly latencyMs: number;
  readonly ok: boolean;
  /** HTTP status, or a short reason: `timeout`, `overload`, an error code. */
  readonly outcome: string;
}

export interface OpenLoopOptions {
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly maxInFlight: number;
  /** Sends request number `i`; resolves with its outcome. */
  readonly send: (i: number) => Promise<{ ok: boolean; outcome: string }>;
  readonly now?: () => number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Runs the load; resolves with every sample, in due order, once the last request is settled. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<Sample[]> {
  if (!(options.ratePerSecond > 0)) throw new Error(`ratePerSecond must be > 0, got ${options.ratePerSecond}`);
  const now = options.now ?? (() => performance.now());
  const start = now();
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const samples: Sample[] = new Array<Sample>(total);
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  for (let i = 0; i < total; i += 1) {
    const due = (i * 1000) / options.ratePerSecond;
    await sleep(start + due - now());
    if (inFlight >= options.maxInFlight) {
      samples[i] = { at: due, latencyMs: 0, ok: false, outcome: 'overload' };
      continue;
    }
    inFlight += 1;
    pending.push(
      options
        .send(i)
        .catch((error: unknown) => ({ ok: false, outcome: (error as { code?: string }).code ?? (error as Error).name ?? 'error' }))
        .then((result) => {
          samples[i] = { at: due, latencyMs: now() - start - due, ok: result.ok, outcome: result.outcome };
          inFlight -= 1;
        }),
    );
  }
  await Promise.all(pending);
  return samples;
}

/** The q-quantile (0..1) of `values` by the nearest-rank method; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
