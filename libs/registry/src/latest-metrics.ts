import type { MetricPoint } from './log-batch.ts';

/**
 * The observation `runs/get` reports for each metric key: "In the case where multiple metrics with the
 * same key are logged for a run, return only the value with the latest timestamp. If there are multiple
 * values with the latest timestamp, return the maximum of these values"
 * (https://mlflow.org/docs/latest/rest-api.html#get-run). Keys keep their first-logged order.
 */
export function latestMetricPoints(history: readonly MetricPoint[]): MetricPoint[] {
  const latest = new Map<string, MetricPoint>();
  for (const point of history) {
    const current = latest.get(point.key);
    const isNewer =
      current === undefined || point.timestamp > current.timestamp || (point.timestamp === current.timestamp && point.value > current.value);
    if (isNewer) latest.set(point.key, point);
  }
  return [...latest.values()];
}

/** {@link latestMetricPoints} as a key → value record. */
export function latestMetrics(history: readonly MetricPoint[]): Record<string, number> {
  return Object.fromEntries(latestMetricPoints(history).map((point) => [point.key, point.value]));
}
