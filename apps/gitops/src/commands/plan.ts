import { CliError } from '../cli-error.ts';
import { loadPlatform } from '../load-platform.ts';
import { formatProblems, renderAndValidate } from '../render-and-validate.ts';
import { formatPlan } from '../summary.ts';
import type { CommandOptions } from './options.ts';

/** `plan` (`npm start`): renders and validates in memory, then shows what would be deployed where. */
export async function runPlan(options: CommandOptions): Promise<string> {
  const started = performance.now();
  const platform = await loadPlatform(options.config, { root: options.root });
  const result = await renderAndValidate(platform);
  if (result.problems.length > 0) throw new CliError(formatProblems(result.problems));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return [
    formatPlan(platform, result.components),
    '',
    `Rendered and validated in ${seconds} s: ${result.files.length} files, ${result.overlaysBuilt} overlays built with kubectl kustomize, ${result.objectsBuilt} objects schema-checked, 0 problems.`,
    'Deploy: `npm run render`, commit and push; then `kubectl apply -f bootstrap/root.yaml` (Argo CD) or import fleet/ in Rancher (Fleet).',
  ].join('\n');
}
