import type { KubeObject } from '@millwright/kube';
import { policyMode } from '../model/policy-mode.ts';
import type { Policy, PolicyReport, PolicyResult, PolicySummary, PolicyTarget, PolicyViolation, ObjectReference } from '../model/policy-types.ts';
import { indexClusters } from './cluster-index.ts';
import { compileAdmissionPolicy } from './compile-policy.ts';
import { evaluateAdmissionPolicy } from './evaluate-admission-policy.ts';

function referenceOf(object: KubeObject): ObjectReference {
  const { name, namespace } = object.metadata;
  return { apiVersion: object.apiVersion, kind: object.kind, ...(namespace && { namespace }), name };
}

/** Counts tests the way conftest does: a test passes, warns or fails as a whole. */
export function summarize(results: readonly PolicyResult[]): PolicySummary {
  let warnings = 0;
  let failures = 0;
  for (const result of results) {
    if (result.outcome === 'fail') failures++;
    else if (result.outcome === 'warn') warnings++;
  }
  return { tests: results.length, passed: results.length - warnings - failures, warnings, failures };
}

/**
 * Evaluates every policy against every object it applies to — the offline half of the policy
 * gate (the cluster's admission is the other). Cross-object lookups (params, namespaces,
 * PodDisruptionBudgets) stay within the target's cluster. Admission policies are compiled before
 * the first object is read, so a broken policy fails fast with a PolicyCompileError.
 *
 * Results come in target order, then policy order; a test is `fail` when a `Deny` policy has
 * violations, `warn` when a `Warn` policy has them, else `pass`.
 *
 * `context` holds objects that the lookups see but that are not tested themselves: what a cluster
 * already has when the targets arrive (the platform's namespaces, when gating files). A target
 * Namespace of the same name takes the place of a context one.
 */
export function evaluatePolicies(policies: readonly Policy[], targets: readonly PolicyTarget[], context: readonly PolicyTarget[] = []): PolicyReport {
  const compiled = new Map(policies.flatMap((p) => (p.type === 'admission' ? [[p, compileAdmissionPolicy(p)] as const] : [])));
  const modes = new Map(policies.map((p) => [p, policyMode(p)] as const));
  // Context first: a Namespace indexed later wins, so the targets' own labels decide.
  const clusters = indexClusters([...context, ...targets]);
  const results: PolicyResult[] = [];
  for (const target of targets) {
    const cluster = clusters.get(target.cluster)!;
    for (const policy of policies) {
      let violations: readonly PolicyViolation[] | undefined;
      if (policy.type === 'admission') {
        violations = evaluateAdmissionPolicy(policy, compiled.get(policy)!, target, cluster);
      } else if (policy.appliesTo(target.object)) {
        violations = policy.check(target.object, cluster).map((message) => ({ message }));
      }
      if (violations === undefined) continue;
      const mode = modes.get(policy)!;
      results.push({
        policy: policy.name,
        mode,
        file: target.file,
        cluster: target.cluster,
        object: referenceOf(target.object),
        outcome: violations.length === 0 ? 'pass' : mode === 'Deny' || violations.some((v) => v.deniedRegardlessOfActions) ? 'fail' : 'warn',
        violations,
      });
    }
  }
  return {
    policies: policies.map((p) => ({ name: p.name, mode: modes.get(p)!, description: p.description })),
    results,
    summary: summarize(results),
  };
}
