/** PromQL words that look like identifiers but name no series. */
const keywords = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'atan2',
  'inf',
  'nan',
]);

/** Clauses whose parenthesised list holds label names, not expressions. */
const labelListClause = /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi;

/**
 * The series names a PromQL expression reads, in order of first use: bare selectors
 * (`http_requests_total{...}`) and `{__name__="..."}` matchers. Function and aggregation names,
 * label names (in matchers and in `by`/`on`/... lists), keywords, numbers, durations and
 * Grafana variables (`$feature`, `${cluster}`, `$__rate_interval`) are not series and are left
 * out. Written for the expressions our rules and dashboards use, not as a full PromQL parser:
 * it errs towards reporting a word, so a check built on it fails loudly rather than passing.
 */
export function seriesNamesIn(expression: string): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    if (!found.includes(name)) found.push(name);
  };
  for (const match of expression.matchAll(/__name__\s*=\s*"([^"]*)"/g)) add(match[1]!);
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // string literals
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, ' ') // Grafana variables
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(labelListClause, ' ');
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const start = match.index;
    if (start > 0 && /[0-9.]/.test(stripped[start - 1]!)) continue; // unit of a number, as in 1e3 or 5m
    if (keywords.has(word.toLowerCase())) continue;
    if (/^\s*\(/.test(stripped.slice(start + word.length))) continue; // a function or aggregation call
    add(word);
  }
  return found;
}
