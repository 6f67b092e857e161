/**
 * The inference API's Prometheus metrics. Names, help and labels come from the platform's one
 * metric table (@millwright/observability), so the rules and dashboards that read them cannot
 * drift from what is exported. Each app instance has its own registry (tests run several).
 */
import { metricOptions } from '@millwright/observability';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; HTTP and inference on this path take tens of microseconds to a few milliseconds. */
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The metrics one app instance exports. */
export interface ServingMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly predictRequests: Counter<'model' | 'version'>;
  readonly predictLatency: Histogram<'model' | 'version'>;
  readonly predictProbability: Histogram<'model' | 'version'>;
  readonly modelInfo: Gauge<'model' | 'version' | 'alias'>;
  readonly modelReady: Gauge<'model'>;
  readonly inferenceLogDropped: Counter<'reason'>;
  readonly featureValue: Histogram<'model' | 'feature'>;
  readonly featureDriftPsi: Gauge<'model' | 'feature'>;
}

/** One feature's drift, as the gauge publishes it. */
export interface PublishedDrift {
  readonly model: string;
  readonly feature: string;
  readonly psi: number;
}

/** Options of {@link createServingMetrics}. */
export interface ServingMetricsOptions {
  /**
   * The drift to publish, asked at each scrape; an empty list publishes nothing (too few inputs,
   * no reference). @default nothing
   */
  readonly featureDrift?: () => readonly PublishedDrift[];
}

/** Creates the metrics in a fresh registry, with Node's default process metrics. */
export function createServingMetrics(options: ServingMetricsOptions = {}): ServingMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({ ...metricOptions('http_request_duration_seconds'), buckets: latencyBuckets, registers }) as Histogram<'route' | 'method' | 'status'>,
    httpRequests: new Counter({ ...metricOptions('http_requests_total'), registers }) as Counter<'route' | 'method' | 'status'>,
    predictRequests: new Counter({ ...metricOptions('predict_requests_total'), registers }) as Counter<'model' | 'version'>,
    predictLatency: new Histogram({ ...metricOptions('predict_latency_seconds'), buckets: latencyBuckets, registers }) as Histogram<'model' | 'version'>,
    // Twenty equal bins of the probability: the shape of what the model answers, per version.
    predictProbability: new Histogram({ ...metricOptions('predict_probability_ratio'), buckets: Array.from({ length: 20 }, (_, index) => (index + 1) / 20), registers }) as Histogram<'model' | 'version'>,
    modelInfo: new Gauge({ ...metricOptions('model_info'), registers }) as Gauge<'model' | 'version' | 'alias'>,
    modelReady: new Gauge({ ...metricOptions('model_ready'), registers }) as Gauge<'model'>,
    inferenceLogDropped: new Counter({ ...metricOptions('inference_log_dropped_total'), registers }) as Counter<'reason'>,
    // Bucket edges are fitted to no one feature: drift dashboards compare shapes over time.
    featureValue: new Histogram({
      ...metricOptions('predict_feature_value'),
      buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200, 300, 305, 310, 315, 320, 500, 1000, 1500, 2000, 2500, 3000, 5000, 10_000, 20_000],
      registers,
    }) as Histogram<'model' | 'feature'>,
    // Set at scrape time from the same computation as GET /drift, so the two never disagree.
    featureDriftPsi: new Gauge({
      ...metricOptions('model_feature_drift_psi'),
      registers,
      collect() {
        this.reset();
        for (const { model, feature, psi } of options.featureDrift?.() ?? []) this.set({ model, feature }, psi);
      },
    }) as Gauge<'model' | 'feature'>,
  };
}
