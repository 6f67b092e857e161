/**
 * The gateway's Prometheus metrics. Names, help and labels come from the platform's one metric
 * table (@millwright/observability). Each gateway instance has its own registry (tests and the
 * benchmark run several in one process).
 */
import { metricOptions } from '@millwright/observability';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics of one gateway instance. */
export interface GatewayMetrics {
  readonly registry: Registry;
  readonly received: Counter;
  readonly inserted: Counter;
  readonly duplicates: Counter;
  readonly deadLetters: Counter<'reason'>;
  readonly commitSeconds: Histogram;
  readonly databaseErrors: Counter;
  readonly inFlight: Gauge;
  readonly featureStoreErrors: Counter;
  readonly scoringSkipped: Counter<'reason'>;
  readonly alerts: Counter;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    received: new Counter({ ...metricOptions('gateway_messages_received_total'), registers }),
    inserted: new Counter({ ...metricOptions('gateway_rows_inserted_total'), registers }),
    duplicates: new Counter({ ...metricOptions('gateway_duplicates_total'), registers }),
    deadLetters: new Counter({ ...metricOptions('gateway_dead_letters_total'), registers }) as Counter<'reason'>,
    commitSeconds: new Histogram({ ...metricOptions('gateway_batch_commit_seconds'), buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
    databaseErrors: new Counter({ ...metricOptions('gateway_database_errors_total'), registers }),
    inFlight: new Gauge({ ...metricOptions('gateway_in_flight_messages'), registers }),
    featureStoreErrors: new Counter({ ...metricOptions('gateway_feature_store_errors_total'), registers }),
    scoringSkipped: new Counter({ ...metricOptions('gateway_scoring_skipped_total'), registers }) as Counter<'reason'>,
    alerts: new Counter({ ...metricOptions('gateway_alerts_published_total'), registers }),
    httpRequests: new Counter({ ...metricOptions('http_requests_total'), registers }) as Counter<'route' | 'method' | 'status'>,
    httpDuration: new Histogram({ ...metricOptions('http_request_duration_seconds'), buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 2.5], registers }) as Histogram<'route' | 'method' | 'status'>,
  };
}
