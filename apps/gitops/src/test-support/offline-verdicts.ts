import type { KubeObject } from '@millwright/platform';
import { evaluatePolicies, type Policy, type PolicyResult, type PolicyViolation } from '@millwright/policy';
import { parameterNotFound, refusedBy } from './admission-verdict.ts';
import type { PolicyMutation } from './policy-mutations.ts';

/**
 * Whether admission of other objects reads this one under the in-cluster policies: a namespace
 * (its labels, `namespaceObject`) or a NetworkPolicy (the default-deny policy's parameter).
 */
export const readByAdmission = (object: KubeObject): boolean => object.kind === 'Namespace' || object.kind === 'NetworkPolicy';

/** What the runner's lookups need from a cluster's objects (see `readByAdmission`). */
export function lookupContext(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter(readByAdmission);
}

/**
 * The offline runner's results on each of `subjects`, judged as one cluster holding `context`
 * and the subjects; one list per subject, in order (empty: no policy applies to it).
 */
export function offlineVerdicts(policies: readonly Policy[], subjects: readonly KubeObject[], context: readonly KubeObject[]): PolicyResult[][] {
  const cluster = 'under-test';
  const subjectFile = (index: number) => `subject#${index}`;
  // Subjects last: a Namespace among them takes the place of a context one of the same name.
  const targets = [
    ...context.map((object) => ({ object, file: 'context', cluster })),
    ...subjects.map((object, index) => ({ object, file: subjectFile(index), cluster })),
  ];
  const { results } = evaluatePolicies(policies, targets);
  return subjects.map((_, index) => results.filter((result) => result.file === subjectFile(index)));
}

/** What the runner finds in one hand-made violation. */
export interface MutationFindings {
  /** Every policy that fails the object (one, the mutation's own, for a well-made mutation). */
  readonly failing: readonly string[];
  /** The violations of the mutation's own policy, in validation order. */
  readonly violations: readonly PolicyViolation[];
}

/** The runner's findings in each mutation, judged among the cluster's objects and what the mutation sets up. */
export function mutationFindings(policies: readonly Policy[], mutations: readonly PolicyMutation[], clusterObjects: readonly KubeObject[]): MutationFindings[] {
  return mutations.map((mutation) => {
    const [results] = offlineVerdicts(policies, [mutation.object], [...lookupContext(clusterObjects), ...mutation.setup]);
    const failing = results!.filter((r) => r.violations.length > 0);
    return { failing: failing.map((r) => r.policy), violations: failing.find((r) => r.policy === mutation.policy)?.violations ?? [] };
  });
}

/**
 * The refusal a mutation should meet with the bindings on Deny, in `describeVerdict`'s words: its
 * policy's first violation (the API server reports only the first), a missing parameter in the
 * server's wording. Says what else fails when the mutation breaks more than its own policy.
 */
export function firstRefusal(policy: string, findings: MutationFindings): string {
  if (findings.failing.join() !== policy) return `offline, it fails ${findings.failing.join(', ') || 'no policy'} instead of ${policy} alone`;
  const first = findings.violations[0]!;
  return refusedBy({ policy, message: first.validation === undefined ? parameterNotFound : first.message });
}
