import type { PolicyReport, PolicyResult } from '../model/policy-types.ts';
import { describeReference, oneLine } from './describe-result.ts';

/** Escapes text for XML attributes and content, dropping characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function testcase(result: PolicyResult): string {
  const name = `${describeReference(result.object)} (${result.file})`;
  const open = `    <testcase classname="${escapeXml(result.policy)}" name="${escapeXml(name)}" file="${escapeXml(result.file)}"`;
  const messages = result.violations.map((v) => oneLine(v.message));
  if (result.outcome === 'pass') return `${open}/>`;
  if (result.outcome === 'fail') {
    return [
      `${open}>`,
      `      <failure message="${escapeXml(messages[0]!)}" type="${escapeXml(result.policy)}">${escapeXml(messages.join('\n'))}</failure>`,
      '    </testcase>',
    ].join('\n');
  }
  // JUnit has no warning state: a warning passes, and its messages go to the test's output.
  return [`${open}>`, `      <system-out>${escapeXml(messages.map((m) => `WARN - ${m}`).join('\n'))}</system-out>`, '    </testcase>'].join('\n');
}

/**
 * JUnit XML for CI report viewers: one `<testsuite>` per policy and one `<testcase>` per policy ×
 * object (classname = policy, name = object and file), a `<failure>` carrying every message of a
 * failed test; warnings pass and are written to `<system-out>`.
 */
export function formatJunit(report: PolicyReport): string {
  const suites = report.policies.map((policy) => {
    const results = report.results.filter((r) => r.policy === policy.name);
    const failures = results.filter((r) => r.outcome === 'fail').length;
    const header = `  <testsuite name="${escapeXml(policy.name)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0">`;
    return [header, ...results.map(testcase), '  </testsuite>'].join('\n');
  });
  const { tests, failures } = report.summary;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="millwright policy gate" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}
