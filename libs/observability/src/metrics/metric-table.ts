/** Prometheus metric types, as the exposition format names them. */
export type MetricType = 'counter' | 'gauge' | 'histogram';

/** One metric some part of the platform exports, as the apps, rules and dashboards share it. */
export interface MetricDefinition {
  /** The metric name; a histogram's series add `_bucket`, `_sum` and `_count` to it. */
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  /** Label names the exporter sets (the scrape adds `job`, `instance`, `namespace`, `pod`). */
  readonly labels: readonly string[];
  /**
   * Catalogue components whose pods export the metric; Prometheus scrapes them through their
   * ServiceMonitors (or, for node and scrape metrics, the monitoring stack itself).
   */
  readonly exportedBy: readonly string[];
  /** When no component exports the metric yet: who will publish it, and how. */
  readonly plannedBy?: string;
}

/** The platform's own apps: every one serves `/metrics` on its HTTP port. */
const ownApps = ['inference-api', 'edge-gateway', 'sensor-sim', 'ui'] as const;

/** The components that run Prometheus (and its node-exporter) on a cluster. */
const monitoringStacks = ['kube-prometheus-stack', 'prometheus-agent'] as const;

/** Published by the delivery pipeline once per promotion; no exporter exists yet. */
const doraPublisher =
  'a later issue: the promote pipeline publishes one sample per promotion (commit time, deploy time, outcome) for Prometheus to scrape';

/**
 * Every metric name the platform's apps export and its rules and dashboards read: the one
 * table (issue 3 names the inference API's; node-exporter's come from the upstream exporter).
 * A test parses every rule and dashboard expression and fails on a name that is not here.
 */
export const metricTable: readonly MetricDefinition[] = [
  {
    name: 'http_request_duration_seconds',
    type: 'histogram',
    help: 'HTTP request duration by route, method and status code.',
    labels: ['route', 'method', 'status'],
    exportedBy: ownApps,
  },
  {
    name: 'http_requests_total',
    type: 'counter',
    help: 'HTTP requests by route, method and status code.',
    labels: ['route', 'method', 'status'],
    exportedBy: ownApps,
  },
  {
    name: 'predict_requests_total',
    type: 'counter',
    help: 'Predictions served, by the model and version that answered.',
    labels: ['model', 'version'],
    exportedBy: ['inference-api'],
  },
  {
    name: 'predict_latency_seconds',
    type: 'histogram',
    help: 'Model inference time per request (validation, features, ONNX Runtime), by model and version.',
    labels: ['model', 'version'],
    exportedBy: ['inference-api'],
  },
  {
    name: 'model_info',
    type: 'gauge',
    help: 'Always 1: the model version serving under each alias (champion, challenger).',
    labels: ['model', 'version', 'alias'],
    exportedBy: ['inference-api'],
  },
  {
    name: 'model_ready',
    type: 'gauge',
    help: '1 when the model is loaded, warmed up and serving; 0 while none is (readiness fails then).',
    labels: ['model'],
    exportedBy: ['inference-api'],
  },
  {
    name: 'inference_log_dropped_total',
    type: 'counter',
    help: 'Inference-log rows dropped because the bounded queue was full or the database unreachable.',
    labels: ['reason'],
    exportedBy: ['inference-api'],
  },
  {
    name: 'predict_feature_value',
    type: 'histogram',
    help: 'Values of each input feature the model received, for drift dashboards.',
    labels: ['model', 'feature'],
    exportedBy: ['inference-api'],
  },
  {
    name: 'model_feature_drift_psi',
    type: 'gauge',
    help: "Population stability index of each feature's live inputs against the training reference.",
    labels: ['model', 'feature'],
    exportedBy: ['inference-api'],
  },
  {
    name: 'up',
    type: 'gauge',
    help: 'Written by Prometheus for every scrape target: 1 when the last scrape succeeded.',
    labels: ['job', 'instance'],
    exportedBy: monitoringStacks,
  },
  {
    name: 'node_hwmon_temp_celsius',
    type: 'gauge',
    help: 'Hardware monitor temperature (node-exporter hwmon collector; the SoC sensor on a Raspberry Pi).',
    labels: ['chip', 'sensor'],
    exportedBy: monitoringStacks,
  },
  {
    name: 'node_cpu_seconds_total',
    type: 'counter',
    help: 'Seconds each CPU spent in each mode (node-exporter).',
    labels: ['cpu', 'mode'],
    exportedBy: monitoringStacks,
  },
  {
    name: 'node_memory_MemAvailable_bytes',
    type: 'gauge',
    help: 'Memory available for new work without swapping (node-exporter meminfo).',
    labels: [],
    exportedBy: monitoringStacks,
  },
  {
    name: 'node_memory_MemTotal_bytes',
    type: 'gauge',
    help: 'Total usable memory (node-exporter meminfo).',
    labels: [],
    exportedBy: monitoringStacks,
  },
  {
    name: 'node_filesystem_avail_bytes',
    type: 'gauge',
    help: 'Filesystem space available to non-root users (node-exporter).',
    labels: ['device', 'fstype', 'mountpoint'],
    exportedBy: monitoringStacks,
  },
  {
    name: 'node_filesystem_size_bytes',
    type: 'gauge',
    help: 'Filesystem size (node-exporter).',
    labels: ['device', 'fstype', 'mountpoint'],
    exportedBy: monitoringStacks,
  },
  {
    name: 'dora_deployments_total',
    type: 'counter',
    help: 'Promotions of a new image or config to a cluster (DORA deployment frequency).',
    labels: ['component', 'cluster'],
    exportedBy: [],
    plannedBy: doraPublisher,
  },
  {
    name: 'dora_deployment_failures_total',
    type: 'counter',
    help: 'Promotions that failed or were rolled back (DORA change failure rate).',
    labels: ['component', 'cluster'],
    exportedBy: [],
    plannedBy: doraPublisher,
  },
  {
    name: 'dora_lead_time_seconds',
    type: 'histogram',
    help: 'Time from a commit to main to its deployment on a cluster (DORA lead time for changes).',
    labels: ['component', 'cluster'],
    exportedBy: [],
    plannedBy: doraPublisher,
  },
  {
    name: 'dora_time_to_restore_seconds',
    type: 'histogram',
    help: 'Time from a failed deployment to the next good one (DORA time to restore service).',
    labels: ['component', 'cluster'],
    exportedBy: [],
    plannedBy: doraPublisher,
  },
];

/** The series names a histogram adds to its metric name. */
const histogramSuffixes = ['_bucket', '_sum', '_count'] as const;

/**
 * The table entry a series name belongs to: the metric itself, or the histogram whose
 * `_bucket`/`_sum`/`_count` series it is. Undefined when no metric of the table matches.
 */
export function metricForSeries(series: string): MetricDefinition | undefined {
  const exact = metricTable.find((metric) => metric.name === series);
  if (exact) return exact;
  for (const suffix of histogramSuffixes) {
    if (!series.endsWith(suffix)) continue;
    const base = metricTable.find((metric) => metric.name === series.slice(0, -suffix.length));
    if (base?.type === 'histogram') return base;
  }
  return undefined;
}

/** The metric names (not series) a component exports, per the table. */
export function metricsExportedBy(component: string): string[] {
  return metricTable.filter((metric) => metric.exportedBy.includes(component)).map((metric) => metric.name);
}
