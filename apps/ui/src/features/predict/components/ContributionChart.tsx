import type { ModelContract } from '@millwright/contract';
import { formatContribution, formatMargin, marginSpaceWords } from '../../../shared/format/margin-space.ts';
import type { Explanation } from '../api/explain-one.ts';
import { contributionWaterfall, type ContributionWaterfall } from '../contribution-waterfall.ts';

const width = 820;
const rowHeight = 24;
const labelWidth = 360;
const valueWidth = 120;
const plotLeft = labelWidth + 10;
const plotRight = width - valueWidth;
/** What fits left of the bars at 12 px; the table and the tooltip carry the whole label. */
const labelChars = 52;

/** `label`, cut at a word to fit the chart, with an ellipsis when cut. */
function fitted(label: string): string {
  if (label.length <= labelChars) return label;
  const cut = label.slice(0, labelChars - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), labelChars / 2))}…`;
}

/** The waterfall's SVG: a row for the base value, one bar per step, a row for this prediction's margin. */
function WaterfallSvg({ walk, explanation, summary }: { walk: ContributionWaterfall; explanation: Explanation; summary: string }) {
  const { marginSpace } = explanation;
  const rows = walk.steps.length + 2;
  const height = rows * rowHeight + 8;
  const span = walk.highest - walk.lowest || 1;
  const low = walk.lowest - span * 0.05;
  const high = walk.highest + span * 0.05;
  const x = (margin: number) => plotLeft + ((margin - low) / (high - low)) * (plotRight - plotLeft);
  const y = (row: number) => 4 + row * rowHeight;
  const marginText = marginSpace === 'log-odds' ? `${formatMargin(walk.margin, marginSpace)} (${formatMargin(explanation.probability, 'probability')})` : formatMargin(walk.margin, marginSpace);
  const ends = [
    { row: 0, label: 'Base value: the average over the training rows', at: walk.baseValue, text: formatMargin(walk.baseValue, marginSpace) },
    { row: rows - 1, label: 'This prediction', at: walk.margin, text: marginText },
  ];
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
      {ends.map((end) => (
        <g key={end.row} className="waterfall-end">
          <line className="waterfall-guide" x1={x(end.at)} x2={x(end.at)} y1={y(0)} y2={y(rows)} />
          <text className="waterfall-label" x={labelWidth} y={y(end.row) + 16} textAnchor="end">
            {end.label}
          </text>
          <circle cx={x(end.at)} cy={y(end.row) + rowHeight / 2} r={5} />
          <text className="waterfall-value" x={plotRight + 8} y={y(end.row) + 16}>
            {end.text}
          </text>
        </g>
      ))}
      {walk.steps.map((step, index) => {
        const row = index + 1;
        const left = x(Math.min(step.from, step.to));
        return (
          <g key={step.key}>
            <text className="waterfall-label" x={labelWidth} y={y(row) + 16} textAnchor="end">
              <title>{step.label}</title>
              {fitted(step.label)}
            </text>
            <rect className={step.contribution < 0 ? 'contribution-down' : 'contribution-up'} x={left} width={Math.max(x(Math.max(step.from, step.to)) - left, 1)} y={y(row) + 4} height={rowHeight - 8} />
            <line className="waterfall-connector" x1={x(step.to)} x2={x(step.to)} y1={y(row) + rowHeight - 4} y2={y(row + 1) + 4} />
            <text className="waterfall-value" x={plotRight + 8} y={y(row) + 16}>
              {formatContribution(step.contribution, marginSpace)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The same walk as a table, for screen readers (the SVG's name only summarises it). */
function WaterfallTable({ walk, explanation }: { walk: ContributionWaterfall; explanation: Explanation }) {
  const { marginSpace } = explanation;
  return (
    // The wrapper hides it: a table ignores a 1px width and grows to its content, which made a
    // 360 px screen scroll sideways over a 1,700 px wide invisible table.
    <div className="visually-hidden">
      <table>
        <caption>Contributions to this prediction, {marginSpaceWords(marginSpace)}</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Value the model saw</th>
            <th scope="col">Contribution</th>
            <th scope="col">Running total</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Base value (the average over the training rows)</th>
            <td />
            <td />
            <td>{formatMargin(walk.baseValue, marginSpace)}</td>
          </tr>
          {walk.steps.map((step) => (
            <tr key={step.key}>
              <th scope="row">
                {step.label}
                {step.computedFrom.length > 0 && `, computed from ${step.computedFrom.join(' and ')}`}
              </th>
              <td>{step.value === undefined ? '' : String(Number(step.value.toPrecision(6)))}</td>
              <td>{formatContribution(step.contribution, marginSpace)}</td>
              <td>{formatMargin(step.to, marginSpace)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">This prediction</th>
            <td />
            <td />
            <td>{formatMargin(walk.margin, marginSpace)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/**
 * Why the model answered as it did: each feature's exact TreeSHAP contribution (`POST /explain`),
 * from the base value to this prediction's margin, largest first, in the model's margin space,
 * drawn as a waterfall with a table alternative. Marked out of date with the result (`stale`).
 */
export function ContributionChart({ explanation, contract, stale, predictedBy }: { explanation: Explanation; contract: ModelContract; stale: boolean; predictedBy: string }) {
  const walk = contributionWaterfall(explanation, contract);
  const { marginSpace } = explanation;
  const [negativeClass] = contract.outputs.classes.filter((name) => name !== contract.outputs.positiveClass);
  const largest = walk.steps.slice(0, 3).map((step) => `${step.label} ${formatContribution(step.contribution, marginSpace)}`);
  const summary = `Contributions ${marginSpaceWords(marginSpace)}, from the base value ${formatMargin(walk.baseValue, marginSpace)} to this prediction's ${formatMargin(walk.margin, marginSpace)}; largest: ${largest.join(', ')}`;
  const version = explanation.model.version;
  return (
    <section aria-labelledby="contributions-heading" className="contributions">
      <h4 id="contributions-heading">Why version {version} predicts this</h4>
      {stale && <p className="stale-note">This explanation, like the prediction, is of the earlier inputs.</p>}
      {version !== predictedBy && (
        <p className="muted">
          Explained by version {version}; version {predictedBy} answered the prediction (what serves changed between the two requests).
        </p>
      )}
      <figure className="chart waterfall">
        <figcaption className="muted">
          Each feature's TreeSHAP contribution {marginSpaceWords(marginSpace)}, from the model's average over its training rows to this prediction. Red bars push towards “{contract.outputs.positiveClass}”, blue bars towards “{negativeClass ?? 'the other class'}”.
        </figcaption>
        <WaterfallSvg walk={walk} explanation={explanation} summary={summary} />
        <WaterfallTable walk={walk} explanation={explanation} />
      </figure>
    </section>
  );
}
