import { renderTree } from '@millwright/manifests';
import { buildPlatform, catalogue } from '@millwright/platform';
import { formatReport, formatSummary, isOutputFormat, outputFormats, policies as allPolicies, type OutputFormat, type Policy, type PolicyReport } from '@millwright/policy';
import { CliError } from '../cli-error.ts';
import { loadPlatform } from '../load-platform.ts';
import { formatManifestProblem } from '../manifest-documents.ts';
import { collectManifestTargets, evaluateManifestTargets, platformNamespaces } from '../manifest-gate.ts';
import { readManifestInputs } from '../manifest-inputs.ts';
import { runPolicyGate } from '../policy-gate.ts';
import { formatProblems } from '../render-and-validate.ts';
import type { CommandOptions } from './options.ts';

/** The exit code of a usage error or of input the gate cannot read, apart from 1 (violations). */
const usageOrInputError = 2;

/** The whole rendered tree: every overlay built, plus `bootstrap/` and `fleet/`. */
async function gateRenderedTree(options: CommandOptions, policies: readonly Policy[]): Promise<PolicyReport> {
  const platform = await loadPlatform(options.config, { root: options.root });
  const { files } = renderTree(platform, catalogue);
  const gate = await runPolicyGate(files, policies);
  if (gate.problems.length > 0) {
    throw new CliError(`policy gate refused: the rendered tree does not build cleanly, so it cannot be fully tested\n${formatProblems(gate.problems)}`);
  }
  return gate.report;
}

/**
 * Manifest files, directories and standard input, judged together on top of the platform's
 * namespaces (see `platformNamespaces`). Every input is read and parsed before the config is
 * loaded, so a broken manifest is reported as such wherever the command runs.
 */
async function gateManifestPaths(paths: readonly string[], options: CommandOptions, policies: readonly Policy[]): Promise<PolicyReport> {
  const inputs = await readManifestInputs(paths);
  const collected = collectManifestTargets(inputs.sources);
  const problems = [...inputs.problems, ...collected.problems];
  if (problems.length > 0) {
    const lines = [...problems.map(formatManifestProblem), `${problems.length} problem${problems.length === 1 ? '' : 's'} found`];
    throw new CliError(`policy gate refused: the input cannot be fully tested; nothing was evaluated\n${lines.join('\n')}`, usageOrInputError);
  }
  const platform = await loadPlatform(options.config, { root: options.root });
  return evaluateManifestTargets(collected.targets, platformNamespaces(buildPlatform(platform, catalogue)), policies);
}

/** The report in the chosen format; on a failure it still goes to stdout (so `--output junit > report.xml` keeps it) and the exit code is 1. */
function reportOrFail(report: PolicyReport, format: OutputFormat): string {
  const output = formatReport(report, format);
  if (report.summary.failures > 0) {
    console.log(output);
    throw new CliError(`policy gate failed: ${formatSummary(report.summary)}`);
  }
  return output;
}

/**
 * `policy` (`npm run policy [-- <file|dir|->...]`). Without paths: renders the tree in memory
 * from the config, builds every overlay, and evaluates every policy against every built object
 * and every object under `bootstrap/` and `fleet/`. With paths: evaluates the objects of those
 * files, directories (a kustomization is built) and standard input (`-`) instead. Prints the
 * report on stdout in the chosen format. Exit codes: 0 pass, 1 violations, 2 a usage error or
 * input that cannot be read (naming file, line and column). `policies` is for tests; the CLI
 * always runs the whole list.
 */
export async function runPolicy(options: CommandOptions, policies: readonly Policy[] = allPolicies): Promise<string> {
  const format = options.output ?? 'text';
  if (!isOutputFormat(format)) throw new CliError(`--output ${format}: unknown format; use one of ${outputFormats.join(', ')}`, usageOrInputError);
  const paths = options.args ?? [];
  const report = paths.length > 0 ? await gateManifestPaths(paths, options, policies) : await gateRenderedTree(options, policies);
  return reportOrFail(report, format);
}
