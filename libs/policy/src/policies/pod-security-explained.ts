import { names } from '@millwright/kube';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { celString } from './workload-cel.ts';

const enforced = `object.metadata.?labels[?${celString(names.labels.podSecurityEnforce)}].orValue("")`;
const reason = `object.metadata.?annotations[?${celString(names.annotations.podSecurityExceptionReason)}].orValue("")`;

/**
 * A Namespace that does not enforce Pod Security "restricted" (a weaker level, or no level, which
 * falls back to the cluster's default) says why in its reason annotation: the restricted policy
 * leaves such namespaces out, so none may become one silently, and a reviewer reads the reason
 * in the diff that introduces it.
 */
export const podSecurityExplained = defineAdmissionPolicy({
  name: 'millwright-pod-security-explained',
  description: `Namespaces that do not enforce Pod Security "restricted" carry the ${names.annotations.podSecurityExceptionReason} annotation.`,
  resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['namespaces'] }],
  validations: [
    {
      expression: `${enforced} == "restricted" || ${reason} != ""`,
      messageExpression: `"namespace enforces Pod Security \\"" + ${enforced} + "\\" instead of \\"restricted\\" without saying why; set ${names.labels.podSecurityEnforce}: restricted or annotate ${names.annotations.podSecurityExceptionReason} with the reason"`,
    },
  ],
});
