import type { MetricPoint } from './log-batch.ts';

/**
 * Whether `a` supersedes `b` as a metric's latest observation: the higher step, then the later
 * timestamp, then the larger value. That is what MLflow's stores keep as the latest metric
 * (`_compare_metrics` in `mlflow/store/tracking/sqlalchemy_store.py`), not what the REST API's
 * "Get Run" text says ("the value with the latest timestamp").
 */
function supersedes(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

/** The observation `runs/get` reports for each metric key (see {@link supersedes}). Keys keep their first-logged order. */
export function latestMetricPoints(history: readonly MetricPoint[]): MetricPoint[] {
  const latest = new Map<string, MetricPoint>();
  for (const point of history) {
    const current = latest.get(point.key);
    if (current === undefined || supersedes(point, current)) latest.set(point.key, point);
  }
  return [...latest.values()];
}

/** {@link latestMetricPoints} as a key → value record. */
export function latestMetrics(history: readonly MetricPoint[]): Record<string, number> {
  return Object.fromEntries(latestMetricPoints(history).map((point) => [point.key, point.value]));
}
