/**
 * The same quantities as metric-window.ts, asked of Prometheus' HTTP API (`/api/v1/query`) when
 * the runtime config names one (Prometheus must allow the UI's origin: `--web.cors.origin`).
 */
import type { MonitoringPoint } from '../metric-window.ts';

const route = 'route!~"/metrics|/healthz|/readyz|/v2/health/.*|/openapi.json"';
const predictRoute = 'route=~"/predict.*|.*/infer"';

/** The PromQL behind each figure. */
export const monitoringQueries = {
  requestRate: `sum(rate(http_requests_total{${route}}[1m]))`,
  errorRatio: `sum(rate(http_requests_total{${route},status=~"5.."}[1m])) / sum(rate(http_requests_total{${route}}[1m]))`,
  p50: `histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{${predictRoute}}[1m])))`,
  p95: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${predictRoute}}[1m])))`,
  p99: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${predictRoute}}[1m])))`,
  byVersion: 'sum by (version) (rate(predict_requests_total[1m]))',
  probability: 'sum by (le) (increase(predict_probability_ratio_bucket[5m]))',
} as const;

interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(prometheusUrl: string, promql: string, signal?: AbortSignal): Promise<VectorResult[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`Prometheus at ${prometheusUrl} answered ${response.status} to ${promql}`);
  const body = (await response.json()) as { status: string; data?: { result?: VectorResult[] } };
  return body.data?.result ?? [];
}

function scalar(results: VectorResult[]): number | undefined {
  const value = results[0] ? Number(results[0].value[1]) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

/** Cumulative `le` buckets (finite bounds only) as the share of predictions in each bin. */
function probabilityBins(results: VectorResult[]): { upper: number; share: number }[] {
  const buckets = results
    .map((r) => ({ le: Number(r.metric['le']), count: Number(r.value[1]) }))
    .filter((bucket) => Number.isFinite(bucket.le) && Number.isFinite(bucket.count))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total <= 0) return [];
  return buckets.map((bucket, index) => ({ upper: bucket.le, share: (bucket.count - (index === 0 ? 0 : buckets[index - 1]!.count)) / total }));
}

/** One point from Prometheus. */
export async function queryPrometheusPoint(prometheusUrl: string, signal?: AbortSignal): Promise<MonitoringPoint> {
  const [rate, errors, p50, p95, p99, byVersion, probability] = await Promise.all(
    [
      monitoringQueries.requestRate,
      monitoringQueries.errorRatio,
      monitoringQueries.p50,
      monitoringQueries.p95,
      monitoringQueries.p99,
      monitoringQueries.byVersion,
      monitoringQueries.probability,
    ].map(
      (promql) => query(prometheusUrl, promql, signal),
    ),
  );
  const median = scalar(p50!);
  return {
    time: Date.now(),
    requestRate: scalar(rate!) ?? 0,
    errorRatio: scalar(errors!),
    latency: median === undefined ? undefined : { p50: median, p95: scalar(p95!) ?? median, p99: scalar(p99!) ?? median },
    predictionsByVersion: Object.fromEntries(byVersion!.map((r) => [r.metric['version'] ?? '?', Number(r.value[1])])),
    probabilityDistribution: probabilityBins(probability!),
  };
}
