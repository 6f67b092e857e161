/**
 * The bandwidth toxic's token bucket, as values: a reservation takes the chunk's bytes now and
 * tells when the chunk has been "serialised" onto the wire at the link's rate. Tokens may go
 * negative (a debt), which keeps reservations first come, first served across connections.
 */

export interface TokenBucket {
  readonly bytesPerMs: number;
  /** Largest burst the link lets through at once. */
  readonly capacityBytes: number;
  readonly tokens: number;
  readonly updatedAtMs: number;
}

/** A reservation: the bucket after it, and the time the reserved bytes may be sent. */
export interface Reservation {
  readonly bucket: TokenBucket;
  readonly sendAtMs: number;
}

/** The burst is 10 ms of the rate, but at least 16 KiB so a slow link still passes whole small messages. */
const burstMs = 10;
const minimumBurstBytes = 16 * 1024;

/** Bytes per millisecond of a rate in kbit/s (1 kbit = 1000 bits, as link rates are quoted). */
export function bytesPerMs(kbitPerSecond: number): number {
  return kbitPerSecond / 8;
}

/** A full bucket for `kbitPerSecond`. */
export function createTokenBucket(kbitPerSecond: number, nowMs: number): TokenBucket {
  const rate = bytesPerMs(kbitPerSecond);
  const capacityBytes = Math.max(minimumBurstBytes, rate * burstMs);
  return { bytesPerMs: rate, capacityBytes, tokens: capacityBytes, updatedAtMs: nowMs };
}

function refill(bucket: TokenBucket, nowMs: number): TokenBucket {
  const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
  const tokens = Math.min(bucket.capacityBytes, bucket.tokens + elapsedMs * bucket.bytesPerMs);
  return { ...bucket, tokens, updatedAtMs: Math.max(nowMs, bucket.updatedAtMs) };
}

/** Takes `bytes` from the bucket at `nowMs`; they may be sent once the debt they leave is repaid. */
export function reserveBytes(bucket: TokenBucket, nowMs: number, bytes: number): Reservation {
  const refilled = refill(bucket, nowMs);
  const tokens = refilled.tokens - bytes;
  const sendAtMs = tokens >= 0 ? nowMs : nowMs - tokens / refilled.bytesPerMs;
  return { bucket: { ...refilled, tokens }, sendAtMs };
}

/** The bucket at a new rate: what was earned so far counts at the old rate, the future at the new one. */
export function changeRate(bucket: TokenBucket, kbitPerSecond: number, nowMs: number): TokenBucket {
  const refilled = refill(bucket, nowMs);
  const fresh = createTokenBucket(kbitPerSecond, nowMs);
  return { ...fresh, tokens: Math.min(fresh.capacityBytes, refilled.tokens) };
}
