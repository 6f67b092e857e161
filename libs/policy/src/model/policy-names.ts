/**
 * Names only the policies use. Label and annotation keys the renderers set and the policies read
 * (`millwright.io/promoted`, `millwright.io/exposed`, `app.kubernetes.io/*`) live in the one
 * names table, `names` in @millwright/kube, so a rename cannot silently disable a policy.
 */
export const policyNames = {
  /** On every rendered policy and binding: the one-sentence description. */
  descriptionAnnotation: 'millwright.io/policy-description',
  /** The per-namespace default-deny NetworkPolicy the namespaces component renders. */
  defaultDenyNetworkPolicy: 'default-deny',
} as const;
