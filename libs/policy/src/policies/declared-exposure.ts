import { names } from '@millwright/kube';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { celString } from './workload-cel.ts';

const exposed = `object.metadata.?annotations[?${celString(names.annotations.exposed)}].orValue("")`;

/**
 * No Service opens a port outside the cluster (NodePort or LoadBalancer) unless its component
 * declares it — the annotation `millwright.io/exposed` names what is exposed (e.g. `mqtt` for
 * the edge broker that PLCs on the shop-floor network publish to). Everything else is reached
 * through ClusterIP and the declared NetworkPolicy flows.
 */
export const declaredExposure = defineAdmissionPolicy({
  name: 'millwright-declared-exposure',
  description: `NodePort and LoadBalancer Services exist only where a component declares them (annotation ${names.annotations.exposed}).`,
  resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }],
  validations: [
    {
      expression: `!(object.spec.?type.orValue("ClusterIP") in ["NodePort", "LoadBalancer"]) || ${exposed} != ""`,
      messageExpression: `"Service of type " + object.spec.type + " exposes ports outside the cluster but its component declares no exposure; use ClusterIP, or declare it (annotation ${names.annotations.exposed}, e.g. mqtt)"`,
    },
  ],
});
