import type { PolicyReport } from '../model/policy-types.ts';
import { formatJson } from './format-json.ts';
import { formatJunit } from './format-junit.ts';
import { formatText } from './format-text.ts';

/** The output formats of the policy runner, as `--output` spells them. */
export const outputFormats = ['text', 'json', 'junit'] as const;

/** One of {@link outputFormats}. */
export type OutputFormat = (typeof outputFormats)[number];

/** Whether a string names an output format. */
export function isOutputFormat(value: string): value is OutputFormat {
  return (outputFormats as readonly string[]).includes(value);
}

const formatters: Record<OutputFormat, (report: PolicyReport) => string> = { text: formatText, json: formatJson, junit: formatJunit };

/** Renders a report in one of the output formats. */
export function formatReport(report: PolicyReport, format: OutputFormat): string {
  return formatters[format](report);
}
