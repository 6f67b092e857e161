import { metricTable } from './metric-table.ts';

/**
 * The name, help and label names of a metric in the table, as a prom-client constructor takes
 * them, so an app cannot export a metric the table (and so the rules and dashboards) does not know.
 *
 * @throws Error when `name` is not in the table.
 */
export function metricOptions(name: string): { name: string; help: string; labelNames: string[] } {
  const metric = metricTable.find((entry) => entry.name === name);
  if (metric === undefined) throw new Error(`metric ${name} is not in @millwright/observability's metric table`);
  return { name: metric.name, help: metric.help, labelNames: [...metric.labels] };
}
