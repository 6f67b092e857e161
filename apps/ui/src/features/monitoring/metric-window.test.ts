import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-quantile.ts';
import { metricWindow } from './metric-window.ts';
import { parsePrometheusText } from './prometheus-text.ts';

const scrape = (requests: number, errors: number, fast: number, slow: number, byVersion: number, torqueLow: number, torqueHigh: number) =>
  parsePrometheusText(`# HELP http_requests_total HTTP requests
# TYPE http_requests_total counter
http_requests_total{route="/predict",method="POST",status="200"} ${requests}
http_requests_total{route="/predict",method="POST",status="503"} ${errors}
http_requests_total{route="/metrics",method="GET",status="200"} 999
http_request_duration_seconds_bucket{le="0.001",route="/predict",method="POST",status="200"} ${fast}
http_request_duration_seconds_bucket{le="0.01",route="/predict",method="POST",status="200"} ${fast + slow}
http_request_duration_seconds_bucket{le="+Inf",route="/predict",method="POST",status="200"} ${fast + slow}
predict_requests_total{model="pm",version="2"} ${byVersion}
predict_feature_value_bucket{le="50",model="pm",feature="torqueNm"} ${torqueLow}
predict_feature_value_bucket{le="100",model="pm",feature="torqueNm"} ${torqueLow + torqueHigh}
predict_feature_value_bucket{le="+Inf",model="pm",feature="torqueNm"} ${torqueLow + torqueHigh}
`);

describe('parsePrometheusText', () => {
  it('reads names, labels with escapes, and special values', () => {
    expect(parsePrometheusText('a{x="q\\"uote",y="n\\\\"} +Inf\n# comment\nb 2 1700000000\nbad line here\n')).toEqual([
      { name: 'a', labels: { x: 'q"uote', y: 'n\\' }, value: Infinity },
      { name: 'b', labels: {}, value: 2 },
    ]);
  });
});

describe('histogramQuantile', () => {
  it('interpolates inside the bucket the quantile falls in, as Prometheus does', () => {
    const buckets = [
      { le: 0.1, count: 50 },
      { le: 0.2, count: 100 },
      { le: Infinity, count: 100 },
    ];
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1, 10);
    expect(histogramQuantile(0.75, buckets)).toBeCloseTo(0.15, 10);
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 0 }])).toBeUndefined();
  });
});

describe('metricWindow', () => {
  it('computes rate, error ratio, latency quantiles and predictions per version between two scrapes', () => {
    const before = scrape(100, 0, 100, 0, 100, 100, 0);
    const after = scrape(190, 10, 150, 50, 190, 110, 90);
    const point = metricWindow(before, after, 10, 1_000);
    expect(point.requestRate).toBe(10);
    expect(point.errorRatio).toBe(0.1);
    expect(point.latency!.p50).toBeCloseTo(0.001, 10);
    expect(point.latency!.p99).toBeCloseTo(0.001 + 0.009 * (99 - 50) / 50, 10);
    expect(point.predictionsByVersion).toEqual({ 2: 9 });
  });

  it('gives the share of the window\'s predictions in each probability bin', () => {
    const probabilities = (low: number, high: number) =>
      parsePrometheusText(`predict_probability_ratio_bucket{le="0.5",model="pm",version="2"} ${low}
predict_probability_ratio_bucket{le="1",model="pm",version="2"} ${low + high}
predict_probability_ratio_bucket{le="+Inf",model="pm",version="2"} ${low + high}
predict_probability_ratio_bucket{le="0.5",model="pm",version="3"} ${low}
predict_probability_ratio_bucket{le="1",model="pm",version="3"} ${low}
predict_probability_ratio_bucket{le="+Inf",model="pm",version="3"} ${low}
`);
    // Window: version 2 adds 30 low and 10 high, version 3 adds 30 low → 60 of 70 below 0.5.
    const point = metricWindow(probabilities(10, 5), probabilities(40, 15), 10, 0);
    expect(point.probabilityDistribution.map((bin) => bin.upper)).toEqual([0.5, 1]);
    expect(point.probabilityDistribution[0]!.share).toBeCloseTo(60 / 70, 10);
    expect(point.probabilityDistribution[1]!.share).toBeCloseTo(10 / 70, 10);
    expect(metricWindow(probabilities(10, 5), probabilities(10, 5), 10, 0).probabilityDistribution).toEqual([]);
  });

  it('has no error ratio or latency without requests, and counts from zero after a restart', () => {
    const quiet = metricWindow(scrape(5, 0, 5, 0, 5, 5, 0), scrape(5, 0, 5, 0, 5, 5, 0), 5, 0);
    expect(quiet).toMatchObject({ requestRate: 0, errorRatio: undefined, latency: undefined });
    const restarted = metricWindow(scrape(500, 0, 500, 0, 500, 500, 0), scrape(20, 0, 20, 0, 20, 20, 0), 10, 0);
    expect(restarted.requestRate).toBe(2);
  });
});
