import type { KubeObject } from '@millwright/kube';
import type { LabelSelector, SetPolicy } from '../model/policy-types.ts';
import { matchesLabelSelector } from '../runner/label-selector.ts';

const replicatedKinds = new Set(['Deployment', 'StatefulSet']);

interface ReplicatedSpec {
  readonly replicas?: number;
  readonly template?: { readonly metadata?: { readonly labels?: Record<string, string> } };
}

/** In policy/v1 an empty selector selects every pod of the namespace and a missing one none. */
function selects(budget: KubeObject, podLabels: Readonly<Record<string, string>>): boolean {
  const selector = (budget['spec'] as { selector?: LabelSelector } | undefined)?.selector;
  return selector !== undefined && matchesLabelSelector(selector, podLabels);
}

/**
 * Every Deployment or StatefulSet with more than one replica has a PodDisruptionBudget selecting
 * its pods, so draining a node (a K3s upgrade on the line) never takes all replicas at once.
 *
 * A runner-level check over the whole built set, not a ValidatingAdmissionPolicy: admission sees
 * one object at a time, and a binding's `paramRef` can only name a fixed parameter or select by
 * fixed labels — it cannot say "some PodDisruptionBudget whose selector matches this workload's
 * pods", and with several selected params each must pass on its own. So the gate checks it
 * before Git sync, and the cluster relies on the secure defaults that render the budgets.
 */
export const podDisruptionBudget: SetPolicy = {
  type: 'set',
  name: 'millwright-pod-disruption-budget',
  description: 'Every Deployment or StatefulSet with more than one replica has a PodDisruptionBudget selecting its pods (runner-level, cross-object).',
  mode: 'Deny',
  appliesTo: (object) => replicatedKinds.has(object.kind) && object.apiVersion === 'apps/v1',
  check: (object, cluster) => {
    const spec = (object['spec'] ?? {}) as ReplicatedSpec;
    const replicas = spec.replicas ?? 1;
    if (replicas <= 1) return [];
    const podLabels = spec.template?.metadata?.labels ?? {};
    const namespace = object.metadata.namespace ?? '';
    const covered = cluster.inNamespace(namespace).some((other) => other.kind === 'PodDisruptionBudget' && selects(other, podLabels));
    if (covered) return [];
    return [`${object.kind} runs ${replicas} replicas but no PodDisruptionBudget in namespace ${namespace || 'default'} selects its pods; add one (e.g. maxUnavailable: 1)`];
  },
};
