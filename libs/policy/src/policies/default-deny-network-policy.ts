import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { policyNames } from '../model/policy-names.ts';
import { workloadRules } from './workload-cel.ts';

/**
 * Every namespace that runs workloads has a default-deny NetworkPolicy, so a pod reaches only
 * the flows its component declares.
 *
 * This is a cross-object rule, expressed the way admission can enforce it rather than as a
 * runner-only check: the policy's parameter is a NetworkPolicy, and the binding's `paramRef`
 * names `default-deny` with no namespace — which Kubernetes resolves in the namespace of the
 * object being admitted — and `parameterNotFoundAction: Deny`. A workload in a namespace without
 * one is rejected; one whose `default-deny` allows anything fails the validations. The offline
 * runner resolves the parameter among the objects bound for the same cluster, so CI and the
 * cluster apply the same rule to the same objects.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/validating-admission-policy-binding-v1/
 */
export const defaultDenyNetworkPolicy = defineAdmissionPolicy({
  name: 'millwright-default-deny-network-policy',
  description: `Every namespace with workloads has a NetworkPolicy "${policyNames.defaultDenyNetworkPolicy}" selecting all pods and denying all ingress and egress.`,
  resourceRules: workloadRules,
  paramKind: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  paramRef: { name: policyNames.defaultDenyNetworkPolicy, parameterNotFoundAction: 'Deny' },
  validations: [
    {
      expression: 'size(params.spec.?podSelector.?matchLabels.orValue({})) == 0 && size(params.spec.?podSelector.?matchExpressions.orValue([])) == 0',
      messageExpression: `"NetworkPolicy ${policyNames.defaultDenyNetworkPolicy} in namespace " + params.metadata.namespace + " selects only some pods; set podSelector: {}"`,
    },
    {
      expression: '["Ingress", "Egress"].all(t, t in params.spec.?policyTypes.orValue([]))',
      messageExpression: `"NetworkPolicy ${policyNames.defaultDenyNetworkPolicy} in namespace " + params.metadata.namespace + " does not deny both directions; set policyTypes: [Ingress, Egress]"`,
    },
    {
      expression: 'size(params.spec.?ingress.orValue([])) == 0 && size(params.spec.?egress.orValue([])) == 0',
      messageExpression: `"NetworkPolicy ${policyNames.defaultDenyNetworkPolicy} in namespace " + params.metadata.namespace + " allows traffic; move its rules to a component's own NetworkPolicy"`,
    },
  ],
});
