import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { noOffendingContainers, offendingContainers, podTemplateVariables, workloadRules } from './workload-cel.ts';

/** `c.resources.<kind>`, or an empty map. */
const amounts = (kind: 'requests' | 'limits') => `c.?resources.?${kind}.orValue({})`;
/** `string()` because YAML may spell a quantity as a number (`cpu: 1`). */
const amount = (kind: 'requests' | 'limits') => `string(c.resources.${kind}[r])`;

/**
 * Every container declares cpu and memory requests (what the scheduler reserves, so edge nodes
 * are not overcommitted) and limits (so one runaway model cannot starve the node), each a valid
 * quantity, with no request above its limit — which the API server only rejects later, at Pod
 * creation, where nobody is watching.
 */
export const resourcesDeclared = defineAdmissionPolicy({
  name: 'millwright-resources-declared',
  description: 'Every container declares cpu and memory requests and limits, as valid quantities, requests not above limits.',
  resourceRules: workloadRules,
  variables: [
    ...podTemplateVariables,
    offendingContainers('missingRequests', `!["cpu", "memory"].all(r, r in ${amounts('requests')})`),
    offendingContainers('missingLimits', `!["cpu", "memory"].all(r, r in ${amounts('limits')})`),
    offendingContainers(
      'invalidQuantities',
      `${amounts('requests')}.exists(r, !isQuantity(${amount('requests')})) || ${amounts('limits')}.exists(r, !isQuantity(${amount('limits')}))`,
    ),
    offendingContainers(
      'requestAboveLimit',
      `${amounts('requests')}.exists(r, r in ${amounts('limits')} && isQuantity(${amount('requests')}) && isQuantity(${amount('limits')}) && quantity(${amount('requests')}).isGreaterThan(quantity(${amount('limits')})))`,
    ),
  ],
  validations: [
    noOffendingContainers('missingRequests', 'lack a cpu or memory request; declare resources.requests.cpu and .memory'),
    noOffendingContainers('missingLimits', 'lack a cpu or memory limit; declare resources.limits.cpu and .memory'),
    noOffendingContainers('invalidQuantities', 'declare a request or limit that is not a quantity (e.g. 100m, 256Mi)'),
    noOffendingContainers('requestAboveLimit', 'request more than their limit; lower the request or raise the limit'),
  ],
});
