import { renderAndValidate, formatProblems } from '../render-and-validate.ts';
import { CliError } from '../cli-error.ts';
import { loadPlatform } from '../load-platform.ts';
import { writeTree } from '../tree-writer.ts';
import type { CommandOptions } from './options.ts';

/**
 * `render`: renders `k8s/`, `bootstrap/` and `fleet/` from the config, validates the result, and
 * only then replaces the generated roots; `--dry-run` lists the files instead of writing them.
 */
export async function runRender(options: CommandOptions): Promise<string> {
  const platform = await loadPlatform(options.config, { root: options.root });
  const result = await renderAndValidate(platform);
  if (result.problems.length > 0) throw new CliError(`render refused: the rendered tree is invalid; nothing was written\n${formatProblems(result.problems)}`);
  if (options.dryRun) return result.files.map((f) => `${f.path} (${f.content.length} bytes)`).join('\n');
  writeTree(options.root, result.files);
  return `rendered ${result.files.length} files for ${result.components.length} components (${result.overlaysBuilt} overlays built and validated)`;
}
