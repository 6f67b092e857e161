/** A series promtool feeds the rules, in its expanding notation (`0+5x30`: 0, 5, ... 31 samples). */
export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** One promtool unit test of one alert: the series, when to look, and what must be firing then. */
export interface RuleTestCase {
  readonly alert: string;
  readonly outcome: 'fires' | 'stays quiet';
  /** What the case shows, as a sentence. */
  readonly why: string;
  readonly inputSeries: readonly InputSeries[];
  /** Evaluation time, after the alert's `for` has elapsed. */
  readonly evalTime: string;
  /** The alerts firing at `evalTime`: labels and rendered annotations (empty when quiet). */
  readonly expAlerts: readonly { readonly labels: Readonly<Record<string, string>>; readonly annotations: Readonly<Record<string, string>> }[];
}

const node = 'edge-1:9100';

/** Every alert fires on a breach and stays quiet on healthy input (promtool test rules). */
export const ruleTestCases: readonly RuleTestCase[] = [
  {
    alert: 'InferenceLatencyP95High',
    outcome: 'fires',
    why: 'every inference takes between 100 and 200 ms, so P95 is 195 ms',
    inputSeries: [
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="0.05"}', values: '0x30' },
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="0.1"}', values: '0x30' },
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="0.2"}', values: '0+100x30' },
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="+Inf"}', values: '0+100x30' },
    ],
    evalTime: '15m',
    expAlerts: [
      {
        labels: { severity: 'warning', model: 'ai4i' },
        annotations: {
          summary: 'P95 inference latency of model ai4i is above the objective',
          description:
            "P95 inference latency is 195ms (objective 100 ms) for 10 minutes. Check the edge node's CPU and temperature and the model's size.",
        },
      },
    ],
  },
  {
    alert: 'InferenceLatencyP95High',
    outcome: 'stays quiet',
    why: 'every inference takes under 50 ms',
    inputSeries: [
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="0.05"}', values: '0+100x30' },
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="0.1"}', values: '0+100x30' },
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="0.2"}', values: '0+100x30' },
      { series: 'predict_latency_seconds_bucket{model="ai4i",version="3",le="+Inf"}', values: '0+100x30' },
    ],
    evalTime: '15m',
    expAlerts: [],
  },
  {
    alert: 'InferenceErrorRatioHigh',
    outcome: 'fires',
    why: '5 of every 100 responses are 500s',
    inputSeries: [
      { series: 'http_requests_total{job="inference-api",route="/predict",method="POST",status="500"}', values: '0+5x30' },
      { series: 'http_requests_total{job="inference-api",route="/predict",method="POST",status="200"}', values: '0+95x30' },
    ],
    evalTime: '10m',
    expAlerts: [
      {
        labels: { severity: 'critical' },
        annotations: {
          summary: 'The inference API answers more than 1 % of requests with a server error',
          description: '5% of inference API responses are 5xx. Check the API logs in Grafana (Loki) and the model registry.',
        },
      },
    ],
  },
  {
    alert: 'InferenceErrorRatioHigh',
    outcome: 'stays quiet',
    why: 'only 4xx client errors, no server error',
    inputSeries: [
      { series: 'http_requests_total{job="inference-api",route="/predict",method="POST",status="422"}', values: '0+20x30' },
      { series: 'http_requests_total{job="inference-api",route="/predict",method="POST",status="200"}', values: '0+80x30' },
    ],
    evalTime: '10m',
    expAlerts: [],
  },
  {
    alert: 'InferenceApiDown',
    outcome: 'fires',
    why: 'the scrape of one API pod has failed for 10 minutes',
    inputSeries: [{ series: 'up{job="inference-api",instance="10.42.0.7:8080"}', values: '0x15' }],
    evalTime: '10m',
    expAlerts: [
      {
        labels: { severity: 'critical', job: 'inference-api', instance: '10.42.0.7:8080' },
        annotations: {
          summary: 'Prometheus cannot scrape inference API pod 10.42.0.7:8080',
          description: 'The inference API has not answered its metrics scrape for 5 minutes: the pod is down or unreachable.',
        },
      },
    ],
  },
  {
    alert: 'InferenceApiDown',
    outcome: 'stays quiet',
    why: 'every scrape succeeds',
    inputSeries: [{ series: 'up{job="inference-api",instance="10.42.0.7:8080"}', values: '1x15' }],
    evalTime: '10m',
    expAlerts: [],
  },
  {
    alert: 'ModelNotReady',
    outcome: 'fires',
    why: 'the API has had no loaded model for 10 minutes',
    inputSeries: [{ series: 'model_ready{job="inference-api",instance="10.42.0.7:8080",model="ai4i"}', values: '0x15' }],
    evalTime: '10m',
    expAlerts: [
      {
        labels: { severity: 'critical', model: 'ai4i' },
        annotations: {
          summary: 'No version of model ai4i is ready to serve',
          description:
            'The inference API has had no loaded model for 5 minutes (registry unreachable with an empty cache, or the new version fails to load). Predictions are refused.',
        },
      },
    ],
  },
  {
    alert: 'ModelNotReady',
    outcome: 'stays quiet',
    why: 'one of two replicas is still loading but the other serves',
    inputSeries: [
      { series: 'model_ready{job="inference-api",instance="10.42.0.7:8080",model="ai4i"}', values: '0x15' },
      { series: 'model_ready{job="inference-api",instance="10.42.0.8:8080",model="ai4i"}', values: '1x15' },
    ],
    evalTime: '10m',
    expAlerts: [],
  },
  {
    alert: 'InferenceLogDropping',
    outcome: 'fires',
    why: 'one row a second has been dropped for 15 minutes',
    inputSeries: [{ series: 'inference_log_dropped_total{job="inference-api",reason="queue_full"}', values: '0+60x30' }],
    evalTime: '15m',
    expAlerts: [
      {
        labels: { severity: 'warning' },
        annotations: {
          summary: 'The inference API is dropping inference-log rows',
          description:
            'Rows are dropped at 1/s for 10 minutes: PostgreSQL is slow or unreachable. Predictions still succeed; drift and audit data are lost.',
        },
      },
    ],
  },
  {
    alert: 'InferenceLogDropping',
    outcome: 'stays quiet',
    why: 'the drop counter never moves',
    inputSeries: [{ series: 'inference_log_dropped_total{job="inference-api",reason="queue_full"}', values: '0x30' }],
    evalTime: '15m',
    expAlerts: [],
  },
  {
    alert: 'FeatureDriftHigh',
    outcome: 'fires',
    why: "torque's PSI has stayed at 0.4 for 40 minutes",
    inputSeries: [{ series: 'model_feature_drift_psi{job="inference-api",model="ai4i",feature="torque"}', values: '0.4x60' }],
    evalTime: '40m',
    expAlerts: [
      {
        labels: { severity: 'warning', model: 'ai4i', feature: 'torque' },
        annotations: {
          summary: 'Feature torque of model ai4i has drifted',
          description:
            'The population stability index is 0.40 (threshold 0.25) for 30 minutes: live inputs no longer look like the training data. Consider retraining.',
        },
      },
    ],
  },
  {
    alert: 'FeatureDriftHigh',
    outcome: 'stays quiet',
    why: "torque's PSI of 0.1 is a minor shift",
    inputSeries: [{ series: 'model_feature_drift_psi{job="inference-api",model="ai4i",feature="torque"}', values: '0.1x60' }],
    evalTime: '40m',
    expAlerts: [],
  },
  {
    alert: 'EdgeNodeTemperatureHigh',
    outcome: 'fires',
    why: 'the SoC sensor has read 82 °C for 15 minutes',
    inputSeries: [{ series: `node_hwmon_temp_celsius{instance="${node}",chip="cpu_thermal",sensor="temp1"}`, values: '82x20' }],
    evalTime: '15m',
    expAlerts: [
      {
        labels: { severity: 'warning', instance: node },
        annotations: {
          summary: `Node ${node} runs hot`,
          description:
            'The hottest sensor reads 82 °C for 10 minutes (limit 75 °C; a Raspberry Pi 4 throttles at 80 °C). Check cooling and enclosure airflow.',
        },
      },
    ],
  },
  {
    alert: 'EdgeNodeTemperatureHigh',
    outcome: 'stays quiet',
    why: 'the SoC sensor reads 55 °C',
    inputSeries: [{ series: `node_hwmon_temp_celsius{instance="${node}",chip="cpu_thermal",sensor="temp1"}`, values: '55x20' }],
    evalTime: '15m',
    expAlerts: [],
  },
  {
    alert: 'EdgeNodeCpuSaturated',
    outcome: 'fires',
    why: 'the CPU has been idle 3 s of every 60 s (95 % busy) for 20 minutes',
    inputSeries: [{ series: `node_cpu_seconds_total{instance="${node}",cpu="0",mode="idle"}`, values: '0+3x30' }],
    evalTime: '20m',
    expAlerts: [
      {
        labels: { severity: 'warning', instance: node },
        annotations: {
          summary: `Node ${node} has no CPU to spare`,
          description: 'Its CPUs are 95% busy for 15 minutes; inference latency will follow.',
        },
      },
    ],
  },
  {
    alert: 'EdgeNodeCpuSaturated',
    outcome: 'stays quiet',
    why: 'the CPU is idle 54 s of every 60 s',
    inputSeries: [{ series: `node_cpu_seconds_total{instance="${node}",cpu="0",mode="idle"}`, values: '0+54x30' }],
    evalTime: '20m',
    expAlerts: [],
  },
  {
    alert: 'EdgeNodeMemoryLow',
    outcome: 'fires',
    why: '50 MB of 1 GB is available',
    inputSeries: [
      { series: `node_memory_MemAvailable_bytes{instance="${node}"}`, values: '50000000x20' },
      { series: `node_memory_MemTotal_bytes{instance="${node}"}`, values: '1000000000x20' },
    ],
    evalTime: '15m',
    expAlerts: [
      {
        labels: { severity: 'warning', instance: node },
        annotations: {
          summary: `Node ${node} is running out of memory`,
          description: 'Only 5% of its memory is available for 10 minutes; the kernel will start killing pods.',
        },
      },
    ],
  },
  {
    alert: 'EdgeNodeMemoryLow',
    outcome: 'stays quiet',
    why: 'half of the memory is available',
    inputSeries: [
      { series: `node_memory_MemAvailable_bytes{instance="${node}"}`, values: '500000000x20' },
      { series: `node_memory_MemTotal_bytes{instance="${node}"}`, values: '1000000000x20' },
    ],
    evalTime: '15m',
    expAlerts: [],
  },
];

/** The cases in promtool's test-file shape: one test group per case, named for it. */
export function promtoolTests(cases: readonly RuleTestCase[] = ruleTestCases): unknown[] {
  return cases.map((testCase) => ({
    name: `${testCase.alert} ${testCase.outcome} when ${testCase.why}`,
    interval: '1m',
    input_series: testCase.inputSeries.map((series) => ({ ...series })),
    alert_rule_test: [
      {
        eval_time: testCase.evalTime,
        alertname: testCase.alert,
        exp_alerts: testCase.expAlerts.map((alert) => ({ exp_labels: { ...alert.labels }, exp_annotations: { ...alert.annotations } })),
      },
    ],
  }));
}
