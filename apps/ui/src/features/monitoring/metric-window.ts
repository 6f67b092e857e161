/**
 * Turns two scrapes of the API's /metrics into one point of the monitoring charts: request rate,
 * latency quantiles, error ratio, predictions per version and the distribution of predicted
 * probabilities — the same quantities the Prometheus rules compute with rate() and
 * histogram_quantile(), over the window between the scrapes. Pure: the page scrapes, this
 * computes. Drift is not among them: it compares with the training data, which only the API
 * holds (GET /drift).
 */
import { histogramQuantile } from './histogram-quantile.ts';
import type { Sample } from './prometheus-text.ts';

/** One point of the charts. */
export interface MonitoringPoint {
  /** Unix time in milliseconds. */
  readonly time: number;
  /** Requests per second to the API's own routes (probes and /metrics excluded). */
  readonly requestRate: number;
  /** Share of those requests answered with a 5xx; undefined without requests. */
  readonly errorRatio: number | undefined;
  /** Prediction latency quantiles in seconds; undefined without predictions. */
  readonly latency: { readonly p50: number; readonly p95: number; readonly p99: number } | undefined;
  /** Predictions per second by the version that answered. */
  readonly predictionsByVersion: Readonly<Record<string, number>>;
  /** Share of the window's predictions in each probability bin (upper bound), all versions together. */
  readonly probabilityDistribution: readonly { readonly upper: number; readonly share: number }[];
}

const ignoredRoutes = /^(\/metrics|\/healthz|\/readyz|\/v2\/health\/.*|\/openapi\.json|unmatched)$/;
const predictionRoutes = /^\/predict|\/infer$/;

function key(sample: Sample, without: readonly string[] = []): string {
  return JSON.stringify(Object.entries(sample.labels).filter(([name]) => !without.includes(name)).sort());
}

/** Per-series increase between two scrapes; a counter that went down (restart) counts from zero. */
function increases(previous: readonly Sample[], current: readonly Sample[], name: string): { sample: Sample; increase: number }[] {
  const before = new Map(previous.filter((s) => s.name === name).map((s) => [key(s), s.value]));
  return current
    .filter((s) => s.name === name)
    .map((sample) => {
      const earlier = before.get(key(sample)) ?? 0;
      return { sample, increase: sample.value >= earlier ? sample.value - earlier : sample.value };
    });
}

/** Cumulative bucket counts by upper bound, summed over the series `pick` accepts. */
function bucketsOf(entries: readonly { sample: Sample; increase: number }[]): { le: number; count: number }[] {
  const byBound = new Map<number, number>();
  for (const { sample, increase } of entries) {
    const le = sample.labels['le'] === '+Inf' ? Infinity : Number(sample.labels['le']);
    byBound.set(le, (byBound.get(le) ?? 0) + increase);
  }
  return [...byBound].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

function shares(buckets: readonly { le: number; count: number }[]): number[] {
  const total = buckets.at(-1)?.count ?? 0;
  return buckets.map((bucket, index) => (total === 0 ? 0 : (bucket.count - (index === 0 ? 0 : buckets[index - 1]!.count)) / total));
}

/** The point between two scrapes `seconds` apart, stamped `time`. */
export function metricWindow(previous: readonly Sample[], current: readonly Sample[], seconds: number, time: number): MonitoringPoint {
  const requests = increases(previous, current, 'http_requests_total').filter(({ sample }) => !ignoredRoutes.test(sample.labels['route'] ?? ''));
  const total = requests.reduce((sum, entry) => sum + entry.increase, 0);
  const errors = requests.filter(({ sample }) => (sample.labels['status'] ?? '').startsWith('5')).reduce((sum, entry) => sum + entry.increase, 0);

  const latencyBuckets = bucketsOf(increases(previous, current, 'http_request_duration_seconds_bucket').filter(({ sample }) => predictionRoutes.test(sample.labels['route'] ?? '')));
  const p50 = histogramQuantile(0.5, latencyBuckets);

  const predictionsByVersion: Record<string, number> = {};
  for (const { sample, increase } of increases(previous, current, 'predict_requests_total')) {
    const version = sample.labels['version'] ?? '?';
    predictionsByVersion[version] = (predictionsByVersion[version] ?? 0) + increase / seconds;
  }

  const probabilityBuckets = bucketsOf(increases(previous, current, 'predict_probability_ratio_bucket')).filter((bucket) => Number.isFinite(bucket.le));
  const probabilityShares = shares(probabilityBuckets);
  const probabilityDistribution = probabilityBuckets.map((bucket, index) => ({ upper: bucket.le, share: probabilityShares[index]! }));

  return {
    time,
    requestRate: total / seconds,
    errorRatio: total === 0 ? undefined : errors / total,
    latency: p50 === undefined ? undefined : { p50, p95: histogramQuantile(0.95, latencyBuckets)!, p99: histogramQuantile(0.99, latencyBuckets)! },
    predictionsByVersion,
    probabilityDistribution: probabilityBuckets.at(-1)?.count ? probabilityDistribution : [],
  };
}
