import type { PolicyReport, PolicySummary } from '../model/policy-types.ts';
import { describeReference, oneLine } from './describe-result.ts';

/** `N tests, N passed, N warnings, N failures`, conftest's closing line. */
export function formatSummary(summary: PolicySummary): string {
  return `${summary.tests} tests, ${summary.passed} passed, ${summary.warnings} warnings, ${summary.failures} failures`;
}

/**
 * conftest-style text: one line per violation,
 * `FAIL - <file> - <kind>/<namespace>/<name> - <policy> - <message>` (or `WARN - ...` for a
 * policy in Warn mode), then the summary line. Passing tests print nothing.
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
  lines.push(formatSummary(report.summary));
  return lines.join('\n');
}
