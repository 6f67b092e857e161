import { describe, expect, it } from 'vitest';
import { seriesNamesIn } from '@millwright/observability';

describe('seriesNamesIn', () => {
  it('finds a bare selector and one with matchers', () => {
    expect(seriesNamesIn('up')).toEqual(['up']);
    expect(seriesNamesIn('up{job="inference-api"} == 0')).toEqual(['up']);
  });

  it('skips functions, aggregations, label lists and ranges', () => {
    expect(seriesNamesIn('histogram_quantile(0.95, sum by (le, model) (rate(predict_latency_seconds_bucket[5m]))) > 0.1')).toEqual([
      'predict_latency_seconds_bucket',
    ]);
    expect(seriesNamesIn('sum(rate(x_total[5m])) without (pod) / on (job) group_left (version) y_info')).toEqual(['x_total', 'y_info']);
  });

  it('finds both sides of a binary expression, once each', () => {
    expect(seriesNamesIn('node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1 or node_memory_MemAvailable_bytes')).toEqual([
      'node_memory_MemAvailable_bytes',
      'node_memory_MemTotal_bytes',
    ]);
  });

  it('does not mistake label names or values inside matchers for series', () => {
    expect(seriesNamesIn('http_requests_total{status=~"5..", route!="/metrics", job="up"}')).toEqual(['http_requests_total']);
  });

  it('reads a __name__ matcher', () => {
    expect(seriesNamesIn('{__name__="model_ready", model="ai4i"}')).toEqual(['model_ready']);
  });

  it('ignores numbers, durations, keywords and Grafana variables', () => {
    expect(seriesNamesIn('rate(a_total[$__rate_interval]) offset 1h > bool 1e3 and b{feature=~"$feature"} unless c{x="${cluster}"}')).toEqual([
      'a_total',
      'b',
      'c',
    ]);
  });
});
