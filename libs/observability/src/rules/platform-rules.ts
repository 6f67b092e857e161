import { edgeNodeRules } from './edge-node-rules.ts';
import type { AlertingRule, RuleGroup } from './rule-types.ts';
import { driftRules, servingRules } from './serving-rules.ts';

/** Every rule group the platform ships, in one PrometheusRule. */
export const platformRuleGroups: readonly RuleGroup[] = [servingRules, driftRules, edgeNodeRules];

/** The rule file promtool reads, and a PrometheusRule's spec (`groups:`), as plain data. */
export function ruleFile(groups: readonly RuleGroup[] = platformRuleGroups): { groups: { name: string; rules: AlertingRule[] }[] } {
  return { groups: groups.map((group) => ({ name: group.name, rules: group.rules.map((rule) => ({ ...rule })) })) };
}
