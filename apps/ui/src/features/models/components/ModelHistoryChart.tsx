import { formatUtcDate } from '../../../shared/format/format-date-time.ts';
import { historyMetrics, type HistoryPoint } from '../model-history.ts';

const width = 720;
const height = 240;
const pad = { left: 48, right: 64, top: 28, bottom: 44 };
const plotHeight = height - pad.top - pad.bottom;

/**
 * Every registered version's test metrics as lines over the versions in order (left axis, 0–1),
 * the rows each was trained on as bars (right axis), and the aliases marked over their version.
 * An SVG image with a text alternative; the versions table below holds the same numbers.
 */
export function ModelHistoryChart({ points }: { points: readonly HistoryPoint[] }) {
  if (points.length === 0) return null;
  const step = (width - pad.left - pad.right) / points.length;
  const x = (index: number) => pad.left + step * (index + 0.5);
  const y = (score: number) => pad.top + (1 - score) * plotHeight;
  const maxRows = Math.max(...points.map((point) => point.rows ?? 0), 1);
  const rowsHeight = (rows: number) => (rows / maxRows) * plotHeight;
  const aliased = points.flatMap((point) => point.aliases.map((alias) => `${alias}: version ${point.version}`));
  const summary = `Model history: F1, AUROC, precision and recall of versions ${points[0]!.version} to ${points.at(-1)!.version}, with the rows each was trained on${aliased.length > 0 ? `; ${aliased.join('; ')}` : ''}`;
  const line = (key: string) =>
    points
      .map((point, index) => {
        const value = point.metrics[key];
        if (value === undefined) return '';
        const move = index === 0 || points[index - 1]!.metrics[key] === undefined ? 'M' : 'L';
        return `${move}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
      })
      .join(' ');
  return (
    <figure className="chart card history-chart">
      <figcaption>
        <strong>Model history</strong>
        <span className="muted"> — test metrics of each registered version (left axis) and the rows of the data set it was trained and evaluated on (bars, right axis)</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {points.map((point, index) =>
          point.rows === undefined ? null : (
            <rect key={`rows-${point.version}`} className="rows-bar" x={x(index) - Math.min(step * 0.3, 24)} width={Math.min(step * 0.6, 48)} y={pad.top + plotHeight - rowsHeight(point.rows)} height={rowsHeight(point.rows)} />
          ),
        )}
        {[0, 0.5, 1].map((score) => (
          <g key={score}>
            <line className="grid" x1={pad.left} x2={width - pad.right} y1={y(score)} y2={y(score)} />
            <text className="tick" x={pad.left - 6} y={y(score) + 3} textAnchor="end">
              {score.toFixed(1)}
            </text>
          </g>
        ))}
        <text className="tick" x={pad.left - 6} y={pad.top - 12} textAnchor="end">
          score
        </text>
        <text className="tick" x={width - pad.right + 6} y={pad.top + 3}>
          {maxRows.toLocaleString('en-US')} rows
        </text>
        <text className="tick" x={width - pad.right + 6} y={pad.top + plotHeight + 3}>
          0 rows
        </text>
        {historyMetrics.map((metric) => (
          <path key={metric.key} d={line(metric.key)} fill="none" stroke={metric.color} strokeWidth={2} />
        ))}
        {historyMetrics.map((metric) =>
          points.map((point, index) => {
            const value = point.metrics[metric.key];
            return value === undefined ? null : <circle key={`${metric.key}-${point.version}`} cx={x(index)} cy={y(value)} r={3} fill={metric.color} />;
          }),
        )}
        {points.map((point, index) => (
          <g key={`axis-${point.version}`}>
            <text className="tick" x={x(index)} y={height - pad.bottom + 16} textAnchor="middle">
              version {point.version}
            </text>
            <text className="tick" x={x(index)} y={height - pad.bottom + 30} textAnchor="middle">
              {formatUtcDate(point.created)}
            </text>
            {point.aliases.map((alias, aliasIndex) => (
              <text key={alias} className={`alias-mark alias-${alias}`} x={x(index)} y={pad.top - 14 + aliasIndex * 11} textAnchor="middle">
                {alias}
              </text>
            ))}
          </g>
        ))}
      </svg>
      <ul className="legend" aria-label="Series">
        {historyMetrics.map((metric) => (
          <li key={metric.key}>
            <span className="swatch" style={{ background: metric.color }} aria-hidden="true" /> {metric.label}
          </li>
        ))}
        <li>
          <span className="swatch swatch-rows" aria-hidden="true" /> Rows (data set)
        </li>
      </ul>
    </figure>
  );
}
