import type { RuleGroup } from './rule-types.ts';

/**
 * The model-serving service-level objectives the alerts guard. Chosen for an edge node (a
 * Raspberry Pi 4 class machine) serving a tree ensemble: the API's own budget is a few
 * milliseconds (issue 3), so 100 ms at P95 means something is wrong, not merely slow.
 */
export const servingObjectives = {
  /** P95 inference latency above this, for 10 minutes, alerts. */
  latencyP95Seconds: 0.1,
  /** Share of the API's HTTP responses that are 5xx above this, for 5 minutes, pages. */
  errorRatio: 0.01,
  /** Population stability index above this means a significant shift (the usual rule of thumb). */
  driftPsi: 0.25,
} as const;

/** The inference API's job label: the ServiceMonitor's Service name. */
const api = 'job="inference-api"';

/** Latency, errors, readiness and the inference log of the inference API. */
export const servingRules: RuleGroup = {
  name: 'millwright.serving',
  rules: [
    {
      alert: 'InferenceLatencyP95High',
      expr: `histogram_quantile(0.95, sum by (le, model) (rate(predict_latency_seconds_bucket[5m]))) > ${servingObjectives.latencyP95Seconds}`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'P95 inference latency of model {{ $labels.model }} is above the objective',
        description: `P95 inference latency is {{ $value | humanizeDuration }} (objective ${servingObjectives.latencyP95Seconds * 1000} ms) for 10 minutes. Check the edge node's CPU and temperature and the model's size.`,
      },
    },
    {
      alert: 'InferenceErrorRatioHigh',
      expr: `sum(rate(http_requests_total{${api},status=~"5.."}[5m])) / sum(rate(http_requests_total{${api}}[5m])) > ${servingObjectives.errorRatio}`,
      for: '5m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'The inference API answers more than 1 % of requests with a server error',
        description: '{{ $value | humanizePercentage }} of inference API responses are 5xx. Check the API logs in Grafana (Loki) and the model registry.',
      },
    },
    {
      alert: 'InferenceApiDown',
      expr: `up{${api}} == 0`,
      for: '5m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Prometheus cannot scrape inference API pod {{ $labels.instance }}',
        description: 'The inference API has not answered its metrics scrape for 5 minutes: the pod is down or unreachable.',
      },
    },
    {
      alert: 'ModelNotReady',
      expr: 'max by (model) (model_ready) == 0',
      for: '5m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'No version of model {{ $labels.model }} is ready to serve',
        description: 'The inference API has had no loaded model for 5 minutes (registry unreachable with an empty cache, or the new version fails to load). Predictions are refused.',
      },
    },
    {
      alert: 'InferenceLogDropping',
      expr: 'sum(rate(inference_log_dropped_total[5m])) > 0',
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'The inference API is dropping inference-log rows',
        description: 'Rows are dropped at {{ $value | humanize }}/s for 10 minutes: PostgreSQL is slow or unreachable. Predictions still succeed; drift and audit data are lost.',
      },
    },
  ],
};

/** Input drift of the served model against its training reference. */
export const driftRules: RuleGroup = {
  name: 'millwright.drift',
  rules: [
    {
      alert: 'FeatureDriftHigh',
      expr: `max by (model, feature) (model_feature_drift_psi) > ${servingObjectives.driftPsi}`,
      for: '30m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Feature {{ $labels.feature }} of model {{ $labels.model }} has drifted',
        description: `The population stability index is {{ $value | printf "%.2f" }} (threshold ${servingObjectives.driftPsi}) for 30 minutes: live inputs no longer look like the training data. Consider retraining.`,
      },
    },
  ],
};
