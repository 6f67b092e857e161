/**
 * Small inline SVG charts for the training report: no script, no external asset, every text
 * escaped. Each chart is a self-describing `<svg role="img">` with a `<title>`.
 */
import type { ConfusionMatrix } from './classification-metrics.ts';
import { escapeHtml } from './escape-html.ts';

const size = 320;
const margin = 44;
const plot = size - 2 * margin;

/** A curve in the unit square, e.g. ROC or precision–recall. */
export interface UnitCurveChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Points as [x, y] in [0, 1]², drawn in order. */
  readonly points: readonly (readonly [number, number])[];
  /** A dashed reference line, e.g. the ROC diagonal or the PR baseline. */
  readonly reference?: readonly [readonly [number, number], readonly [number, number]];
  /** The operating point at the decision threshold. */
  readonly marker?: readonly [number, number];
  /** Text shown in the plot corner, e.g. "AUROC 0.973". */
  readonly caption?: string;
}

const x = (value: number): string => (margin + value * plot).toFixed(1);
const y = (value: number): string => (margin + (1 - value) * plot).toFixed(1);

function svgOpen(title: string, width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(title)}</title>`;
}

/** A line chart of a curve in the unit square with axes, ticks and labels. */
export function unitCurveSvg(chart: UnitCurveChart): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (tick) =>
        `<line x1="${x(tick)}" y1="${y(0)}" x2="${x(tick)}" y2="${y(1)}" class="grid"/><line x1="${x(0)}" y1="${y(tick)}" x2="${x(1)}" y2="${y(tick)}" class="grid"/>` +
        `<text x="${x(tick)}" y="${(size - margin + 14).toFixed(1)}" text-anchor="middle">${tick}</text>` +
        `<text x="${(margin - 6).toFixed(1)}" y="${y(tick)}" text-anchor="end" dominant-baseline="middle">${tick}</text>`,
    )
    .join('');
  const path = chart.points.map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${x(px)} ${y(py)}`).join(' ');
  const reference = chart.reference
    ? `<line x1="${x(chart.reference[0][0])}" y1="${y(chart.reference[0][1])}" x2="${x(chart.reference[1][0])}" y2="${y(chart.reference[1][1])}" class="reference"/>`
    : '';
  const marker = chart.marker ? `<circle cx="${x(chart.marker[0])}" cy="${y(chart.marker[1])}" r="4" class="marker"/>` : '';
  const caption = chart.caption ? `<text x="${x(0.97)}" y="${y(0.05)}" text-anchor="end" class="caption">${escapeHtml(chart.caption)}</text>` : '';
  return (
    svgOpen(chart.title, size, size) +
    ticks +
    `<rect x="${margin}" y="${margin}" width="${plot}" height="${plot}" class="frame"/>` +
    reference +
    `<path d="${path}" class="curve"/>` +
    marker +
    caption +
    `<text x="${x(0.5)}" y="${size - 8}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>` +
    `<text transform="translate(12 ${y(0.5)}) rotate(-90)" text-anchor="middle">${escapeHtml(chart.yLabel)}</text>` +
    '</svg>'
  );
}

/** A 2 × 2 confusion matrix: rows are the actual class, columns the predicted one. */
export function confusionMatrixSvg(confusion: ConfusionMatrix, labels: readonly [string, string] = ['no failure', 'failure']): string {
  const cell = plot / 2;
  const cells: [number, number, number][] = [
    [0, 0, confusion.trueNegatives],
    [0, 1, confusion.falsePositives],
    [1, 0, confusion.falseNegatives],
    [1, 1, confusion.truePositives],
  ];
  const largest = Math.max(1, ...cells.map(([, , count]) => count));
  const body = cells
    .map(([row, column, count]) => {
      // Log scale shading: the negatives outnumber the rest by orders of magnitude.
      const shade = Math.log1p(count) / Math.log1p(largest);
      const left = margin + column * cell;
      const top = margin + row * cell;
      return (
        `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${cell.toFixed(1)}" height="${cell.toFixed(1)}" fill="rgba(37,99,235,${(0.08 + 0.72 * shade).toFixed(3)})" class="cell"/>` +
        `<text x="${(left + cell / 2).toFixed(1)}" y="${(top + cell / 2).toFixed(1)}" text-anchor="middle" dominant-baseline="middle" class="count">${count}</text>`
      );
    })
    .join('');
  const axis = labels
    .map(
      (label, index) =>
        `<text x="${(margin + (index + 0.5) * cell).toFixed(1)}" y="${margin - 8}" text-anchor="middle">${escapeHtml(label)}</text>` +
        `<text transform="translate(${margin - 8} ${(margin + (index + 0.5) * cell).toFixed(1)}) rotate(-90)" text-anchor="middle">${escapeHtml(label)}</text>`,
    )
    .join('');
  return (
    svgOpen('Confusion matrix', size, size) +
    body +
    axis +
    `<text x="${x(0.5)}" y="${size - 12}" text-anchor="middle">predicted</text>` +
    `<text transform="translate(12 ${y(0.5)}) rotate(-90)" text-anchor="middle">actual</text>` +
    '</svg>'
  );
}

/** Horizontal bars, one per labelled value in [0, max]. */
export function barChartSvg(title: string, bars: readonly { readonly label: string; readonly value: number }[]): string {
  const rowHeight = 22;
  const labelWidth = 170;
  const barWidth = 260;
  const width = labelWidth + barWidth + 70;
  const height = 16 + bars.length * rowHeight;
  const largest = Math.max(Number.MIN_VALUE, ...bars.map((bar) => bar.value));
  const rows = bars
    .map((bar, index) => {
      const top = 8 + index * rowHeight;
      const length = (Math.max(0, bar.value) / largest) * barWidth;
      return (
        `<text x="${labelWidth - 8}" y="${top + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(bar.label)}</text>` +
        `<rect x="${labelWidth}" y="${top + 3}" width="${length.toFixed(1)}" height="${rowHeight - 6}" class="bar"/>` +
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${top + rowHeight / 2}" dominant-baseline="middle">${bar.value.toFixed(3)}</text>`
      );
    })
    .join('');
  return svgOpen(title, width, height) + rows + '</svg>';
}
