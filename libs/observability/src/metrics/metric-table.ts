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
    name: 'predict_probability_ratio',
    type: 'histogram',
    help: 'Failure probability of each prediction, by the version that answered: the distribution the UI and dashboards show.',
    labels: ['model', 'version'],
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
    name: 'gateway_messages_received_total',
    type: 'counter',
    help: 'MQTT telemetry messages the edge gateway received, valid or not, redeliveries included.',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_rows_inserted_total',
    type: 'counter',
    help: 'Telemetry rows committed to raw_telemetry (redeliveries the primary key absorbed are not counted).',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_duplicates_total',
    type: 'counter',
    help: 'Valid messages whose message id was already stored: redeliveries after a reconnect, absorbed by the primary key.',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_dead_letters_total',
    type: 'counter',
    help: 'Messages the edge gateway could not ingest and republished to dead-letter/<topic>, by reason.',
    labels: ['reason'],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_batch_commit_seconds',
    type: 'histogram',
    help: 'Time to insert and commit one batch into raw_telemetry, retries included.',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_database_errors_total',
    type: 'counter',
    help: 'Failed batch inserts; the batch is retried with backoff and its messages stay unacknowledged.',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_in_flight_messages',
    type: 'gauge',
    help: 'Messages received and not yet committed or dead-lettered; reading pauses at the configured bound.',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_feature_store_errors_total',
    type: 'counter',
    help: 'Feature-store updates that failed (the store was unreachable); ingestion carries on.',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_scoring_skipped_total',
    type: 'counter',
    help: 'Readings the gateway did not score, by reason (queue_full, api_error).',
    labels: ['reason'],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'gateway_alerts_published_total',
    type: 'counter',
    help: 'Alerts published to factory/<site>/<line>/<machine>/alerts because the failure probability reached the threshold.',
    labels: [],
    exportedBy: ['edge-gateway'],
  },
  {
    name: 'sensor_messages_published_total',
    type: 'counter',
    help: 'Telemetry messages the sensor simulator published and the broker acknowledged (QoS 1).',
    labels: [],
    exportedBy: ['sensor-sim'],
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
