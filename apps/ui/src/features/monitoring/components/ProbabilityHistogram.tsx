/** One bin of the distribution: its upper bound and the share of predictions in it. */
export interface ProbabilityBin {
  readonly upper: number;
  readonly share: number;
}

const width = 320;
const height = 120;
const pad = { left: 8, right: 8, top: 16, bottom: 20 };

/**
 * The distribution of predicted failure probabilities in the latest window, as SVG bars, with the
 * decision threshold marked when known; the axes say what they measure. The text alternative
 * names the share at or above the threshold.
 */
export function ProbabilityHistogram({ bins, threshold }: { bins: readonly ProbabilityBin[]; threshold: number | undefined }) {
  const max = Math.max(...bins.map((bin) => bin.share), Number.EPSILON);
  const barWidth = (width - pad.left - pad.right) / Math.max(bins.length, 1);
  const x = (probability: number) => pad.left + probability * (width - pad.left - pad.right);
  const above = threshold === undefined ? undefined : bins.filter((bin) => bin.upper > threshold).reduce((sum, bin) => sum + bin.share, 0);
  const summary =
    bins.length === 0
      ? 'no predictions in the latest window'
      : `${bins.length} bins; ${above === undefined ? '' : `${(above * 100).toFixed(1)} % at or above the threshold ${threshold!.toFixed(2)}`}`;
  return (
    <figure className="chart card">
      <figcaption>
        <strong>Predicted failure probability</strong>
        <span className="muted"> — latest window: {summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Distribution of predicted failure probabilities: ${summary}`} preserveAspectRatio="none">
        {bins.map((bin, index) => {
          const barHeight = (bin.share / max) * (height - pad.top - pad.bottom);
          return <rect key={bin.upper} x={pad.left + index * barWidth + 1} y={height - pad.bottom - barHeight} width={Math.max(barWidth - 2, 1)} height={barHeight} className="bar" />;
        })}
        {threshold !== undefined && <line x1={x(threshold)} x2={x(threshold)} y1={pad.top} y2={height - pad.bottom} className="threshold" />}
        <text x={pad.left} y={height - 4} className="tick">
          0
        </text>
        <text x={width / 2} y={height - 4} textAnchor="middle" className="tick">
          predicted probability of failure
        </text>
        <text x={width - pad.right} y={height - 4} textAnchor="end" className="tick">
          1
        </text>
        <text x={pad.left} y={pad.top - 5} className="tick">
          share of predictions: tallest bar {(max * 100).toFixed(0)} %
        </text>
      </svg>
    </figure>
  );
}
