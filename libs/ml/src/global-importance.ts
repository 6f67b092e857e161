/**
 * The global explanation of a model version: each feature's mean |SHAP value| over a set of rows
 * (the held-out test set, as the trainer calls it), in the model's margin space. Unlike the Gini
 * importance of the training report, it is computed from the exported ONNX model, so it describes
 * exactly what is served, and any tree model can have one.
 */
import { escapeHtml } from './escape-html.ts';
import { readTreeEnsemble } from './onnx-tree-ensemble.ts';
import { barChartSvg } from './svg-charts.ts';
import { createTreeExplainer } from './tree-shap.ts';

/** The `global-importance.json` of a model version. */
export interface GlobalImportance {
  /** `probability` (post_transform NONE) or `log-odds` (LOGISTIC): the space of the values. */
  readonly marginSpace: 'probability' | 'log-odds';
  /** The expected margin the contributions are measured from. */
  readonly baseValue: number;
  /** Rows averaged over. */
  readonly rows: number;
  /** One entry per model feature, largest mean |SHAP| first (ties in feature order). */
  readonly features: readonly { readonly feature: string; readonly meanAbsShap: number }[];
}

/**
 * Mean |SHAP| per feature of the ONNX tree ensemble over `rows`.
 *
 * @throws RangeError when the feature names do not match the model, or there are no rows;
 *   TreeEnsembleFormatError when the model is no explainable tree ensemble.
 */
export function globalImportance(modelBytes: Uint8Array, featureNames: readonly string[], rows: readonly ArrayLike<number>[]): GlobalImportance {
  const explainer = createTreeExplainer(readTreeEnsemble(modelBytes));
  if (featureNames.length !== explainer.featureCount) {
    throw new RangeError(`featureNames has ${featureNames.length} names; the model has ${explainer.featureCount} features`);
  }
  if (rows.length === 0) throw new RangeError('no rows to average over; pass the test set');
  const contributions = new Float64Array(featureNames.length);
  const input = new Float32Array(featureNames.length);
  const totals = new Float64Array(featureNames.length);
  for (const row of rows) {
    // The served model sees float32 inputs, so it is explained on the same values.
    input.set(row);
    explainer.explain(input, contributions);
    contributions.forEach((value, feature) => (totals[feature]! += Math.abs(value)));
  }
  const features = featureNames
    .map((feature, index) => ({ feature, meanAbsShap: totals[index]! / rows.length }))
    .sort((a, b) => b.meanAbsShap - a.meanAbsShap);
  return { marginSpace: explainer.marginSpace, baseValue: explainer.baseValue, rows: rows.length, features };
}

/** The training report's section for a global importance: a heading, a bar chart and a note. */
export function renderGlobalImportanceSection(importance: GlobalImportance): string {
  const chart = barChartSvg('Mean |SHAP|', importance.features.map((item) => ({ label: item.feature, value: item.meanAbsShap })));
  const note = `Mean |SHAP value| per feature over ${importance.rows} test rows, in ${importance.marginSpace} space (TreeSHAP of the exported ONNX model; base value ${importance.baseValue.toPrecision(4)}).`;
  return `<h2>Global explanation (mean |SHAP|)</h2>\n<figure>${chart}<figcaption>${escapeHtml(note)}</figcaption></figure>\n`;
}
