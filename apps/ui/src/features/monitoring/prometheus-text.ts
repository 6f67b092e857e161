/**
 * Reads the Prometheus text exposition format (version 0.0.4, what prom-client serves on
 * /metrics): one sample per line, `name{label="value",...} value [timestamp]`; comments and
 * blank lines skipped, label values unescaped (\\, \", \n).
 */

/** One sample. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const linePattern = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\S+)?$/;
const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_all, char: string) => (char === 'n' ? '\n' : char));
}

function number(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Parses the samples; malformed lines are skipped rather than failing the whole scrape. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = linePattern.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[3] ?? '').matchAll(labelPattern)) labels[label[1]!] = unescape(label[2]!);
    const value = number(match[4]!);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}
