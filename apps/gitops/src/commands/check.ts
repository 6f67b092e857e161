import { renderTree } from '@millwright/manifests';
import { catalogue } from '@millwright/platform';
import { CliError } from '../cli-error.ts';
import { loadPlatform } from '../load-platform.ts';
import { diffTree } from '../tree-writer.ts';
import type { CommandOptions } from './options.ts';

/**
 * `check`: fails when the committed tree differs from a fresh render, naming each file that was
 * edited by hand or is stale, each missing file and each orphan. CI runs it on every change.
 */
export async function runCheck(options: CommandOptions): Promise<string> {
  const platform = await loadPlatform(options.config, { root: options.root });
  const { files } = renderTree(platform, catalogue);
  const drift = diffTree(options.root, files);
  const lines = [
    ...drift.changed.map((path) => `${path}: differs from a fresh render (edited by hand, or stale)`),
    ...drift.missing.map((path) => `${path}: missing; the render produces it`),
    ...drift.extra.map((path) => `${path}: not produced by the render (orphaned or added by hand)`),
  ];
  if (lines.length > 0) {
    throw new CliError(`${lines.join('\n')}\n${lines.length} file(s) out of date: run \`npm run render\` and commit the result`);
  }
  return `generated tree is up to date (${files.length} files)`;
}
