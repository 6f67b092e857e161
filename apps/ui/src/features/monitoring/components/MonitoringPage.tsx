import { useServices } from '../../../shared/api/api-context.tsx';
import { ErrorBanner } from '../../../shared/components/ErrorBanner.tsx';
import type { MonitoringPoint } from '../metric-window.ts';
import { useMonitoringPoints } from '../use-monitoring-points.ts';
import { LineChart } from './LineChart.tsx';
import { ProbabilityHistogram } from './ProbabilityHistogram.tsx';

const palette = ['#0b5cad', '#b3261e', '#1b7f3b', '#7a4fb5', '#8a5a00'];
const ms = (seconds: number) => (seconds * 1000).toFixed(seconds < 0.01 ? 2 : 1);

function driftLevel(psi: number): string {
  return psi < 0.1 ? 'stable' : psi <= 0.25 ? 'moderate shift' : 'major shift';
}

function latestDrift(points: readonly MonitoringPoint[]) {
  return [...points].reverse().find((point) => point.drift.length > 0)?.drift ?? [];
}

function latestDistribution(points: readonly MonitoringPoint[]) {
  return [...points].reverse().find((point) => point.probabilityDistribution.length > 0)?.probabilityDistribution ?? [];
}

/**
 * Live charts of the serving API: traffic, latency, errors, predictions by version, the
 * distribution of predicted probabilities (with the champion's `threshold`), drift.
 */
export function MonitoringPage({ threshold }: { threshold?: number }) {
  const { api, config } = useServices();
  const { points, error } = useMonitoringPoints(api, config.prometheusUrl, config.refreshSeconds);
  const versions = [...new Set(points.flatMap((point) => Object.keys(point.predictionsByVersion)))].sort();
  const drift = latestDrift(points);
  return (
    <section aria-labelledby="monitoring-heading">
      <h2 id="monitoring-heading">Monitoring</h2>
      <p className="muted">
        From {config.prometheusUrl ? `Prometheus at ${config.prometheusUrl}` : "the API's /metrics"}, every {config.refreshSeconds} s. {points.length === 0 && 'Waiting for two samples…'}
      </p>
      {error && <ErrorBanner title="Metrics could not be read" message={error} />}
      <div className="chart-grid">
        <LineChart title="Request rate" unit="req/s" format={(v) => v.toFixed(2)} series={[{ name: 'requests', color: palette[0]!, values: points.map((p) => p.requestRate) }]} />
        <LineChart
          title="Prediction latency"
          unit="ms"
          format={ms}
          series={[
            { name: 'P50', color: palette[0]!, values: points.map((p) => p.latency?.p50) },
            { name: 'P95', color: palette[4]!, values: points.map((p) => p.latency?.p95) },
            { name: 'P99', color: palette[1]!, values: points.map((p) => p.latency?.p99) },
          ]}
        />
        <LineChart title="Error ratio (5xx)" unit="%" format={(v) => (v * 100).toFixed(1)} series={[{ name: 'errors', color: palette[1]!, values: points.map((p) => p.errorRatio) }]} />
        <LineChart
          title="Predictions by version"
          unit="per s"
          format={(v) => v.toFixed(2)}
          series={versions.map((version, index) => ({ name: `version ${version}`, color: palette[index % palette.length]!, values: points.map((p) => p.predictionsByVersion[version] ?? 0) }))}
        />
        <ProbabilityHistogram bins={latestDistribution(points)} threshold={threshold} />
      </div>
      <section aria-labelledby="drift-heading" className="card">
        <h3 id="drift-heading">Drift per feature</h3>
        {drift.length === 0 ? (
          <p className="muted">Not enough recent inputs to compare yet.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Population stability index per feature</caption>
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col">PSI</th>
                  <th scope="col">Reading</th>
                </tr>
              </thead>
              <tbody>
                {drift.map((row) => (
                  <tr key={row.feature}>
                    <th scope="row">{row.feature}</th>
                    <td>{row.psi.toFixed(3)}</td>
                    <td>{driftLevel(row.psi)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">
          {config.prometheusUrl
            ? 'PSI against the training reference, as the API exports it.'
            : 'PSI of the latest window of inputs against all inputs since the API started (the training reference is used when Prometheus is configured).'}
        </p>
      </section>
    </section>
  );
}
