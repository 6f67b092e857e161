import { names } from '@millwright/kube';
import { defineAdmissionPolicy } from '../model/define-admission-policy.ts';
import { noOffendingContainers, offendingContainers, podTemplateVariables, workloadRules } from './workload-cel.ts';

/** The Pod Security levels below "restricted"; a namespace enforcing one must say why. */
export const weakerPodSecurityLevels = ['privileged', 'baseline'] as const;

/** A container setting, falling back to the pod's, as the kubelet resolves it. */
const effective = (field: string, fallback: string) =>
  `c.?securityContext.?${field}.orValue(variables.podSpec.?securityContext.?${field}.orValue(${fallback}))`;

/**
 * Pod Security Standard "restricted" on every pod template (which includes "baseline"): non-root,
 * no privilege or escalation, capabilities dropped, a seccomp profile, no host namespaces or
 * hostPath. The namespaces enforce the same standard on Pods; checking templates too catches a
 * violation in CI instead of as a ReplicaSet that silently never creates its pods.
 *
 * The binding leaves out the namespaces that enforce a weaker level ("privileged" or
 * "baseline"): the gate cannot know which components declared a Pod Security exception, but
 * such a namespace must say why (policy millwright-pod-security-explained), and in the cluster
 * the platform binds this policy by name to every namespace but those of declared exceptions.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const podSecurityRestricted = defineAdmissionPolicy({
  name: 'millwright-pod-security-restricted',
  description: 'Pod templates meet Pod Security "restricted": non-root, unprivileged, no escalation, capabilities dropped, seccomp RuntimeDefault, no host access.',
  resourceRules: workloadRules,
  bindingExclusions: [{ key: names.labels.podSecurityEnforce, operator: 'NotIn', values: [...weakerPodSecurityLevels] }],
  variables: [
    ...podTemplateVariables,
    offendingContainers('mayRunAsRoot', `${effective('runAsNonRoot', 'false')} != true`),
    offendingContainers('runAsRootUser', `${effective('runAsUser', '1')} == 0`),
    offendingContainers('privileged', 'c.?securityContext.?privileged.orValue(false) == true'),
    offendingContainers('mayEscalate', 'c.?securityContext.?allowPrivilegeEscalation.orValue(true) != false'),
    offendingContainers('keepsCapabilities', '!("ALL" in c.?securityContext.?capabilities.?drop.orValue([]))'),
    // "restricted" allows adding back NET_BIND_SERVICE and nothing else.
    offendingContainers('addsCapabilities', 'c.?securityContext.?capabilities.?add.orValue([]).exists(cap, cap != "NET_BIND_SERVICE")'),
    offendingContainers('unconfinedSeccomp', `!(${effective('seccompProfile', '{}')}.?type.orValue("") in ["RuntimeDefault", "Localhost"])`),
  ],
  validations: [
    noOffendingContainers('mayRunAsRoot', 'may run as root; set securityContext.runAsNonRoot: true on the pod or container'),
    noOffendingContainers('runAsRootUser', 'run as uid 0; set a non-zero securityContext.runAsUser'),
    noOffendingContainers('privileged', 'run privileged; remove securityContext.privileged'),
    noOffendingContainers('mayEscalate', 'allow privilege escalation; set securityContext.allowPrivilegeEscalation: false'),
    noOffendingContainers('keepsCapabilities', 'keep Linux capabilities; set securityContext.capabilities.drop: [ALL]'),
    noOffendingContainers('addsCapabilities', 'add capabilities other than NET_BIND_SERVICE; remove securityContext.capabilities.add'),
    noOffendingContainers('unconfinedSeccomp', 'have no seccomp profile; set securityContext.seccompProfile.type: RuntimeDefault on the pod'),
    {
      expression: '!variables.podSpec.?hostNetwork.orValue(false) && !variables.podSpec.?hostPID.orValue(false) && !variables.podSpec.?hostIPC.orValue(false)',
      message: 'the pod shares a host namespace; remove hostNetwork, hostPID and hostIPC',
    },
    {
      expression: 'variables.podSpec.?volumes.orValue([]).all(v, !has(v.hostPath))',
      messageExpression:
        '"volume(s) " + variables.podSpec.volumes.filter(v, has(v.hostPath)).map(v, v.name).join(", ") + " mount a hostPath; use a PersistentVolumeClaim or an emptyDir"',
    },
  ],
});
