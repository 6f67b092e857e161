import { globalImportance, renderGlobalImportanceSection } from '@millwright/ml';
import type { StepContext } from './step-context.ts';

/** The model directory's file holding the version's global explanation. */
export const globalImportanceFile = 'global-importance.json';

/**
 * The global explanation of the exported model — mean |SHAP| per feature over the held-out test
 * rows, from the ONNX bytes that will be served — written as `model/global-importance.json`, and
 * the training report with that explanation added as its last section.
 */
export function writeGlobalExplanation(
  context: StepContext,
  onnx: Uint8Array,
  featureNames: readonly string[],
  testRows: readonly ArrayLike<number>[],
  report: string,
): string {
  const importance = globalImportance(onnx, featureNames, testRows);
  context.store.writeJson(`model/${globalImportanceFile}`, importance);
  const top = importance.features.slice(0, 3).map((item) => `${item.feature} ${item.meanAbsShap.toPrecision(3)}`).join(', ');
  context.log(`evaluate: mean |SHAP| (${importance.marginSpace}) on ${importance.rows} test rows: ${top}`);
  return report.replace('</body>', `${renderGlobalImportanceSection(importance)}</body>`);
}
