/**
 * Names the policies read that the platform's names table does not (yet) hold. The renderers
 * that set these annotations must use these constants, so a rename cannot silently disable a
 * policy. The label keys the policies check come from `names.labels` in @millwright/platform.
 */
export const policyNames = {
  /** On a workload whose images CI has promoted: every image must then carry a digest. */
  promotedAnnotation: 'millwright.io/promoted',
  /** On a NodePort/LoadBalancer Service: what the component declares it exposes (e.g. `mqtt`). */
  exposedAnnotation: 'millwright.io/exposed',
  /** On every rendered policy and binding: the one-sentence description. */
  descriptionAnnotation: 'millwright.io/policy-description',
  /** The per-namespace default-deny NetworkPolicy the namespaces component renders. */
  defaultDenyNetworkPolicy: 'default-deny',
  /** Namespaces Kubernetes itself owns; bindings never reach into them. */
  systemNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
} as const;
