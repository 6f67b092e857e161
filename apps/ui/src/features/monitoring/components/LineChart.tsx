/** One line of a chart. */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly (number | undefined)[];
  readonly color: string;
}

const width = 320;
const height = 120;
const pad = { left: 64, right: 10, top: 8, bottom: 20 };

/** How long ago the oldest point was, for the time axis: "45 s ago", "8 min ago". */
export function agoLabel(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s ago` : `${Math.round(seconds / 60)} min ago`;
}

/**
 * A small SVG line chart (no chart library: the initial JS stays small). The value axis is marked
 * with its unit, the time axis with how long ago its oldest point was and "now". The SVG is an
 * image with a text alternative naming the latest values; a gap in a series is a gap in its line.
 */
export function LineChart(props: { title: string; unit: string; series: readonly ChartSeries[]; format: (value: number) => string; spanSeconds: number }) {
  const { title, unit, series, format, spanSeconds } = props;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
  const max = Math.max(...all, Number.EPSILON) * 1.1;
  const count = Math.max(...series.map((s) => s.values.length), 2);
  const x = (index: number) => pad.left + (index / (count - 1)) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - value / max) * (height - pad.top - pad.bottom);
  const latest = series.map((s) => {
    const last = [...s.values].reverse().find((v) => v !== undefined);
    return `${s.name} ${last === undefined ? 'no data' : `${format(last)} ${unit}`}`;
  });
  const path = (values: readonly (number | undefined)[]) =>
    values.map((value, index) => (value === undefined ? '' : `${index === 0 || values[index - 1] === undefined ? 'M' : 'L'}${x(index).toFixed(1)},${y(value).toFixed(1)}`)).join(' ');
  return (
    <figure className="chart card">
      <figcaption>
        <strong>{title}</strong>
        <span className="muted"> — latest: {latest.join(', ')}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${latest.join(', ')}`} preserveAspectRatio="none">
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} className="axis" />
        <line x1={pad.left} x2={pad.left} y1={pad.top} y2={y(0)} className="axis" />
        <text x={pad.left - 4} y={pad.top + 8} textAnchor="end" className="tick">
          {format(max)} {unit}
        </text>
        <text x={pad.left - 4} y={y(0)} textAnchor="end" className="tick">
          0 {unit}
        </text>
        <text x={pad.left} y={height - 4} className="tick">
          {agoLabel(spanSeconds)}
        </text>
        <text x={width - pad.right} y={height - 4} textAnchor="end" className="tick">
          now
        </text>
        {series.map((s) => (
          <path key={s.name} d={path(s.values)} fill="none" stroke={s.color} strokeWidth={2} vectorEffect="non-scaling-stroke" />
        ))}
        {/* The newest value of each series as a dot, so a first sample shows before there is a line. */}
        {series.map((s) => {
          const index = s.values.findLastIndex((value) => value !== undefined);
          return index < 0 ? null : <circle key={`${s.name}-last`} cx={x(index)} cy={y(s.values[index]!)} r={3} fill={s.color} />;
        })}
      </svg>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.name}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
