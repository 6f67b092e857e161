import { CliError } from '../cli-error.ts';
import { loadPlatform } from '../load-platform.ts';
import { formatProblems, renderAndValidate } from '../render-and-validate.ts';
import type { CommandOptions } from './options.ts';

/** `validate`: renders in memory and runs every check, including the kustomize build of each overlay. */
export async function runValidate(options: CommandOptions): Promise<string> {
  const result = await renderAndValidate(await loadPlatform(options.config, { root: options.root }));
  if (result.problems.length > 0) throw new CliError(formatProblems(result.problems));
  return `valid: ${result.files.length} files, ${result.overlaysBuilt} overlays built, ${result.objectsBuilt} objects checked against their schemas`;
}
