import { describe, expect, it } from 'vitest';
import { metricForSeries, metricTable, metricsExportedBy } from '@millwright/observability';

describe('the metric table', () => {
  it('names every metric once', () => {
    const names = metricTable.map((metric) => metric.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(metricTable.map((metric) => [metric.name, metric] as const))('gives %s a valid Prometheus name and label names', (name, metric) => {
    expect(name).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
    for (const label of metric.labels) expect(label).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
  });

  it('follows the Prometheus naming conventions: counters end in _total, histograms in their base unit (ratios in _ratio)', () => {
    for (const metric of metricTable) {
      if (metric.type === 'counter') expect(metric.name, metric.name).toMatch(/_total$/);
      if (metric.type === 'histogram') expect(metric.name, metric.name).toMatch(/_(seconds|value|ratio)$/);
    }
  });

  it('says for every metric who exports it, or who will', () => {
    for (const metric of metricTable) {
      expect(metric.exportedBy.length > 0 || Boolean(metric.plannedBy), metric.name).toBe(true);
    }
  });

  it('finds a histogram from its _bucket, _sum and _count series', () => {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      expect(metricForSeries(`predict_latency_seconds${suffix}`)?.name).toBe('predict_latency_seconds');
    }
  });

  it('does not take a counter for the _count series of a histogram', () => {
    expect(metricForSeries('predict_requests_total')?.name).toBe('predict_requests_total');
    expect(metricForSeries('predict_requests_total_count')).toBeUndefined();
    expect(metricForSeries('model_info_bucket')).toBeUndefined();
  });

  it('lists what a component exports', () => {
    expect(metricsExportedBy('inference-api')).toEqual(
      expect.arrayContaining(['http_request_duration_seconds', 'predict_latency_seconds', 'model_info', 'inference_log_dropped_total', 'model_feature_drift_psi']),
    );
    expect(metricsExportedBy('sensor-sim')).toEqual(['http_request_duration_seconds', 'http_requests_total', 'sensor_messages_published_total']);
  });
});
