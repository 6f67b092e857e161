/**
 * `npm run lab -- experiment [--smoke] [--out <dir>]`: runs the experiment, writes
 * lab-report.md, lab-report.json and lab-latency.svg, prints the table, and (with --smoke) exits 1
 * when one of the smoke expectations fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliContext } from '../cli/run-cli.ts';
import { parseTopology } from '../platform-lab/lab-platform.ts';
import type { PlatformLab } from '../platform-lab/start-platform-lab.ts';
import { jsonReport, latencySvg, markdownReport } from './report.ts';
import { fullPlan, runExperiment, smokePlan, smokeViolations } from './run-experiment.ts';

const experimentUsage = 'experiment [--smoke] [--topology edge-only,hybrid,cloud-only] [--out <dir>]';

export async function runExperimentCommand(args: readonly string[], context: CliContext): Promise<number> {
  const valued = ['--out', '--topology'];
  const unknown = args.filter((arg, i) => !['--smoke', ...valued].includes(arg) && !valued.includes(args[i - 1] ?? ''));
  if (unknown.length > 0) {
    context.err(`experiment: unknown argument ${JSON.stringify(unknown[0])}; usage: ${experimentUsage}`);
    return 2;
  }
  const smoke = args.includes('--smoke');
  const outIndex = args.indexOf('--out');
  const outDir = resolve(outIndex === -1 ? join(context.stateDir, 'report') : args[outIndex + 1] ?? '');
  const base = smoke ? smokePlan : fullPlan;
  const topologyIndex = args.indexOf('--topology');
  const chosen = topologyIndex === -1 ? base.topologies : (args[topologyIndex + 1] ?? '').split(',').map((name) => parseTopology(name.trim())!);
  const plan = { ...base, topologies: chosen };
  // Ctrl-C or SIGTERM: the lab being measured is removed before the process ends.
  const aborted = new AbortController();
  let current: PlatformLab | undefined;
  const onSignal = () => {
    aborted.abort(new Error('interrupted'));
    context.err('interrupted: removing the lab');
    // During a bring-up the abort makes it remove what it started, and the run ends with an error.
    if (current) void current.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const result = await runExperiment(plan, { workspaceRoot: context.workspaceRoot, stateDir: join(context.stateDir, 'experiment'), log: context.out, signal: aborted.signal, onLab: (lab) => (current = lab) }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  mkdirSync(outDir, { recursive: true });
  const markdown = markdownReport(result);
  writeFileSync(join(outDir, 'lab-report.md'), markdown);
  writeFileSync(join(outDir, 'lab-report.json'), jsonReport(result));
  writeFileSync(join(outDir, 'lab-latency.svg'), latencySvg(result));
  context.out(markdown);
  context.out(`written: ${join(outDir, 'lab-report.md')}, lab-report.json, lab-latency.svg`);
  if (!smoke) return 0;
  const violations = smokeViolations(result);
  violations.forEach((line) => context.err(`smoke: ${line}`));
  return violations.length === 0 ? 0 : 1;
}
