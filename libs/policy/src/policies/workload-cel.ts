import type { INamedRuleWithOperations, IValidation, IVariable } from 'kubernetes-models/admissionregistration.k8s.io/v1';

/** Every kind that carries a pod template: Deployment, StatefulSet, DaemonSet, Job, CronJob. */
export const workloadRules: readonly INamedRuleWithOperations[] = [
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'statefulsets', 'daemonsets'] },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'] },
];

/** Kinds whose pods run until stopped; Jobs and CronJobs finish, so probes do not apply. */
export const longRunningWorkloadRules: readonly INamedRuleWithOperations[] = [workloadRules[0]!];

/**
 * `variables.podTemplate`, `variables.podSpec` and `variables.containers` (regular and init
 * containers) for any workload kind, so each policy states its rule once for all five kinds.
 */
export const podTemplateVariables: readonly IVariable[] = [
  { name: 'podTemplate', expression: "object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template" },
  { name: 'podSpec', expression: 'variables.podTemplate.spec' },
  { name: 'containers', expression: 'variables.podSpec.containers + variables.podSpec.?initContainers.orValue([])' },
];

/** A CEL string literal of any text (CEL's double-quoted escapes are JSON's). */
export function celString(text: string): string {
  return JSON.stringify(text);
}

/**
 * A variable listing the names of the containers (from `listExpression`, default every
 * container) for which `predicate` (over `c`) holds: the offenders of one rule.
 */
export function offendingContainers(name: string, predicate: string, listExpression = 'variables.containers'): IVariable {
  return { name, expression: `${listExpression}.filter(c, ${predicate}).map(c, c.name)` };
}

/**
 * A validation that passes when the offender list `variable` is empty and otherwise names the
 * offending containers: `container(s) a, b <problem>`.
 */
export function noOffendingContainers(variable: string, problem: string): IValidation {
  return {
    expression: `size(variables.${variable}) == 0`,
    message: `a container ${problem}`,
    messageExpression: `"container(s) " + variables.${variable}.join(", ") + " " + ${celString(problem)}`,
  };
}
