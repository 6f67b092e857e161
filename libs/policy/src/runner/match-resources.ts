import type { IMatchResources, INamedRuleWithOperations } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { names, type KubeObject } from '@millwright/kube';
import { matchesLabelSelector } from './label-selector.ts';
import type { ObjectResource } from './resource-of.ts';

/** An object as an admission request presents it to match rules. */
export interface MatchSubject {
  readonly object: KubeObject;
  readonly resource: ObjectResource;
  /** The labels of the object's namespace (always including `kubernetes.io/metadata.name`). */
  readonly namespaceLabels: Readonly<Record<string, string>>;
}

/** The runner applies every object as a CREATE, the operation a first sync performs. */
const operation = 'CREATE';

function listMatches(list: readonly string[] | undefined, value: string): boolean {
  return list === undefined || list.includes('*') || list.includes(value);
}

function ruleMatches(rule: INamedRuleWithOperations, subject: MatchSubject): boolean {
  const { group, version, resource, namespaced } = subject.resource;
  const resources = rule.resources ?? [];
  const scope = rule.scope ?? '*';
  return (
    listMatches(rule.apiGroups, group) &&
    listMatches(rule.apiVersions, version) &&
    (rule.operations ?? []).some((op) => op === '*' || op === operation) &&
    (resources.includes('*') || resources.includes('*/*') || resources.includes(resource)) &&
    (scope === '*' || (scope === 'Namespaced') === namespaced) &&
    (!rule.resourceNames?.length || rule.resourceNames.includes(subject.object.metadata.name))
  );
}

/**
 * Whether an admission request for the object is selected by a policy's `matchConstraints` or a
 * binding's `matchResources`: resource rules (required for a policy, optional for a binding),
 * exclusions, the namespace selector and the object selector.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#matching-requests-matchconstraints
 */
export function matchesResources(match: IMatchResources | undefined, subject: MatchSubject, rulesRequired: boolean): boolean {
  if (match?.resourceRules === undefined) {
    if (rulesRequired) return false;
  } else if (!match.resourceRules.some((rule) => ruleMatches(rule, subject))) {
    return false;
  }
  if (match?.excludeResourceRules?.some((rule) => ruleMatches(rule, subject))) return false;
  if (!matchesLabelSelector(match?.objectSelector, subject.object.metadata.labels ?? {})) return false;
  // Kubernetes applies the namespace selector to a Namespace's own labels (which always include
  // its name), and never skips other cluster-scoped objects because of it.
  if (subject.object.kind === 'Namespace' && subject.resource.group === '') {
    const labels = { ...subject.object.metadata.labels, [names.labels.namespaceName]: subject.object.metadata.name };
    return matchesLabelSelector(match?.namespaceSelector, labels);
  }
  if (!subject.resource.namespaced) return true;
  return matchesLabelSelector(match?.namespaceSelector, subject.namespaceLabels);
}
