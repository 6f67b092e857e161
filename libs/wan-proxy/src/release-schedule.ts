/** When a chunk delayed by the latency toxic may leave: the scheduling maths, free of timers. */

/** What decides a chunk's release time. */
export interface ChunkArrival {
  readonly arrivedAtMs: number;
  /** Release time of the chunk before it in the same connection and direction. */
  readonly previousReleaseAtMs: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
  /** A number in [0, 1) that picks this chunk's jitter. */
  readonly random: number;
}

/**
 * The chunk's delay is latency ± jitter (uniform, never below zero), but it never leaves before
 * the chunk ahead of it: TCP delivers a stream in order, so jitter on a real link shows up as
 * bunching, not as reordered bytes.
 */
export function chunkReleaseTime(arrival: ChunkArrival): number {
  const jitter = (arrival.random * 2 - 1) * arrival.jitterMs;
  const delayMs = Math.max(0, arrival.latencyMs + jitter);
  return Math.max(arrival.arrivedAtMs + delayMs, arrival.previousReleaseAtMs);
}
