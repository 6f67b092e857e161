import type { PolicyReport } from '../model/policy-types.ts';

/**
 * The report as JSON for other tools: `summary` (the counts of the text summary line),
 * `policies` (name, mode, description) and `results` — one entry per test with `file`,
 * `cluster`, `object` {apiVersion, kind, namespace?, name}, `policy`, `mode`, `outcome`
 * (pass | warn | fail) and `violations` [{message, validation?}].
 */
export function formatJson(report: PolicyReport): string {
  return JSON.stringify({ summary: report.summary, policies: report.policies, results: report.results }, null, 2);
}
