import type { ModelContract } from '@millwright/contract';
import { useServices } from '../../../shared/api/api-context.tsx';
import { ErrorBanner } from '../../../shared/components/ErrorBanner.tsx';
import type { MonitoringPoint } from '../metric-window.ts';
import { useMonitoringPoints } from '../use-monitoring-points.ts';
import { DriftTable } from './DriftTable.tsx';
import { LineChart } from './LineChart.tsx';
import { ProbabilityHistogram } from './ProbabilityHistogram.tsx';

const palette = ['#0b5cad', '#b3261e', '#1b7f3b', '#7a4fb5', '#8a5a00'];
const ms = (seconds: number) => (seconds * 1000).toFixed(seconds < 0.01 ? 2 : 1);

function latestDistribution(points: readonly MonitoringPoint[]) {
  return [...points].reverse().find((point) => point.probabilityDistribution.length > 0)?.probabilityDistribution ?? [];
}

/**
 * Live charts of the serving API: traffic, latency, errors, predictions by version, the
 * distribution of predicted probabilities (with the champion's threshold), and drift against the
 * champion's training data (`contract`: the served champion's, for the threshold and the labels).
 */
export function MonitoringPage({ contract }: { contract?: ModelContract }) {
  const { api, config } = useServices();
  const { points, error } = useMonitoringPoints(api, config.prometheusUrl, config.refreshSeconds);
  const versions = [...new Set(points.flatMap((point) => Object.keys(point.predictionsByVersion)))].sort();
  const spanSeconds = points.length < 2 ? config.refreshSeconds : (points.at(-1)!.time - points[0]!.time) / 1000;
  return (
    <section aria-labelledby="monitoring-heading">
      <h2 id="monitoring-heading">Monitoring</h2>
      <p className="muted">
        From {config.prometheusUrl ? `Prometheus at ${config.prometheusUrl}` : "the API's /metrics"}, every {config.refreshSeconds} s. {points.length === 0 && 'Waiting for two samples…'}
      </p>
      {error && <ErrorBanner title="Metrics could not be read" message={error} />}
      <div className="chart-grid">
        <LineChart spanSeconds={spanSeconds} title="Request rate" unit="req/s" format={(v) => v.toFixed(2)} series={[{ name: 'requests', color: palette[0]!, values: points.map((p) => p.requestRate) }]} />
        <LineChart
          spanSeconds={spanSeconds}
          title="Prediction latency"
          unit="ms"
          format={ms}
          series={[
            { name: 'P50', color: palette[0]!, values: points.map((p) => p.latency?.p50) },
            { name: 'P95', color: palette[4]!, values: points.map((p) => p.latency?.p95) },
            { name: 'P99', color: palette[1]!, values: points.map((p) => p.latency?.p99) },
          ]}
        />
        <LineChart spanSeconds={spanSeconds} title="Error ratio (5xx)" unit="%" format={(v) => (v * 100).toFixed(1)} series={[{ name: 'errors', color: palette[1]!, values: points.map((p) => p.errorRatio) }]} />
        <LineChart
          spanSeconds={spanSeconds}
          title="Predictions by version"
          unit="per s"
          format={(v) => v.toFixed(2)}
          series={versions.map((version, index) => ({ name: `version ${version}`, color: palette[index % palette.length]!, values: points.map((p) => p.predictionsByVersion[version] ?? 0) }))}
        />
        <ProbabilityHistogram bins={latestDistribution(points)} threshold={contract?.outputs.threshold} />
      </div>
      <DriftTable contract={contract} />
    </section>
  );
}
