/** How the MLflow client retries a request that failed for a reason that may pass. */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 5 */
  readonly maxAttempts?: number;
  /** The backoff before the first retry; it doubles after each. @default 250 */
  readonly baseDelayMs?: number;
  /** The longest wait between two attempts, Retry-After included. @default 8000 */
  readonly maxDelayMs?: number;
}

/** {@link RetryPolicy} with every default applied. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** Applies the documented defaults of {@link RetryPolicy}. */
export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const resolved = { maxAttempts: policy.maxAttempts ?? 5, baseDelayMs: policy.baseDelayMs ?? 250, maxDelayMs: policy.maxDelayMs ?? 8000 };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts is ${resolved.maxAttempts}; it must be an integer of at least 1`);
  }
  return resolved;
}

/**
 * HTTP statuses worth retrying: too many requests, and the server errors a restarting or overloaded
 * server or proxy answers. MLflow's own client retries the same set plus 408
 * (`_TRANSIENT_FAILURE_RESPONSE_CODES` in `mlflow/utils/request_utils.py`); other 4xx answers mean
 * the request itself is wrong, and repeating it cannot help.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * The wait before retry number `retry` (1 for the first retry): exponential backoff with full jitter,
 * a uniform draw in [0, min(max, base * 2^(retry-1))], so clients that failed together do not retry
 * together. A server's Retry-After (in seconds) is honoured when given, capped at the maximum.
 */
export function retryDelayMs(retry: number, policy: ResolvedRetryPolicy, random: () => number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
    return Math.min(policy.maxDelayMs, retryAfterSeconds * 1000);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
