import { renderTree } from '@millwright/manifests';
import { catalogue } from '@millwright/platform';
import { formatReport, formatSummary, isOutputFormat, outputFormats, policies as allPolicies, type Policy } from '@millwright/policy';
import { CliError } from '../cli-error.ts';
import { loadPlatform } from '../load-platform.ts';
import { runPolicyGate } from '../policy-gate.ts';
import { formatProblems } from '../render-and-validate.ts';
import type { CommandOptions } from './options.ts';

/**
 * `policy` (`npm run policy`): renders the tree in memory from the config, builds every overlay,
 * and evaluates every policy against every built object and every object under `bootstrap/`
 * and `fleet/`. Prints the report on stdout in the chosen format; on a failure the report still
 * goes to stdout (so `--output junit > report.xml` keeps it) and the exit code is 1.
 * `policies` is for tests; the CLI always runs the whole list.
 */
export async function runPolicy(options: CommandOptions, policies: readonly Policy[] = allPolicies): Promise<string> {
  const format = options.output ?? 'text';
  if (!isOutputFormat(format)) throw new CliError(`--output ${format}: unknown format; use one of ${outputFormats.join(', ')}`, 2);
  const platform = await loadPlatform(options.config, { root: options.root });
  const { files } = renderTree(platform, catalogue);
  const gate = await runPolicyGate(files, policies);
  if (gate.problems.length > 0) {
    throw new CliError(`policy gate refused: the rendered tree does not build cleanly, so it cannot be fully tested\n${formatProblems(gate.problems)}`);
  }
  const output = formatReport(gate.report, format);
  if (gate.report.summary.failures > 0) {
    console.log(output);
    throw new CliError(`policy gate failed: ${formatSummary(gate.report.summary)}`);
  }
  return output;
}
