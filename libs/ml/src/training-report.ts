/**
 * The self-contained HTML training report stored with each model version: metrics, the search,
 * and four inline SVG charts (ROC, precision–recall, confusion matrix, feature importance). No
 * script, stylesheet link, font or image is referenced, so it renders offline from MinIO or a
 * local registry; every piece of text is escaped.
 */
import type { CandidateResult } from './hyperparameter-search.ts';
import { escapeHtml } from './escape-html.ts';
import { describeSpec } from './search-plan.ts';
import { barChartSvg, confusionMatrixSvg, unitCurveSvg } from './svg-charts.ts';
import type { TrainedModel } from './train-model.ts';

/** What the report shows: a trained model plus a few labels the caller chooses. */
export interface TrainingReportInput
  extends Pick<TrainedModel, 'threshold' | 'test' | 'validation' | 'curves' | 'importances' | 'candidates' | 'best' | 'sizes'> {
  /**
   * Heading and page title.
   * @default 'Training report'
   */
  readonly title?: string;
  /** When the model was trained, as the caller formats it (this library reads no clock). */
  readonly generatedAt?: string;
  /** Extra facts to list, e.g. run id, model version, data source. */
  readonly facts?: Readonly<Record<string, string>>;
}

const style = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111827}h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:4px 8px;text-align:right}th{background:#f3f4f6}td:first-child,th:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-weight:600}svg text{font:11px system-ui,sans-serif;fill:#374151}
.grid{stroke:#e5e7eb}.frame{fill:none;stroke:#9ca3af}.curve{fill:none;stroke:#2563eb;stroke-width:2}.reference{stroke:#9ca3af;stroke-dasharray:4 4}
.marker{fill:#dc2626}.caption{font-weight:600}.count{font-size:16px;font-weight:600}.bar{fill:#2563eb}.best td{background:#ecfdf5}`;

/** Renders the report as one HTML document (UTF-8, LF line endings). */
export function renderTrainingReport(input: TrainingReportInput): string {
  const title = input.title ?? 'Training report';
  const { test } = input;
  const operatingPoint = rocOperatingPoint(input);
  const prevalence = test.rows === 0 ? 0 : test.positives / test.rows;
  const charts = [
    figure('ROC curve (test)', unitCurveSvg({
      title: 'ROC curve',
      xLabel: 'false positive rate',
      yLabel: 'true positive rate',
      points: input.curves.roc.map((point) => [point.falsePositiveRate, point.truePositiveRate] as const),
      reference: [[0, 0], [1, 1]],
      ...(operatingPoint ? { marker: operatingPoint } : {}),
      caption: `AUROC ${format(test.auroc)}`,
    })),
    figure('Precision–recall curve (test)', unitCurveSvg({
      title: 'Precision–recall curve',
      xLabel: 'recall',
      yLabel: 'precision',
      points: input.curves.precisionRecall.map((point) => [point.recall, point.precision] as const),
      reference: [[0, prevalence], [1, prevalence]],
      marker: [test.recall, test.precision],
      caption: `PR-AUC ${format(test.prAuc)}`,
    })),
    figure(`Confusion matrix (test, threshold ${format(input.threshold)})`, confusionMatrixSvg(test.confusion)),
    figure('Feature importance (mean decrease in Gini impurity)', barChartSvg(
      'Feature importance',
      input.importances.map((item) => ({ label: item.feature, value: item.importance })),
    )),
  ];
  const facts: Record<string, string> = {
    ...(input.generatedAt ? { trained: input.generatedAt } : {}),
    'rows (train / validation / test)': `${input.sizes.train} / ${input.sizes.validation} / ${input.sizes.test}`,
    'decision threshold': `${format(input.threshold)} (F1-maximising on validation; probability ≥ threshold means failure)`,
    ...input.facts,
  };
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head>`,
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    table(['', ''], Object.entries(facts).map(([key, value]) => [key, value])),
    '<h2>Held-out metrics</h2>',
    table(
      ['set', 'rows', 'positives', 'accuracy', 'precision', 'recall', 'F1', 'AUROC', 'PR-AUC'],
      [
        ['test', ...metricCells(input.test)],
        ['validation', ...metricCells(input.validation)],
      ],
    ),
    '<h2>Recall per group (test)</h2>',
    table(
      ['group', 'positives', 'detected', 'recall'],
      Object.entries(test.recallByGroup).map(([group, recall]) => [group, String(recall.positives), String(recall.detected), format(recall.recall)]),
    ),
    '<h2>Charts</h2>',
    `<div class="charts">${charts.join('')}</div>`,
    '<h2>Hyperparameter search (validation)</h2>',
    searchTable(input.candidates, input.best.index),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function metricCells(metrics: TrainingReportInput['test']): string[] {
  return [String(metrics.rows), String(metrics.positives), ...[metrics.accuracy, metrics.precision, metrics.recall, metrics.f1, metrics.auroc, metrics.prAuc].map(format)];
}

function searchTable(candidates: readonly CandidateResult[], bestIndex: number): string {
  const header = ['#', 'family', 'trees', 'hyperparameters', 'F1', 'AUROC', 'PR-AUC'];
  const rows = candidates.map((candidate) => {
    const { validation } = candidate;
    const cells = [
      candidate.index === bestIndex ? `${candidate.index} (chosen)` : String(candidate.index),
      candidate.family, String(candidate.trees), describeSpec(candidate), format(validation.f1), format(validation.auroc), format(validation.prAuc),
    ];
    return `<tr${candidate.index === bestIndex ? ' class="best"' : ''}>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  return `<table><thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.some((cell) => cell !== '') ? `<thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>` : '';
  return `<table>${head}<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function figure(caption: string, svg: string): string {
  return `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** The ROC point of the decision threshold: the highest curve point whose threshold is ≥ it. */
function rocOperatingPoint(input: TrainingReportInput): readonly [number, number] | undefined {
  const eligible = input.curves.roc.filter((point) => point.threshold >= input.threshold);
  const point = eligible[eligible.length - 1];
  return point ? [point.falsePositiveRate, point.truePositiveRate] : undefined;
}

function format(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}
