import type { PolicyReport, PolicySummary } from '../model/policy-types.ts';
import { describeReference, oneLine } from './describe-result.ts';

/** `N tests, N passed, N warnings, N failures`, conftest's closing line. */
export function formatSummary(summary: PolicySummary): string {
  return `${summary.tests} tests, ${summary.passed} passed, ${summary.warnings} warnings, ${summary.failures} failures`;
}

/**
 * One line per policy, in the report's policy order: its name, its mode and how many objects it
 * checked, then how many of those warned or failed. A policy that checked nothing says so, so a
 * reader sees when a gate passed only because nothing it guards was given.
 */
function formatPolicyCounts(report: PolicyReport): string[] {
  const width = Math.max(0, ...report.policies.map((p) => p.name.length));
  const checked = new Map(report.policies.map((p) => [p.name, { tests: 0, warnings: 0, failures: 0 }]));
  for (const result of report.results) {
    const tally = checked.get(result.policy);
    if (!tally) continue;
    tally.tests++;
    if (result.outcome === 'warn') tally.warnings++;
    if (result.outcome === 'fail') tally.failures++;
  }
  const countWidth = Math.max(1, ...[...checked.values()].map((t) => String(t.tests).length));
  return report.policies.map((policy) => {
    const { tests, warnings, failures } = checked.get(policy.name)!;
    const outcomes = [...(warnings > 0 ? [`${warnings} warned`] : []), ...(failures > 0 ? [`${failures} failed`] : [])];
    const objects = `${String(tests).padStart(countWidth)} ${tests === 1 ? 'object' : 'objects'} checked`;
    return [`${policy.name.padEnd(width)}  ${policy.mode.padEnd(4)}  ${objects}`, ...outcomes].join(', ');
  });
}

/**
 * conftest-style text: one line per violation,
 * `FAIL - <file> - <kind>/<namespace>/<name> - <policy> - <message>` (or `WARN - ...` for a
 * policy in Warn mode); then one line per policy with how many objects it checked
 * (`formatPolicyCounts`); then conftest's summary line. Passing tests print nothing.
 */
export function formatText(report: PolicyReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    if (result.outcome === 'pass') continue;
    const label = result.outcome === 'fail' ? 'FAIL' : 'WARN';
    for (const violation of result.violations) {
      lines.push(`${label} - ${result.file} - ${describeReference(result.object)} - ${result.policy} - ${oneLine(violation.message)}`);
    }
  }
  lines.push(...formatPolicyCounts(report));
  lines.push(formatSummary(report.summary));
  return lines.join('\n');
}
