import type { KubeObject } from '@millwright/kube';

/** The group/version/resource an admission request for an object names. */
export interface ObjectResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The plural, lower-case resource name admission rules match (`deployments`). */
  readonly resource: string;
  readonly namespaced: boolean;
}

/** Plurals that the English rule below gets wrong, as the API server spells them. */
const irregularPlurals: Readonly<Record<string, string>> = {
  endpoints: 'endpoints',
  podsecuritypolicy: 'podsecuritypolicies',
};

/**
 * The resource name of a kind. A cluster's RESTMapper knows it exactly; offline the lower-case
 * kind pluralised the way Kubernetes' own and CRD kinds are (`NetworkPolicy` → `networkpolicies`,
 * `Ingress` → `ingresses`, `Application` → `applications`) is right for every kind rendered here.
 */
export function resourceName(kind: string): string {
  const lower = kind.toLowerCase();
  const irregular = irregularPlurals[lower];
  if (irregular) return irregular;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** Splits `apiVersion` and names the resource; an object with a namespace is namespaced. */
export function resourceOf(object: KubeObject): ObjectResource {
  const slash = object.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
  const version = slash === -1 ? object.apiVersion : object.apiVersion.slice(slash + 1);
  return { group, version, kind: object.kind, resource: resourceName(object.kind), namespaced: Boolean(object.metadata.namespace) };
}
