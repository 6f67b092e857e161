import { servingObjectives } from '../rules/serving-rules.ts';
import { dashboard } from './dashboard.ts';

const api = 'job="inference-api"';
const latency = (quantile: number) => `histogram_quantile(${quantile}, sum by (le) (rate(predict_latency_seconds_bucket[5m])))`;

/** Model serving: latency percentiles, throughput, errors, the version in service. */
export const servingDashboard = dashboard({
  uid: 'millwright-serving',
  title: 'Millwright / Model serving',
  description: 'The inference API: inference latency P50/P95/P99, throughput, error ratio and the model versions in service.',
  panels: [
    {
      title: 'Inference latency P50 / P95 / P99',
      description: `Model inference time per request. Objective: P95 below ${servingObjectives.latencyP95Seconds * 1000} ms.`,
      type: 'timeseries',
      unit: 's',
      threshold: servingObjectives.latencyP95Seconds,
      queries: [
        { expr: latency(0.5), legend: 'P50' },
        { expr: latency(0.95), legend: 'P95' },
        { expr: latency(0.99), legend: 'P99' },
      ],
    },
    {
      title: 'Throughput',
      description: 'Predictions per second, by the model version that answered (champion and challenger apart).',
      type: 'timeseries',
      unit: 'reqps',
      queries: [{ expr: 'sum by (model, version) (rate(predict_requests_total[5m]))', legend: '{{model}} v{{version}}' }],
    },
    {
      title: 'Error ratio',
      description: `Share of the API's HTTP responses that are server errors (5xx). Alert above ${servingObjectives.errorRatio * 100} %.`,
      type: 'timeseries',
      unit: 'percentunit',
      threshold: servingObjectives.errorRatio,
      queries: [{ expr: `sum(rate(http_requests_total{${api},status=~"5.."}[5m])) / sum(rate(http_requests_total{${api}}[5m]))`, legend: '5xx ratio' }],
    },
    {
      title: 'HTTP latency P95 by route',
      description: 'Request duration as the HTTP server measures it, per route.',
      type: 'timeseries',
      unit: 's',
      queries: [{ expr: `histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{${api}}[5m])))`, legend: '{{route}}' }],
    },
    {
      title: 'Model version in service',
      description: 'The registered model version each alias (champion, challenger) resolves to right now.',
      type: 'table',
      queries: [{ expr: 'max by (model, alias, version) (model_info)', instant: true }],
    },
    {
      title: 'Model ready',
      description: '1 when a model is loaded and warmed up; 0 means the API refuses predictions.',
      type: 'stat',
      queries: [{ expr: 'min by (model) (model_ready)', legend: '{{model}}' }],
      width: 6,
    },
    {
      title: 'API pods up',
      description: 'Inference API pods answering their metrics scrape.',
      type: 'stat',
      queries: [{ expr: `sum(up{${api}})`, legend: 'pods up' }],
      width: 6,
    },
    {
      title: 'Inference-log drops',
      description: 'Rows per second the bounded inference-log queue dropped (PostgreSQL slow or unreachable).',
      type: 'timeseries',
      unit: 'ops',
      queries: [{ expr: 'sum by (reason) (rate(inference_log_dropped_total[5m]))', legend: '{{reason}}' }],
      width: 24,
    },
  ],
});
