/**
 * How long the gateway waits before trying to open its database again: doubling from the first
 * wait up to a cap, less a random share, so gateways that lost the same database together do not
 * come back in step. Pure: the caller passes the random number.
 */

/** The waits between attempts. */
export interface RetrySchedule {
  /** The wait after the first failure. @default 1000 */
  readonly firstMs: number;
  /** The longest wait. @default 30000 */
  readonly maxMs: number;
  /** Share of each wait taken off at random (0 keeps the waits exact). @default 0.2 */
  readonly jitter: number;
}

/** 1 s, 2 s, 4 s … 30 s, each up to a fifth shorter. */
export const defaultRetrySchedule: RetrySchedule = { firstMs: 1000, maxMs: 30_000, jitter: 0.2 };

/**
 * The wait in milliseconds after `failures` failed attempts in a row (1 after the first).
 * @param random - in [0, 1), e.g. Math.random()
 */
export function retryDelayMs(failures: number, random: number, schedule: RetrySchedule = defaultRetrySchedule): number {
  const full = Math.min(schedule.maxMs, schedule.firstMs * 2 ** Math.max(0, failures - 1));
  return Math.round(full * (1 - schedule.jitter * random));
}

/** A wait for people: `0.2`, `4`, `27.5` (seconds, to a tenth). */
export function seconds(ms: number): string {
  return String(Math.round(Math.max(0, ms) / 100) / 10);
}
