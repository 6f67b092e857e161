import type { Cluster, ComponentDefinition, Topology } from '../model/types.ts';
import type { ConfigIssue } from './config-error.ts';
import { addressRangeProblem } from './address-range.ts';

/**
 * The problems of an enabled component's `addresses` (ranges by cluster name): every cluster the
 * component runs on needs at least one range, every range must parse, and no other cluster may
 * be named (a typo would silently leave a cluster without a pool).
 */
export function componentAddressIssues(
  component: ComponentDefinition,
  addresses: Readonly<Record<string, readonly string[]>> | undefined,
  clusters: readonly Cluster[],
  topology: Topology,
): ConfigIssue[] {
  const field = `components.${component.name}.addresses`;
  const roles = component.placement[topology];
  const runsOn = clusters.filter((cluster) => roles.includes(cluster.role)).map((cluster) => cluster.name);
  const example = '"192.168.10.240-192.168.10.250"';
  const issues: ConfigIssue[] = runsOn
    .filter((name) => !addresses?.[name]?.length)
    .map((name) => ({
      field: `${field}.${name}`,
      message: `${component.name} runs on cluster "${name}" and needs the addresses it may hand out there: add ${field}: { "${name}": [${example}] } (a range or CIDR of that cluster's network, outside its DHCP range).`,
    }));
  for (const [name, ranges] of Object.entries(addresses ?? {})) {
    if (!runsOn.includes(name)) {
      issues.push({ field: `${field}.${name}`, message: `${component.name} does not run on a cluster named "${name}" (it runs on: ${runsOn.join(', ') || 'none'}); remove it or fix the name.` });
      continue;
    }
    ranges.forEach((range, index) => {
      const problem = addressRangeProblem(range);
      if (problem) {
        issues.push({ field: `${field}.${name}[${index}]`, message: `"${range}": ${problem}; write a CIDR such as "192.168.10.0/24" or a range such as ${example}.` });
      }
    });
  }
  return issues;
}
