import { describeObject, type KubeObject, type ResolvedComponent } from '@millwright/platform';
import { evaluatePolicies, type Policy, type PolicyReport, type PolicyTarget } from '@millwright/policy';
import { parseManifest, type ManifestProblem, type ManifestSource } from './manifest-documents.ts';

/**
 * The group every gated manifest lands in (the `cluster` of its results): the inputs are judged
 * together, as objects applied to one cluster, so a workload finds the PodDisruptionBudget or
 * NetworkPolicy given beside it.
 */
export const manifestsCluster = 'manifests';

/** The component whose objects every platform cluster has before anything else syncs (wave 0). */
const namespacesComponent = 'namespaces';

/** apiVersion, kind, namespace and name: what makes two objects the same object to a cluster. */
const identityOf = (object: KubeObject) => `${object.apiVersion} ${describeObject(object)}`;

/**
 * What a cluster of this platform already holds when a manifest is applied to it: the objects of
 * the `namespaces` component — each Namespace with its labels (plane, Pod Security level), its
 * default-deny and DNS NetworkPolicies — on every cluster, deduplicated. Bindings that select
 * namespaces by label, and the default-deny parameter, then resolve for a manifest exactly as for
 * the rendered tree.
 */
export function platformNamespaces(components: readonly ResolvedComponent[]): KubeObject[] {
  const component = components.find((c) => c.definition.name === namespacesComponent);
  if (!component) return [];
  const unique = new Map<string, KubeObject>();
  for (const object of [component.objects, ...Object.values(component.clusterObjects)].flat()) {
    unique.set(identityOf(object), object);
  }
  return [...unique.values()];
}

/** The objects of the manifest sources, or what kept some of them from being read as objects. */
export interface ManifestTargets {
  readonly targets: PolicyTarget[];
  readonly problems: ManifestProblem[];
}

/**
 * Every object of the sources as a target of the one {@link manifestsCluster} group. YAML that
 * does not parse, a document that is not an object, and a source holding no object at all (an
 * empty pipe from a build that failed) are problems: a gate must not pass on what it could not
 * read. Pure.
 */
export function collectManifestTargets(sources: readonly ManifestSource[]): ManifestTargets {
  const targets: PolicyTarget[] = [];
  const problems: ManifestProblem[] = [];
  for (const source of sources) {
    const parsed = parseManifest(source, manifestsCluster);
    problems.push(...parsed.problems);
    if (parsed.targets.length === 0 && parsed.problems.length === 0) {
      problems.push({ file: source.name, message: 'holds no Kubernetes object, so nothing would be tested; check what produced it' });
    }
    targets.push(...parsed.targets);
  }
  return { targets, problems };
}

/**
 * Evaluates the policies against the manifest targets on top of `context`, what the cluster
 * already has (see {@link platformNamespaces}), which is looked up but not tested. A target with
 * the identity of a context object replaces it, so a manifest that brings its own Namespace is
 * judged by that Namespace's labels. Pure.
 */
export function evaluateManifestTargets(targets: readonly PolicyTarget[], context: readonly KubeObject[], policies: readonly Policy[]): PolicyReport {
  const given = new Set(targets.map((target) => identityOf(target.object)));
  const background = context.filter((object) => !given.has(identityOf(object))).map((object) => ({ object, file: namespacesComponent, cluster: manifestsCluster }));
  return evaluatePolicies(policies, targets, background);
}
