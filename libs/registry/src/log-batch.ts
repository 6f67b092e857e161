import { assertEntityKey, assertMaxLength, entityLimits } from './entity-limits.ts';
import type { LogBatchInput } from './model-registry.ts';
import { RegistryError } from './registry-error.ts';

/**
 * The limits of one `runs/log-batch` request. REST API, "Log Batch" > "Request Limits": "A single
 * JSON-serialized API request may be up to 1 MB in size and contain: No more than 1000 metrics, params,
 * and tags in total; Up to 1000 metrics; Up to 100 params; Up to 100 tags"
 * (https://mlflow.org/docs/latest/rest-api.html#log-batch; the server checks the same numbers in
 * `_validate_batch_log_limits` and `MAX_BATCH_LOG_REQUEST_SIZE = int(1e6)`, `mlflow/utils/validation.py`).
 */
export const logBatchLimits = {
  metrics: 1000,
  params: 100,
  tags: 100,
  total: 1000,
  bytes: 1_000_000,
} as const;

/** A metric observation with every field set, as the REST API's `Metric` object carries it. */
export interface MetricPoint {
  readonly key: string;
  readonly value: number;
  readonly timestamp: number;
  readonly step: number;
}

/** A param or tag, as the REST API's `Param` and `RunTag` objects carry it. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** One `runs/log-batch` request's worth of entities. */
export interface LogBatchChunk {
  readonly metrics: readonly MetricPoint[];
  readonly params: readonly KeyValue[];
  readonly tags: readonly KeyValue[];
}

/** Turns the public input into validated entities, stamping metrics without a timestamp with `now`. */
export function normalizeLogBatch(batch: LogBatchInput, now: number): LogBatchChunk {
  const metricInputs = Array.isArray(batch.metrics)
    ? batch.metrics
    : Object.entries(batch.metrics ?? {}).map(([key, value]) => ({ key, value }));
  const metrics = metricInputs.map(({ key, value, timestamp, step }): MetricPoint => {
    assertEntityKey('metric', key);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', `metric ${key} has value ${String(value)}; metric values must be finite numbers`);
    }
    const point = { key, value, timestamp: timestamp ?? now, step: step ?? 0 };
    if (!Number.isSafeInteger(point.timestamp) || point.timestamp < 0 || !Number.isSafeInteger(point.step)) {
      throw new RegistryError(
        'INVALID_PARAMETER_VALUE',
        `metric ${key} has timestamp ${point.timestamp} and step ${point.step}; both must be integers and the timestamp non-negative`,
      );
    }
    return point;
  });
  const params = Object.entries(batch.params ?? {}).map(([key, raw]): KeyValue => {
    assertEntityKey('param', key);
    const value = String(raw);
    assertMaxLength(`param ${key} value`, value, entityLimits.paramValueLength);
    return { key, value };
  });
  const tags = Object.entries(batch.tags ?? {}).map(([key, value]): KeyValue => {
    assertEntityKey('tag', key);
    assertMaxLength(`tag ${key} value`, value, entityLimits.runTagValueLength);
    return { key, value };
  });
  return { metrics, params, tags };
}

/** The UTF-8 size of an entity once serialized, plus its separating comma. */
function serializedSize(entity: MetricPoint | KeyValue): number {
  return Buffer.byteLength(JSON.stringify(entity)) + 1;
}

/**
 * Splits a batch into requests that each respect {@link logBatchLimits}: params first, then tags, then
 * metrics fill what remains, keeping each request under the byte limit with room for the envelope.
 * Order within each kind is kept, so "within a given entity type [writes] are guaranteed to follow
 * the order specified" (REST API, "Log Batch") still holds across requests. An empty batch gives no requests.
 */
export function splitLogBatch(batch: LogBatchChunk, limits: typeof logBatchLimits = logBatchLimits): LogBatchChunk[] {
  const envelopeBytes = 1024;
  const chunks: LogBatchChunk[] = [];
  const cursor = { params: 0, tags: 0, metrics: 0 };
  while (cursor.params < batch.params.length || cursor.tags < batch.tags.length || cursor.metrics < batch.metrics.length) {
    let bytes = envelopeBytes;
    let total = 0;
    const take = <T extends MetricPoint | KeyValue>(items: readonly T[], kind: keyof typeof cursor, max: number): T[] => {
      const taken: T[] = [];
      while (cursor[kind] < items.length && taken.length < max && total < limits.total) {
        const item = items[cursor[kind]]!;
        const size = serializedSize(item);
        // An entity alone in a request always goes, even if it is large: splitting cannot make it smaller.
        if (bytes + size > limits.bytes && total > 0) break;
        taken.push(item);
        bytes += size;
        total += 1;
        cursor[kind] += 1;
      }
      return taken;
    };
    const params = take(batch.params, 'params', limits.params);
    const tags = take(batch.tags, 'tags', limits.tags);
    const metrics = take(batch.metrics, 'metrics', limits.metrics);
    chunks.push({ metrics, params, tags });
  }
  return chunks;
}
